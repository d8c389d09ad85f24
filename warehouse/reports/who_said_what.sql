-- Quotes by speaker and date. Parameters (all optional):
--   $speaker    part of the speaker's name, case-insensitive ("Hegseth")
--   $date_from  first publication date, YYYY-MM-DD
--   $date_to    last publication date, YYYY-MM-DD
SELECT
    published_date,
    speaker,
    quote_type,
    quote,
    title,
    source,
    url
FROM who_said_what
WHERE
    ($speaker IS NULL OR speaker ILIKE '%' || $speaker || '%')
    AND ($date_from IS NULL OR published_date >= cast($date_from AS DATE))
    AND ($date_to IS NULL OR published_date <= cast($date_to AS DATE))
ORDER BY published_date NULLS LAST, article_id, quote_id;
