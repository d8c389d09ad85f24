"""Validate a run's frames with Great Expectations and publish Data Docs.

Great Expectations runs in file mode under `gx_root` (beside the warehouse): its suites
are rewritten from `expectations/suites.py` on every run, each table is validated as a
pandas dataframe asset, results are kept per run, and the static Data Docs site is
updated with this run's pages (rebuilt in full when its configuration changes). The
site is configured by `expectations.data_docs` to open offline. GX analytics are off.
Frames in, a verdict out.
"""

from __future__ import annotations

import json
import logging
import math
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import polars as pl

from expectations.suites import SUITES, Check, prepare_frames

DATASOURCE = "newsdesk"
SITE = "local_site"
SEVERITY_TO_GX = {"block": "critical", "warn": "warning"}
DQ_SCHEMA = {
    "run_id": pl.String,
    "suite": pl.String,
    "expectation": pl.String,
    "column": pl.String,
    "severity": pl.String,
    "success": pl.Boolean,
    "observed": pl.String,
}


@dataclass(frozen=True)
class Verdict:
    results: pl.DataFrame  # one row per expectation, the dq_results schema
    docs_index: Path

    @property
    def blocked(self) -> bool:
        return bool(
            self.results.filter((pl.col("severity") == "block") & ~pl.col("success")).height
        )

    def failures(self, severity: str) -> list[str]:
        failed = self.results.filter((pl.col("severity") == severity) & ~pl.col("success"))
        return [
            f"{suite}.{expectation}({column or ''}): {observed}"
            for suite, expectation, column, observed in failed.select(
                "suite", "expectation", "column", "observed"
            ).iter_rows()
        ]


def docs_index(gx_root: Path) -> Path:
    return gx_root / "gx" / "uncommitted" / "data_docs" / "local_site" / "index.html"


def _observed(result: dict[str, Any]) -> str:
    keys = ("observed_value", "unexpected_count", "unexpected_percent", "element_count")
    summary = {k: result[k] for k in keys if result.get(k) is not None}
    # Nulls arrive from pandas as NaN; an example of a missing value says nothing.
    examples = [
        v
        for v in result.get("partial_unexpected_list") or []
        if v is not None and not (isinstance(v, float) and math.isnan(v))
    ]
    if examples:
        summary["examples"] = [str(v)[:80] for v in examples[:3]]
    return json.dumps(summary, sort_keys=True, default=str)


def _gx_expectation(gxe: Any, check: Check, index: int) -> Any:
    cls = getattr(gxe, check.expectation)
    return cls(
        column=check.column,
        severity=SEVERITY_TO_GX[check.severity],
        meta={"newsdesk_check": index, "newsdesk_severity": check.severity},
        **check.kwargs,
    )


def _configure(context: Any) -> bool:
    """Analytics off, progress bars off, the offline Data Docs site; True if the site's
    configuration changed (its pages must then be rebuilt in full)."""
    from great_expectations.data_context.types.base import ProgressBarsConfig

    from expectations.data_docs import site_config

    if context.variables.analytics_enabled is not False:
        context.enable_analytics(False)
    context.variables.progress_bars = ProgressBarsConfig(globally=False)
    wanted = site_config()
    sites = context.variables.data_docs_sites or {}
    if sites.get(SITE) == wanted and len(sites) == 1:
        return False
    for name in list(sites):
        if name != SITE:
            context.delete_data_docs_site(name)
    if SITE in sites:
        context.update_data_docs_site(SITE, wanted)
    else:
        context.add_data_docs_site(SITE, wanted)
    return True


def _build_docs(context: Any, run_name: str, suite_names: list[str], *, full: bool) -> None:
    """Render this validation's pages, the suites and the index (all pages if `full`)."""
    from great_expectations.data_context.types.resource_identifiers import (
        ExpectationSuiteIdentifier,
    )

    if full:
        context.build_data_docs(site_names=[SITE])
        return
    store = context.validation_results_store
    this_run = [key for key in store.list_keys() if key.run_id.run_name == run_name]
    suites = [ExpectationSuiteIdentifier(name=name) for name in suite_names]
    context.build_data_docs(site_names=[SITE], resource_identifiers=[*suites, *this_run])


# What a truncated or half-written GX file raises when GX reads it back.
DAMAGE: tuple[type[BaseException], ...] = (ValueError, KeyError, OSError)


def _open_context(gx: Any, gx_root: Path) -> tuple[Any, bool, Any]:
    context = gx.get_context(mode="file", project_root_dir=str(gx_root))
    site_changed = _configure(context)
    return context, site_changed, context.data_sources.add_or_update_pandas(DATASOURCE)


def _set_aside(gx_root: Path, run_id: str, error: BaseException, part: str = "") -> None:
    """Move a damaged GX folder out of the way (kept for inspection, never deleted)."""
    damaged = gx_root / "gx" / part if part else gx_root / "gx"
    if damaged.exists():
        damaged.rename(damaged.with_name(f"{damaged.name}.damaged-{run_id}"))
    logging.getLogger(__name__).warning(
        "Great Expectations files in %s were damaged (%r); set aside and rebuilt", damaged, error
    )


def _run_suites(
    gx: Any,
    gx_root: Path,
    checked: Mapping[str, pl.DataFrame],
    chosen: Mapping[str, list[Check]],
    run_id: str,
    run_name: str,
) -> tuple[Any, bool, list[dict[str, Any]]]:
    """Validate each chosen suite under ``run_name`` (the name Data Docs shows); returns
    the context, whether the site config changed, and one dq_results row per expectation."""
    import great_expectations.expectations as gxe
    from great_expectations.core.run_identifier import RunIdentifier

    context, site_changed, datasource = _open_context(gx, gx_root)
    rows: list[dict[str, Any]] = []
    for suite_name, checks in chosen.items():
        asset = next((a for a in datasource.assets if a.name == suite_name), None)
        if asset is None:
            asset = datasource.add_dataframe_asset(name=suite_name)
        batch = next((b for b in asset.batch_definitions if b.name == "run"), None)
        if batch is None:
            batch = asset.add_batch_definition_whole_dataframe("run")
        suite = context.suites.add_or_update(
            gx.ExpectationSuite(
                name=suite_name,
                expectations=[_gx_expectation(gxe, c, i) for i, c in enumerate(checks)],
            )
        )
        definition = context.validation_definitions.add_or_update(
            gx.ValidationDefinition(name=suite_name, data=batch, suite=suite)
        )
        result = definition.run(
            batch_parameters={"dataframe": checked[suite_name].to_pandas()},
            result_format="SUMMARY",
            run_id=RunIdentifier(run_name=run_name),
        )
        # GX may reorder results; the meta index ties each back to its declaration.
        by_index = {
            o.expectation_config.meta["newsdesk_check"]: o
            for o in result.results
            if o.expectation_config is not None
        }
        for index, check in enumerate(checks):
            outcome = by_index[index]
            assert outcome.expectation_config is not None
            rows.append(
                {
                    "run_id": run_id,
                    "suite": suite_name,
                    "expectation": outcome.expectation_config.type,
                    "column": check.column,
                    "severity": check.severity,
                    "success": bool(outcome.success),
                    "observed": _observed(outcome.result or {}),
                }
            )
    return context, site_changed, rows


def validate(
    frames: dict[str, pl.DataFrame],
    gx_root: Path,
    run_id: str,
    suites: Mapping[str, list[Check]] | None = None,
    chunk: int | None = None,
) -> Verdict:
    """Check the run's frames against every suite (or only `suites`, a part of `SUITES`);
    `frames` holds the five tables and the one-row `run_stats` frame. A run validated in
    chunks passes each one's number: Data Docs then names its pages "<run_id> chunk N"."""
    return validate_checked(prepare_frames(frames), gx_root, run_id, suites, chunk=chunk)


def validate_checked(
    checked: Mapping[str, pl.DataFrame],
    gx_root: Path,
    run_id: str,
    suites: Mapping[str, list[Check]] | None = None,
    *,
    build_docs: bool = True,
    chunk: int | None = None,
) -> Verdict:
    """`validate` on frames that `prepare_frames` has already derived, one per suite."""
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
    import great_expectations as gx

    chosen = SUITES if suites is None else suites
    run_name = run_id if chunk is None else f"{run_id} chunk {chunk}"
    try:
        context, site_changed, rows = _run_suites(gx, gx_root, checked, chosen, run_id, run_name)
    except DAMAGE as exc:
        # A run killed while GX wrote its files can leave one truncated; the history
        # that matters is in the warehouse's dq_results, so start the project afresh.
        _set_aside(gx_root, run_id, exc)
        context, site_changed, rows = _run_suites(gx, gx_root, checked, chosen, run_id, run_name)
    if build_docs:
        try:
            _build_docs(context, run_name, list(chosen), full=site_changed)
        except DAMAGE as exc:
            _set_aside(gx_root, run_id, exc, part="uncommitted")
            _build_docs(context, run_name, list(chosen), full=True)
    return Verdict(results=pl.DataFrame(rows, schema=DQ_SCHEMA), docs_index=docs_index(gx_root))
