"""Constants both ends agree on: protocol version, default port, the extension's fixed id."""

from __future__ import annotations

__all__ = [
    "CHROME_EXTENSION_ID",
    "DEFAULT_PORT",
    "EXTENSION_PUBLIC_KEY",
    "PROTOCOL_VERSION",
    "extension_id_from_key",
]

import base64
import hashlib

#: Bumped only for incompatible changes; new optional fields do not bump it.
PROTOCOL_VERSION = 1

#: The agent's default port on 127.0.0.1.
DEFAULT_PORT = 47113

#: The public key in extension/manifest.json ("key"). It pins the unpacked extension's id;
#: the private half is not needed for unpacked loading and is not kept anywhere.
EXTENSION_PUBLIC_KEY = (
    "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAreGYcwybG24ErTHCWST+3Fkci9R3oriUYYlFw0I0pQJf"
    "Bl0UUj1QfhNRQobuzoKWeMcTpUjSt35Yr8rra0lpd3flGeCOJoHnng6cwuNvClIxCZ2JwvgpcmEhdiSNj5l1NJhI"
    "uqqv4gvH7De9cnG6/M/4T8ucCHRm7n1WkJVRvTlqukX4d5q5Sjr1plg5/U2zwO2aQsuZgO2zSJD9UvokfuGsyabb"
    "Pr5xEXius8xUlz6HYZEqKcUWub2SA10u+UcJ/4uAHmTvGhprT/GQW4qwBX7n679PuZPJy4VNOMxtp4kKgGsdyALv"
    "eVvBtSFp5mWGs9j2wxJiLmimSP+xJz7vwQIDAQAB"
)

#: Chrome's id for the unpacked extension (derived from EXTENSION_PUBLIC_KEY; a test checks it).
CHROME_EXTENSION_ID = "hgjmcffkifokcapmlfjkmnjklfijknbp"


def extension_id_from_key(public_key_b64: str) -> str:
    """Chrome's extension id: the first 128 bits of SHA-256 of the DER key, hex digits as a-p."""
    digest = hashlib.sha256(base64.b64decode(public_key_b64)).hexdigest()[:32]
    return "".join(chr(ord("a") + int(c, 16)) for c in digest)
