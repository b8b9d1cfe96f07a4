"""What the links of a page are: hosts, targets, the raw view, classification, flags, scoring, cloaking.

Nothing is imported here: each module is loaded only by the command that needs it
(start-up time; see tests/foundation/test_startup_imports.py).
"""
