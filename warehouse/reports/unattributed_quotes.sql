-- Quotes whose speaker could not be resolved to an entity, for review. Parameters:
--   $date_from, $date_to  publication date range, YYYY-MM-DD (optional)
SELECT
    a.published_date,
    a.title,
    q.quote_type,
    q.speaker,
    q.text AS quote,
    q.confidence,
    q.article_id,
    q.start_char
FROM quotes AS q
INNER JOIN articles AS a ON q.article_id = a.article_id
WHERE
    q.speaker_entity_id IS NULL
    AND ($date_from IS NULL OR a.published_date >= cast($date_from AS DATE))
    AND ($date_to IS NULL OR a.published_date <= cast($date_to AS DATE))
ORDER BY a.published_date NULLS LAST, q.article_id, q.start_char;
