CREATE TABLE IF NOT EXISTS quotes (
    quote_id VARCHAR PRIMARY KEY,
    article_id VARCHAR NOT NULL,
    text VARCHAR NOT NULL,
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL,
    quote_type VARCHAR NOT NULL,  -- direct | partial | mixed | indirect
    speaker VARCHAR,
    speaker_start INTEGER,
    speaker_end INTEGER,
    speaker_entity_id VARCHAR,
    speaker_name VARCHAR,
    cue VARCHAR,
    confidence DOUBLE NOT NULL,
    quote_key VARCHAR NOT NULL,  -- fingerprint of the normalised quote text
    run_id VARCHAR NOT NULL
);
