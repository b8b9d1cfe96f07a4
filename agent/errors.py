"""The agent's one exception root.

    LinkLensError            carries an ErrorCode; its message is safe to show a person
    ├── TargetRefused        the URL or a resolved address is outside the address policy
    └── ScanError            rendering or extraction failed (unreachable, timeout, not HTML...)

Anything else that escapes a job is a bug: the server answers `internal_error` without details
(they may be security-sensitive) and logs the traceback.
"""

from __future__ import annotations

__all__ = ["LinkLensError", "ScanError", "TargetRefused"]

from protocol import ErrorCode, error_message


class LinkLensError(Exception):
    """An error with a protocol code and a sentence a person can act on."""

    def __init__(self, code: ErrorCode, message: str | None = None) -> None:
        self.code = code
        self.message = message or error_message(code)
        super().__init__(self.message)


class TargetRefused(LinkLensError):
    """A URL (or the address its host resolves to) that the agent must not reach."""


class ScanError(LinkLensError):
    """The page could not be rendered or read."""
