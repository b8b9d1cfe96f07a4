"""Argument types the many-page commands share (`watch check`, `audit`, `prospects`)."""

from __future__ import annotations

__all__ = ["page_jobs"]

import argparse

#: More pages at once than this would only queue inside the one shared Chromium.
MAX_PAGE_JOBS = 64


def page_jobs(text: str) -> int:
    """`--jobs N`: how many pages are rendered at once, 1 to MAX_PAGE_JOBS."""
    try:
        jobs = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of pages: {text!r}") from None
    if not 1 <= jobs <= MAX_PAGE_JOBS:
        raise argparse.ArgumentTypeError(f"give 1 to {MAX_PAGE_JOBS} pages at once, not {jobs}")
    return jobs
