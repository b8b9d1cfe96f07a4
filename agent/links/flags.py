"""Static flags: what a link's own facts (and the page's) say about it, before any request.

Pure functions over the classified Report: `link_flags(link, page)` for one link and
`page_flags(report)` for the page as a backlink source. Every flag carries a severity and one
sentence naming the concrete evidence (the host, the text, the reason). The rules, severities
and near-misses are listed in docs/LINK-QUALITY.md; the weights that turn flags into a risk
score live in `agent.links.scoring`.

Homographs use `confusable_homoglyphs` (Unicode's confusables.txt and Scripts data, kept up to
date by that package) for per-character scripts and Latin look-alikes; the data files for
shorteners, risky TLDs and spam anchors ship in `agent/data/` with their source in a header.
"""

from __future__ import annotations

__all__ = [
    "PAGE_CODES",
    "STATIC_CODES",
    "TOO_MANY_OUTBOUND_DOMAINS",
    "TOO_MANY_OUTBOUND_LINKS",
    "PageFacts",
    "link_flags",
    "page_flags",
    "registrable_domain",
]

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple
from urllib.parse import unquote

import ada_url

from agent.links import word_lists
from agent.links.homographs import homograph_reason
from agent.links.targets import web_target
from agent.links.word_lists import THEME_WORDS, risky_tlds, shorteners, spam_match
from agent.net import hosts
from agent.net.hosts import is_ip
from protocol import Flag, Link, Report

#: The link flag codes this module owns; `agent.links.assess` replaces exactly these on a re-run.
STATIC_CODES: frozenset[str] = frozenset(
    {
        "hidden",
        "homograph",
        "ip_host",
        "shortener",
        "text_mismatch",
        "spam_anchor",
        "risky_tld",
        "javascript_href",
        "not_crawlable",
        "empty_anchor",
        "insecure",
    }
)

#: The page flag codes `page_flags` owns: a re-run of the judgement replaces exactly these.
PAGE_CODES: frozenset[str] = frozenset({"too_many_outbound", "styles_failed"})

#: Link farm: at least this many external dofollow links ...
TOO_MANY_OUTBOUND_LINKS = 100
#: ... to at least this many different sites. A long reference list to one site (docs citing
#: GitHub) or a comment section full of nofollow/ugc links is not a link farm.
TOO_MANY_OUTBOUND_DOMAINS = 50


@dataclass(frozen=True)
class PageFacts:
    """What the static rules need to know about the page the links are on."""

    url: str
    https: bool
    domain: str | None  # registrable domain of the page's host

    @classmethod
    def from_url(cls, url: str) -> PageFacts:
        """Facts for a page at `url` (its final URL after redirects)."""
        target = _parse(url)
        return cls(
            url=url,
            https=target is not None and target.scheme == "https:",
            domain=target.domain if target else None,
        )


class _Target(NamedTuple):  # a tuple: built for every href of a page, cheaply
    scheme: str
    host: str  # as the URL carries it: punycode (xn--) for IDNs, no brackets for IPv6
    domain: str | None


def registrable_domain(host: str) -> str | None:
    """The registrable domain of a link's host for the flags: None for IPs, bare TLDs and
    unknown TLDs ("readme.zzz" must not count as a site just because of the list's "*" rule)."""
    return hosts.registrable_domain(host, known_suffix=True)


def _parse(href: str | None) -> _Target | None:
    """Scheme, host and registrable domain of a valid URL; None for no href or an invalid one."""
    if not href:
        return None
    if href.startswith(("http://", "https://")):
        # Nearly every href: its origin was parsed already (agent/link_targets.py).
        web = web_target(href)
        if web is None:
            return None
        host = web.host.strip("[]")
        return _Target(web.scheme, host, registrable_domain(host))
    try:
        url = ada_url.parse_url(href, ("protocol", "hostname"))
    except ValueError:
        return None
    host = str(url["hostname"]).strip("[]").lower()
    return _Target(str(url["protocol"]), host, registrable_domain(host) if host else None)


@lru_cache(maxsize=8192)  # only hidden links and text mismatches need it; the page's URL often
def _serialized(href: str | None) -> tuple[str, str] | None:
    """(the URL as ada serializes it, the same without its fragment), None when not valid."""
    if not href:
        return None
    try:
        url = ada_url.parse_url(href, ("href", "hash"))
    except ValueError:
        return None
    full, fragment = str(url["href"]), str(url["hash"])  # hash is "" for an empty fragment
    return full, full[: -len(fragment)] if fragment else full


#: Public institutions by their registry (gov, edu, mil, int; gov.uk, nhs.uk, ac.uk, gouv.fr,
#: gob.mx, go.jp, govt.nz ...): not where link spam leads, so spam wording on a link to them is
#: someone writing about the subject (a regulator on casino advertising, the NHS on addiction).
_INSTITUTION_TLDS = frozenset({"gov", "edu", "mil", "int"})
_INSTITUTION_SLDS = frozenset({"gov", "govt", "gouv", "gob", "go", "edu", "ac", "nhs", "mil"})


def _not_a_spam_destination(target: _Target | None) -> str | None:
    """Why links to this target are not link spam (a public institution...), else None."""
    if target is None or not target.host or is_ip(target.host):
        return None
    labels = target.host.split(".")
    if labels[-1] in _INSTITUTION_TLDS or (
        len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in _INSTITUTION_SLDS
    ):
        return "a public institution"
    return None


# --- link rules --------------------------------------------------------------------------------

_HIDDEN_WORDS = {
    "display": "display: none",
    "visibility": "visibility: hidden",
    "opacity": "opacity 0",
    "hidden": "the hidden attribute",
    "hidden_attribute": "the hidden attribute",
    "zero_size": "zero size",
    "size": "zero size",
    "clipped": "clipping",
    "clip": "clipping",
    "offscreen": "an off-screen position",
    "font_size": "a zero font size",
    "same_colour": "text the same colour as its background",
    "same_color": "text the same colour as its background",
    "collapsed": "a closed accordion, tab, carousel slide or menu",
    "unstyled": "styles that did not load",
    "not_reached": "a render cut short",
}
# Page parts that open on demand (menus, dialogs such as cookie banners): hidden there is normal.
_MENU_CONTEXTS = frozenset({"nav", "header", "menu", "dialog"})
_SKIP_TEXT = re.compile(r"^(skip|jump)\b|\bskip to\b|\bback to top\b", re.IGNORECASE)
_CONTACT_SCHEMES = frozenset({"mailto:", "tel:", "sms:"})


def _quote(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _hidden_flag(link: Link, target: _Target | None, page: PageFacts) -> Flag | None:
    if link.visible:
        return None
    how = _HIDDEN_WORDS.get(link.hidden_reason or "", link.hidden_reason or "its styles")
    parts, page_parts = _serialized(link.href), _serialized(page.url)
    in_page = (
        parts is not None
        and page_parts is not None
        and parts[0] != parts[1]  # it has a fragment ...
        and parts[1] == page_parts[1]  # ... on this very page
    )
    if in_page:
        return Flag("hidden", "info", f"A skip or in-page link hidden by {how} until it is used.")
    if _SKIP_TEXT.search(link.text):
        return Flag("hidden", "info", f"A skip link (\"{_quote(link.text)}\") hidden by {how} until focused.")
    if link.hidden_reason == "collapsed":
        return Flag(
            "hidden", "info",
            "Hidden inside content that opens on demand (a menu that opens on hover or focus, a "
            "closed accordion, tab, carousel slide, popup or share list); normal.",
        )
    if link.hidden_reason == "not_reached":
        return Flag(
            "hidden", "info",
            "In the server's HTML past the point the render reached (it was cut short): whether "
            "readers see it was not judged.",
        )
    if "license" in link.rel:
        # rel=license marks the page's licence for machines (Creative Commons' markup); pages
        # hide it on purpose, and it is a fact about the page, not a link planted on it.
        return Flag(
            "hidden", "info",
            f"A rel=license link hidden by {how}: licence metadata for machines; normal.",
        )
    if link.context in _MENU_CONTEXTS:
        return Flag(
            "hidden", "info",
            f"Hidden by {how} inside the page's {link.context}, which opens on demand; normal.",
        )
    if target is None or target.scheme not in ("http:", "https:"):
        return Flag("hidden", "info", f"A link to no web page, hidden by {how}; it passes nothing.")
    if link.internal:
        return Flag(
            "hidden", "info",
            f"An internal link hidden by {how}; it passes no authority to another site.",
        )
    host = target.host
    if link.hidden_reason == "unstyled":
        # The page's stylesheets did not all load, or an anti-flicker snippet left it hidden:
        # hidden then says nothing about what a visitor sees (page flag `styles_failed`).
        return Flag(
            "hidden", "warning" if link.follow == "dofollow" else "info",
            f"A link to {host} is hidden only because the page's styles did not all apply (a "
            "stylesheet failed to load, or the page was left hidden): whether readers see it "
            "cannot be told, so it is not judged.",
        )
    if link.hidden_reason == "not_rendered":
        # In the server's HTML, removed by the page's script: crawlers that read the HTML see it,
        # readers never do. Often a framework re-rendering, sometimes a trick: worth a look only.
        return Flag(
            "hidden", "warning",
            f"A link to {host} is in the server's HTML but the page's JavaScript removes it: "
            "crawlers reading the HTML see it, readers do not.",
        )
    if link.follow == "nofollow":
        return Flag(
            "hidden", "warning",
            f"An external link to {host} hidden by {how}; it is nofollow, so it passes no authority.",
        )
    return Flag(
        "hidden", "danger",
        f"An external dofollow link to {host} hidden by {how} in the {link.context} of the page: "
        "readers cannot see it, search engines can.",
    )


_URLISH = re.compile(
    r"^(?:(?P<scheme>https?)://)?(?P<host>(?:[\w-]+\.)+[\w-]{2,})\.?(?::\d+)?(?P<rest>[/?#]\S*)?$",
    re.IGNORECASE,
)
# Bare "name.ext" texts that are file names far more often than domains (.md, .py, .sh...).
_FILE_EXTENSIONS = frozenset(
    {"md", "py", "sh", "pl", "rs", "js", "ts", "rb", "go", "cc", "so", "zip", "mov", "tar", "gz",
     "ps", "ai", "in", "am", "pm", "ms", "doc", "txt", "co", "io", "me"}
)


#: Generic endings older than the 2013 expansion: a bare "name.com" in a text is an address.
_CLASSIC_TLDS = frozenset({
    "com", "net", "org", "edu", "gov", "mil", "int", "info", "biz", "name", "pro", "aero",
    "coop", "museum", "mobi", "asia", "tel", "travel", "jobs", "cat",
})


def _text_domain(text: str) -> str | None:
    """The registrable domain the anchor text reads as, if the whole text reads as a URL/host."""
    text = text.strip().strip("<>()[]\"'.,;:")
    if not text or "@" in text or " " in text:
        return None
    match = _URLISH.match(text)
    if not match:
        return None
    host = match.group("host").lower()
    labels = host.split(".")
    # "readme.md", "setup.py": one label before a file-like extension and no scheme/www/path.
    if (
        match.group("scheme") is None
        and match.group("rest") is None
        and len(labels) == 2
        and labels[-1] in _FILE_EXTENSIONS
    ):
        return None
    # A bare name (no scheme, "www." or path) under one of the newer generic endings reads as
    # code far more often than as an address: "java.util.Observer", "document.body.style",
    # "os.path.join" (.observer, .style are TLDs). Country endings and the classic ones count.
    tld = labels[-1]
    if (
        match.group("scheme") is None
        and match.group("rest") is None
        and labels[0] != "www"
        and not (len(tld) == 2 or tld in _CLASSIC_TLDS or tld.startswith("xn--") or not tld.isascii())
    ):
        return None
    if not host.isascii():
        # UTS-46 as browsers and the URL Standard map hosts (ada), not Python's IDNA 2003 codec,
        # which turns "faß.de" into "fass.de" while the browser goes to xn--fa-hia.de.
        try:
            encoded = ada_url.idna_to_ascii(host)
        except ValueError:
            return None
        host = encoded.decode("ascii") if isinstance(encoded, bytes) else str(encoded)
        if not host:
            return None
    return registrable_domain(host)


#: Hosts through which a platform sends every outgoing link (a tweet's t.co, LinkedIn's lnkd.in,
#: Facebook's l.facebook.com): the text shows the destination, or "pic.twitter.com/…", and the
#: href is the wrapper. That is how those platforms link, not a deception.
_PLATFORM_WRAPPERS = frozenset({
    "t.co", "lnkd.in", "l.facebook.com", "lm.facebook.com", "l.messenger.com",
    "l.instagram.com", "l.threads.net", "out.reddit.com", "away.vk.com", "href.li",
    # Ad and sponsored-content networks: an ad shows its advertiser's address and links
    # through the network's click tracker.
    "doubleclick.net", "googleadservices.com", "googlesyndication.com", "adnxs.com",
    "taboola.com", "outbrain.com", "revcontent.com", "criteo.com",
})
#: One site under several registrable domains (a rebrand, its own short domain).
_SITE_FAMILIES: dict[str, int] = {
    domain: number
    for number, family in enumerate((
        ("twitter.com", "x.com", "t.co"),
        ("facebook.com", "fb.com", "fb.me", "fb.watch"),
        ("youtube.com", "youtu.be"),
        ("instagram.com", "instagr.am"),
        ("linkedin.com", "lnkd.in"),
        ("amazon.com", "amzn.to", "amzn.com", "a.co"),
        ("google.com", "goo.gl", "g.co"),
        ("pinterest.com", "pin.it"),
    ))
    for domain in family
}


def _brand(domain: str) -> str:
    """The label left of the public suffix: "amazon" for amazon.com and amazon.co.uk."""
    return domain.split(".", 1)[0]


def _text_mismatch_flag(link: Link, target: _Target) -> Flag | None:
    shown = _text_domain(link.text)
    # An IP target has no registrable domain: any domain the text names is then another site.
    actual = target.domain or target.host
    if shown is None or shown == actual:
        return None
    if target.host in _PLATFORM_WRAPPERS or actual in _PLATFORM_WRAPPERS:
        return None
    family = _SITE_FAMILIES.get(shown)
    if family is not None and family == _SITE_FAMILIES.get(actual):
        return None
    text = link.text.strip().lower()
    serialized = _serialized(link.href)
    if serialized is not None:
        address = unquote(serialized[0]).lower()
        # A wrapper that carries the destination in its query (google.com/url?q=…).
        if text in address.partition("?")[2]:
            return None
        # A file name in the path ("setup.py" -> github.com/…/setup.py). Not for text that names
        # a site (a scheme, "www.", a path): "www.bank.com" -> evil.example/www.bank.com is the
        # phishing pattern.
        match = _URLISH.match(text.strip("<>()[]\"'.,;:"))
        names_a_site = match is not None and (
            match.group("scheme") is not None
            or match.group("rest") is not None
            or match.group("host").startswith("www.")
        )
        path = address.partition("//")[2].partition("/")[2]  # after the host: not in it
        if text in path and not names_a_site:
            return None
    brand = _brand(shown)
    if brand == _brand(actual) or (
        brand in target.host.split(".") and shown not in target.host
    ):
        # amazon.com -> amazon.co.uk, atlas.cz -> atlas.centrum.cz: the same name under another
        # ending or as a site of a parent company; worth a look only. Not "paypal.com" ->
        # paypal.com.evil.example, which carries the whole name to look like it.
        return Flag(
            "text_mismatch", "warning",
            f"The link text says \"{_quote(link.text)}\" but the link goes to {target.host}, "
            "the same name under another domain.",
        )
    # Text that reads as another site's address is the phishing pattern on its own.
    return Flag(
        "text_mismatch", "danger",
        f"The link text says \"{_quote(link.text)}\" but the link goes to {target.host}.",
    )


@lru_cache(maxsize=8192)
def _external_host_flags(host: str, domain: str | None) -> tuple[Flag, ...]:
    """The flags an external link gets for its host alone (the same for every link to it, and
    a page has thousands of links to a few dozen hosts; Flags are immutable, so shared)."""
    flags: list[Flag] = []
    if (homograph := homograph_reason(host)) is not None:
        label, why = homograph
        flags.append(Flag(
            "homograph", "danger",
            f"The host {host} reads as \"{label}\", which {why}: a look-alike address.",
        ))
    if is_ip(host):
        flags.append(Flag(
            "ip_host", "warning",
            f"The link points to a bare IP address ({host}) instead of a domain name.",
        ))
    if host in shorteners() or (domain or "") in shorteners():
        flags.append(Flag(
            "shortener", "warning",
            f"The link goes through the URL shortener {domain or host}, "
            "which hides where it really leads.",
        ))
    tld = host.rsplit(".", 1)[-1]
    if not is_ip(host) and tld in risky_tlds():
        flags.append(Flag(
            "risky_tld", "warning",
            f"The link goes to {host}, on .{tld}, one of the domain endings most "
            "abused for spam and phishing.",
        ))
    return tuple(flags)


def link_flags(link: Link, page: PageFacts) -> list[Flag]:
    """Every static flag for one link, most serious first in the order the rules run."""
    flags: list[Flag] = []
    target = _parse(link.href)
    if (hidden := _hidden_flag(link, target, page)) is not None:
        flags.append(hidden)

    if target is not None and target.scheme == "javascript:":
        flags.append(Flag(
            "javascript_href", "warning",
            "The href runs JavaScript instead of pointing to a page, so crawlers cannot follow it.",
        ))
    if not link.crawlable and (target is None or target.scheme not in _CONTACT_SCHEMES):
        if link.href is None:
            why = "it has no href, so search engines do not treat it as a link"
        elif target is not None and target.scheme not in ("http:", "https:"):
            why = f"its {target.scheme} address is not a web page search engines follow"
        elif link.tag == "area":
            why = "it is an image-map <area>, and Google follows only <a href> links"
        else:
            why = "it is not an <a href> to an http(s) address, which is all Google follows"
        flags.append(Flag("not_crawlable", "info", f"Not crawlable: {why}."))

    if link.href is not None and not link.text.strip() and (
        target is None or target.scheme not in _CONTACT_SCHEMES
    ):
        flags.append(Flag(
            "empty_anchor", "warning",
            "The link has no text, image alt or aria-label, so nobody can tell where it leads.",
        ))

    if target is not None and target.scheme in ("http:", "https:") and target.host:
        if not link.internal:
            flags.extend(_external_host_flags(target.host, target.domain))
        if (mismatch := _text_mismatch_flag(link, target)) is not None:
            flags.append(mismatch)
        if page.https and target.scheme == "http:":
            flags.append(Flag(
                "insecure", "info",
                f"An https page links to the unencrypted address http://{target.host}.",
            ))

    if (spam := spam_match(link.text)) is not None:
        wording = (
            f"The anchor text \"{_quote(link.text)}\" uses {THEME_WORDS.get(spam.theme, spam.theme)} "
            f"spam wording ({spam.words})"
        )
        destination = _not_a_spam_destination(target)
        if link.internal:
            flags.append(Flag("spam_anchor", "warning", wording + "."))
        elif not spam.dominant:
            flags.append(Flag(
                "spam_anchor", "warning",
                wording + " inside a longer descriptive text, which is how people write about "
                "the subject; worth a look only.",
            ))
        elif destination is not None:
            host = target.host if target is not None else ""
            flags.append(Flag(
                "spam_anchor", "warning",
                wording + f", but it links to {host}, {destination}, which is not where link "
                "spam leads.",
            ))
        else:
            flags.append(Flag("spam_anchor", "danger", wording + "."))
    return flags


# --- page rules --------------------------------------------------------------------------------


def page_flags(report: Report) -> list[Flag]:
    """Page flags this module owns: the link-farm pattern (`too_many_outbound`) and a page whose
    styles did not all apply (`styles_failed`, from the collector's `unstyled` links).

    `meta_nofollow`/`header_nofollow` come from classification and are not repeated here.
    """
    flags: list[Flag] = []
    unstyled = sum(1 for link in report.links if link.hidden_reason == "unstyled")
    if unstyled:
        flags.append(Flag(
            "styles_failed", "warning",
            f"The page's styles did not all apply (a stylesheet failed to load, or an "
            f"anti-flicker script left the page hidden), so the {unstyled} link"
            f"{'s' if unstyled != 1 else ''} hidden on it {'are' if unstyled != 1 else 'is'} "
            "not judged as hidden from readers.",
        ))
    external = [
        link for link in report.links
        if not link.internal and link.follow == "dofollow" and link.crawlable
    ]
    domains = {
        target.domain or target.host
        for link in external
        if (target := _parse(link.href)) is not None
    }
    if len(external) >= TOO_MANY_OUTBOUND_LINKS and len(domains) >= TOO_MANY_OUTBOUND_DOMAINS:
        flags.append(Flag(
            "too_many_outbound", "warning",
            f"The page has {len(external)} external dofollow links to {len(domains)} different "
            "sites, the pattern of a link farm.",
        ))
    return flags


# What every report needs, read when this module is imported rather than during the first
# report: `linklens scan` imports the engine in a thread while Chromium starts (the launch
# takes far longer), `linklens serve` at start-up. ~30 ms of CPU, most of it the suffix list.
hosts.warm_up()
word_lists.warm_up()
