"""Limber: stretch files become a validated, browsable, printable, offline stretch library.

The package holds everything but the MkDocs glue, which lives in ``hooks/limber_mkdocs.py``.
"""

__version__ = "0.1.0"
