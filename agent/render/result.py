"""What the render of one page gives the rest of the flow."""

from __future__ import annotations

__all__ = ["RenderResult", "header"]

from dataclasses import dataclass, field

from protocol import Collection


def header(headers: list[tuple[str, str]], name: str) -> str | None:
    """The first value of header `name` (any case), or None."""
    name = name.lower()
    for key, value in headers:
        if key.lower() == name:
            return value
    return None


@dataclass
class RenderResult:
    """The page as rendered: where it ended up, its document as sent, the links collected (and,
    when asked, the DOM as the scripts left it)."""

    url: str
    final_url: str
    status: int | None
    headers: list[tuple[str, str]]
    raw_html: bytes | None
    collection: Collection
    partial: bool
    timings: dict[str, float] = field(default_factory=dict)
    #: The main document was larger than the raw-view cap (`Config.max_html_bytes`): `raw_html`
    #: is None and the report says `truncated`.
    raw_too_large: bool = False
    #: The DOM serialized after the links were collected (scripts' changes included), read only
    #: when the caller asked (`render_page(keep_html=True)`); None otherwise, and when it could
    #: not be read in the time left, or was larger than `Config.max_html_bytes` (UTF-8).
    rendered_html: str | None = None

    def header(self, name: str) -> str | None:
        """The main document's first `name` header, or None."""
        return header(self.headers, name)
