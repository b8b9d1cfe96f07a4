"""Names and addresses: host facts, the resolver (host_map, then the system), the address policy.

Nothing is imported here: each module is loaded only by the command that needs it
(start-up time; see tests/foundation/test_startup_imports.py).
"""
