"""Progress on long work and time per stage: a progress bar on a terminal, plain log
lines otherwise (cron, a Prefect worker), never both."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, TextIO

LOG_EVERY_SECONDS = 30.0


class ArticleProgress:
    """Articles through the model so far, their rate and the time left."""

    def __init__(self, total: int, stream: TextIO | None = None) -> None:
        self.total = total
        self.stream = stream or sys.stderr
        self.done = 0
        self.started = time.monotonic()
        self.last_line = self.started
        self.bar: Any = None
        self.task: Any = None

    def __enter__(self) -> ArticleProgress:
        if self.total and self.stream.isatty():
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TextColumn,
                TimeRemainingColumn,
            )

            self.bar = Progress(
                TextColumn("analysing"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("{task.fields[rate]}"),
                TimeRemainingColumn(),
                console=Console(file=self.stream),
                transient=True,
            )
            self.bar.start()
            self.task = self.bar.add_task("articles", total=self.total, rate="")
        return self

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()

    def rate(self) -> float:
        elapsed = time.monotonic() - self.started
        return self.done / elapsed if elapsed > 0 else 0.0

    def advance(self, articles: int) -> None:
        self.done += articles
        rate = self.rate()
        if self.bar is not None:
            self.bar.update(self.task, advance=articles, rate=f"{rate:.1f} articles/s")
            return
        now = time.monotonic()
        if now - self.last_line >= LOG_EVERY_SECONDS or self.done == self.total:
            self.last_line = now
            left = (self.total - self.done) / rate if rate else 0.0
            print(
                f"newsdesk: analysed {self.done}/{self.total} articles "
                f"({rate:.1f}/s, about {left:.0f} s left)",
                file=self.stream,
                flush=True,
            )


class Stopwatch:
    """Seconds spent per stage of a run, summed over its repetitions."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        started = time.perf_counter()
        try:
            yield
        finally:
            self.add(name, time.perf_counter() - started)

    def add(self, name: str, seconds: float) -> None:
        self.seconds[name] = self.seconds.get(name, 0.0) + seconds

    def timed(self, name: str, items: Iterator[Any]) -> Iterator[Any]:
        """Yield from `items`, counting the time spent producing each one as `name`."""
        while True:
            with self.stage(name):
                item = next(items, StopIteration)
            if item is StopIteration:
                return
            yield item
