CREATE TABLE IF NOT EXISTS runs (
    run_id VARCHAR PRIMARY KEY,
    started_at TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at TIMESTAMP WITH TIME ZONE,
    status VARCHAR NOT NULL,  -- success | success_with_quarantine | failed_validation
    status_detail VARCHAR,
    files_seen INTEGER NOT NULL,
    articles_new INTEGER NOT NULL,
    articles_changed INTEGER NOT NULL,
    articles_unchanged INTEGER NOT NULL,
    articles_reprocessed INTEGER NOT NULL,
    articles_removed INTEGER NOT NULL,
    articles_out_of_range INTEGER DEFAULT 0,  -- read but left alone by --since
    files_quarantined INTEGER NOT NULL,
    model VARCHAR NOT NULL,
    model_version VARCHAR NOT NULL,
    code_version VARCHAR NOT NULL,
    inbox VARCHAR[]
);
