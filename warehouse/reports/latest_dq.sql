-- Data-quality results of the most recent run, failures first.
WITH latest AS (
    SELECT runs.run_id
    FROM runs
    ORDER BY runs.finished_at DESC
    LIMIT 1
)

SELECT
    r.run_id,
    r.status,
    d.suite,
    d.expectation,
    d."column",
    d.severity,
    d.success,
    d.observed
FROM dq_results AS d
INNER JOIN runs AS r ON d.run_id = r.run_id
INNER JOIN latest AS l ON r.run_id = l.run_id
ORDER BY d.success, d.severity, d.suite, d.expectation, d."column";
