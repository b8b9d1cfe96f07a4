"""The token file: created atomically with mode 0600, read, rotated, compared in constant time."""

from __future__ import annotations

import os
import secrets
import stat
import threading
from pathlib import Path

import pytest

from agent.server import pairing
from agent.server.pairing import (
    TokenFile,
    create_token,
    ensure_token,
    read_token,
    rotate_token,
    token_matches,
)


def mode_of(path: Path) -> int:
    """The permission bits of a file."""
    return stat.S_IMODE(path.stat().st_mode)


def test_new_token_is_long_random_and_private(tmp_path: Path) -> None:
    """A new token is 43 URL-safe characters, alone in a 0600 file in a 0700 directory."""
    path = tmp_path / "config" / "token"
    token = create_token(path)
    assert len(token) == 43
    assert set(token) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
    assert path.read_text() == token + "\n"
    assert mode_of(path) == 0o600
    assert mode_of(path.parent) == 0o700
    assert create_token(tmp_path / "other") != token


def test_token_file_is_0600_even_with_a_permissive_umask(tmp_path: Path) -> None:
    """The mode is set at open (O_CREAT 0600), so a umask of 000 does not loosen it."""
    old = os.umask(0)
    try:
        path = tmp_path / "token"
        create_token(path)
    finally:
        os.umask(old)
    assert mode_of(path) == 0o600


def test_write_is_atomic_and_leaves_no_temp_files(tmp_path: Path) -> None:
    """Readers racing a rotation always see a whole token; no temporary file is left behind."""
    path = tmp_path / "token"
    initial = create_token(path)
    seen: set[str | None] = set()
    stop = threading.Event()

    def reader() -> None:
        while not stop.is_set():
            seen.add(read_token(path))

    thread = threading.Thread(target=reader)
    thread.start()
    try:
        written = {rotate_token(path) for _ in range(40)}
    finally:
        stop.set()
        thread.join()
    assert None not in seen
    assert seen <= written | {initial}  # never a half-written token
    assert sorted(p.name for p in tmp_path.iterdir()) == ["token"]


def test_write_never_follows_a_planted_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """O_EXCL: if the temporary name already exists (a planted symlink), the write fails safely."""
    target = tmp_path / "victim"
    target.write_text("keep")
    monkeypatch.setattr(secrets, "token_hex", lambda _n: "fixed")
    (tmp_path / ".token.fixed.tmp").symlink_to(target)
    with pytest.raises(FileExistsError):
        create_token(tmp_path / "token")
    assert target.read_text() == "keep"


def test_ensure_token_keeps_an_existing_token(tmp_path: Path) -> None:
    """ensure_token creates a token once and returns the same one afterwards."""
    path = tmp_path / "token"
    first = ensure_token(path)
    assert ensure_token(path) == first


def test_ensure_token_tightens_a_loose_mode(tmp_path: Path) -> None:
    """A token file readable by others is set back to 0600."""
    path = tmp_path / "token"
    token = create_token(path)
    path.chmod(0o644)
    assert ensure_token(path) == token
    assert mode_of(path) == 0o600


@pytest.mark.parametrize("content", [b"", b"   \n", b"\xff\xfe", b"x" * 5000])
def test_unusable_token_files_read_as_none(tmp_path: Path, content: bytes) -> None:
    """An empty, non-ASCII or huge file is not a token (and ensure_token replaces it)."""
    path = tmp_path / "token"
    path.write_bytes(content)
    assert read_token(path) is None
    assert len(ensure_token(path)) == 43


def test_missing_file_reads_as_none(tmp_path: Path) -> None:
    """No file, no token."""
    assert read_token(tmp_path / "nope") is None


def test_rotate_replaces_the_token(tmp_path: Path) -> None:
    """rotate_token writes a different token, still 0600."""
    path = tmp_path / "token"
    old = ensure_token(path)
    new = rotate_token(path)
    assert new != old
    assert read_token(path) == new
    assert mode_of(path) == 0o600


def test_token_matches_compares_exactly() -> None:
    """Only the exact token matches; no token never matches; odd input does not raise."""
    assert token_matches("abc", "abc")
    assert not token_matches("abc", "abd")
    assert not token_matches("abc", "abcd")
    assert not token_matches("abc", "")
    assert not token_matches(None, "")
    assert not token_matches("", "")
    assert not token_matches("abc", "äbc\udc00")


def test_compare_uses_compare_digest(monkeypatch: pytest.MonkeyPatch) -> None:
    """The comparison goes through secrets.compare_digest (constant time)."""
    calls: list[tuple[bytes, bytes]] = []

    def spy(a: bytes, b: bytes) -> bool:
        calls.append((a, b))
        return a == b

    monkeypatch.setattr(secrets, "compare_digest", spy)
    assert token_matches("t", "t")
    assert calls == [(b"t", b"t")]


def test_token_file_follows_rotation_and_reads_only_on_change(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """TokenFile sees a rotated token at once and re-reads the file only when it changed."""
    path = tmp_path / "token"
    first = create_token(path)
    source = TokenFile(path)
    reads: list[Path] = []
    real_read = pairing.read_token

    def counting_read(p: Path) -> str | None:
        reads.append(p)
        return real_read(p)

    monkeypatch.setattr(pairing, "read_token", counting_read)
    assert source.matches(first)
    assert source.matches(first)
    assert len(reads) == 1
    second = rotate_token(path)
    assert not source.matches(first)
    assert source.matches(second)
    assert len(reads) == 2
    path.unlink()
    assert not source.matches(second)
