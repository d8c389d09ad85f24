"""Reading the inbox: discover article files, read their bytes, parse the changed ones.

This is the flow's only contact with input files; parsing itself is pure
(`transforms.parsing`). Nothing here raises for a bad input: whatever cannot be read
becomes a `Quarantined` record (reason `unreadable` with the OS error, or `oversized`)
and the rest of the inbox goes on.

Discovery (`discover_files`):
- folders are walked recursively (`os.walk`, followlinks=False): a symlinked FOLDER is
  not followed (so a folder symlink loop cannot hang the walk); it is reported as a
  `Note` of kind `symlinked_folder`. A folder that cannot be listed is quarantined.
- files and folders whose name starts with "." below an inbox folder are skipped
  (editor, sync and OS droppings such as `.git/` or macOS `._story.txt`), with a
  `hidden` note for hidden article files.
- every article-named entry is kept, even a dangling symlink or a symlink loop
  between files: reading it fails and it is quarantined `unreadable` with the OS error
  ("No such file or directory", "Too many levels of symbolic links") instead of
  vanishing silently. A symlinked FILE is read through its link.
- file names are recorded as valid Unicode: a name whose bytes are not UTF-8 is shown
  with `\\xNN` escapes (the file itself is still read by its real name).

Texts longer than `max_chars` characters (default `parsing.DEFAULT_MAX_CHARS`, spaCy's
default `nlp.max_length`; None for no limit) are quarantined `oversized`.

Reading (`read_files`): each file is opened once, without blocking (a FIFO named
`x.txt` is rejected as "not a regular file", never waited on), its size checked before
reading (an oversized file is never read into memory), then read up to `max_bytes` + 1
bytes. A file deleted or made unreadable between discovery and reading is quarantined
`unreadable`. A sidecar (`story.meta.json`) that exists but cannot be read quarantines
its article rather than loading it without its metadata.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from transforms import articles as article_tables
from transforms import parsing
from transforms.parsing import Article, Note, Quarantined


@dataclass
class Inbox:
    """What was read from the inbox: parsed files, skipped files, quarantined inputs, and
    notes (inputs that loaded with a caveat, or were deliberately not followed)."""

    files_seen: int = 0
    parsed: list[Article] = field(default_factory=list)
    parsed_paths: set[str] = field(default_factory=set)
    skipped_paths: set[str] = field(default_factory=set)
    quarantined: list[Quarantined] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)


@dataclass
class Discovery:
    files: list[Path] = field(default_factory=list)
    quarantined: list[Quarantined] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)


class OversizedFile(OSError):
    """A file larger than the limit: never read."""


def _printable(path_text: str) -> str:
    """A path as valid Unicode: bytes that were not UTF-8 (surrogate escapes) as \\xNN."""
    try:
        path_text.encode("utf-8")
    except UnicodeEncodeError:
        return os.fsencode(path_text).decode("utf-8", errors="backslashreplace")
    return path_text


def display_path(path: Path) -> str:
    """A path as recorded in the warehouse: relative to the working folder when inside it."""
    absolute = path.absolute()
    try:
        shown = absolute.relative_to(Path.cwd()).as_posix()
    except (ValueError, OSError):
        shown = absolute.as_posix()
    return _printable(shown)


def discover_files(inbox: list[str]) -> Discovery:
    """Every article file under the inbox folders (recursively) or named directly."""
    found: set[Path] = set()
    result = Discovery()
    for entry in inbox:
        root = Path(entry)
        if root.is_dir():

            def unlistable(exc: OSError, entry: str = entry) -> None:
                where = display_path(Path(exc.filename)) if exc.filename else _printable(entry)
                result.quarantined.append(
                    Quarantined(where, None, "unreadable", f"folder cannot be listed: {exc}")
                )

            for folder, dirs, names in os.walk(root, onerror=unlistable):
                kept = []
                for name in sorted(dirs):
                    candidate = Path(folder) / name
                    if name.startswith("."):
                        continue
                    if candidate.is_symlink():
                        result.notes.append(
                            Note(
                                display_path(candidate),
                                None,
                                "symlinked_folder",
                                f"symlink to a folder, not followed (-> {_link_target(candidate)})",
                            )
                        )
                        continue
                    kept.append(name)
                dirs[:] = kept
                for name in names:
                    if not parsing.is_article_path(name):
                        continue
                    candidate = Path(folder) / name
                    if name.startswith("."):
                        result.notes.append(
                            Note(display_path(candidate), None, "hidden", "hidden file skipped")
                        )
                        continue
                    found.add(candidate)
        elif root.is_file() or root.is_symlink() or root.is_fifo():
            found.add(root)  # named directly: read it (and fail clearly if it cannot be)
        else:
            result.quarantined.append(
                Quarantined(_printable(entry), None, "unreadable", "no such file or folder")
            )
    result.files = sorted(found, key=display_path)
    return result


def _link_target(path: Path) -> str:
    try:
        return _printable(os.readlink(path))
    except OSError as exc:
        return f"unreadable link: {exc.strerror}"


_FILE_KINDS = {
    stat.S_IFDIR: "a folder",
    stat.S_IFIFO: "a FIFO",
    stat.S_IFSOCK: "a socket",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
}


def read_limited(path: Path, max_bytes: int) -> bytes:
    """A regular file's bytes; OSError when it cannot be read, OversizedFile when it is
    larger than `max_bytes` (then it is not read at all)."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    fd = os.open(path, flags)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            kind = _FILE_KINDS.get(stat.S_IFMT(info.st_mode), "not a file")
            raise OSError(f"not a regular file ({kind})")
        if info.st_size > max_bytes:
            raise OversizedFile(f"{info.st_size} bytes > limit {max_bytes}")
        handle = os.fdopen(fd, "rb", buffering=0)
    except BaseException:
        os.close(fd)
        raise
    with handle:
        chunks, size = [], 0
        while size <= max_bytes:
            chunk = handle.read(max_bytes + 1 - size)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        data = b"".join(chunks)
    if len(data) > max_bytes:
        raise OversizedFile(f"more than {max_bytes} bytes (grew while being read)")
    return data


def _error_text(exc: OSError) -> str:
    if exc.strerror:
        return f"[Errno {exc.errno}] {exc.strerror}"
    return str(exc)


def _read_sidecar(path: Path, max_bytes: int) -> bytes | None:
    """The sidecar's bytes; None when there is none (OSError when it cannot be read)."""
    sidecar = parsing.sidecar_path(str(path))
    if sidecar is None or not os.path.lexists(sidecar):
        return None
    return read_limited(Path(sidecar), max_bytes)


def read_files(
    discovery: Discovery,
    known: pl.DataFrame,
    *,
    max_bytes: int,
    reprocess: bool,
    max_chars: int | None = parsing.DEFAULT_MAX_CHARS,
) -> Inbox:
    """Read and parse every discovered file that is new or changed; files whose bytes
    (and sidecar's) were loaded before are skipped (unless reprocessing)."""
    result = Inbox(
        files_seen=len(discovery.files),
        quarantined=list(discovery.quarantined),
        notes=list(discovery.notes),
    )
    contents: dict[str, tuple[bytes, bytes | None]] = {}
    for path in discovery.files:
        shown = display_path(path)
        try:
            data = read_limited(path, max_bytes)
        except OversizedFile as exc:
            result.quarantined.append(Quarantined(shown, None, "oversized", str(exc)))
            continue
        except OSError as exc:
            result.quarantined.append(Quarantined(shown, None, "unreadable", _error_text(exc)))
            continue
        try:
            sidecar = _read_sidecar(path, max_bytes)
        except OSError as exc:
            result.quarantined.append(
                Quarantined(
                    shown,
                    parsing.sha256_hex(data),
                    "unreadable",
                    f"sidecar {Path(str(parsing.sidecar_path(shown))).name}: {_error_text(exc)}",
                )
            )
            continue
        contents[shown] = (data, sidecar)
    digests = {shown: parsing.content_digest(*pair) for shown, pair in contents.items()}
    unchanged = set() if reprocess else article_tables.unchanged_paths(known, digests)
    result.skipped_paths = unchanged
    for shown, (data, sidecar) in contents.items():
        if shown in unchanged:
            continue
        parsed = parsing.parse_file(
            shown, data, sidecar=sidecar, max_bytes=max_bytes, max_chars=max_chars
        )
        result.parsed.extend(parsed.articles)
        result.quarantined.extend(parsed.quarantined)
        result.notes.extend(parsed.notes)
        result.parsed_paths.add(shown)
    return result


def read_inbox(
    inbox: list[str],
    known: pl.DataFrame,
    *,
    max_bytes: int,
    reprocess: bool,
    max_chars: int | None = parsing.DEFAULT_MAX_CHARS,
) -> Inbox:
    """Discover, read and parse the inbox (see the module docstring)."""
    return read_files(
        discover_files(inbox), known, max_bytes=max_bytes, reprocess=reprocess, max_chars=max_chars
    )
