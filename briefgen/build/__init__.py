"""Build: the steps that turn data/ into the generated site, and the machinery that makes them cheap.

The steps (steps.py), the kept site between builds (sitecache.py), the pages a server keeps
between rebuilds (pagememo.py), the worker pool (parallel.py). Only briefgen/plugin.py,
above this, imports MkDocs.
"""
