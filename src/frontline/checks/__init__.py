"""Content checks across every part (`frontline check`): they look at everything, so they sit above
the parts and nothing imports them but the command.

May import: content, grading, printed, book, reports, dist, and the shared helpers.
"""
