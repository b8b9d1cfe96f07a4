"""agent/link_targets.py: an origin's parse stands for every URL on it, so its answers must be
ada's answers for the whole URL."""

from __future__ import annotations

import random

import ada_url
import pytest

from agent.links import targets as link_targets
from agent.links.classify import _web_host
from agent.links.targets import WebTarget, web_target
from tests.links.test_flags import _tricky_urls

# Where the text after the authority, or the authority's own end, could fool a reader.
_EDGES = [
    "http://a.com /x",  # a space in the host: invalid, though the origin text alone would strip it
    "http://a.com ",  # trailing spaces end the input: stripped, valid
    "http://a.com\t/x",
    "http://a.com\n",
    "http:///a.com/x",  # slashes before the host are skipped
    "https:\\\\a.com",  # not written with the prefix: not for this function
    "http://\\a.com/x",
    "http://u:p/q@a.com/",  # the authority ends at the first slash: port "p", invalid
    "http://a.com:99999/",
    "http://a.com:8080?q#f",
    "http://[::1]:80/",
    "http://EXAMPLE.com/",
    "http://example.com./",
    "http://ex%41mple.com/",
    "http://xn--nxasmq6b.com/",
    "http://пример.рф/путь",
    "http://0x7f.1/",
    "http://a.com#",
    "http://",
    "https://",
    "mailto:a@b.com",
    "javascript:void(0)",
    "",
]


def _expected(url: str) -> WebTarget | None:
    if not url.startswith(("http://", "https://")):
        return None
    try:
        parsed = ada_url.parse_url(url, ("protocol", "hostname"))
    except ValueError:
        return None
    return WebTarget(str(parsed["protocol"]), str(parsed["hostname"]))


@pytest.mark.parametrize("url", _EDGES)
def test_edges_get_the_answer_of_a_whole_parse(url: str) -> None:
    link_targets._origins.clear()
    assert web_target(url) == _expected(url)
    assert web_target(url) == _expected(url)  # and again, from the cache


def test_every_tricky_url_gets_the_answer_of_a_whole_parse() -> None:
    # In one run, so that each URL also meets origins its neighbours put in the cache; then in
    # another order, each answered from what other URLs left there.
    urls = _tricky_urls()
    for url in urls:
        assert web_target(url) == _expected(url), url
    random.Random(3).shuffle(urls)
    for url in urls:
        assert web_target(url) == _expected(url), url


def test_an_origin_is_parsed_once_for_all_its_paths(monkeypatch: pytest.MonkeyPatch) -> None:
    link_targets._origins.clear()
    parsed: list[str] = []
    real = link_targets._parse

    def counting(url: str) -> WebTarget | None:
        parsed.append(url)
        return real(url)

    monkeypatch.setattr(link_targets, "_parse", counting)
    for i in range(100):
        assert web_target(f"https://example.org/page/{i}?q={i}") == WebTarget(
            "https:", "example.org"
        )
    assert parsed == ["https://example.org/"]


def test_the_cache_stays_bounded() -> None:
    link_targets._origins.clear()
    for i in range(link_targets._MAX_ORIGINS + 10):
        web_target(f"http://host-{i}.test/")
    assert len(link_targets._origins) <= link_targets._MAX_ORIGINS
    assert web_target("http://host-1.test/x") == WebTarget("http:", "host-1.test")


def test_long_origins_are_answered_but_not_kept() -> None:
    link_targets._origins.clear()
    long_host = "a" * 60 + "." + "b" * 60 + "." + "c" * 60 + "." + "d" * 60 + "." + "e" * 60 + ".com"
    huge = "http://" + "x" * 1_000_000  # no slash: the whole href is the authority
    assert web_target(f"https://{long_host}/path") == WebTarget("https:", long_host)
    assert web_target(huge) == _expected(huge)
    assert all(len(key) <= link_targets._MAX_ORIGIN_CHARS for key in link_targets._origins)


def test_classify_reads_hosts_without_the_trailing_dot_and_keeps_ipv6_brackets() -> None:
    assert _web_host("http://example.com./a") == "example.com"
    assert _web_host("http://[::1]:8080/") == "[::1]"
    assert _web_host("https://EXAMPLE.com/") == "example.com"
    assert _web_host("http://a b.com/") is None
    assert _web_host("ftp://example.com/") is None
    assert _web_host(None) is None
