"""Risk scores and verdicts: every weight in one place, so a score can always be explained.

A link's risk is the sum of its flags' points, capped at 100. Its verdict is `suspicious` when
the risk is above `SUSPICIOUS_THRESHOLD`, else its follow value (`dofollow`/`nofollow`).

Link flag points (by severity where the severity carries the judgement):

    flag               info  warning  danger   why
    hidden                0       20      60   external dofollow hidden in the body = danger;
                                               menus, skip links, internal links = info
    cloaked               -       30      60   Googlebot-only links = danger; browser-only = warning
    homograph             -        -      60   a look-alike host is deceptive on its own
    spam_anchor           -       20      60   external = danger; internal = warning
    text_mismatch         -       35      60   the text reads as another site's address = danger
                                               (phishing); the same name under another ending
                                               (amazon.com -> amazon.co.uk) = warning
    ip_host               -       25       -
    shortener             -       25       -   hides the target
    risky_tld             -       20       -   weak on its own; adds to other evidence
    empty_anchor          -       15       -   also how hidden-link spam often looks
    rel_changed_by_js     5       15      15   (flag from classification)
    javascript_href       -       10       -
    not_crawlable         0        -       -   a fact about value, not a sign of manipulation
    health flags          0        0       0   broken, blocked, timeout, soft_404, redirect,
                                               redirect_loop, insecure, not_checked: a dead or
                                               slow link is a maintenance fact, not deception
    any other code        0       15      40   (codes added later, until weighed here)

`SUSPICIOUS_THRESHOLD` = 50: one danger flag (60) makes a link suspicious; warnings need to add
up (shortener 25 + risky_tld 20 + empty_anchor 15 = 60), while one weak signal (a .xyz link, a
shortener) never does.

Page risk (the page as a backlink source), capped at 100, with the page flags as its reasons:

    too_many_outbound (link farm)                   30
    each hidden external dofollow link              15 (at most 45)
    each external spam anchor                       10 (at most 30)
    share of suspicious links among external links  up to 40 (40 x share, once 3+ are suspicious)
"""

from __future__ import annotations

__all__ = [
    "HEALTH_CODES",
    "PAGE_RISK_CODES",
    "PAGE_WEIGHTS",
    "SUSPICIOUS_THRESHOLD",
    "WEIGHTS",
    "flag_points",
    "page_risk",
    "page_risk_reasons",
    "score_link",
]

from protocol import Flag, Link, Report, Verdict

#: Verdict `suspicious` when risk is strictly above this.
SUSPICIOUS_THRESHOLD = 50

#: Flags that come from link checks (or say a check was skipped): they never add risk.
HEALTH_CODES: frozenset[str] = frozenset(
    {"broken", "blocked", "timeout", "soft_404", "redirect", "redirect_loop", "insecure",
     "not_checked"}
)

#: flag code -> points by severity (info, warning, danger). See the module docstring.
WEIGHTS: dict[str, dict[str, int]] = {
    "hidden": {"info": 0, "warning": 20, "danger": 60},
    "cloaked": {"info": 0, "warning": 30, "danger": 60},
    "homograph": {"info": 0, "warning": 60, "danger": 60},
    "spam_anchor": {"info": 0, "warning": 20, "danger": 60},
    "text_mismatch": {"info": 0, "warning": 35, "danger": 60},
    "ip_host": {"info": 0, "warning": 25, "danger": 25},
    "shortener": {"info": 0, "warning": 25, "danger": 25},
    "risky_tld": {"info": 0, "warning": 20, "danger": 20},
    "empty_anchor": {"info": 0, "warning": 15, "danger": 15},
    "rel_changed_by_js": {"info": 5, "warning": 15, "danger": 15},
    "javascript_href": {"info": 10, "warning": 10, "danger": 10},
    "not_crawlable": {"info": 0, "warning": 0, "danger": 0},
    **{code: {"info": 0, "warning": 0, "danger": 0} for code in HEALTH_CODES},
}
_UNKNOWN = {"info": 0, "warning": 15, "danger": 40}

#: The page flags `page_risk_reasons` gives (judging replaces exactly these on a re-run).
PAGE_RISK_CODES: frozenset[str] = frozenset({"hidden_links", "spam_anchors", "suspicious_links"})

#: Page risk points; see the module docstring.
PAGE_WEIGHTS: dict[str, int] = {
    "too_many_outbound": 30,
    "hidden_external": 15,
    "hidden_external_max": 45,
    "spam_anchor": 10,
    "spam_anchor_max": 30,
    "suspicious_share_max": 40,
    "suspicious_min_count": 3,
}


def flag_points(flag: Flag) -> int:
    """How many risk points one flag adds."""
    return WEIGHTS.get(flag.code, _UNKNOWN).get(flag.severity, 0)


def score_link(link: Link) -> tuple[int, Verdict]:
    """(risk 0-100, verdict) for a link from its flags; health flags never count."""
    if not link.flags:
        return 0, link.follow  # most links: nothing to add up
    risk = min(100, sum(flag_points(flag) for flag in link.flags))
    verdict: Verdict = "suspicious" if risk > SUSPICIOUS_THRESHOLD else link.follow
    return risk, verdict


def _counts(report: Report) -> tuple[int, int, int, int]:
    """(external links, hidden dofollow ones, spam-anchored ones, suspicious ones): one pass."""
    external = hidden = spam = suspicious = 0
    for link in report.links:
        if link.internal or not link.href:
            continue
        external += 1
        if link.verdict == "suspicious":
            suspicious += 1
        if not link.flags:
            continue
        if any(f.code == "hidden" and f.severity == "danger" for f in link.flags):
            hidden += 1
        if any(f.code == "spam_anchor" and f.severity == "danger" for f in link.flags):
            spam += 1
    return external, hidden, spam, suspicious


def page_risk(report: Report) -> int:
    """Risk 0-100 of the page as a backlink source (links must already be flagged and scored)."""
    risk = 0
    if any(flag.code == "too_many_outbound" for flag in report.flags):
        risk += PAGE_WEIGHTS["too_many_outbound"]
    external, hidden, spam, suspicious = _counts(report)
    risk += min(PAGE_WEIGHTS["hidden_external_max"], hidden * PAGE_WEIGHTS["hidden_external"])
    risk += min(PAGE_WEIGHTS["spam_anchor_max"], spam * PAGE_WEIGHTS["spam_anchor"])
    if external and suspicious >= PAGE_WEIGHTS["suspicious_min_count"]:
        risk += round(PAGE_WEIGHTS["suspicious_share_max"] * suspicious / external)
    return min(100, risk)


def page_risk_reasons(report: Report) -> list[Flag]:
    """Page flags that explain `page_risk` beyond `too_many_outbound` (links scored first)."""
    external, hidden, spam, suspicious = _counts(report)
    reasons: list[Flag] = []
    if hidden:
        reasons.append(Flag(
            "hidden_links", "danger",
            f"{hidden} external dofollow link{'s' if hidden > 1 else ''} on this page "
            f"{'are' if hidden > 1 else 'is'} hidden from readers.",
        ))
    if spam:
        reasons.append(Flag(
            "spam_anchors", "danger",
            f"{spam} external link{'s' if spam > 1 else ''} on this page use spam anchor text.",
        ))
    if external and suspicious >= PAGE_WEIGHTS["suspicious_min_count"]:
        reasons.append(Flag(
            "suspicious_links", "warning",
            f"{suspicious} of the {external} external links on this page look suspicious.",
        ))
    return reasons
