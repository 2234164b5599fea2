"""Analyse: one validated corpus → one `CorpusIndex`, built once per build.

Who is mentioned where, each figure's reading, the judged comparisons. Imports the
ground only (and read's model); nothing here knows about pages, charts or MkDocs.
"""
