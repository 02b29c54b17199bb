"""The course as downloads (`frontline dist`, `make dist`): SCORM packages of the book for learning
platforms, the question bank in platform formats, and (later) the offline and printed editions,
each per track and language, in one folder under `_build/dist/`.

May import: content, grading, printed, book, and the shared helpers.
"""
