"""The nightly flow: inbox files -> articles -> spaCy -> tables -> checks -> warehouse.

The flow body only wires extract -> transform -> validate -> load; the work lives in
`transforms/`, `expectations/` and `warehouse/`. Only tasks that touch the file system
or the warehouse retry.
"""

from __future__ import annotations

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

from expectations.validate import Verdict, validate
from flows import inbox as inbox_files
from flows.inbox import Inbox
from flows.settings import (
    DEFAULT_BATCH_SIZE,
    DEFAULT_MAX_BYTES,
    DEFAULT_MODEL,
    DEFAULT_WAREHOUSE,
    dq_root,
)
from transforms import articles as article_tables
from transforms import tables
from transforms.pipeline import load_nlp, model_version
from warehouse import loader

IO_RETRIES = 2
IO_RETRY_DELAYS = [1, 5]


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
    files_quarantined: int
    quarantined: list[tuple[str, str, str]]
    table_rows: dict[str, int]
    blocking_failures: list[str]
    warnings: list[str]
    seconds: float


@task(retries=IO_RETRIES, retry_delay_seconds=IO_RETRY_DELAYS, cache_policy=NO_CACHE)
def read_inbox(inbox: list[str], known: pl.DataFrame, max_bytes: int, reprocess: bool) -> Inbox:
    return inbox_files.read_inbox(inbox, known, max_bytes=max_bytes, reprocess=reprocess)


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


@task(cache_policy=NO_CACHE)
def build_tables(
    plan: article_tables.RunPlan,
    inbox: Inbox,
    recent_articles_avg: float | None,
    model: str,
    workers: int,
    batch_size: int,
    run_id: str,
) -> tuple[dict[str, pl.DataFrame], str]:
    """Run spaCy over the articles to analyse and build every table of the run."""
    version_label = model_version(model)
    docs: list[tables.DocRows] = []
    if plan.to_analyse:  # an unchanged rerun never pays for loading the model
        nlp = load_nlp(model)
        texts = ((a.text, (a.article_id, a.published_date)) for a in plan.to_analyse)
        docs = [
            tables.doc_rows(doc, article_id, published)
            for doc, (article_id, published) in nlp.pipe(
                texts, as_tuples=True, batch_size=batch_size, n_process=max(1, workers)
            )
        ]
    articles = article_tables.articles_frame(
        plan.to_analyse, model_version=version_label, run_id=run_id
    )
    mentions = tables.mentions_frame(docs, run_id=run_id)
    frames = pl.collect_all(
        [
            mentions,
            tables.quotes_frame(docs, run_id=run_id),
            tables.timeline_frame(docs, run_id=run_id),
            tables.entities_frame(mentions, articles.lazy(), run_id=run_id),
        ]
    )
    built = dict(zip(("entity_mentions", "quotes", "timeline", "entities"), frames, strict=True))
    built["articles"] = articles
    built["article_sources"] = article_tables.article_sources_frame(plan.sources, run_id=run_id)
    built["quarantine"] = article_tables.quarantine_frame(inbox.quarantined, run_id=run_id)
    built["run_stats"] = article_tables.run_stats_frame(
        plan,
        files_seen=inbox.files_seen,
        files_quarantined=len(inbox.quarantined),
        recent_articles_avg=recent_articles_avg,
    )
    return built, version_label


@task(cache_policy=NO_CACHE)
def check_tables(frames: dict[str, pl.DataFrame], gx_root: Path, run_id: str) -> Verdict:
    return validate(frames, gx_root, run_id)


@task(retries=IO_RETRIES, retry_delay_seconds=IO_RETRY_DELAYS, cache_policy=NO_CACHE)
def stage_warehouse(warehouse: Path) -> Path:
    return loader.stage(warehouse)


@task(cache_policy=NO_CACHE)
def load_staging(
    staging: Path,
    frames: dict[str, pl.DataFrame],
    verdict: Verdict,
    plan: article_tables.RunPlan,
    run_record: dict[str, object],
) -> None:
    """The run's rows (or, after a blocking failure, only its record) in one transaction."""
    record = pl.DataFrame([run_record]).with_columns(pl.col("inbox").cast(pl.List(pl.String)))
    loader.publish_run(
        staging,
        {**frames, "runs": record, "dq_results": verdict.results},
        plan.stale_article_ids,
        load_data=not verdict.blocked,
    )


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
    frames: dict[str, pl.DataFrame],
    verdict: Verdict,
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
        files_quarantined=record["files_quarantined"],
        quarantined=[(q.source_path, q.reason, q.detail) for q in read.quarantined],
        table_rows={
            name: frames[name].height
            for name in ("articles", "entities", "entity_mentions", "quotes", "timeline")
        },
        blocking_failures=verdict.failures("block"),
        warnings=verdict.failures("warn"),
        seconds=(record["finished_at"] - record["started_at"]).total_seconds(),
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
) -> RunSummary:
    """Load new and changed articles from `inbox` into the DuckDB `warehouse`.

    The run works on a staged copy and publishes it by atomic rename at the end; one
    run at a time holds the warehouse (a second waits up to `wait_seconds`)."""
    started = datetime.now(UTC)
    run_id = str(flow_run.id or f"local-{started:%Y%m%dT%H%M%S%f}")
    published = Path(warehouse)
    with loader.writer_lock(published, wait_seconds):
        staging = stage_warehouse(published)
        try:
            known = read_known_sources(staging)
            read = read_inbox(inbox, known, max_bytes, reprocess)
            plan = plan_articles(known, read, reprocess, since)
            recent = read_recent_volume(staging)
            frames, version_label = build_tables(
                plan, read, recent, model, workers, batch_size, run_id
            )
            verdict = check_tables(frames, dq_root(published), run_id)
            record = run_record(run_id, started, inbox, read, plan, verdict, model, version_label)
            load_staging(staging, frames, verdict, plan, record)
            publish_warehouse(staging, published)
        finally:
            loader.discard(staging)
    summary = run_summary(record, published, read, frames, verdict)
    publish_artifact(summary)
    return summary
