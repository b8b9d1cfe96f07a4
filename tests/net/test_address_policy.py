"""The URL and address rules of docs/DESIGN.md §3 (docs/SECURITY.md cases 22-24, hop by hop)."""

from __future__ import annotations

import pytest

from agent.config import Config
from agent.errors import TargetRefused
from agent.net.address_policy import AddressPolicy, is_public_address, validate_request_url
from agent.net.resolver import HostResolver
from protocol import ErrorCode

CONFIG = Config(port=47113, max_url_length=8192)


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "view-source:https://example.com/",
        "chrome://settings",
        "about:blank",
        "javascript:alert(1)",
        "data:text/html,<a href=x>x</a>",
        "blob:https://example.com/uuid",
        "ftp://example.com/",
        "ws://example.com/",
    ],
)
def test_other_schemes_are_refused(url: str) -> None:
    """Only http and https pages are rendered."""
    with pytest.raises(TargetRefused) as info:
        validate_request_url(url, CONFIG)
    assert info.value.code == ErrorCode.SCHEME_NOT_ALLOWED


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:47113/",
        "http://localhost:47113/x",
        "http://[::1]:47113/",
        "http://127.1:47113/",
        "http://2130706433:47113/",
        "http://0x7f000001:47113/",
        "http://[::ffff:127.0.0.1]:47113/",
        "http://169.254.169.254/latest/meta-data/",
        "http://0.0.0.0/",
        "http://[fe80::1]/",
    ],
)
def test_agent_port_and_metadata_are_refused(url: str) -> None:
    """The agent's own port, link-local/metadata and unspecified addresses are never targets."""
    with pytest.raises(TargetRefused) as info:
        validate_request_url(url, CONFIG)
    assert info.value.code == ErrorCode.TARGET_NOT_ALLOWED


def test_credentials_long_urls_and_control_characters_are_refused() -> None:
    """user@host, over-long URLs and control characters each get their own clear code."""
    cases = {
        "http://user@example.com/": ErrorCode.CREDENTIALS_IN_URL,
        "http://user:pw@example.com/": ErrorCode.CREDENTIALS_IN_URL,
        "http://example.com/" + "a" * 9000: ErrorCode.URL_TOO_LONG,
        "http://example.com/\x00": ErrorCode.INVALID_URL,
        "http://exa\nmple.com/": ErrorCode.INVALID_URL,
        "http://exa mple.com/": ErrorCode.INVALID_URL,
        "http://": ErrorCode.INVALID_URL,
        "not a url": ErrorCode.INVALID_URL,
    }
    for url, code in cases.items():
        with pytest.raises(TargetRefused) as info:
            validate_request_url(url, CONFIG)
        assert info.value.code == code, url


def test_valid_urls_come_back_as_the_browser_reads_them() -> None:
    """IDNA, default ports and dot segments normalise the WHATWG way; a dev server is allowed."""
    assert validate_request_url("HTTP://Example.COM:80/a/../b", CONFIG) == "http://example.com/b"
    assert validate_request_url("https://münchen.de/", CONFIG) == "https://xn--mnchen-3ya.de/"
    assert validate_request_url("http://127.0.0.1:8000/", CONFIG) == "http://127.0.0.1:8000/"
    assert validate_request_url("http://localhost:3000/", CONFIG) == "http://localhost:3000/"


async def test_public_page_may_not_reach_private_addresses() -> None:
    """From a public page, loopback, RFC 1918, CGNAT, ULA, link-local and mapped forms are refused."""
    config = Config(host_map={"public.test": "127.0.0.5"}, simulated_public=("127.0.0.5/32",))
    policy = await AddressPolicy.for_page("http://public.test:8080/", config, HostResolver(config))
    assert policy.private_host is None
    assert policy.allows("public.test", 8080, "127.0.0.5")
    for ip in [
        "127.0.0.1", "::1", "0.0.0.0", "10.1.2.3", "172.16.0.1", "192.168.1.1", "100.64.0.1",
        "fc00::1", "fe80::1", "::ffff:127.0.0.1", "169.254.169.254",
    ]:
        assert not policy.allows("evil.test", 80, ip), ip
    for url in ["http://127.0.0.1:9000/", "http://[::1]/", "http://10.0.0.1/", "http://127.1/"]:
        with pytest.raises(TargetRefused):
            await policy.check_url(url)
    await policy.check_url("data:image/png;base64,AAAA")


async def test_a_name_resolving_to_a_private_address_counts_the_same() -> None:
    """A public page's link to a name that resolves to loopback is refused on its address."""
    config = Config(
        host_map={"public.test": "127.0.0.5", "rebind.test": "127.0.0.1", "*.cdn.test": "10.0.0.7"},
        simulated_public=("127.0.0.5/32",),
    )
    policy = await AddressPolicy.for_page("http://public.test/", config, HostResolver(config))
    for url in ["http://rebind.test/", "http://img.cdn.test/x.png"]:
        with pytest.raises(TargetRefused) as info:
            await policy.check_url(url)
        assert info.value.code == ErrorCode.TARGET_NOT_ALLOWED


async def test_a_dev_server_page_allows_its_own_host_but_not_the_agent() -> None:
    """Asking for a page on your own machine allows that host on any port but the agent's."""
    config = Config(port=47113)
    policy = await AddressPolicy.for_page("http://127.0.0.1:8000/", config, HostResolver(config))
    assert policy.private_host == "127.0.0.1"
    assert policy.allows("127.0.0.1", 8001, "127.0.0.1")
    assert not policy.allows("127.0.0.1", 47113, "127.0.0.1")
    assert not policy.allows("192.168.1.10", 80, "192.168.1.10")
    assert not policy.allows("127.0.0.1", 80, "169.254.169.254")
    with pytest.raises(TargetRefused):
        await policy.check_url("http://127.0.0.1:47113/")


async def test_the_agent_port_is_refused_even_through_a_name() -> None:
    """A name that resolves to loopback with the agent's port is the agent itself."""
    config = Config(port=47113, host_map={"me.test": "127.0.0.1"})
    with pytest.raises(TargetRefused):
        await AddressPolicy.for_page("http://me.test:47113/", config, HostResolver(config))


def test_simulated_public_ranges() -> None:
    """Only declared ranges of loopback count as public; real public addresses always do."""
    assert is_public_address("8.8.8.8")
    assert not is_public_address("127.0.0.3")
    assert is_public_address("127.0.0.3", ("127.0.0.2/31",))
    assert not is_public_address("127.0.0.1", ("127.0.0.2/31",))
