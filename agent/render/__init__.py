"""Rendering a page in Chromium: the shared browser, the page render as named steps, the address guard, the collector bridge.

Nothing is imported here: each module is loaded only by the command that needs it
(start-up time; see tests/foundation/test_startup_imports.py).
"""
