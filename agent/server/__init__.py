"""The websocket side of the agent: handshake checks, the sans-I/O session, the job runner, pairing.

Nothing is imported here: each module is loaded only by the command that needs it
(start-up time; see tests/foundation/test_startup_imports.py).
"""
