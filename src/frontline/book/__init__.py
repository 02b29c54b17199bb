"""The HTML book: the build (full and incremental), the Sphinx extension, the self-checks, the
exercises and figures that module notebooks call, and the page-weight measure.

May import: content, printed (the field cards the book links to), and the shared helpers.
"""
