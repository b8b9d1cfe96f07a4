"""The repository explains itself: no tracked file points at a file outside it.

Design notes once lived next to the repository (a `shared/` folder of design, bad-input,
environment and style notes) and comments cited them by name and section number. A
person who clones LinkLens has none of those, so what they said now lives in docs/DESIGN.md,
docs/SECURITY.md and docs/DEVELOPING.md, and comments point there.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
THIS_FILE = Path(__file__).resolve().relative_to(ROOT).as_posix()

#: Saved third-party pages served by the corpus tests: their links are the sites' own.
THIRD_PARTY = ("tests/corpus/files/",)

#: (pattern, what it refers to). Case-sensitive: the citations were written in capitals.
OUTSIDE_REFERENCES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\.\./shared\b"), "the shared/ folder beside the repository"),
    (re.compile(r"/work/shared\b"), "the shared/ folder beside the repository"),
    (re.compile(r"\bshared/(?:DESIGN|BAD-INPUTS|ENV|STYLE)\b"), "a note outside the repository"),
    (re.compile(r"\bDESIGN\b(?!\.md)"), "the outside DESIGN notes (use docs/DESIGN.md §…)"),
    (re.compile(r"\bBAD-INPUTS\b"), "the outside bad-input list (use docs/SECURITY.md)"),
    (re.compile(r"\bENV\.md\b|\bdocs/ENV\b|\bdocs ENV\b"), "the ENV notes (docs/DEVELOPING.md)"),
    (re.compile(r"\bSTYLE\.md\b"), "the outside STYLE notes"),
)


def tracked_files() -> list[str]:
    """Every file git tracks (the working tree's copy is what is read)."""
    listing = subprocess.run(
        ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True
    ).stdout.decode("utf-8", "surrogateescape")
    return [name for name in listing.split("\0") if name]


def outside_references(text: str) -> list[tuple[int, str, str]]:
    """(line number, the line, what it refers to) for each reference to an outside file."""
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        for pattern, meaning in OUTSIDE_REFERENCES:
            if pattern.search(line):
                found.append((number, line.strip(), meaning))
                break
    return found


def test_no_tracked_file_refers_to_a_path_outside_the_repository() -> None:
    """No tracked file cites the DESIGN/BAD-INPUTS/ENV/STYLE notes or the shared folder beside
    the repository: they are not cloned."""
    problems = []
    for name in tracked_files():
        if name == THIS_FILE or name.startswith(THIRD_PARTY):
            continue
        path = ROOT / name
        if not path.is_file():  # deleted in the working tree, not yet committed
            continue
        data = path.read_bytes()
        if b"\0" in data[:8192]:  # binary (images, zips)
            continue
        text = data.decode("utf-8", "replace")
        problems.extend(
            f"{name}:{number}: {line[:120]}  <- {meaning}"
            for number, line, meaning in outside_references(text)
        )
    assert not problems, "references to files outside the repository:\n" + "\n".join(problems)


def test_the_patterns_catch_each_old_citation_and_spare_the_docs() -> None:
    """Each old citation form is caught; pointers to docs/*.md in the repository are not."""
    caught = [
        "(DESIGN" " 1.2)",  # split: the literal would itself read as a citation to a grep
        "DESIGN section 3",
        "(in DESIGN order)",
        "DESIGN: “deadline hit”",
        "`../" "shared/DESIGN.md` section 1",
        "(BAD-INPUTS" " 28)",
        "Order (ENV" ".md):",
        "(docs/ENV)",
        "(docs ENV" ".md)",
        "see STYLE.md",
        "/work/shared/BAD-INPUTS.md",
    ]
    spared = [
        "(docs/DESIGN.md §2.4)",
        "[DESIGN.md](DESIGN.md) §3",
        "docs/SECURITY.md, case 20",
        "docs/DEVELOPING.md",
        "design the environment",
        "LINKLENS_HOME",
    ]
    assert [text for text in caught if not outside_references(text)] == []
    assert [text for text in spared if outside_references(text)] == []
