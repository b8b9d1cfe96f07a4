"""The `linklens` command: parser, commands, output (table, CSV, JSON)."""

from __future__ import annotations

__all__ = ["build_parser", "main", "run"]

from agent.cli.commands import build_parser, main, run
