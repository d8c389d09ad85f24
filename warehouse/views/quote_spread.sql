-- Quotes carried by more than one article: the same words (quote_key) across outlets.
CREATE OR REPLACE VIEW quote_spread AS
SELECT
    q.quote_key,
    arg_min(q.text, a.published_date) AS quote,
    arg_min(coalesce(q.speaker_name, q.speaker), a.published_date) AS speaker,
    count(DISTINCT q.article_id) AS n_articles,
    min(a.published_date) AS first_seen,
    max(a.published_date) AS last_seen,
    list_sort(list_distinct(list(coalesce(a.source, a.url, a.external_id)))) AS sources
FROM quotes AS q
INNER JOIN articles AS a ON q.article_id = a.article_id
GROUP BY q.quote_key
HAVING count(DISTINCT q.article_id) > 1;
