-- v4: how many articles a run read but left alone because of --since (runs before
-- v4 did not count them).
ALTER TABLE runs ADD COLUMN IF NOT EXISTS articles_out_of_range INTEGER DEFAULT 0;
