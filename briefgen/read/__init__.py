"""Read: data/ files → one validated `Corpus` (model.py), every problem located at file:line:column.

Imports only the ground (model, units, problems, syntax): nothing here knows how the site looks.
"""
