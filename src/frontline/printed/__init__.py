"""Paper and PDF: the shared printable renderer, the field cards cut from the modules, and the
facilitator and participant packs of the workshop kits.

May import: content, grading (its leak guard and the practice sets), and the shared helpers.
"""
