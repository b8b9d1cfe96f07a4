"""The backlink monitor: watch earned links, record every check of them, report what changed.

    model.py           targets (a URL or a whole domain), source URLs, matching a link to a target
    backlink_files.py  reading link lists: plain URLs, or CSV exports (GSC, Ahrefs, Semrush,
                       Majestic, Moz) through one table of column aliases
    watchlist.py       the watch list in the store: links, observations, changes, check runs
    changes.py         the closed set of change kinds and the rules that detect them
    page_job.py        one source page: render once, classify, observe every watched link on it
    runner.py          `watch check`: page jobs in the shared Chromium, polite, resumable
    background.py      the agent's background re-check of due links
    service.py         the protocol's watch messages, answered from the store
"""
