"""Error codes the agent sends in `error` messages, each with a number and a human message.

Codes are stable strings (add, never rename); the number is for documentation and support
("error 23"). The message is one sentence a person can act on; the agent may replace it with a
more specific sentence, but the code always means the same thing.
"""

from __future__ import annotations

__all__ = ["ERRORS", "ErrorCode", "error_message"]

from enum import StrEnum


class ErrorCode(StrEnum):
    # Connection and handshake
    UNAUTHORIZED = "unauthorized"
    UNSUPPORTED_PROTOCOL = "unsupported_protocol"
    # Messages
    INVALID_JSON = "invalid_json"
    INVALID_REQUEST = "invalid_request"
    DUPLICATE_ID = "duplicate_id"
    UNKNOWN_ID = "unknown_id"
    BUSY = "busy"
    # URLs asked for
    INVALID_URL = "invalid_url"
    SCHEME_NOT_ALLOWED = "scheme_not_allowed"
    TARGET_NOT_ALLOWED = "target_not_allowed"
    CREDENTIALS_IN_URL = "credentials_in_url"
    URL_TOO_LONG = "url_too_long"
    # Rendering
    UNREACHABLE = "unreachable"
    RENDER_TIMEOUT = "render_timeout"
    TOO_MANY_REDIRECTS = "too_many_redirects"
    NOT_HTML = "not_html"
    BROWSER_UNAVAILABLE = "browser_unavailable"
    # Jobs
    CANCELLED = "cancelled"
    INTERNAL_ERROR = "internal_error"


#: code -> (number, default message)
ERRORS: dict[ErrorCode, tuple[int, str]] = {
    ErrorCode.UNAUTHORIZED: (1, "The pairing token is wrong; run `linklens token` and paste it into the extension's options."),
    ErrorCode.UNSUPPORTED_PROTOCOL: (2, "The extension and the agent speak different protocol versions; update the older one."),
    ErrorCode.INVALID_JSON: (10, "The message is not valid JSON."),
    ErrorCode.INVALID_REQUEST: (11, "The message is not a request the agent understands."),
    ErrorCode.DUPLICATE_ID: (12, "A request with this id is still running."),
    ErrorCode.UNKNOWN_ID: (13, "No running request has this id."),
    ErrorCode.BUSY: (14, "The agent is busy with other pages; try again in a moment."),
    ErrorCode.INVALID_URL: (20, "The address is not a valid URL."),
    ErrorCode.SCHEME_NOT_ALLOWED: (21, "Only http and https pages can be analysed."),
    ErrorCode.TARGET_NOT_ALLOWED: (22, "That address is not allowed: it points at the agent itself or at a private or internal network."),
    ErrorCode.CREDENTIALS_IN_URL: (23, "Addresses with a user name or password in them are not analysed."),
    ErrorCode.URL_TOO_LONG: (24, "The address is too long."),
    ErrorCode.UNREACHABLE: (30, "The page could not be reached."),
    ErrorCode.RENDER_TIMEOUT: (31, "The page did not load in time."),
    ErrorCode.TOO_MANY_REDIRECTS: (32, "The page redirects too many times (or in a loop)."),
    ErrorCode.NOT_HTML: (33, "That address is not an HTML page (a file, image or download)."),
    ErrorCode.BROWSER_UNAVAILABLE: (34, "No Chromium was found; install Chromium or Google Chrome, or set LINKLENS_CHROMIUM."),
    ErrorCode.CANCELLED: (40, "The request was cancelled."),
    ErrorCode.INTERNAL_ERROR: (99, "The agent hit an unexpected error; the details are in its log."),
}


def error_message(code: ErrorCode) -> str:
    """The default sentence for an error code."""
    return ERRORS[code][1]
