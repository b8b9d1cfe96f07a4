"""The raw view: links of the server's HTML, resolved as Chromium resolves them."""

from __future__ import annotations

import codecs

import pytest

from agent.links.raw_view import (
    MAX_NESTING,
    TEXT_LIMIT,
    RawLink,
    collapse_text,
    extract_raw_view,
    resolve_href,
)

PAGE_URL = "http://www.example.test/dir/page.html?x=1"


def hrefs(html: str | bytes, url: str = PAGE_URL) -> list[str | None]:
    """The resolved hrefs of a document, in order."""
    return [link.href for link in extract_raw_view(html, url, max_links=1000).links]


def test_fields_of_a_link() -> None:
    """href resolved, attr_href and rel as written, text collapsed, tag a."""
    view = extract_raw_view(
        '<a href=" ../x?q=1 " rel="NoFollow,UGC">  A\n &amp; <b>B</b>\t</a>', PAGE_URL, max_links=5
    )
    assert view.links == [
        RawLink(
            href="http://www.example.test/x?q=1",
            attr_href=" ../x?q=1 ",
            rel="NoFollow,UGC",
            text="A & B",
            tag="a",
        )
    ]


def test_anchor_without_href_and_empty_href() -> None:
    """No href attribute gives None; href with no value or "" resolves to the document URL."""
    assert hrefs('<a name="x">x</a><a href>y</a><a href="">z</a>') == [None, PAGE_URL, PAGE_URL]


def test_area_is_a_link_with_alt_text() -> None:
    """<area> is collected with tag area and its alt (then aria-label, title) as text."""
    view = extract_raw_view(
        '<map name=m><area href="/a" alt=" Alt "><area href="/b" title="T"></map>',
        PAGE_URL,
        max_links=5,
    )
    assert [(link.tag, link.text, link.href) for link in view.links] == [
        ("area", "Alt", "http://www.example.test/a"),
        ("area", "T", "http://www.example.test/b"),
    ]


def test_text_fallbacks() -> None:
    """Empty text falls back to aria-label, then title, then the first non-empty img alt."""
    view = extract_raw_view(
        '<a href=1 aria-label="Aria" title="T"></a><a href=2 title=" Ti  tle "> </a>'
        '<a href=3><img alt=""><img alt="Logo"></a><a href=4></a>',
        PAGE_URL,
        max_links=10,
    )
    assert [link.text for link in view.links] == ["Aria", "Ti tle", "Logo", ""]


def test_text_is_collapsed_like_javascript_and_capped() -> None:
    """Whitespace (no-break spaces too) collapses to one space; text stops at TEXT_LIMIT."""
    assert collapse_text("\u00a0 a \n\t b\u3000") == "a b"
    assert len(collapse_text("x" * (TEXT_LIMIT + 50))) == TEXT_LIMIT


@pytest.mark.parametrize(
    ("href", "expected"),
    [
        ("x", "http://www.example.test/dir/x"),
        ("/root", "http://www.example.test/root"),
        ("../up", "http://www.example.test/up"),
        ("./a/../b", "http://www.example.test/dir/b"),
        ("?q=2", "http://www.example.test/dir/page.html?q=2"),
        ("#top", "http://www.example.test/dir/page.html?x=1#top"),
        ("//cdn.test/p", "http://cdn.test/p"),
        ("https://other.test", "https://other.test/"),
        ("  /padded  ", "http://www.example.test/padded"),
        ("/t\tab\nnl", "http://www.example.test/tabnl"),
        ("\\\\host.test\\path", "http://host.test/path"),
        ("http://BÜCHER.de/", "http://xn--bcher-kva.de/"),
        ("http://127.1/", "http://127.0.0.1/"),
        ("http://0x7f.1/", "http://127.0.0.1/"),
        ("http://example.test:80/", "http://example.test/"),
        ("https://example.test:443/", "https://example.test/"),
        ("/a b", "http://www.example.test/a%20b"),
        ("javascript:void(0)", "javascript:void(0)"),
        ("mailto:a@b.test", "mailto:a@b.test"),
        ("http://[::1", "http://[::1"),
        ("http://exa mple.test/", "http://exa%20mple.test/"),
        ("http://a*b.test/", "http://a%2Ab.test/"),
    ],
)
def test_hrefs_resolve_the_whatwg_way(href: str, expected: str) -> None:
    """Relative, protocol-relative and awkward hrefs resolve as Chromium's element.href does."""
    assert resolve_href(href, PAGE_URL) == expected


def test_first_base_href_counts() -> None:
    """The first <base> with an href (resolved against the document URL) is the base."""
    view = extract_raw_view(
        '<base target=_top><base href="../b/"><base href="/ignored/"><a href="x">x</a>',
        PAGE_URL,
        max_links=5,
    )
    assert view.base_url == "http://www.example.test/b/"
    assert [link.href for link in view.links] == ["http://www.example.test/b/x"]


@pytest.mark.parametrize("base", ["javascript:alert(1)", "data:text/html,x"])
def test_script_and_data_bases_are_refused(base: str) -> None:
    """A javascript: or data: base is ignored, as Chromium does: the document URL stays the base."""
    view = extract_raw_view(f'<base href="{base}"><a href="x">x</a>', PAGE_URL, max_links=5)
    assert view.base_url == PAGE_URL
    assert view.links[0].href == "http://www.example.test/dir/x"


def test_invalid_base_leaves_relative_hrefs_as_written() -> None:
    """With an invalid base Chromium resolves nothing relative; absolute hrefs still parse."""
    assert hrefs('<base href="http://[::1"><a href="x">x</a><a href="HTTP://A.test">a</a>') == [
        "x",
        "http://a.test/",
    ]


def test_malformed_html_is_parsed_like_a_browser() -> None:
    """Unquoted attributes, entities, nested <a>, tables, upper-case tags, unclosed <a>."""
    html = (
        "<TABLE><TR><TD><A HREF=cell.html>c</A></TD></TR><a href=fostered>f</a></TABLE>"
        "<A HREF=outer>o<A HREF=inner>i</A></A>"
        "<a href='q?a=1&amp;b=2&lt'>e</a>"
        "<a href=unq/path?x=1&y=2 rel=nofollow>u</a>"
        "<p><a href=p1>x<p>y</a>"
        "<a href=last>unclosed"
    )
    view = extract_raw_view(html, PAGE_URL, max_links=50)
    base = "http://www.example.test/dir/"
    # A link inside <table> but outside a cell is foster-parented before the table.
    assert [(link.href, link.text) for link in view.links] == [
        (base + "fostered", "f"),
        (base + "cell.html", "c"),
        (base + "outer", "o"),
        (base + "inner", "i"),
        (base + "q?a=1&b=2%3C", "e"),
        (base + "unq/path?x=1&y=2", "u"),
        (base + "p1", "x"),
        (base + "p1", "y"),
        (base + "last", "unclosed"),
    ]
    assert view.links[5].rel == "nofollow"


def test_links_chromium_never_creates_are_not_collected() -> None:
    """Comments, script strings, textarea text, templates and <noscript> (scripting on) hold no links."""
    html = (
        '<!-- <a href="c">c</a> --><script>"<a href=s>"</script><textarea><a href=t>t</a></textarea>'
        '<template><a href=tpl>t</a></template><noscript><a href=ns>ns</a></noscript>'
        '<a href="real">real</a>'
    )
    assert hrefs(html) == ["http://www.example.test/dir/real"]


def test_declarative_open_shadow_roots_are_raw_links() -> None:
    """<template shadowrootmode=open> is server HTML: its links are raw; closed ones are not seen."""
    html = (
        '<a href="/1">1</a><div><template shadowrootmode="open"><a href="/2">2</a>'
        '<span><template shadowrootmode="open"><a href="/3">3</a></template></span></template>'
        '<a href="/4">4</a></div><div><template shadowrootmode="closed"><a href="/x">x</a>'
        '</template></div><a href="/5">5</a>'
    )
    assert [link.text for link in extract_raw_view(html, PAGE_URL, max_links=10).links] == [
        "1", "2", "3", "4", "5"
    ]


def test_svg_links_use_href_or_xlink_href() -> None:
    """SVG <a> elements are links; xlink:href is read there, not on an HTML <a>."""
    html = '<svg><a href="s1"><text>a</text></a><a xlink:href="s2"><text>b</text></a></svg>'
    assert hrefs(html + '<a xlink:href="h">html</a>') == [
        "http://www.example.test/dir/s1",
        "http://www.example.test/dir/s2",
        None,
    ]


def test_cap_truncates() -> None:
    """At most max_links links, in document order, and truncated says the rest was cut."""
    html = "".join(f"<a href=/{i}>{i}</a>" for i in range(5))
    view = extract_raw_view(html, PAGE_URL, max_links=3)
    assert ([link.text for link in view.links], view.truncated) == (["0", "1", "2"], True)
    assert extract_raw_view(html, PAGE_URL, max_links=5).truncated is False


def test_page_facts() -> None:
    """Title (ASCII whitespace collapsed), robots and googlebot metas, canonical resolved."""
    view = extract_raw_view(
        "<title>\n  My   page </title><meta name=ROBOTS content='noindex, nofollow'>"
        "<meta name=googlebot content=none><meta name=description content=x>"
        "<link rel='alternate canonical' href='/canon'><link rel=canonical href=/second>",
        PAGE_URL,
        max_links=5,
    )
    assert view.title == "My page"
    assert view.robots == ["noindex, nofollow", "none"]
    assert view.canonical == "http://www.example.test/canon"
    empty = extract_raw_view("<p>nothing</p>", PAGE_URL, max_links=5)
    assert (empty.title, empty.robots, empty.canonical, empty.links) == (None, [], None, [])


def test_bytes_decoded_by_meta_charset() -> None:
    """A <meta charset> in the first bytes decides how the text is read."""
    html = b'<meta charset="windows-1251"><a href=/x>' + "Привет".encode("cp1251") + b"</a>"
    assert extract_raw_view(html, PAGE_URL, max_links=5).links[0].text == "Привет"


def test_bytes_decoded_by_content_type_header_first() -> None:
    """The HTTP charset outranks the document's meta; latin1 is read as windows-1252."""
    html = b'<meta charset="utf-8"><a href=/x>caf\xe9 \x80</a>'
    view = extract_raw_view(html, PAGE_URL, max_links=5, content_type="text/html; charset=ISO-8859-1")
    assert view.links[0].text == "café €"


def test_bom_outranks_the_header() -> None:
    """A UTF-8 byte order mark wins over a contradicting Content-Type charset."""
    html = codecs.BOM_UTF8 + "<a href=/x>é</a>".encode()
    view = extract_raw_view(html, PAGE_URL, max_links=5, content_type="text/html; charset=latin1")
    assert view.links[0].text == "é"


def test_undeclared_bytes_are_windows_1252_like_headless_chromium() -> None:
    """No declaration means windows-1252 (as the agent's Chromium reads it), C1 bytes included."""
    view = extract_raw_view(b"<a href=/\xe9>\xc3\xa9\x81\x80</a>", PAGE_URL, max_links=5)
    assert view.links[0].text == "Ã©\x81€"
    assert view.links[0].href == "http://www.example.test/%C3%A9"


def test_bad_bytes_do_not_fail() -> None:
    """Bytes invalid in the declared encoding become U+FFFD instead of an error."""
    view = extract_raw_view(b"<meta charset=utf-8><a href=/x>\xc3\xa9\xff</a>", PAGE_URL, max_links=5)
    assert view.links[0].text == "é\ufffd"
    bogus = extract_raw_view(b"<a href=/y>ok</a>", PAGE_URL, max_links=5, content_type="text/html; charset=rot13")
    assert bogus.links[0].text == "ok"


def test_deeply_nested_shadow_templates_do_not_exhaust_the_stack() -> None:
    """Declarative shadow roots nested past MAX_NESTING are skipped, not a crash."""
    depth = MAX_NESTING + 40
    html = '<template shadowrootmode="open"><a href="/in">in</a>' * depth + "</template>" * depth
    view = extract_raw_view(html + '<a href="/out">out</a>', PAGE_URL, max_links=1000)
    assert len(view.links) == MAX_NESTING + 1
    assert view.links[-1].text == "out"


def test_huge_page_is_capped() -> None:
    """100,000 links with a cap of 50,000: the first 50,000 and truncated."""
    html = "<ul>" + "".join(f"<li><a href=/p/{i}>{i}</a>" for i in range(100_000)) + "</ul>"
    view = extract_raw_view(html, PAGE_URL, max_links=50_000)
    assert (len(view.links), view.truncated, view.links[-1].text) == (50_000, True, "49999")


def test_query_is_encoded_in_the_documents_encoding() -> None:
    """On a windows-1251 page the query is encoded in windows-1251; path and fragment in UTF-8."""
    html = '<meta charset="windows-1251"><a href="/ж?q=ж#ж">x</a><a href="?q=中">y</a>'.encode(
        "cp1251", errors="xmlcharrefreplace"
    )
    assert hrefs(html) == [
        "http://www.example.test/%D0%B6?q=%E6#%D0%B6",
        "http://www.example.test/dir/page.html?q=%26%2320013%3B",
    ]
    assert resolve_href("mailto:a@b?s=ж", PAGE_URL, "cp1251") == "mailto:a@b?s=%D0%B6"
