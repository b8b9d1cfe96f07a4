"""Risk scores and verdicts follow the documented weights; health never makes a link suspicious."""

from __future__ import annotations

from agent.links.scoring import (
    SUSPICIOUS_THRESHOLD,
    WEIGHTS,
    page_risk,
    page_risk_reasons,
    score_link,
)
from protocol import FLAG_CODES, Flag, Link, Report


def _link(*flags: Flag, follow: str = "dofollow", **fields: object) -> Link:
    return Link(id=0, href="https://x.example.com/", follow=follow, flags=list(flags), **fields)  # type: ignore[arg-type]


def test_every_link_flag_code_has_a_weight() -> None:
    """Every protocol link flag code is weighed in the one table."""
    assert set(FLAG_CODES) <= set(WEIGHTS)


def test_no_flags_keeps_follow_value() -> None:
    """Without flags, risk is 0 and the verdict is the follow value."""
    assert score_link(_link()) == (0, "dofollow")
    assert score_link(_link(follow="nofollow")) == (0, "nofollow")


def test_one_danger_flag_is_suspicious() -> None:
    """One danger flag (hidden external dofollow) makes the link suspicious."""
    risk, verdict = score_link(_link(Flag("hidden", "danger", "x")))
    assert risk > SUSPICIOUS_THRESHOLD
    assert verdict == "suspicious"


def test_one_weak_warning_is_not_suspicious() -> None:
    """A shortener alone, or a risky TLD alone, stays below the threshold."""
    assert score_link(_link(Flag("shortener", "warning", "x")))[1] == "dofollow"
    assert score_link(_link(Flag("risky_tld", "warning", "x")))[1] == "dofollow"


def test_warnings_add_up() -> None:
    """text_mismatch + shortener cross the threshold together."""
    link = _link(Flag("text_mismatch", "warning", "x"), Flag("shortener", "warning", "x"))
    assert score_link(link)[1] == "suspicious"


def test_health_flags_never_make_suspicious() -> None:
    """Every health flag at danger severity together still scores 0."""
    health = ["broken", "blocked", "timeout", "soft_404", "redirect", "redirect_loop", "insecure",
              "not_checked"]
    link = _link(*(Flag(code, "danger", "x") for code in health), follow="nofollow")
    assert score_link(link) == (0, "nofollow")


def test_risk_is_capped_at_100() -> None:
    """Many danger flags cap at 100."""
    link = _link(*(Flag(c, "danger", "x") for c in ["hidden", "homograph", "cloaked", "spam_anchor"]))
    assert score_link(link)[0] == 100


def test_page_risk_and_reasons() -> None:
    """Hidden external dofollow links and spam anchors raise page risk, each with a page flag."""
    hidden = Link(id=1, href="https://a.example.com/", flags=[Flag("hidden", "danger", "x")],
                  verdict="suspicious")
    spam = Link(id=2, href="https://b.example.com/", flags=[Flag("spam_anchor", "danger", "x")],
                verdict="suspicious")
    clean = Link(id=3, href="https://c.example.com/")
    report = Report(url="https://p.example.org/", links=[hidden, spam, clean])
    assert page_risk(report) == 15 + 10
    assert {f.code for f in page_risk_reasons(report)} == {"hidden_links", "spam_anchors"}
    assert page_risk(Report(url="https://p.example.org/", links=[clean])) == 0


def test_judging_twice_gives_the_same_page_flags() -> None:
    """judge_report replaces every page flag it owns (styles_failed included) instead of adding
    a second copy on a re-run."""
    from agent.links.judge import judge_report
    from protocol import Flag, Link, Report

    links = [
        Link(id=i, href=f"https://spam{i}.example/", text="cheap viagra casino", internal=False,
             visible=False, hidden_reason="display", follow="dofollow", views=["rendered"])
        for i in range(5)
    ]
    report = Report(url="https://page.example/", links=links,
                    flags=[Flag("styles_failed", "warning", "Styles did not load.")])
    judge_report(report)
    first = [flag.code for flag in report.flags]
    judge_report(report)
    assert [flag.code for flag in report.flags] == first
    assert len(first) == len(set(first))
