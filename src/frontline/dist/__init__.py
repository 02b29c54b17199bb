"""The course as downloads (`frontline dist`, `make dist`): SCORM packages of the book for learning
platforms, the question bank in platform formats, and the offline and printed editions (those two
per published language, and a draft asked for by name), in one folder under `_build/dist/`.

May import: content, grading, printed, book, and the shared helpers.
"""
