SELECT
    entities.entity_id,
    entities.name,
    entities.label,
    entities.aliases,
    entities.n_articles
FROM entities
ORDER BY entities.entity_id;
