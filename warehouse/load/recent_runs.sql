-- Articles seen by each of the last 7 runs that loaded, for the volume-drop warning.
SELECT
    avg(
        recent.articles_new
        + recent.articles_changed
        + recent.articles_unchanged
        + recent.articles_reprocessed
    ) AS recent_articles_avg
FROM (
    SELECT
        runs.articles_new,
        runs.articles_changed,
        runs.articles_unchanged,
        runs.articles_reprocessed
    FROM runs
    WHERE runs.status IN ('success', 'success_with_quarantine')
    ORDER BY runs.finished_at DESC
    LIMIT 7
) AS recent;
