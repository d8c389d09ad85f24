-- Remove every row derived from the articles listed in `stale_articles` (replaced content,
-- or a reprocess), so that the run's rows take their place without duplicates.
DELETE FROM entity_mentions
WHERE article_id IN (SELECT article_id FROM stale_articles);
DELETE FROM quotes
WHERE article_id IN (SELECT article_id FROM stale_articles);
DELETE FROM timeline
WHERE article_id IN (SELECT article_id FROM stale_articles);
DELETE FROM articles
WHERE article_id IN (SELECT article_id FROM stale_articles);
-- A file read again is described afresh by this run's sources (lines may have gone).
DELETE FROM article_sources
WHERE source_path IN (SELECT source_path FROM incoming_article_sources);
