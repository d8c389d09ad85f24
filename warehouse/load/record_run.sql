INSERT INTO runs BY NAME SELECT * FROM incoming_runs;
INSERT INTO dq_results BY NAME SELECT * FROM incoming_dq_results;
INSERT INTO quarantine BY NAME SELECT * FROM incoming_quarantine;
