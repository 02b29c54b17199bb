"""The HTML book: the build (full and incremental), the Sphinx extension, the self-checks, the
exercises and figures that module notebooks call, the page-weight measure, and the slide decks
cut from the same modules.

May import: content, printed (the field cards the book links to), and the shared helpers.
"""
