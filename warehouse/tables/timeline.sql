CREATE TABLE IF NOT EXISTS timeline (
    event_id VARCHAR PRIMARY KEY,
    article_id VARCHAR NOT NULL,
    expression VARCHAR NOT NULL,
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL,
    timex_type VARCHAR NOT NULL,  -- DATE | TIME | DURATION | SET
    value VARCHAR,
    date_start DATE,
    date_end DATE,
    granularity VARCHAR,
    anchor VARCHAR NOT NULL,  -- absolute | publication_date | unresolved
    event_text VARCHAR,
    entity_ids VARCHAR[] NOT NULL,
    run_id VARCHAR NOT NULL
);
