"""Applying `link_updates` to a Report: one rule for everyone who merges check results.

The agent applies each check result to its own Report before it sends the update, `linklens
scan` merges the updates it receives into the report it prints, and the extension's
`applyUpdates` (extension/report.js) does the same in JS; tests/fixtures/link-updates.json is
run by both pytest and `node --test` so the two languages cannot drift.
"""

from __future__ import annotations

__all__ = ["UPDATE_FIELDS", "apply_update", "apply_updates"]

from collections.abc import Iterable

from .report import Link, LinkUpdate, Report

#: The Link fields a LinkUpdate carries; an update overwrites each of them.
UPDATE_FIELDS = ("status", "final_url", "redirects", "health", "flags", "risk", "verdict")


def apply_update(link: Link, update: LinkUpdate) -> None:
    """Overwrite the link's check fields with the update's (lists are copied, not shared)."""
    link.status = update.status
    link.final_url = update.final_url
    link.redirects = list(update.redirects)
    link.health = update.health
    link.flags = list(update.flags)
    link.risk = update.risk
    link.verdict = update.verdict


def apply_updates(report: Report, updates: Iterable[LinkUpdate]) -> list[Link]:
    """Apply updates to the report's links by id; return the links changed, in update order.
    An update for an id the report does not have is ignored (a stale or foreign update)."""
    by_id = {link.id: link for link in report.links}
    changed: list[Link] = []
    for update in updates:
        link = by_id.get(update.link_id)
        if link is None:
            continue
        apply_update(link, update)
        changed.append(link)
    return changed
