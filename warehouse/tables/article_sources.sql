-- Every file (and line or item inside a JSON file) an article was read from: the same
-- content under two names is one article with two sources.
CREATE TABLE IF NOT EXISTS article_sources (
    source_path VARCHAR NOT NULL,
    source_item VARCHAR NOT NULL,
    content_sha256 VARCHAR NOT NULL,
    article_id VARCHAR NOT NULL,
    run_id VARCHAR NOT NULL,
    PRIMARY KEY (source_path, source_item)
);
