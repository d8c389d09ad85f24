CREATE TABLE IF NOT EXISTS entities (
    entity_id VARCHAR PRIMARY KEY,
    name VARCHAR NOT NULL,
    label VARCHAR NOT NULL,
    aliases VARCHAR[] NOT NULL,
    n_mentions INTEGER NOT NULL,
    n_articles INTEGER NOT NULL,
    first_seen DATE,
    last_seen DATE,
    run_id VARCHAR NOT NULL
);
