"""Quizzes from the bank to the gradebook: the nbgrader course and its source notebooks, release,
kernel-free grading of submissions, the gradebook store, exports for learning platforms, feedback
pages, the limits on nbgrader's own autograde, and the guard that keeps graded answers from learners.

May import: content, and the shared helpers.
"""
