"""Audits over a list of pages (docs/AUDIT.md): `linklens audit`, `disavow`, `prospects`.

    model.py        PageAudit, LinkToYou, OutboundProfile, DomainAudit, AuditReport (msgspec)
    page.py         one source page: render once, classify with your domains, judge, read
    text.py         main text (readability-lxml) and its stemmed terms (snowballstemmer)
    relevance.py    TF-IDF cosine 0-100 and the shared terms that explain it
    recommend.py    keep / review / disavow: every rule and threshold in one place
    report.py       stored pages -> relevance, roll-up per referring domain, summary
    runner.py       `run_audit`: plan, resume, retry once, store per page, read target pages
    store.py        the audit's tables in the store (schema 2) and Wayback answers
    html_report.py  `--html`: one self-contained file with charts and sortable tables
    disavow.py      Google's disavow format: write, merge byte for byte, check
    prospects.py    dead outbound links grouped by URL; the Wayback availability API
"""
