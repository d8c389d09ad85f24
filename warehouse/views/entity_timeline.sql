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
CROSS JOIN unnest(t.entity_ids) AS u (entity_id)
INNER JOIN entities AS e ON u.entity_id = e.entity_id
INNER JOIN articles AS a ON t.article_id = a.article_id;
