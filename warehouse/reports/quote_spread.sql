-- Quotes carried by more than one article. Parameters (all optional):
--   $speaker     part of the speaker's name, case-insensitive
--   $min_articles  at least this many articles (default 2)
SELECT
    quote,
    speaker,
    n_articles,
    first_seen,
    last_seen,
    sources
FROM quote_spread
WHERE
    ($speaker IS NULL OR speaker ILIKE '%' || $speaker || '%')
    AND n_articles >= coalesce(cast($min_articles AS INTEGER), 2)
ORDER BY n_articles DESC, first_seen ASC NULLS LAST, quote_key ASC;
