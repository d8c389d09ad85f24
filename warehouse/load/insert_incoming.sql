INSERT INTO articles BY NAME SELECT * FROM incoming_articles;
INSERT INTO article_sources BY NAME SELECT * FROM incoming_article_sources;
INSERT INTO entity_mentions BY NAME SELECT * FROM incoming_entity_mentions;
INSERT INTO quotes BY NAME SELECT * FROM incoming_quotes;
INSERT INTO timeline BY NAME SELECT * FROM incoming_timeline;
