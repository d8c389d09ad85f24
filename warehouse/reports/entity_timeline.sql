-- Dated events that name an entity. Parameters (all optional):
--   $entity     part of the entity's canonical name, case-insensitive ("Rutte")
--   $date_from  first event date, YYYY-MM-DD
--   $date_to    last event date, YYYY-MM-DD
SELECT
    date_start,
    date_end,
    entity,
    expression,
    event_text,
    title
FROM entity_timeline
WHERE
    ($entity IS NULL OR entity ILIKE '%' || $entity || '%')
    AND ($date_from IS NULL OR date_end >= cast($date_from AS DATE))
    AND ($date_to IS NULL OR date_start <= cast($date_to AS DATE))
ORDER BY date_start NULLS LAST, entity, event_id;
