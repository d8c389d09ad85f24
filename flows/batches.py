"""Streaming a run through bounded batches: read, analyse, validate and load a chunk of
articles at a time, so memory does not grow with the inbox.

- `scan_inbox` reads the inbox a few files at a time to plan the run: it keeps what
  each article is (ids, paths, digests, dates), not its text.
- `iter_articles` reads the articles to analyse again, one file at a time, in the
  plan's order (a file that changed in between fails the run: rerun it).
- An `Analyser` runs `transforms.pipeline.analyse` over batches of texts: in this
  process, in local worker processes (`--workers N`), or on a Dask cluster through
  prefect-dask's `DaskTaskRunner` (`--dask-address`). Results come back in order, with
  a bounded number of batches in flight.
- `merge_verdicts` folds the per-chunk Great Expectations verdicts into one row per
  expectation for the run.
"""

from __future__ import annotations

import concurrent.futures
import json
import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from itertools import islice
from pathlib import Path
from typing import Any, TypeVar

import polars as pl

from expectations.suites import SUITES
from expectations.validate import DQ_SCHEMA, Verdict
from flows import inbox as inbox_files
from flows.inbox import Discovery, Inbox
from transforms.articles import KNOWN_SOURCES_SCHEMA
from transforms.parsing import Article
from transforms.pipeline import Item, analyse
from transforms.tables import DocRows

FILES_PER_READ = 64  # files read and parsed at a time while planning
IN_FLIGHT_PER_WORKER = 2  # batches queued per worker: enough to keep it busy, no more

T = TypeVar("T")


class InboxChanged(RuntimeError):
    """A file changed between planning the run and analysing it."""


def batched(items: Iterable[T], size: int) -> Iterator[list[T]]:
    iterator = iter(items)
    while batch := list(islice(iterator, max(1, size))):
        yield batch


# ------------------------------------------------------------------ reading


def _without_text(article: Article) -> Article:
    return replace(article, text="")


def scan_inbox(
    inbox: list[str], known: pl.DataFrame, *, max_bytes: int, reprocess: bool
) -> tuple[Inbox, dict[str, Path]]:
    """The inbox as `flows.inbox.read_inbox` sees it, read `FILES_PER_READ` files at a
    time, with the parsed articles' texts dropped (`iter_articles` reads them again);
    also the file behind each shown path."""
    discovery = inbox_files.discover_files(inbox)
    result = Inbox(
        files_seen=len(discovery.files),
        quarantined=list(discovery.quarantined),
        notes=list(discovery.notes),
    )
    files: dict[str, Path] = {}
    for group in batched(discovery.files, FILES_PER_READ):
        part = inbox_files.read_files(
            Discovery(files=group), known, max_bytes=max_bytes, reprocess=reprocess
        )
        result.parsed.extend(_without_text(a) for a in part.parsed)
        result.parsed_paths |= part.parsed_paths
        result.skipped_paths |= part.skipped_paths
        result.quarantined.extend(part.quarantined)
        result.notes.extend(part.notes)
        files.update((inbox_files.display_path(path), path) for path in group)
    return result, files


def iter_articles(
    planned: list[Article], files: dict[str, Path], *, max_bytes: int
) -> Iterator[Article]:
    """The planned articles with their texts, read again one file at a time."""
    known = pl.DataFrame(schema=KNOWN_SOURCES_SCHEMA)
    position = 0
    while position < len(planned):
        shown = planned[position].source_path
        wanted = []
        while position < len(planned) and planned[position].source_path == shown:
            wanted.append(planned[position])
            position += 1
        part = inbox_files.read_files(
            Discovery(files=[files[shown]]), known, max_bytes=max_bytes, reprocess=True
        )
        parsed = {(a.source_path, a.source_item): a for a in part.parsed}
        for article in wanted:
            found = parsed.get((article.source_path, article.source_item))
            if found is None or found.article_id != article.article_id:
                raise InboxChanged(
                    f"{shown} changed while the run was reading it; run again to load it"
                )
            yield found


# ------------------------------------------------------------------ analysing


class Analyser:
    """Runs `analyse` over batches of items; results in order, a few batches in flight."""

    workers = 1

    def __enter__(self) -> Analyser:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def submit(self, items: list[Item], model: str) -> Callable[[], list[DocRows]]:
        rows = analyse(items, model)
        return lambda: rows

    def map(
        self, batches: Iterable[list[Article]], model: str
    ) -> Iterator[tuple[list[Article], list[DocRows]]]:
        """Each batch of articles with its rows, in order."""
        pending: deque[tuple[list[Article], Callable[[], list[DocRows]]]] = deque()
        limit = max(1, self.workers * IN_FLIGHT_PER_WORKER)
        for batch in batches:
            items = [(a.text, a.article_id, a.published_date) for a in batch]
            pending.append((batch, self.submit(items, model)))
            while len(pending) >= limit:
                done, result = pending.popleft()
                yield done, result()
        while pending:
            done, result = pending.popleft()
            yield done, result()


class InProcess(Analyser):
    """The flow's own process runs the model (`--workers 1`)."""


def _warm(model: str) -> None:
    from transforms.pipeline import shared_nlp

    shared_nlp(model)


class LocalProcesses(Analyser):
    """`workers` local processes, each loading the model once (`--workers N`)."""

    def __init__(self, workers: int, model: str) -> None:
        self.workers = workers
        self.model = model
        self.pool: concurrent.futures.ProcessPoolExecutor | None = None

    def __enter__(self) -> LocalProcesses:
        # spawn, not fork: the flow process runs Prefect's threads and event loop.
        self.pool = concurrent.futures.ProcessPoolExecutor(
            max_workers=self.workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_warm,
            initargs=(self.model,),
        )
        return self

    def __exit__(self, *exc: object) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None

    def submit(self, items: list[Item], model: str) -> Callable[[], list[DocRows]]:
        assert self.pool is not None
        return self.pool.submit(analyse, items, model).result


class DaskCluster(Analyser):
    """An existing Dask cluster through prefect-dask's `DaskTaskRunner`; each batch is a
    Prefect task run of the flow, executed on a Dask worker (`--dask-address`)."""

    def __init__(self, address: str, task: Any) -> None:
        self.address = address
        self.task = task
        self.runner: Any = None

    def __enter__(self) -> DaskCluster:
        from prefect_dask import DaskTaskRunner

        self.runner = DaskTaskRunner(address=self.address).__enter__()
        info = self.runner.client.scheduler_info()
        self.workers = max(1, sum(w.get("nthreads", 1) for w in info["workers"].values()))
        return self

    def __exit__(self, *exc: object) -> None:
        if self.runner is not None:
            self.runner.__exit__(*exc)
            self.runner = None

    def submit(self, items: list[Item], model: str) -> Callable[[], list[DocRows]]:
        future = self.runner.submit(self.task, parameters={"items": items, "model": model})
        return lambda: future.result(raise_on_failure=True)


def analyser(workers: int, model: str, dask_address: str | None, task: Any) -> Analyser:
    if dask_address:
        return DaskCluster(dask_address, task)
    if workers > 1:
        return LocalProcesses(workers, model)
    return InProcess()


# ------------------------------------------------------------------ verdicts


def _numbers(observed: str | None) -> dict[str, Any]:
    try:
        value = json.loads(observed or "{}")
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def merge_verdicts(verdicts: list[Verdict], run_id: str) -> Verdict:
    """One row per expectation for the whole run from the verdicts of its chunks.

    Every expectation newsdesk declares is a row-level check, so the run passes one
    when every chunk passes it; a `mostly` check is decided again on the summed counts
    (unexpected / elements), as Great Expectations would on the whole run."""
    merged: dict[tuple[str, int], dict[str, Any]] = {}
    for verdict in verdicts:
        for suite, rows in verdict.results.group_by("suite", maintain_order=True):
            checks = SUITES.get(str(suite[0]), [])
            for index, row in enumerate(rows.iter_rows(named=True)):
                key = (row["suite"], index)
                numbers = _numbers(row["observed"])
                if key not in merged:
                    merged[key] = {**row, "chunks": [], "mostly": None}
                    if index < len(checks):
                        merged[key]["mostly"] = checks[index].kwargs.get("mostly")
                merged[key]["chunks"].append((bool(row["success"]), numbers))
    rows_out = []
    for entry in merged.values():
        chunks = entry.pop("chunks")
        mostly = entry.pop("mostly")
        if len(chunks) == 1:  # one chunk: Great Expectations' own verdict, as it said it
            rows_out.append({**entry, "run_id": run_id})
            continue
        summary: dict[str, Any] = {}
        for count in ("element_count", "unexpected_count"):
            values = [n[count] for _, n in chunks if isinstance(n.get(count), int | float)]
            if values:
                summary[count] = sum(values)
        examples = [e for _, n in chunks for e in n.get("examples", [])][:3]
        observed = [n["observed_value"] for _, n in chunks if "observed_value" in n]
        success = all(ok for ok, _ in chunks)
        if summary.get("element_count"):
            share = summary.get("unexpected_count", 0) / summary["element_count"]
            summary["unexpected_percent"] = 100 * share
            if mostly is not None:
                success = share <= 1 - float(mostly) + 1e-12
        if observed:
            summary["observed_value"] = observed[0] if len(observed) == 1 else observed
        if examples:
            summary["examples"] = examples
        summary["chunks"] = len(chunks)
        entry.update(
            run_id=run_id,
            success=success,
            observed=json.dumps(summary, sort_keys=True, default=str),
        )
        rows_out.append(entry)
    docs = verdicts[-1].docs_index if verdicts else Path()
    return Verdict(results=pl.DataFrame(rows_out, schema=DQ_SCHEMA), docs_index=docs)
