-- Each dated event with the entities named in the same sentence, one row per entity.
CREATE OR REPLACE VIEW entity_timeline AS
SELECT
    e.entity_id,
    e.name AS entity,
    e.label AS entity_label,
    t.date_start,
    t.date_end,
    t.value,
    t.expression,
    t.event_text,
    a.published_date,
    a.title,
    t.article_id,
    t.event_id
FROM timeline AS t
CROSS JOIN UNNEST(t.entity_ids) AS u(entity_id)
JOIN entities AS e ON e.entity_id = u.entity_id
JOIN articles AS a ON a.article_id = t.article_id;
