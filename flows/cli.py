"""`newsdesk`: the command line. Heavy libraries are imported inside commands so that
`newsdesk --help` answers at once.

Exit codes: 0 success; 1 internal error; 2 usage error; 3 loaded, but some inputs were
quarantined; 4 a blocking data-quality check failed (nothing loaded); 5 the warehouse
could not be opened, read or written; 6 another run is writing the warehouse.
"""

from __future__ import annotations

import csv
import json
import sys
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from flows import settings

EXIT_OK = 0
EXIT_INTERNAL = 1
EXIT_USAGE = 2
EXIT_QUARANTINED = 3
EXIT_FAILED_VALIDATION = 4
EXIT_WAREHOUSE = 5
EXIT_BUSY = 6

app = typer.Typer(
    name="newsdesk",
    help="Turn news articles into a DuckDB warehouse of who said what, about whom, and when.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

WarehouseOption = Annotated[
    str | None,
    typer.Option(
        "--warehouse",
        "-w",
        help="DuckDB file (default: $NEWSDESK_WAREHOUSE or warehouse/newsdesk.duckdb).",
        show_default=False,
    ),
]


class OutputFormat(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"


FormatOption = Annotated[OutputFormat, typer.Option("--format", "-f", help="Output format.")]


def fail(message: str, code: int) -> typer.Exit:
    typer.secho(f"newsdesk: {message}", err=True, fg=typer.colors.RED)
    return typer.Exit(code)


def _jsonable(value: Any) -> Any:
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    return value


def print_rows(columns: list[str], rows: list[tuple[Any, ...]], output: OutputFormat) -> None:
    if output is OutputFormat.json:
        records = [dict(zip(columns, map(_jsonable, row), strict=True)) for row in rows]
        typer.echo(json.dumps(records, ensure_ascii=False, indent=2))
    elif output is OutputFormat.csv:
        writer = csv.writer(sys.stdout)
        writer.writerow(columns)
        writer.writerows([[_jsonable(v) for v in row] for row in rows])
    else:
        from rich.console import Console
        from rich.table import Table

        table = Table(*columns, show_lines=False)
        for row in rows:
            table.add_row(*("" if v is None else str(_jsonable(v)) for v in row))
        Console().print(table)
        typer.echo(f"({len(rows)} rows)")


def run_query(
    warehouse: str | None, sql: str, params: dict[str, Any], output: OutputFormat
) -> None:
    from warehouse.loader import WarehouseError, query

    try:
        columns, rows = query(settings.warehouse_path(warehouse), sql, params)
    except WarehouseError as exc:
        raise fail(str(exc), EXIT_WAREHOUSE) from exc
    print_rows(columns, rows, output)


@app.command()
def run(
    inbox: Annotated[list[str], typer.Argument(help="Folders (searched recursively) or files.")],
    warehouse: WarehouseOption = None,
    workers: Annotated[int, typer.Option(min=1, help="spaCy processes.")] = 1,
    dask_address: Annotated[
        str | None,
        typer.Option(
            help="Send the NLP batches to this Dask scheduler (tcp://HOST:PORT) instead "
            "of local processes; this process still writes the warehouse.",
            show_default=False,
        ),
    ] = None,
    reprocess: Annotated[
        bool, typer.Option(help="Re-run the model on every article, changed or not.")
    ] = False,
    model: Annotated[str | None, typer.Option(help="spaCy model package to load.")] = None,
    max_bytes: Annotated[
        int, typer.Option(min=1, help="Larger files are quarantined.")
    ] = settings.DEFAULT_MAX_BYTES,
    since: Annotated[
        datetime | None,
        typer.Option(formats=["%Y-%m-%d"], help="Only articles published on or after this date."),
    ] = None,
    wait: Annotated[
        float,
        typer.Option(min=0, help="Seconds to wait for another run on the same warehouse."),
    ] = 0,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Show Prefect logs.")] = False,
) -> None:
    """Run the nightly flow over INBOX and load the warehouse."""
    settings.configure_environment(verbose=verbose)
    from flows.nightly import nightly
    from warehouse.loader import WarehouseBusy, WarehouseError

    path = settings.warehouse_path(warehouse)
    try:
        summary = nightly(
            inbox=inbox,
            warehouse=str(path),
            workers=workers,
            reprocess=reprocess,
            model=settings.model_name(model),
            max_bytes=max_bytes,
            wait_seconds=wait,
            since=since.date() if since else None,
            dask_address=dask_address,
        )
    except WarehouseBusy as exc:
        raise fail(str(exc), EXIT_BUSY) from exc
    except WarehouseError as exc:
        raise fail(str(exc), EXIT_WAREHOUSE) from exc
    except OSError as exc:
        raise fail(f"run failed: {exc}", EXIT_INTERNAL) from exc

    counts = (
        f"files {summary.files_seen}: new {summary.articles_new}, changed "
        f"{summary.articles_changed}, unchanged {summary.articles_unchanged}, reprocessed "
        f"{summary.articles_reprocessed}, removed {summary.articles_removed}, quarantined "
        f"{summary.files_quarantined}"
    )
    if since is not None:
        counts += f", before --since {summary.articles_out_of_range}"
    typer.echo(f"newsdesk run {summary.run_id}: {summary.status} in {summary.seconds:.1f} s")
    typer.echo(f"  {counts}")
    typer.echo(
        "  rows this run: "
        + ", ".join(f"{name} {count}" for name, count in summary.table_rows.items())
    )
    typer.echo(
        "  time per stage: "
        + ", ".join(f"{stage} {seconds:.1f} s" for stage, seconds in summary.stage_seconds.items())
    )
    for path_shown, reason, detail in summary.quarantined:
        typer.echo(f"  quarantined {path_shown}: {reason} ({detail})")
    for path_shown, kind, detail in summary.notes:
        typer.echo(f"  note {path_shown}: {kind} ({detail})")
    typer.echo(
        f"  data quality: {len(summary.blocking_failures)} blocking failures, "
        f"{len(summary.warnings)} warnings"
    )
    for failure in summary.blocking_failures:
        typer.echo(f"    BLOCK {failure}")
    for warning in summary.warnings:
        typer.echo(f"    warn  {warning}")
    typer.echo(f"  warehouse: {summary.warehouse}")
    typer.echo(f"  data docs: {summary.data_docs}")
    if summary.blocking_failures:
        raise fail(
            "blocking data-quality failure, nothing loaded; see " + str(summary.data_docs),
            EXIT_FAILED_VALIDATION,
        )
    if summary.files_quarantined:
        raise typer.Exit(EXIT_QUARANTINED)


def parse_params(pairs: list[str]) -> dict[str, str]:
    params: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.isidentifier():
            raise fail(f"--param takes KEY=VALUE, got {pair!r}", EXIT_USAGE)
        params[key] = value
    return params


@app.command()
def report(
    name: Annotated[str, typer.Argument(help="A report in warehouse/reports/NAME.sql.")],
    param: Annotated[
        list[str] | None, typer.Option("--param", "-p", help="KEY=VALUE, bound as $KEY.")
    ] = None,
    output: FormatOption = OutputFormat.table,
    warehouse: WarehouseOption = None,
) -> None:
    """Run a saved report with bound parameters."""
    import re

    from warehouse.loader import WarehouseError, report_sql

    try:
        sql = report_sql(name)
    except WarehouseError as exc:
        raise fail(str(exc), EXIT_USAGE) from exc
    given = parse_params(param or [])
    # Every $name the report uses is bound; unset ones are NULL (the report's "any").
    wanted = sorted(set(re.findall(r"\$([A-Za-z_]\w*)", sql)))
    unknown = sorted(set(given) - set(wanted))
    if unknown:
        raise fail(
            f"report {name!r} has no parameter {', '.join(unknown)} (it takes: "
            f"{', '.join(wanted) or 'none'})",
            EXIT_USAGE,
        )
    run_query(warehouse, sql, {key: given.get(key) for key in wanted}, output)


@app.command()
def sql(
    query: Annotated[str, typer.Argument(help="One SQL statement, run read-only.")],
    output: FormatOption = OutputFormat.table,
    warehouse: WarehouseOption = None,
) -> None:
    """Run an ad-hoc read-only query."""
    run_query(warehouse, query, {}, output)


@app.command()
def dq(
    warehouse: WarehouseOption = None,
    output: FormatOption = OutputFormat.table,
) -> None:
    """The latest run's data-quality results and where its Data Docs are."""
    from warehouse.loader import sql_file

    path = settings.warehouse_path(warehouse)
    run_query(warehouse, sql_file("reports/latest_dq.sql"), {}, output)
    from expectations.validate import docs_index

    typer.echo(f"data docs: {docs_index(settings.dq_root(path))}")


@app.command()
def doctor(
    warehouse: WarehouseOption = None,
    model: Annotated[str | None, typer.Option(help="spaCy model package to check.")] = None,
) -> None:
    """Check the model, the warehouse, the Prefect API and disk space."""
    settings.configure_environment()
    from flows.doctor import diagnose

    findings = diagnose(settings.warehouse_path(warehouse), settings.model_name(model))
    for finding in findings:
        mark = "ok  " if finding.ok else "FAIL"
        typer.echo(f"{mark} {finding.check}: {finding.detail}")
    if not all(f.ok for f in findings):
        raise typer.Exit(EXIT_INTERNAL)


@app.command()
def schedule(
    inbox: Annotated[list[str], typer.Argument(help="Folders (searched recursively) or files.")],
    cron: Annotated[str, typer.Option(help="When to run, as a cron expression.")] = "0 2 * * *",
    timezone: Annotated[str, typer.Option(help="Time zone of the cron expression.")] = "UTC",
    warehouse: WarehouseOption = None,
    wait: Annotated[float, typer.Option(min=0, help="Seconds to wait for a running run.")] = 600,
) -> None:
    """Serve the nightly flow on a schedule from this process (Ctrl-C stops it)."""
    settings.configure_environment()
    from prefect.schedules import Cron

    from flows.nightly import nightly

    nightly.serve(
        name="newsdesk-nightly",
        schedule=Cron(cron, timezone=timezone),
        parameters={
            "inbox": inbox,
            "warehouse": str(settings.warehouse_path(warehouse).absolute()),
            "wait_seconds": wait,
        },
    )


class ExportFormat(StrEnum):
    parquet = "parquet"


@app.command()
def export(
    directory: Annotated[Path, typer.Argument(help="Folder for one file per table.")],
    output: Annotated[ExportFormat, typer.Option("--format", "-f")] = ExportFormat.parquet,
    warehouse: WarehouseOption = None,
) -> None:
    """Write every table as a Parquet file (atomically, one per table)."""
    from warehouse.loader import WarehouseError
    from warehouse.loader import export as export_tables

    try:
        written = export_tables(settings.warehouse_path(warehouse), directory)
    except WarehouseError as exc:
        raise fail(str(exc), EXIT_WAREHOUSE) from exc
    for path in written:
        typer.echo(str(path))


class EvaluationTask(StrEnum):
    quotes = "quotes"
    timeline = "timeline"
    entities = "entities"


@app.command()
def evaluate(
    task: Annotated[EvaluationTask, typer.Argument(help="Which extractor to score.")],
    gold: Annotated[Path, typer.Argument(help="Annotated records (corpus JSONL format).")],
    pred_out: Annotated[
        Path | None, typer.Option("--pred-out", help="Also keep the predictions here.")
    ] = None,
    scheme: Annotated[str, typer.Option(help="Entity label scheme: conll or meantime.")] = "conll",
    scorer: Annotated[
        str | None,
        typer.Option(
            help="score.py to use (default: $NEWSDESK_SCORER or ../shared/eval/score.py)."
        ),
    ] = None,
    model: Annotated[str | None, typer.Option(help="spaCy model package to load.")] = None,
) -> None:
    """Run the pipeline on annotated records and print the scorer's metrics."""
    from flows.evaluate import evaluate as run_evaluation
    from flows.evaluate import scorer_path

    if not gold.is_file():
        raise fail(f"{gold}: no such file", EXIT_USAGE)
    try:
        run_evaluation(
            task.value,
            gold,
            model=settings.model_name(model),
            scorer=scorer_path(scorer),
            scheme=scheme,
            pred_out=pred_out,
        )
    except (FileNotFoundError, ImportError, KeyError, ValueError) as exc:
        raise fail(str(exc), EXIT_USAGE) from exc


def main() -> None:
    app()
