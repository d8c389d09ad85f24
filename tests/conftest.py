from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest

from flows.settings import configure_environment

# Tests run as the nightly job does: Prefect and Great Expectations quiet and offline.
configure_environment()

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
CORPUS = SHARED / "corpus"
SEED_TEXT = REPO / "samples" / "000_e40a64f6351f623d.txt"


def corpus_path(*parts: str) -> Path:
    """A file of ../shared/corpus; a missing corpus fails loudly, never skips."""
    path = CORPUS.joinpath(*parts)
    if not path.exists():
        raise FileNotFoundError(f"corpus file missing: {path} (tests need ../shared/corpus)")
    return path


@pytest.fixture(scope="session")
def nlp():
    from transforms.pipeline import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED_TEXT.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_doc(nlp, seed_text):
    return nlp(seed_text)


@pytest.fixture(scope="session")
def prefect_api() -> Iterator[str]:
    """One temporary Prefect API for the session; yields its URL for subprocesses."""
    from prefect.settings import PREFECT_API_URL
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield str(PREFECT_API_URL.value())


def table_fingerprints(path: Path, tables: Iterable[str]) -> dict[str, tuple[int, str]]:
    """Row count and an order-independent hash of each table's content: run ids and
    times (which say when or by which run a row was written) are left out."""
    import hashlib

    import duckdb

    fingerprints = {}
    with duckdb.connect(str(path), read_only=True) as con:
        for table in tables:
            columns = [
                name
                for name, kind in con.execute(
                    "SELECT column_name, data_type FROM information_schema.columns "
                    "WHERE table_name = ? ORDER BY ordinal_position",
                    [table],
                ).fetchall()
                if name != "run_id" and "TIME" not in kind and not name.endswith("_at")
            ]
            rows = con.table(table).select(*columns).fetchall()
            digest = hashlib.sha256("\n".join(sorted(map(repr, rows))).encode()).hexdigest()
            fingerprints[table] = (len(rows), digest)
    return fingerprints
