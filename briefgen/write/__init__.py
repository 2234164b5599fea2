"""Write: the corpus index → every file of the site (pages, charts, downloads), as text.

Imports analyse and the ground; knows nothing of MkDocs or of how a build is run.
"""
