"""Frontline: tooling for the first-response training curriculum.

The package is a pipeline in parts, each a subpackage whose docstring says what it does and which
parts it may import (tests/test_layout.py holds every import to that):

    content   the sources and their schemas (bank, modules, national, data, exercises, kits)
    grading   bank -> quiz notebook -> submissions -> gradebook -> exports and feedback
    printed   field cards and workshop packs, as HTML and PDF
    book      the HTML book: build, preview, Sphinx extension, self-checks, exercises, figures
    reports   the instructor report from the gradebook or paper answers
    checks    `frontline check`, across all of the above

The modules here at the top are the command (cli) and the few helpers every part shares (paths,
errors, files, yamlfile, markdown); the helpers import no part.
"""
