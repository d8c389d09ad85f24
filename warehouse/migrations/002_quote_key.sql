-- v2: quotes.quote_key, a fingerprint of the normalised quote text (lower-case words),
-- the key of the quote_spread view. Backfilled with the same normalisation as
-- transforms.tables.normalised_quote.
ALTER TABLE quotes ADD COLUMN IF NOT EXISTS quote_key VARCHAR;
UPDATE quotes
SET
    quote_key = 'qk_' || left(
        sha256(trim(regexp_replace(lower(text), '[^\p{L}\p{N}]+', ' ', 'g'))), 16
    )
WHERE quote_key IS NULL;
