"""The agent's resolver: host_map first, RFC 6761 names never asked of DNS, and the aiohttp adapter."""

from __future__ import annotations

import pytest

from agent.checks.policy_resolver import PolicyResolver
from agent.config import Config
from agent.net.address_policy import AddressPolicy
from agent.net.resolver import (
    AddressNotAllowed,
    HostResolver,
    ResolutionFailed,
    chromium_resolver_rules,
)


async def test_host_map_exact_and_wildcard_names() -> None:
    """Mapped names resolve to their address without a lookup, wildcards included."""
    resolver = HostResolver(Config(host_map={"shop.test": "127.0.0.3", "*.example.com": "127.0.0.4"}))
    assert await resolver.resolve("SHOP.test.") == ["127.0.0.3"]
    assert await resolver.resolve("www.example.com") == ["127.0.0.4"]
    assert await resolver.resolve("[::1]") == ["::1"]
    assert await resolver.resolve("localhost") == ["127.0.0.1", "::1"]


async def test_invalid_names_fail_without_a_lookup() -> None:
    """`.invalid` never resolves (RFC 6761), so DNS-failure tests never wait on the network."""
    with pytest.raises(ResolutionFailed):
        await HostResolver(Config()).resolve("nowhere.invalid")


def test_chromium_rules_mirror_the_host_map() -> None:
    """Chromium resolves exactly as the agent does."""
    config = Config(host_map={"a.test": "127.0.0.3", "*.b.test": "::1"})
    assert chromium_resolver_rules(config) == "MAP a.test 127.0.0.3, MAP *.b.test [::1]"
    assert chromium_resolver_rules(Config()) is None


async def test_policy_resolver_hands_aiohttp_only_allowed_addresses() -> None:
    """The address checked is the one connected to; a private-only name is refused."""
    config = Config(
        host_map={"pub.test": "127.0.0.5", "priv.test": "127.0.0.1"}, simulated_public=("127.0.0.5/32",)
    )
    resolver = HostResolver(config)
    policy = await AddressPolicy.for_page("http://pub.test/", config, resolver)
    adapter = PolicyResolver(resolver, policy)
    results = await adapter.resolve("pub.test", 80)
    assert [r["host"] for r in results] == ["127.0.0.5"]
    with pytest.raises(AddressNotAllowed):
        await adapter.resolve("priv.test", 80)
    await adapter.close()
