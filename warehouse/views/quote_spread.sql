-- Quotes carried by more than one article: the same words (quote_key) across outlets.
-- Only statements (confidence >= 0.5) of four words or more: "it" or "the plans", the
-- objects of stances, are in many articles without being anyone's words that spread.
-- The quote and speaker shown are the earliest article's (undated articles last; ties
-- by article and position, so the choice never depends on row order).
CREATE OR REPLACE VIEW quote_spread AS
WITH statements AS (
    SELECT
        q.quote_key,
        q.article_id,
        q.text,
        a.published_date,
        coalesce(q.speaker_name, q.speaker) AS speaker,
        coalesce(a.source, a.url, a.external_id) AS source,
        {
            'undated': a.published_date IS NULL,
            'published': coalesce(a.published_date, DATE '9999-12-31'),
            'article': q.article_id,
            'at': q.start_char
        } AS seen
    FROM quotes AS q
    INNER JOIN articles AS a ON q.article_id = a.article_id
    WHERE
        q.confidence >= 0.5
        AND len(regexp_split_to_array(trim(q.text), '\s+')) >= 4
)

SELECT
    quote_key,
    arg_min(text, seen) AS quote,
    arg_min(speaker, seen) AS speaker,
    count(DISTINCT article_id) AS n_articles,
    min(published_date) AS first_seen,
    max(published_date) AS last_seen,
    list_sort(list_distinct(list(source))) AS sources
FROM statements
GROUP BY quote_key
HAVING count(DISTINCT article_id) > 1;
