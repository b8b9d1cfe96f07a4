"""HostQueue: URLs handed out round-robin over hosts, never more than the per-host limit."""

from __future__ import annotations

from agent.checks.pacing import HostQueue


def test_hosts_take_turns_up_to_their_limit() -> None:
    """Two hosts, limit 2: a, b, a, b, then nothing until one finishes; order kept per host."""
    queue = HostQueue([("a", "a1"), ("a", "a2"), ("a", "a3"), ("b", "b1"), ("b", "b2")], 2)
    taken = [queue.take() for _ in range(4)]
    assert taken == [("a", "a1"), ("b", "b1"), ("a", "a2"), ("b", "b2")]
    assert queue.take() is None  # a is at its limit, b has nothing left
    queue.done("a")
    assert queue.take() == ("a", "a3")
    assert queue.take() is None
    assert queue.left() == []


def test_left_lists_what_was_never_handed_out() -> None:
    """What no worker took is what the budget's not_checked goes to."""
    queue = HostQueue([("a", "a1"), ("a", "a2"), ("b", "b1")], 1)
    assert queue.take() == ("a", "a1")
    assert sorted(queue.left()) == ["a2", "b1"]
