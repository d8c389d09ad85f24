-- v3: how each article's file was decoded, and how many invalid byte sequences were
-- replaced (articles loaded before v3 were strict UTF-8).
ALTER TABLE articles ADD COLUMN IF NOT EXISTS encoding VARCHAR DEFAULT 'utf-8';
ALTER TABLE articles ADD COLUMN IF NOT EXISTS decode_replacements INTEGER DEFAULT 0;
