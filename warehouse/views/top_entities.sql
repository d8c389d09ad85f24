-- Entities ranked over the whole warehouse: `ranked` by mentions then articles,
-- `rank_by_articles` by articles then mentions (ties share a rank). Counts and dates
-- come from the entities table, which is re-aggregated from every mention on load.
-- For a label or a publication-date range, use the report top_entities.
CREATE OR REPLACE VIEW top_entities AS
SELECT
    entity_id,
    name,
    label,
    n_mentions,
    n_articles,
    first_seen,
    last_seen,
    rank() OVER (ORDER BY n_mentions DESC, n_articles DESC) AS ranked,
    rank() OVER (ORDER BY n_articles DESC, n_mentions DESC) AS rank_by_articles
FROM entities;
