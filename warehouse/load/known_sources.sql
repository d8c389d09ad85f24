SELECT
    s.source_path,
    s.source_item,
    s.content_sha256,
    s.article_id
FROM article_sources AS s
ORDER BY s.source_path, s.source_item;
