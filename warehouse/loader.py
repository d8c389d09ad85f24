"""The DuckDB warehouse: schema, one-transaction loads, read-only queries.

All SQL lives in `.sql` files beside this module; values reach DuckDB as bound
parameters or as registered Arrow tables, never formatted into SQL text.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb

if TYPE_CHECKING:
    import polars as pl

SQL_DIR = Path(__file__).resolve().parent
SCHEMA_VERSION = 1
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
VIEWS = ("who_said_what", "entity_timeline")
# Frames a run hands to `publish_run`, registered under "incoming_<name>".
DATA_FRAMES = ("articles", "article_sources", "entity_mentions", "quotes", "timeline")
RECORD_FRAMES = ("runs", "dq_results", "quarantine")


class WarehouseError(RuntimeError):
    """A warehouse that cannot be opened, written or queried, with the path and reason."""


def sql_file(relative: str) -> str:
    return (SQL_DIR / relative).read_text(encoding="utf-8")


def report_names() -> list[str]:
    return sorted(p.stem for p in (SQL_DIR / "reports").glob("*.sql"))


def report_sql(name: str) -> str:
    path = SQL_DIR / "reports" / f"{name}.sql"
    if not path.is_file():
        known = ", ".join(report_names())
        raise WarehouseError(f"no report named {name!r} (known: {known})")
    return path.read_text(encoding="utf-8")


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


def apply_schema(con: duckdb.DuckDBPyConnection) -> None:
    for table in TABLES:
        execute(con, sql_file(f"tables/{table}.sql"))
    for view in VIEWS:
        execute(con, sql_file(f"views/{view}.sql"))
    [(current,)] = execute(con, "SELECT max(version) FROM schema_version")
    if current is None:
        execute(
            con, "INSERT INTO schema_version VALUES (?, ?)", [SCHEMA_VERSION, datetime.now(UTC)]
        )


def ensure_schema(path: Path) -> None:
    with connect(path) as con:
        con.begin()
        apply_schema(con)
        con.commit()


def known_sources(path: Path) -> pl.DataFrame:
    """(source_path, source_item, content_sha256, article_id) of everything loaded so far."""
    import polars as pl

    if not path.exists():
        return pl.DataFrame(
            schema={
                "source_path": pl.String,
                "source_item": pl.String,
                "content_sha256": pl.String,
                "article_id": pl.String,
            }
        )
    with connect(path, read_only=True) as con:
        return pl.from_arrow(con.sql(sql_file("load/known_sources.sql")).to_arrow_table())


def recent_articles_avg(path: Path) -> float | None:
    """Average number of articles seen by the last 7 loading runs (None before any)."""
    if not path.exists():
        return None
    with connect(path, read_only=True) as con:
        [(average,)] = execute(con, sql_file("load/recent_runs.sql"))
        return None if average is None else float(average)


def publish_run(
    path: Path,
    frames: Mapping[str, pl.DataFrame],
    stale_article_ids: list[str],
    *,
    load_data: bool,
) -> None:
    """Apply one run in a single transaction: a client sees the state before or after it.

    With `load_data` False (a blocking data-quality failure) only the run's own record
    (runs, dq_results, quarantine) is written; the tables analysts read are untouched.
    """
    import polars as pl

    with connect(path) as con:
        try:
            con.begin()
            apply_schema(con)
            names = RECORD_FRAMES + (DATA_FRAMES if load_data else ())
            for name in names:
                con.register(f"incoming_{name}", frames[name].to_arrow())
            if load_data:
                stale = pl.DataFrame(
                    {"article_id": stale_article_ids}, schema={"article_id": pl.String}
                )
                con.register("stale_articles", stale.to_arrow())
                execute(con, sql_file("load/delete_stale.sql"))
                execute(con, sql_file("load/insert_incoming.sql"))
                execute(con, sql_file("load/refresh_entities.sql"))
            execute(con, sql_file("load/record_run.sql"))
            con.commit()
        except duckdb.Error as exc:
            con.rollback()
            raise WarehouseError(f"{path}: load failed and was rolled back: {exc}") from exc


def query(
    path: Path, sql: str, params: Mapping[str, Any] | None = None
) -> tuple[list[str], list[tuple[Any, ...]]]:
    """Run one read-only statement with bound parameters; returns (columns, rows)."""
    with connect(path, read_only=True) as con:
        try:
            cursor = con.execute(sql, dict(params) if params else None)
        except duckdb.Error as exc:
            raise WarehouseError(f"query failed: {exc}") from exc
        columns = [d[0] for d in cursor.description or []]
        return columns, cursor.fetchall()
