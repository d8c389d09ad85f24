"""Reading the inbox: discover article files, read their bytes, parse the changed ones.

This is the flow's only contact with input files; parsing itself is pure
(`transforms.parsing`).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from transforms import articles as article_tables
from transforms import parsing
from transforms.parsing import Article, Quarantined


@dataclass
class Inbox:
    """What was read from the inbox: parsed files, skipped files, quarantined inputs."""

    files_seen: int = 0
    parsed: list[Article] = field(default_factory=list)
    parsed_paths: set[str] = field(default_factory=set)
    skipped_paths: set[str] = field(default_factory=set)
    quarantined: list[Quarantined] = field(default_factory=list)


def display_path(path: Path) -> str:
    """A path as recorded in the warehouse: relative to the working folder when inside it."""
    absolute = path.absolute()
    try:
        return absolute.relative_to(Path.cwd()).as_posix()
    except ValueError:
        return absolute.as_posix()


def discover_files(inbox: list[str]) -> tuple[list[Path], list[Quarantined]]:
    """Every article file under the inbox folders (recursively) or named directly."""
    found: set[Path] = set()
    missing: list[Quarantined] = []
    for entry in inbox:
        root = Path(entry)
        if root.is_dir():
            for folder, _dirs, names in os.walk(root):  # does not follow symlinked folders
                for name in names:
                    candidate = Path(folder) / name
                    if parsing.is_article_path(name) and candidate.is_file():
                        found.add(candidate)
        elif root.is_file():
            found.add(root)
        else:
            missing.append(Quarantined(entry, None, "unreadable", "no such file or folder"))
    return sorted(found, key=display_path), missing


def read_inbox(inbox: list[str], known: pl.DataFrame, *, max_bytes: int, reprocess: bool) -> Inbox:
    """Read and parse every new or changed file; files whose bytes were loaded before
    are skipped unread (unless reprocessing)."""
    files, missing = discover_files(inbox)
    result = Inbox(files_seen=len(files), quarantined=missing)
    contents: dict[str, bytes] = {}
    for path in files:
        shown = display_path(path)
        try:
            contents[shown] = path.read_bytes()
        except OSError as exc:
            result.quarantined.append(Quarantined(shown, None, "unreadable", str(exc)))
    digests = {shown: parsing.sha256_hex(data) for shown, data in contents.items()}
    unchanged = set() if reprocess else article_tables.unchanged_paths(known, digests)
    result.skipped_paths = unchanged
    for shown, data in contents.items():
        if shown in unchanged:
            continue
        sidecar = parsing.sidecar_path(shown)
        sidecar_bytes = Path(sidecar).read_bytes() if sidecar and Path(sidecar).is_file() else None
        parsed = parsing.parse_file(shown, data, sidecar=sidecar_bytes, max_bytes=max_bytes)
        result.parsed.extend(parsed.articles)
        result.quarantined.extend(parsed.quarantined)
        result.parsed_paths.add(shown)
    return result
