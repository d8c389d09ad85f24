CREATE TABLE IF NOT EXISTS articles (
    article_id VARCHAR PRIMARY KEY,
    external_id VARCHAR NOT NULL,
    source_path VARCHAR NOT NULL,
    content_sha256 VARCHAR NOT NULL,
    title VARCHAR,
    text VARCHAR NOT NULL,
    published_date DATE,
    published_source VARCHAR NOT NULL,  -- metadata | path | dateline | unknown
    url VARCHAR,
    source VARCHAR,
    author VARCHAR,
    language VARCHAR,
    model_version VARCHAR NOT NULL,
    run_id VARCHAR NOT NULL,
    encoding VARCHAR DEFAULT 'utf-8',  -- how the file was decoded
    decode_replacements INTEGER DEFAULT 0  -- invalid byte sequences replaced by U+FFFD
);
