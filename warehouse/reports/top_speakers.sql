-- Who is quoted most. Parameters (all optional):
--   $date_from, $date_to  publication date range, YYYY-MM-DD
--   $max_rows             how many speakers (default 20)
SELECT
    q.speaker_name AS speaker,
    count(*) AS n_quotes,
    count(DISTINCT q.article_id) AS n_articles,
    count(*) FILTER (WHERE q.quote_type <> 'indirect') AS n_quoted_directly,
    min(a.published_date) AS first_quoted,
    max(a.published_date) AS last_quoted
FROM quotes AS q
INNER JOIN articles AS a ON q.article_id = a.article_id
WHERE
    q.speaker_name IS NOT NULL
    AND ($date_from IS NULL OR a.published_date >= $date_from::DATE)
    AND ($date_to IS NULL OR a.published_date <= $date_to::DATE)
GROUP BY q.speaker_name
ORDER BY n_quotes DESC, speaker ASC
LIMIT coalesce($max_rows::INTEGER, 20);
