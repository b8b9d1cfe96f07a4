"""The extension's identity: the public key pins the Chrome id the agent allows by default."""

from __future__ import annotations

import base64
import json
import re
from pathlib import Path

from agent.config import Config
from protocol import CHROME_EXTENSION_ID, EXTENSION_PUBLIC_KEY, extension_id_from_key

MANIFEST = Path(__file__).resolve().parents[2] / "extension" / "manifest.json"


def test_id_derives_from_the_public_key() -> None:
    """CHROME_EXTENSION_ID is Chrome's id for EXTENSION_PUBLIC_KEY (SHA-256, a-p digits)."""
    assert extension_id_from_key(EXTENSION_PUBLIC_KEY) == CHROME_EXTENSION_ID
    assert re.fullmatch(r"[a-p]{32}", CHROME_EXTENSION_ID)


def test_the_key_is_a_public_key_only() -> None:
    """The key is a DER SubjectPublicKeyInfo (RSA 2048), never private key material."""
    der = base64.b64decode(EXTENSION_PUBLIC_KEY, validate=True)
    assert der[:2] == b"\x30\x82"  # a DER SEQUENCE
    assert b"\x2a\x86\x48\x86\xf7\x0d\x01\x01\x01" in der[:32]  # rsaEncryption OID
    assert 290 <= len(der) <= 300  # a 2048-bit public key; a private key is ~1200 bytes


def test_another_key_gives_another_id() -> None:
    """The derivation depends on the key (a changed key would change the id)."""
    other = base64.b64encode(b"\x00" + base64.b64decode(EXTENSION_PUBLIC_KEY)[1:]).decode()
    assert extension_id_from_key(other) != CHROME_EXTENSION_ID


def test_manifest_carries_the_same_key() -> None:
    """extension/manifest.json's `key` is EXTENSION_PUBLIC_KEY, so the unpacked id is fixed."""
    manifest = json.loads(MANIFEST.read_text(encoding="utf-8"))
    assert manifest["key"] == EXTENSION_PUBLIC_KEY
    assert manifest["manifest_version"] == 3


def test_default_allowlist_is_the_extension_origin() -> None:
    """The agent allows the extension's origin by default."""
    assert Config().allowed_origins == (f"chrome-extension://{CHROME_EXTENSION_ID}",)


def test_no_private_key_in_the_repository() -> None:
    """No PEM private key is committed anywhere in the extension or protocol folders."""
    root = MANIFEST.parents[1]
    for folder in ("extension", "protocol", "scripts"):
        for path in (root / folder).rglob("*"):
            if path.is_file() and path.stat().st_size < 5_000_000:
                assert b"PRIVATE KEY-----" not in path.read_bytes(), path
