-- The most mentioned entities, by mentions then articles. Parameters (all optional):
--   $label      entity label, case-insensitive ("PERSON", "ORG", "GPE")
--   $date_from  first publication date, YYYY-MM-DD
--   $date_to    last publication date, YYYY-MM-DD
--   $max_rows   how many rows (default 50)
-- Counts, first and last seen are over the articles published in the range (all
-- articles when no range is given; articles without a date only then).
SELECT
    e.name,
    e.label,
    e.entity_id,
    rank() OVER (
        ORDER BY count(*) DESC, count(DISTINCT m.article_id) DESC
    ) AS ranked,
    count(*) AS n_mentions,
    count(DISTINCT m.article_id) AS n_articles,
    min(a.published_date) AS first_seen,
    max(a.published_date) AS last_seen
FROM entity_mentions AS m
INNER JOIN articles AS a ON m.article_id = a.article_id
INNER JOIN entities AS e ON m.entity_id = e.entity_id
WHERE
    ($label IS NULL OR e.label = upper(trim($label)))
    AND ($date_from IS NULL OR a.published_date >= $date_from::DATE)
    AND ($date_to IS NULL OR a.published_date <= $date_to::DATE)
GROUP BY e.entity_id, e.name, e.label
ORDER BY n_mentions DESC, n_articles DESC, e.name ASC, e.entity_id ASC
LIMIT coalesce($max_rows::INTEGER, 50);
