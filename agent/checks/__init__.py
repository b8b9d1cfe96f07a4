"""Where links lead: the link checker, its status cache, the policy-bound resolver for aiohttp.

Nothing is imported here: each module is loaded only by the command that needs it
(start-up time; see tests/foundation/test_startup_imports.py).
"""
