-- One row per quote with its speaker and the article it came from.
CREATE OR REPLACE VIEW who_said_what AS
SELECT
    q.quote_id,
    coalesce(q.speaker_name, q.speaker) AS speaker,
    q.speaker_entity_id,
    q.text AS quote,
    q.quote_type,
    q.cue,
    a.published_date,
    a.title,
    a.source,
    a.url,
    q.article_id,
    q.confidence
FROM quotes AS q
INNER JOIN articles AS a ON q.article_id = a.article_id;
