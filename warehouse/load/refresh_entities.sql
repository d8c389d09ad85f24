-- Entities are derived from every mention in the warehouse, so counts, aliases and
-- first/last seen stay right when articles are added, replaced or removed.
DELETE FROM entities;
INSERT INTO entities BY NAME
SELECT
    m.entity_id,
    any_value(m.entity_name) AS name,
    any_value(m.entity_label) AS label,
    list_sort(list_distinct(list(m.text))) AS aliases,
    count(*)::INTEGER AS n_mentions,
    count(DISTINCT m.article_id)::INTEGER AS n_articles,
    min(a.published_date) AS first_seen,
    max(a.published_date) AS last_seen,
    (SELECT any_value(current_run.run_id) FROM current_run) AS run_id
FROM entity_mentions AS m
INNER JOIN articles AS a ON m.article_id = a.article_id
GROUP BY m.entity_id;
