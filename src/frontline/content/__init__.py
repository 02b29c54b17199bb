"""The course's sources, read and validated: the question bank, the modules, the national adaptation,
the figures' data, the exercises, and the workshop kits and activities. Every other part starts here.

May import: the shared helpers only (frontline.paths, errors, files, yamlfile, markdown).
"""
