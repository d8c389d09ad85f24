CREATE TABLE IF NOT EXISTS dq_results (
    run_id VARCHAR NOT NULL,
    suite VARCHAR NOT NULL,
    expectation VARCHAR NOT NULL,
    "column" VARCHAR,
    severity VARCHAR NOT NULL,  -- block | warn
    success BOOLEAN NOT NULL,
    observed VARCHAR
);
