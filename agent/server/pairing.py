"""The pairing token: the one secret between the extension and the agent (docs/DESIGN.md §2.4).

The token lives in the config dir, mode 0600. It is written atomically (a temporary file opened
with O_EXCL and mode 0600, then `os.replace`), so no reader ever sees a half-written token and
no other user can ever read it, not even for an instant. `linklens token --rotate` writes a new
one; a running agent notices on the next `hello` (`TokenFile.matches` re-reads the file only when
its identity on disk changed). Tokens are compared with `secrets.compare_digest`.
"""

from __future__ import annotations

__all__ = [
    "TokenFile",
    "create_token",
    "ensure_token",
    "read_token",
    "rotate_token",
    "token_matches",
]

import contextlib
import logging
import os
import secrets
import stat
from pathlib import Path

logger = logging.getLogger(__name__)

# 32 random bytes, URL-safe base64: 43 characters a person can paste.
_TOKEN_BYTES = 32
# A token file larger than this is not ours; never read a huge file into memory on each hello.
_MAX_TOKEN_FILE = 1024


def _write_atomically(path: Path, token: str) -> None:
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(8)}.tmp")
    # O_EXCL: never write through a file (or symlink) someone else put there.
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
    try:
        with os.fdopen(fd, "w", encoding="ascii") as out:
            out.write(token + "\n")
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


def create_token(path: Path) -> str:
    """Write a new random token to `path` (atomically, mode 0600) and return it."""
    token = secrets.token_urlsafe(_TOKEN_BYTES)
    _write_atomically(path, token)
    return token


def read_token(path: Path) -> str | None:
    """The token in `path`, or None when the file is missing, empty or not a token file."""
    try:
        with path.open("rb") as source:
            data = source.read(_MAX_TOKEN_FILE + 1)
    except FileNotFoundError:
        return None
    if len(data) > _MAX_TOKEN_FILE:
        return None
    try:
        token = data.decode("ascii").strip()
    except UnicodeDecodeError:
        return None
    return token or None


def ensure_token(path: Path) -> str:
    """The existing token (its mode tightened to 0600 if it was looser), or a new one."""
    token = read_token(path)
    if token is None:
        return create_token(path)
    mode = stat.S_IMODE(path.stat().st_mode)
    if mode & 0o077:
        logger.warning("token file %s was readable by others; setting mode 0600", path)
        path.chmod(0o600)
    return token


def rotate_token(path: Path) -> str:
    """Replace the token with a new one; a running agent uses it for new connections."""
    return create_token(path)


def token_matches(expected: str | None, offered: str) -> bool:
    """Constant-time comparison; never true when there is no token."""
    if not expected:
        return False
    # compare_digest on str refuses non-ASCII; bytes accept anything the client sends.
    return secrets.compare_digest(
        expected.encode("utf-8"), offered.encode("utf-8", "surrogatepass")
    )


class TokenFile:
    """The token file as a running agent sees it: re-read cheaply when it changes on disk."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._identity: tuple[int, int, int, int] | None = None
        self._token: str | None = None

    def current(self) -> str | None:
        """The token now on disk; a `stat` per call, a read only when the file changed."""
        try:
            st = self.path.stat()
        except FileNotFoundError:
            self._identity, self._token = None, None
            return None
        identity = (st.st_ino, st.st_dev, st.st_mtime_ns, st.st_size)
        if identity != self._identity:
            self._token = read_token(self.path)
            self._identity = identity
        return self._token

    def matches(self, offered: str) -> bool:
        """True when `offered` is the current token."""
        return token_matches(self.current(), offered)
