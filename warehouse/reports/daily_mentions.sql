-- Mentions per publication day, per entity. Parameters (all optional):
--   $entity               part of the entity's canonical name, case-insensitive
--   $date_from, $date_to  publication date range, YYYY-MM-DD
SELECT
    a.published_date AS day,
    e.name AS entity,
    e.label,
    count(*) AS n_mentions,
    count(DISTINCT m.article_id) AS n_articles
FROM entity_mentions AS m
INNER JOIN entities AS e ON m.entity_id = e.entity_id
INNER JOIN articles AS a ON m.article_id = a.article_id
WHERE
    a.published_date IS NOT NULL
    AND ($entity IS NULL OR e.name ILIKE '%' || $entity || '%')
    AND ($date_from IS NULL OR a.published_date >= cast($date_from AS DATE))
    AND ($date_to IS NULL OR a.published_date <= cast($date_to AS DATE))
GROUP BY a.published_date, e.name, e.label
ORDER BY day ASC, n_mentions DESC, entity ASC;
