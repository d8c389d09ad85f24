"""The DuckDB warehouse: schema and migrations, staged one-transaction loads published
by atomic rename, read-only queries, and exports.

How a run reaches analysts: the writer copies the published file to a staging file
beside it, loads the run there in one transaction, and renames the staging file over
the published one. A client's open connection keeps reading the file it opened (its
snapshot); its next connection sees the new run. The writer never opens the published
file, so a client holding it open (even read-write, as DBeaver does) never blocks the
run, and a killed run leaves the published file untouched.

All SQL lives in `.sql` files beside this module; values reach DuckDB as bound
parameters or as registered Arrow tables, never formatted into SQL text.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import time
import uuid
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb

if TYPE_CHECKING:
    import polars as pl

SQL_DIR = Path(__file__).resolve().parent
# Creation order matters only for readability; views come after the tables they read.
TABLES = (
    "schema_version",
    "runs",
    "articles",
    "article_sources",
    "entities",
    "entity_mentions",
    "quotes",
    "timeline",
    "quarantine",
    "dq_results",
)
VIEWS = ("who_said_what", "entity_timeline", "quote_spread", "top_entities")
# Frames a run hands to `load_chunk` and `record_run`, registered as "incoming_<name>".
DATA_FRAMES = ("articles", "article_sources", "entity_mentions", "quotes", "timeline")
RECORD_FRAMES = ("runs", "dq_results", "quarantine")
LOCK_POLL_SECONDS = 0.2


class WarehouseError(RuntimeError):
    """A warehouse that cannot be opened, written or queried, with the path and reason."""


class WarehouseBusy(WarehouseError):
    """Another run holds the warehouse's writer lock."""


def sql_file(relative: str) -> str:
    return (SQL_DIR / relative).read_text(encoding="utf-8")


def report_names() -> list[str]:
    return sorted(p.stem for p in (SQL_DIR / "reports").glob("*.sql"))


def report_sql(name: str) -> str:
    path = SQL_DIR / "reports" / f"{name}.sql"
    if not name.isidentifier() or not path.is_file():
        known = ", ".join(report_names())
        raise WarehouseError(f"no report named {name!r} (known: {known})")
    return path.read_text(encoding="utf-8")


def migrations() -> list[tuple[int, Path]]:
    """(version, file) of every migration, in order; version 1 is the first schema."""
    found = sorted(
        (int(p.name.split("_", 1)[0]), p) for p in (SQL_DIR / "migrations").glob("*.sql")
    )
    return found


def latest_version() -> int:
    return max([1, *(version for version, _ in migrations())])


@contextmanager
def connect(path: Path, *, read_only: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
    if read_only and not path.exists():
        raise WarehouseError(f"{path}: no warehouse here yet (run `newsdesk run INBOX` first)")
    try:
        if not read_only:
            path.parent.mkdir(parents=True, exist_ok=True)
        con = duckdb.connect(str(path), read_only=read_only)
    except (duckdb.Error, OSError) as exc:
        raise WarehouseError(f"{path}: cannot open warehouse: {exc}") from exc
    try:
        yield con
    finally:
        con.close()


def execute(
    con: duckdb.DuckDBPyConnection, sql: str, params: list[Any] | None = None
) -> list[tuple[Any, ...]]:
    """Run SQL (a file may hold several statements) and drain its result, as DuckDB
    requires before the connection does anything else."""
    return con.execute(sql, params).fetchall()


def schema_version(con: duckdb.DuckDBPyConnection) -> int | None:
    [(exists,)] = execute(
        con,
        "SELECT count(*) FROM information_schema.tables "
        "WHERE table_schema = 'main' AND table_name = 'schema_version'",
    )
    if not exists:
        return None
    [(version,)] = execute(con, "SELECT max(version) FROM schema_version")
    return version


def apply_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Create a new warehouse at the latest schema, or upgrade an older one in place
    (each migration once, in order); then (re)create the views."""
    version = schema_version(con)
    if version is None:
        for table in TABLES:
            execute(con, sql_file(f"tables/{table}.sql"))
        version = 0
        pending: list[tuple[int, Path | None]] = [(latest_version(), None)]
    else:
        pending = [(v, path) for v, path in migrations() if v > version]
    for target, path in pending:
        if path is not None:
            execute(con, path.read_text(encoding="utf-8"))
        execute(con, "INSERT INTO schema_version VALUES (?, ?)", [target, datetime.now(UTC)])
    for view in VIEWS:
        execute(con, sql_file(f"views/{view}.sql"))


def lock_path(published: Path) -> Path:
    return published.with_name(published.name + ".lock")


def staging_prefix(published: Path) -> str:
    return f".{published.name}.staging-"


@contextmanager
def writer_lock(published: Path, wait_seconds: float = 0) -> Iterator[None]:
    """One writer at a time per warehouse: wait up to `wait_seconds`, else WarehouseBusy.

    An OS file lock, so a killed run releases it with its process."""
    path = lock_path(published)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle = path.open("a+")
    except OSError as exc:
        raise WarehouseError(f"{path}: cannot create the writer lock: {exc}") from exc
    deadline = time.monotonic() + wait_seconds
    try:
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise WarehouseBusy(
                        f"{published}: another newsdesk run is writing this warehouse "
                        f"(lock {path}); waited {wait_seconds:g} s"
                    ) from None
                time.sleep(LOCK_POLL_SECONDS)
        yield
    finally:
        handle.close()


def remove_stale_staging(published: Path) -> list[Path]:
    """Staging files left by killed runs (call with the writer lock held)."""
    removed = []
    for leftover in published.parent.glob(staging_prefix(published) + "*"):
        leftover.unlink(missing_ok=True)
        removed.append(leftover)
    return removed


def stage(published: Path) -> Path:
    """A private copy of the published warehouse (or a new one), at the latest schema."""
    remove_stale_staging(published)
    staging = published.with_name(staging_prefix(published) + uuid.uuid4().hex[:12])
    try:
        if published.exists():
            shutil.copyfile(published, staging)
        with connect(staging) as con:
            con.begin()
            apply_schema(con)
            con.commit()
    except (OSError, duckdb.Error) as exc:
        discard(staging)
        raise WarehouseError(f"{published}: cannot stage the warehouse: {exc}") from exc
    return staging


def discard(staging: Path) -> None:
    for leftover in (staging, staging.with_name(staging.name + ".wal")):
        leftover.unlink(missing_ok=True)


def promote(staging: Path, published: Path) -> None:
    """Publish the staged warehouse atomically: fsync, then rename over the published file."""
    try:
        with staging.open("rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(staging, published)
        directory = os.open(published.parent, os.O_RDONLY)
        try:
            os.fsync(directory)
        finally:
            os.close(directory)
    except OSError as exc:
        raise WarehouseError(f"{published}: cannot publish the new warehouse: {exc}") from exc


def known_sources(path: Path) -> pl.DataFrame:
    """(source_path, source_item, content_sha256, article_id) of everything loaded so far."""
    return read_frame(path, "load/known_sources.sql")


def recent_articles_avg(path: Path) -> float | None:
    """Average number of articles seen by the last 7 loading runs (None before any)."""
    with connect(path, read_only=True) as con:
        [(average,)] = execute(con, sql_file("load/recent_runs.sql"))
        return None if average is None else float(average)


def known_entities(path: Path) -> pl.DataFrame:
    """(entity_id, name, label, aliases, n_articles) of every entity loaded so far."""
    return read_frame(path, "load/known_entities.sql")


def read_frame(path: Path, relative: str) -> pl.DataFrame:
    """The result of one `.sql` file of this package, as a Polars frame."""
    import polars as pl

    with connect(path, read_only=True) as con:
        frame = pl.from_arrow(con.sql(sql_file(relative)).to_arrow_table())
    if not isinstance(frame, pl.DataFrame):
        raise WarehouseError(f"{relative} did not return a table")
    return frame


@contextmanager
def transaction(path: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """One transaction on a (staging) warehouse: all of it, or none of it."""
    with connect(path) as con:
        try:
            con.begin()
            yield con
            con.commit()
        except duckdb.Error as exc:
            con.rollback()
            raise WarehouseError(f"{path}: load failed and was rolled back: {exc}") from exc


def _register_run(con: duckdb.DuckDBPyConnection, run_id: str) -> None:
    import polars as pl

    con.register("current_run", pl.DataFrame({"run_id": [run_id]}).to_arrow())


def load_chunk(
    path: Path,
    frames: Mapping[str, pl.DataFrame],
    stale_article_ids: list[str] | None,
    run_id: str,
) -> None:
    """Insert one chunk of a run's rows (DATA_FRAMES) in one transaction, and re-derive
    `entities` so the next chunk links to them. With `stale_article_ids` (the run's
    first load), first delete the rows they replace and the sources of files read again."""
    import polars as pl

    with transaction(path) as con:
        for name in DATA_FRAMES:
            con.register(f"incoming_{name}", frames[name].to_arrow())
        if stale_article_ids is not None:
            stale = pl.DataFrame(
                {"article_id": stale_article_ids}, schema={"article_id": pl.String}
            )
            con.register("stale_articles", stale.to_arrow())
            execute(con, sql_file("load/delete_stale.sql"))
        execute(con, sql_file("load/insert_incoming.sql"))
        _register_run(con, run_id)
        execute(con, sql_file("load/refresh_entities.sql"))


def record_run(
    path: Path, frames: Mapping[str, pl.DataFrame], relinks: pl.DataFrame | None = None
) -> None:
    """The run's own record (RECORD_FRAMES) in one transaction; with `relinks`, stored
    rows of short-form entities first join the full entity they were linked to."""
    with transaction(path) as con:
        for name in RECORD_FRAMES:
            con.register(f"incoming_{name}", frames[name].to_arrow())
        if relinks is not None and relinks.height:
            _register_run(con, frames["runs"]["run_id"].item())
            con.register("relinks", relinks.to_arrow())
            execute(con, sql_file("load/apply_relinks.sql"))
            execute(con, sql_file("load/refresh_entities.sql"))
        execute(con, sql_file("load/record_run.sql"))


def query(
    path: Path, sql: str, params: Mapping[str, Any] | None = None
) -> tuple[list[str], list[tuple[Any, ...]]]:
    """Run one read-only statement with bound parameters; returns (columns, rows).

    The statement sees the warehouse only: no file reads or writes (COPY, read_csv,
    ATTACH), so a query typed by a user cannot leak or overwrite files."""
    with connect(path, read_only=True) as con:
        con.execute("SET enable_external_access = false")
        con.execute("SET lock_configuration = true")
        try:
            cursor = con.execute(sql, dict(params) if params else None)
        except duckdb.Error as exc:
            raise WarehouseError(f"query failed: {exc}") from exc
        columns = [d[0] for d in cursor.description or []]
        return columns, cursor.fetchall()


def export(path: Path, directory: Path) -> list[Path]:
    """Every table as `DIR/<table>.parquet`, each written to a temporary name and renamed."""
    import pyarrow.parquet as pq

    directory.mkdir(parents=True, exist_ok=True)
    written = []
    with connect(path, read_only=True) as con:
        for table in TABLES:
            target = directory / f"{table}.parquet"
            partial = directory / f".{table}.parquet.partial"
            try:
                pq.write_table(con.table(table).to_arrow_table(), partial)
                os.replace(partial, target)
            except OSError as exc:
                partial.unlink(missing_ok=True)
                raise WarehouseError(f"{target}: cannot write export: {exc}") from exc
            written.append(target)
    return written
