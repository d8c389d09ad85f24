CREATE TABLE IF NOT EXISTS quarantine (
    source_path VARCHAR NOT NULL,
    content_sha256 VARCHAR,
    reason VARCHAR NOT NULL,
    detail VARCHAR NOT NULL,
    run_id VARCHAR NOT NULL
);
