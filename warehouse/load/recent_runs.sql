-- Articles seen by each of the last 7 runs that loaded, for the volume-drop warning.
SELECT avg(articles_new + articles_changed + articles_unchanged + articles_reprocessed)
    AS recent_articles_avg
FROM (
    SELECT *
    FROM runs
    WHERE status IN ('success', 'success_with_quarantine')
    ORDER BY finished_at DESC
    LIMIT 7
);
