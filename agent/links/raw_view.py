"""The raw view: the links in the HTML the server sent, before any JavaScript ran.

Parsed with selectolax's Lexbor parser (the HTML Standard's tree building, as a browser does:
malformed markup, unquoted attributes, entities, nested `<a>`, tables, upper-case tags) with
scripting on, so `<noscript>` is text exactly as in the rendered page. Every href is resolved the
WHATWG way with ada-url against the document's base URL; Python's urljoin would differ from
Chromium's `element.href` on tabs, backslashes, IDNA hosts, IPv4 shorthand, default ports and
spaces, and every difference would show up as a false `js_generated` link.

Bytes are decoded by the byte order mark, else the charset of the Content-Type header, else a
`<meta charset>` (or http-equiv content type) in the first 1024 bytes, else as windows-1252:
that is what the agent's headless Chromium does with an undeclared page (measured: no guessing
from the bytes), and the raw view must read the bytes as the rendered view did. Labels are read
the WHATWG way (iso-8859-1 is windows-1252, shift_jis is windows-31j...). The encoding also
matters for hrefs: as in a browser, non-ASCII characters in the query of an http(s) link on a
legacy-encoded page are percent-encoded in that encoding, not in UTF-8.
"""

from __future__ import annotations

__all__ = [
    "MAX_NESTING",
    "TEXT_LIMIT",
    "RawLink",
    "RawView",
    "collapse_text",
    "decode_html",
    "extract_raw_view",
    "resolve_href",
]

import codecs
import re
from dataclasses import dataclass
from typing import Any, Literal

import ada_url
from selectolax.lexbor import LexborHTMLParser

#: Characters of link text kept; extension/collector.js keeps the same number.
TEXT_LIMIT = 500

# JavaScript's \s (what the collector collapses), so both views produce the same text.
_JS_WHITESPACE = re.compile(
    "[\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]+"
)
# document.title strips and collapses ASCII whitespace only.
_ASCII_WHITESPACE = re.compile("[\t\n\f\r ]+")
_CHARSET = re.compile(rb"charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:+-]+)", re.IGNORECASE)
# <meta charset=...> or <meta http-equiv=content-type content="...; charset=...">, near enough
# to the HTML Standard's prescan of the first 1024 bytes.
_META_CHARSET = re.compile(rb"<meta\b[^>]*?charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:+-]+)", re.IGNORECASE)
# WHATWG encoding labels whose encoding Python's codecs name differently.
_LABEL_ALIASES = {
    **dict.fromkeys(
        ("latin1", "latin-1", "iso-8859-1", "iso8859-1", "iso_8859-1", "us-ascii", "ascii", "l1",
         "cp819", "ibm819", "iso-ir-100", "x-cp1252"),
        "cp1252",
    ),
    **dict.fromkeys(("iso-8859-9", "iso8859-9", "latin5", "l5", "iso-ir-148"), "cp1254"),
    **dict.fromkeys(("iso-8859-11", "tis-620", "dos-874"), "cp874"),
    **dict.fromkeys(("shift_jis", "shift-jis", "sjis", "x-sjis", "ms_kanji", "ms932", "windows-31j",
                     "csshiftjis"), "cp932"),
    **dict.fromkeys(("euc-kr", "ks_c_5601-1987", "korean", "windows-949", "csksc56011987"), "cp949"),
    **dict.fromkeys(("gb2312", "gbk", "x-gbk", "chinese", "csgb2312", "gb_2312-80"), "gbk"),
    **dict.fromkeys(("big5", "big5-hkscs", "cn-big5", "x-x-big5", "csbig5"), "big5hkscs"),
}
# Schemes whose query is encoded in the document's encoding (URL Standard: special, not ws/wss).
_LEGACY_QUERY_SCHEMES = ("http:", "https:", "ftp:", "file:")
_QUERY_ESCAPED = frozenset(b"\"#<>'")
_C1_CONTROLS = {0xDC00 + byte: byte for byte in (0x81, 0x8D, 0x8F, 0x90, 0x9D)}
# The URL schemes whose base URL Chromium refuses ("not allowed"), falling back to the
# document's own URL.
_REFUSED_BASE_SCHEMES = ("data:", "javascript:")
_XLINK_HREF = "xlink:href"


@dataclass(frozen=True)
class RawLink:
    """One `<a>` or `<area>` of the server's HTML, its href resolved as the browser would."""

    href: str | None
    attr_href: str | None
    rel: str
    text: str
    tag: Literal["a", "area"]


@dataclass(frozen=True)
class RawView:
    """Every link of the raw HTML in document order, and the page facts read from it."""

    links: list[RawLink]
    base_url: str  # an invalid <base href> is kept as written (Chromium resolves nothing then)
    robots: list[str]
    canonical: str | None
    title: str | None
    truncated: bool


def collapse_text(text: str | None) -> str:
    """Whitespace collapsed and trimmed the way the collector does it, cut at TEXT_LIMIT."""
    if not text:
        return ""
    return _JS_WHITESPACE.sub(" ", text).strip(" ")[:TEXT_LIMIT]


def resolve_href(attr: str, base_url: str, encoding: str = "utf-8") -> str:
    """The href exactly as Chromium's `element.href` gives it: WHATWG-resolved against the base,
    or the attribute as written when it is not a valid URL. encoding is the document's (a Python
    codec name): it decides how non-ASCII characters of an http(s) query are percent-encoded.

    Chromium departs from the URL Standard in three ways the differential tests found: it keeps
    a space (or no-break space, or %20) in a host as %20 where the Standard fails, writes `*` in
    a host as %2A, and percent-encodes ' in the query of every scheme, not only the special
    ones (`mailto:?subject='x'` -> `mailto:?subject=%27x%27`). All three are reproduced here. With an invalid
    <base href>, Chromium resolves nothing relative (the attribute comes back as written) while
    absolute URLs still parse.
    """
    resolved = _resolve(attr, base_url)
    if encoding != "utf-8" and not attr.isascii() and resolved.startswith(_LEGACY_QUERY_SCHEMES):
        legacy = _encode_query(attr, encoding)
        if legacy != attr:
            return _resolve(legacy, base_url)
    return resolved


def _resolve(attr: str, base_url: str) -> str:
    try:
        return _chromium_query(_chromium_host(str(ada_url.join_url(base_url, attr))))
    except ValueError:
        pass
    try:
        # Absolute, whatever the base.
        return _chromium_query(_chromium_host(str(ada_url.URL(attr).href)))
    except ValueError:
        pass
    spaced = _resolve_with_spaced_host(attr, base_url)
    return attr if spaced is None else spaced


def _encode_query(attr: str, encoding: str) -> str:
    """attr with the non-ASCII characters of its query percent-encoded in the document's
    encoding; a character the encoding lacks becomes %26%23<code>%3B ("&#code;"), as the URL
    Standard says."""
    before_fragment, hash_mark, fragment = attr.partition("#")
    path, question, query = before_fragment.partition("?")
    if not question or query.isascii():
        return attr
    out: list[str] = []
    for char in query:
        if char.isascii():
            out.append(char)
            continue
        try:
            encoded = char.encode(encoding)
        except UnicodeEncodeError:
            out.append(f"%26%23{ord(char)}%3B")
            continue
        # Only bytes in the special-query percent-encode set are escaped: a multi-byte character
        # (Shift_JIS) can end in a plain ASCII byte, which stays as it is.
        out.append("".join(
            chr(byte) if 0x21 <= byte <= 0x7E and byte not in _QUERY_ESCAPED else f"%{byte:02X}"
            for byte in encoded
        ))
    return f"{path}?{''.join(out)}{hash_mark}{fragment}"


# Stands in for a space while ada parses a URL whose host has one: valid in every URL part,
# unchanged by lower-casing, and never in a real URL.
_SPACE_MARK = "zq0llsp0qz"
_C0_OR_SPACE = "".join(chr(c) for c in range(0x21))


def _resolve_with_spaced_host(attr: str, base_url: str) -> str | None:
    text = attr.strip(_C0_OR_SPACE)
    marked = text
    for space in ("%20", " ", "\u00a0"):
        marked = marked.replace(space, _SPACE_MARK)
    if marked == text:
        return None
    try:
        resolved = str(ada_url.join_url(base_url, marked))
    except ValueError:
        return None
    # IDNA would have folded the mark into punycode: then this is not a case we can reproduce.
    if resolved.count(_SPACE_MARK) != marked.count(_SPACE_MARK):
        return None
    return _chromium_query(_chromium_host(resolved.replace(_SPACE_MARK, "%20")))


def _chromium_query(href: str) -> str:
    """Chromium writes ' as %27 in the query of every URL; the URL Standard (and ada) only in
    special ones (http, https, ws, wss, ftp, file). Share links are where it shows:
    `mailto:?subject='…'`, `whatsapp://send?text=it's` (and `javascript:f('a?b')`, whose "query"
    begins at the ?). The fragment is left alone, as Chromium does."""
    if "'" not in href:
        return href
    before, hash_mark, fragment = href.partition("#")
    path, question, query = before.partition("?")
    if not question or "'" not in query:
        return href
    return f"{path}?{query.replace(chr(39), '%27')}{hash_mark}{fragment}"


def _chromium_host(href: str) -> str:
    if "*" not in href:
        return href
    parts = ada_url.parse_url(href)
    host = str(parts["hostname"])
    if "*" not in host:
        return href
    username, password = str(parts["username"]), str(parts["password"])
    userinfo = username + (":" + password if password else "")
    return (
        f"{parts['protocol']}//{userinfo + '@' if userinfo else ''}{host.replace('*', '%2A')}"
        f"{':' + str(parts['port']) if parts['port'] else ''}"
        f"{parts['pathname']}{parts['search']}{parts['hash']}"
    )


def _python_codec(label: str) -> str | None:
    label = label.strip().lower()
    label = _LABEL_ALIASES.get(label, label)
    try:
        info = codecs.lookup(label)
    except LookupError:
        return None
    # UTF-16 declared in a document that was read as ASCII-compatible bytes means UTF-8 (the
    # HTML Standard's rule); transform codecs (base64, rot13) cannot be a page's charset.
    if info.name.startswith("utf-16") or info.name == "utf-8":
        return "utf-8"
    if not getattr(info, "_is_text_encoding", True):
        return None
    return info.name


def _python_codec_of(match: re.Match[bytes] | None) -> str | None:
    return _python_codec(match.group(1).decode("ascii")) if match else None


def decode_html(html: bytes, content_type: str | None) -> tuple[str, str]:
    """The document's text and the codec it was read with (HTML Standard order of precedence:
    byte order mark, transport charset, <meta> in the first 1024 bytes, default).

    The link checker reads a checked page's title with it too, so both read bytes as Chromium.
    """
    for bom, bom_codec in (
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if html.startswith(bom):
            # URLs of a UTF-16 document are still encoded as UTF-8 (URL Standard).
            return html[len(bom) :].decode(bom_codec, errors="replace"), "utf-8"
    codec: str | None = None
    if content_type:
        codec = _python_codec_of(_CHARSET.search(content_type.encode("latin-1", "replace")))
    if codec is None:
        codec = _python_codec_of(_META_CHARSET.search(html[:1024]))
    codec = codec or "cp1252"
    if codec == "cp1252":
        # WHATWG's windows-1252 maps the five bytes Python's cp1252 leaves undefined to the C1
        # controls of the same number.
        return html.decode(codec, errors="surrogateescape").translate(_C1_CONTROLS), codec
    return html.decode(codec, errors="replace"), codec


def _parse(html: bytes | str, content_type: str | None) -> tuple[LexborHTMLParser, str]:
    if isinstance(html, str):
        return LexborHTMLParser(html, scripting=True), "utf-8"
    text, codec = decode_html(html, content_type)
    return LexborHTMLParser(text, scripting=True), codec


def _attr(node: Any, name: str) -> str | None:
    value = node.attributes.get(name)
    # selectolax gives None for an attribute written without a value (<a href>); the DOM says "".
    if value is None and name in node.attributes:
        return ""
    return value if value is None else str(value)


#: Elements whose text a reader never sees: with scripting on, <noscript> holds its markup as
#: text ("<img class=… src=…>"); script, style and template text is never rendered. The
#: collector leaves out the same ones.
_NOT_READ = "noscript, script, style, template"


def _read_text(node: Any) -> str:
    """The link's text without the text of _NOT_READ elements (a copy is trimmed: the tree is
    still being read)."""
    if node.css_first(_NOT_READ) is None:
        return str(node.text(deep=True, separator="", strip=False))
    copy = node.clone()
    for inner in copy.css(_NOT_READ):
        inner.decompose()
    return str(copy.text(deep=True, separator="", strip=False))


def _link_text(node: Any, tag: str) -> str:
    if tag == "area":
        return (
            collapse_text(_attr(node, "alt"))
            or collapse_text(_attr(node, "aria-label"))
            or collapse_text(_attr(node, "title"))
        )
    text = collapse_text(_read_text(node))
    if text:
        return text
    text = collapse_text(_attr(node, "aria-label")) or collapse_text(_attr(node, "title"))
    if text:
        return text
    for img in node.css("img"):
        alt = collapse_text(_attr(img, "alt"))
        if alt:
            return alt
    return ""


def _base_url(tree: LexborHTMLParser, document_url: str) -> str:
    for base in tree.css("base[href]"):
        # Only the first <base href> counts, even when it is unusable.
        href = _attr(base, "href") or ""
        try:
            resolved = str(ada_url.join_url(document_url, href))
        except ValueError:
            # Chromium keeps an invalid base, so relative hrefs stay as written: so do we.
            return href
        if resolved.lower().startswith(_REFUSED_BASE_SCHEMES):
            return document_url
        return resolved
    return document_url


def _template_contents(template: Any) -> str:
    """The markup inside a serialized <template>: its start tag ends at the first '>' outside a
    quoted attribute value (the serializer always quotes with ")."""
    outer = str(template.html or "")
    quoted = False
    for index, char in enumerate(outer):
        if char == '"':
            quoted = not quoted
        elif char == ">" and not quoted:
            end = outer.rfind("</template>")
            return outer[index + 1 : end if end > index else len(outer)]
    return ""


def _in_svg(node: Any) -> bool:
    parent = node.parent
    while parent is not None:
        if parent.tag == "svg":
            return True
        parent = parent.parent
    return False


#: Declarative shadow roots nested deeper than this are not read (the collector stops at the same
#: depth), so a hostile page cannot exhaust the stack.
MAX_NESTING = 64


def _collect(
    tree: LexborHTMLParser,
    base_url: str,
    encoding: str,
    links: list[RawLink],
    max_links: int,
    depth: int = 0,
) -> bool:
    """Append the tree's links in document order; False when max_links cut the list short.

    A declarative open shadow root (`<template shadowrootmode="open">`) is in the server's HTML
    and becomes a shadow root the collector walks, so its links count as raw too; Lexbor keeps
    it as a plain template, whose contents are parsed here as a fragment.
    """
    for node in tree.css("a, area, template[shadowrootmode]"):
        if node.tag == "template":
            if (_attr(node, "shadowrootmode") or "").strip().lower() != "open":
                continue  # closed shadow roots are invisible to the collector too
            if depth >= MAX_NESTING:
                continue
            inner = LexborHTMLParser(_template_contents(node), is_fragment=True, scripting=True)
            if not _collect(inner, base_url, encoding, links, max_links, depth + 1):
                return False
            continue
        if len(links) >= max_links:
            return False
        tag: Literal["a", "area"] = "area" if node.tag == "area" else "a"
        attr = _attr(node, "href")
        if attr is None and tag == "a" and _XLINK_HREF in node.attributes and _in_svg(node):
            attr = _attr(node, _XLINK_HREF)  # SVG <a xlink:href>; on HTML <a> it means nothing
        links.append(
            RawLink(
                href=None if attr is None else resolve_href(attr, base_url, encoding),
                attr_href=attr,
                rel=_attr(node, "rel") or "",
                text=_link_text(node, tag),
                tag=tag,
            )
        )
    return True


def extract_raw_view(
    html: bytes | str,
    document_url: str,
    *,
    max_links: int,
    content_type: str | None = None,
) -> RawView:
    """Every `<a>`/`<area>` of the raw HTML (document order, at most max_links) with the base
    URL, robots metas, canonical and title. document_url is the URL the document was served from
    (after redirects); content_type the response's Content-Type header, if known."""
    tree, encoding = _parse(html, content_type)
    base_url = _base_url(tree, document_url)
    links: list[RawLink] = []
    truncated = not _collect(tree, base_url, encoding, links, max_links)

    robots: list[str] = []
    for meta in tree.css("meta[name]"):
        name = (_attr(meta, "name") or "").strip().lower()
        if name in ("robots", "googlebot"):
            robots.append(_attr(meta, "content") or "")

    canonical: str | None = None
    for link in tree.css("link[rel][href]"):
        # rel splits on ASCII whitespace only (HTML standard; the collector does the same).
        if "canonical" in _ASCII_WHITESPACE.split((_attr(link, "rel") or "").lower()):
            canonical = resolve_href(_attr(link, "href") or "", base_url, encoding)
            break

    title_node = tree.css_first("title")
    title = None
    if title_node is not None:
        title = _ASCII_WHITESPACE.sub(" ", title_node.text(deep=True, strip=False)).strip(" ")
    return RawView(
        links=links,
        base_url=base_url,
        robots=robots,
        canonical=canonical,
        title=title,
        truncated=truncated,
    )
