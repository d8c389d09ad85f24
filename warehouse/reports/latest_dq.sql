-- Data-quality results of the most recent run, failures first.
SELECT r.run_id, r.status, d.suite, d.expectation, d."column", d.severity, d.success, d.observed
FROM dq_results AS d
JOIN runs AS r USING (run_id)
WHERE r.run_id = (SELECT run_id FROM runs ORDER BY finished_at DESC LIMIT 1)
ORDER BY d.success, d.severity, d.suite, d.expectation, d."column";
