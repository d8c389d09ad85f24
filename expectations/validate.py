"""Validate a run's frames with Great Expectations and publish Data Docs.

Great Expectations runs in file mode under `gx_root` (beside the warehouse): its suites
are rewritten from `expectations/suites.py` on every run, each table is validated as a
pandas dataframe asset, results are kept per run, and the static Data Docs site is
rebuilt. Frames in, a verdict out.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import polars as pl

from expectations.suites import SUITES, Check, prepare_frames

DATASOURCE = "newsdesk"
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
    if result.get("partial_unexpected_list"):
        summary["examples"] = [str(v)[:80] for v in result["partial_unexpected_list"][:3]]
    return json.dumps(summary, sort_keys=True, default=str)


def _gx_expectation(gxe: Any, check: Check, index: int) -> Any:
    cls = getattr(gxe, check.expectation)
    return cls(
        column=check.column,
        severity=SEVERITY_TO_GX[check.severity],
        meta={"newsdesk_check": index, "newsdesk_severity": check.severity},
        **check.kwargs,
    )


def validate(frames: dict[str, pl.DataFrame], gx_root: Path, run_id: str) -> Verdict:
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
    import great_expectations as gx
    import great_expectations.expectations as gxe
    from great_expectations.core.run_identifier import RunIdentifier
    from great_expectations.data_context.types.base import ProgressBarsConfig

    context = gx.get_context(mode="file", project_root_dir=str(gx_root))
    context.variables.progress_bars = ProgressBarsConfig(globally=False)
    datasource = context.data_sources.add_or_update_pandas(DATASOURCE)
    checked = prepare_frames(frames)
    rows: list[dict[str, Any]] = []
    for suite_name, checks in SUITES.items():
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
            run_id=RunIdentifier(run_name=run_id),
        )
        # GX may reorder results; the meta index ties each back to its declaration.
        by_index = {o.expectation_config.meta["newsdesk_check"]: o for o in result.results}
        for index, check in enumerate(checks):
            outcome = by_index[index]
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
    context.build_data_docs()
    return Verdict(results=pl.DataFrame(rows, schema=DQ_SCHEMA), docs_index=docs_index(gx_root))
