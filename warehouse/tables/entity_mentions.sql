CREATE TABLE IF NOT EXISTS entity_mentions (
    mention_id VARCHAR PRIMARY KEY,
    article_id VARCHAR NOT NULL,
    entity_id VARCHAR NOT NULL,
    entity_name VARCHAR NOT NULL,
    entity_label VARCHAR NOT NULL,
    text VARCHAR NOT NULL,
    label VARCHAR NOT NULL,
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL,
    sentence_index INTEGER NOT NULL,
    run_id VARCHAR NOT NULL
);
