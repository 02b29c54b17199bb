"""Instructor reports: responses from the gradebook or paper, item and test statistics, objective
mastery and learning gain.

May import: content, grading (the gradebook's location and the answers' letters), and the shared helpers.
"""
