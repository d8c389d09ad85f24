"""The nightly flow: inbox files -> articles -> spaCy -> tables -> checks -> warehouse.

The flow body only wires extract -> transform -> validate -> load; the work lives in
`transforms/`, `expectations/` and `warehouse/`. Only tasks that touch the file system
or the warehouse retry.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from importlib.metadata import version
from pathlib import Path
from typing import Any

import polars as pl
from prefect import flow, task
from prefect.artifacts import create_markdown_artifact
from prefect.cache_policies import NO_CACHE
from prefect.runtime import flow_run

from expectations.suites import SUITES
from expectations.validate import Verdict, validate
from flows import batches
from flows.inbox import Inbox
from flows.progress import ArticleProgress, Stopwatch
from flows.settings import (
    DEFAULT_BATCH_SIZE,
    DEFAULT_MAX_BYTES,
    DEFAULT_MODEL,
    DEFAULT_WAREHOUSE,
    dq_root,
)
from transforms import articles as article_tables
from transforms import tables
from transforms.parsing import Article
from transforms.pipeline import Item, analyse, model_version
from warehouse import loader

IO_RETRIES = 2
IO_RETRY_DELAYS: list[float] = [1.0, 5.0]  # backoff between tries
# Articles validated and loaded into the staging file at a time: memory stays flat
# whatever the size of the inbox (the model sees `batch_size` articles at a time).
DEFAULT_CHUNK_ARTICLES = 1000
TABLE_NAMES = ("articles", "entities", "entity_mentions", "quotes", "timeline")


@dataclass
class RunSummary:
    run_id: str
    status: str
    warehouse: Path
    data_docs: Path
    files_seen: int
    articles_new: int
    articles_changed: int
    articles_unchanged: int
    articles_reprocessed: int
    articles_removed: int
    articles_out_of_range: int
    files_quarantined: int
    quarantined: list[tuple[str, str, str]]
    notes: list[tuple[str, str, str]]
    table_rows: dict[str, int]
    blocking_failures: list[str]
    warnings: list[str]
    seconds: float
    stage_seconds: dict[str, float]


@task(retries=IO_RETRIES, retry_delay_seconds=IO_RETRY_DELAYS, cache_policy=NO_CACHE)
def read_inbox(
    inbox: list[str], known: pl.DataFrame, max_bytes: int, reprocess: bool
) -> tuple[Inbox, dict[str, Path]]:
    """The inbox without the articles' texts (read again, a file at a time, when analysed)."""
    return batches.scan_inbox(inbox, known, max_bytes=max_bytes, reprocess=reprocess)


@task(retries=IO_RETRIES, retry_delay_seconds=IO_RETRY_DELAYS, cache_policy=NO_CACHE)
def read_known_sources(warehouse: Path) -> pl.DataFrame:
    return loader.known_sources(warehouse)


@task(retries=IO_RETRIES, retry_delay_seconds=IO_RETRY_DELAYS, cache_policy=NO_CACHE)
def read_recent_volume(warehouse: Path) -> float | None:
    return loader.recent_articles_avg(warehouse)


@task(cache_policy=NO_CACHE)
def plan_articles(
    known: pl.DataFrame, inbox: Inbox, reprocess: bool, since: date | None
) -> article_tables.RunPlan:
    return article_tables.plan_run(
        known,
        inbox.parsed,
        inbox.parsed_paths,
        inbox.skipped_paths,
        reprocess=reprocess,
        since=since,
    )


class Chunk:
    """Analysed articles and their rows (a plain object: Prefect does not walk it)."""

    __slots__ = ("articles", "rows")

    def __init__(self, articles: list[Article], rows: list[tables.DocRows]) -> None:
        self.articles = articles
        self.rows = rows


@task(cache_policy=NO_CACHE)
def analyse_batch(items: list[Item], model: str) -> list[tables.DocRows]:
    """The model over one batch of articles, wherever the task runner puts it (Dask)."""
    return analyse(items, model)


def analysed_chunks(
    plan: article_tables.RunPlan,
    files: dict[str, Path],
    *,
    model: str,
    workers: int,
    batch_size: int,
    max_bytes: int,
    dask_address: str | None,
    chunk_articles: int,
    progress: ArticleProgress,
) -> Iterator[Chunk]:
    """The articles to analyse, through the model, `chunk_articles` at a time."""
    if not plan.to_analyse:  # an unchanged rerun never pays for loading the model
        return
    articles = batches.iter_articles(plan.to_analyse, files, max_bytes=max_bytes)
    pending: list[Article] = []
    rows: list[tables.DocRows] = []
    with batches.analyser(workers, model, dask_address, analyse_batch) as runner:
        for batch, batch_rows in runner.map(batches.batched(articles, batch_size), model):
            progress.advance(len(batch))
            pending.extend(batch)
            rows.extend(batch_rows)
            if len(pending) >= chunk_articles:
                yield Chunk(pending, rows)
                pending, rows = [], []
    if pending:
        yield Chunk(pending, rows)


@task(cache_policy=NO_CACHE)
def build_tables(chunk: Chunk, version_label: str, run_id: str) -> dict[str, pl.DataFrame]:
    """The tables of one chunk of analysed articles."""
    articles = article_tables.articles_frame(
        chunk.articles, model_version=version_label, run_id=run_id
    )
    return tables.chunk_tables(articles, chunk.rows, run_id=run_id)


def empty_tables(version_label: str, run_id: str) -> dict[str, pl.DataFrame]:
    return build_tables.fn(Chunk([], []), version_label, run_id)


def run_frames(
    plan: article_tables.RunPlan,
    inbox: Inbox,
    recent_articles_avg: float | None,
    run_id: str,
) -> dict[str, pl.DataFrame]:
    """The frames that describe the run as a whole (bookkeeping, no texts)."""
    return {
        "article_sources": article_tables.article_sources_frame(plan.sources, run_id=run_id),
        "quarantine": article_tables.quarantine_frame(inbox.quarantined, run_id=run_id),
        "run_stats": article_tables.run_stats_frame(
            plan,
            files_seen=inbox.files_seen,
            files_quarantined=len(inbox.quarantined),
            recent_articles_avg=recent_articles_avg,
        ),
    }


@task(cache_policy=NO_CACHE)
def check_tables(
    frames: dict[str, pl.DataFrame], gx_root: Path, run_id: str, suites: list[str], chunk: int
) -> Verdict:
    """Chunk number ``chunk``'s tables (and the run's stats) against the chosen suites."""
    chosen = {name: SUITES[name] for name in suites}
    return validate(frames, gx_root, run_id, chosen, chunk=chunk)


@task(retries=IO_RETRIES, retry_delay_seconds=IO_RETRY_DELAYS, cache_policy=NO_CACHE)
def stage_warehouse(warehouse: Path) -> Path:
    return loader.stage(warehouse)


@task(cache_policy=NO_CACHE)
def link_entities(staging: Path, frames: dict[str, pl.DataFrame]) -> dict[str, pl.DataFrame]:
    """Short forms ("Mr Rutte") join the full entity already in the warehouse."""
    return tables.link_across_articles(frames, loader.known_entities(staging))


@task(cache_policy=NO_CACHE)
def load_staging(
    staging: Path,
    frames: dict[str, pl.DataFrame],
    stale_article_ids: list[str] | None,
    run_id: str,
) -> None:
    """One chunk of rows into the private staging file, in one transaction (the run
    reaches analysts only when the staging file is published). With `stale_article_ids`
    (the run's first load) the rows they replace go first."""
    loader.load_chunk(staging, frames, stale_article_ids, run_id)


@task(cache_policy=NO_CACHE)
def record_staging(
    staging: Path,
    frames: dict[str, pl.DataFrame],
    verdict: Verdict,
    run_record: dict[str, object],
) -> None:
    """The run's record; unless it was blocked, entities first met in short form join
    the full entities this run brought (e.g. "Rutte" stored last week -> "Mark Rutte")."""
    record = pl.DataFrame([run_record]).with_columns(pl.col("inbox").cast(pl.List(pl.String)))
    relinks = None if verdict.blocked else tables.relink_map(loader.known_entities(staging))
    loader.record_run(staging, {**frames, "runs": record, "dq_results": verdict.results}, relinks)


@task(retries=IO_RETRIES, retry_delay_seconds=IO_RETRY_DELAYS, cache_policy=NO_CACHE)
def publish_warehouse(staging: Path, warehouse: Path) -> None:
    loader.promote(staging, warehouse)


def run_status(verdict: Verdict, quarantined: int) -> str:
    if verdict.blocked:
        return "failed_validation"
    return "success_with_quarantine" if quarantined else "success"


def run_record(
    run_id: str,
    started: datetime,
    inbox: list[str],
    read: Inbox,
    plan: article_tables.RunPlan,
    verdict: Verdict,
    model: str,
    version_label: str,
) -> dict[str, object]:
    """The run's row of the `runs` table."""
    return {
        "run_id": run_id,
        "started_at": started,
        "finished_at": datetime.now(UTC),
        "status": run_status(verdict, len(read.quarantined)),
        "status_detail": "; ".join(verdict.failures("block")) or None,
        "files_seen": read.files_seen,
        "articles_new": plan.new,
        "articles_changed": plan.changed,
        "articles_unchanged": plan.unchanged,
        "articles_reprocessed": plan.reprocessed,
        "articles_removed": plan.removed,
        "articles_out_of_range": plan.out_of_range,
        "files_quarantined": len(read.quarantined),
        "model": model,
        "model_version": version_label,
        "code_version": version("newsdesk"),
        "inbox": list(inbox),
    }


def run_summary(
    record: dict[str, Any],
    warehouse: Path,
    read: Inbox,
    table_rows: dict[str, int],
    verdict: Verdict,
    stage_seconds: dict[str, float],
) -> RunSummary:
    return RunSummary(
        run_id=record["run_id"],
        status=record["status"],
        warehouse=warehouse,
        data_docs=verdict.docs_index,
        files_seen=record["files_seen"],
        articles_new=record["articles_new"],
        articles_changed=record["articles_changed"],
        articles_unchanged=record["articles_unchanged"],
        articles_reprocessed=record["articles_reprocessed"],
        articles_removed=record["articles_removed"],
        articles_out_of_range=record["articles_out_of_range"],
        files_quarantined=record["files_quarantined"],
        quarantined=[(q.source_path, q.reason, q.detail) for q in read.quarantined],
        notes=[(n.source_path, n.kind, n.detail) for n in read.notes],
        table_rows=dict(table_rows),
        blocking_failures=verdict.failures("block"),
        warnings=verdict.failures("warn"),
        seconds=(record["finished_at"] - record["started_at"]).total_seconds(),
        stage_seconds=dict(stage_seconds),
    )


def publish_artifact(summary: RunSummary) -> None:
    lines = [
        f"# newsdesk run `{summary.run_id}`: {summary.status}",
        "",
        "| table | rows this run |",
        "|---|---|",
        *[f"| {name} | {count} |" for name, count in sorted(summary.table_rows.items())],
        "",
        f"Blocking failures: {len(summary.blocking_failures)}; warnings: {len(summary.warnings)}.",
        *[f"- block: `{f}`" for f in summary.blocking_failures],
        *[f"- warn: `{w}`" for w in summary.warnings],
        "",
        f"Data Docs: `{summary.data_docs}`",
    ]
    create_markdown_artifact(
        key="newsdesk-data-quality", markdown="\n".join(lines), description="Data quality"
    )


def process_chunks(
    chunks: Iterator[Chunk],
    *,
    staging: Path,
    whole_run: dict[str, pl.DataFrame],
    empty: dict[str, pl.DataFrame],
    gx_root: Path,
    version_label: str,
    run_id: str,
    clock: Stopwatch,
) -> tuple[Verdict, dict[str, int]]:
    """Each chunk: tables -> entity links -> checks -> staging. After a blocking failure
    the rest is still checked (so the report is complete) but nothing more is loaded.
    Returns the run's verdict and its row counts."""
    verdicts: list[Verdict] = []
    table_rows = dict.fromkeys(TABLE_NAMES, 0)
    entity_ids: set[str] = set()
    no_sources = {"article_sources": whole_run["article_sources"].clear()}
    for chunk in chunks:
        with clock.stage("tables"):
            frames = link_entities(staging, build_tables(chunk, version_label, run_id))
        suites = [name for name in SUITES if name != "run" or not verdicts]
        with clock.stage("validate"):
            chunk_no = len(verdicts) + 1
            verdicts.append(
                check_tables({**frames, **whole_run}, gx_root, run_id, suites, chunk_no)
            )
        if not any(v.blocked for v in verdicts):
            with clock.stage("load"):
                load_staging(staging, {**frames, **no_sources}, None, run_id)
        for name in TABLE_NAMES:
            table_rows[name] += frames[name].height
        entity_ids.update(frames["entities"]["entity_id"].to_list())
    if not verdicts:
        with clock.stage("validate"):
            verdicts.append(check_tables({**empty, **whole_run}, gx_root, run_id, list(SUITES), 1))
    table_rows["entities"] = len(entity_ids)
    return batches.merge_verdicts(verdicts, run_id), table_rows


@flow(name="newsdesk-nightly")
def nightly(
    inbox: list[str],
    warehouse: str = str(DEFAULT_WAREHOUSE),
    workers: int = 1,
    reprocess: bool = False,
    model: str = DEFAULT_MODEL,
    max_bytes: int = DEFAULT_MAX_BYTES,
    batch_size: int = DEFAULT_BATCH_SIZE,
    wait_seconds: float = 0,
    since: date | None = None,
    dask_address: str | None = None,
    chunk_articles: int = DEFAULT_CHUNK_ARTICLES,
) -> RunSummary:
    """Load new and changed articles from `inbox` into the DuckDB `warehouse`.

    The run works on a staged copy and publishes it by atomic rename at the end; one
    run at a time holds the warehouse (a second waits up to `wait_seconds`)."""
    started = datetime.now(UTC)
    run_id = str(flow_run.id or f"local-{started:%Y%m%dT%H%M%S%f}")
    published = Path(warehouse)
    with loader.writer_lock(published, wait_seconds):
        clock = Stopwatch()
        with clock.stage("stage"):
            staging = stage_warehouse(published)
        try:
            with clock.stage("read"):
                known = read_known_sources(staging)
                read, files = read_inbox(inbox, known, max_bytes, reprocess)
                plan = plan_articles(known, read, reprocess, since)
                recent = read_recent_volume(staging)
                version_label = model_version(model)
            with clock.stage("load"):
                whole_run = run_frames(plan, read, recent, run_id)
                empty = empty_tables(version_label, run_id)
                load_staging(staging, {**empty, **whole_run}, plan.stale_article_ids, run_id)
            with ArticleProgress(len(plan.to_analyse)) as progress:
                chunks = analysed_chunks(
                    plan,
                    files,
                    model=model,
                    workers=workers,
                    batch_size=batch_size,
                    max_bytes=max_bytes,
                    dask_address=dask_address,
                    chunk_articles=chunk_articles,
                    progress=progress,
                )
                verdict, table_rows = process_chunks(
                    clock.timed("analyse", chunks),
                    staging=staging,
                    whole_run=whole_run,
                    empty=empty,
                    gx_root=dq_root(published),
                    version_label=version_label,
                    run_id=run_id,
                    clock=clock,
                )
            record = run_record(run_id, started, inbox, read, plan, verdict, model, version_label)
            with clock.stage("publish"):
                if verdict.blocked:  # none of the run's rows: start again from the published file
                    loader.discard(staging)
                    staging = stage_warehouse(published)
                no_sources = {"article_sources": whole_run["article_sources"].clear()}
                record_staging(staging, {**empty, **whole_run, **no_sources}, verdict, record)
                publish_warehouse(staging, published)
        finally:
            loader.discard(staging)
    summary = run_summary(record, published, read, table_rows, verdict, clock.seconds)
    publish_artifact(summary)
    return summary
