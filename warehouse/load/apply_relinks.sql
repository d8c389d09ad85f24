-- Point stored rows of short-form entities at the full entity they were linked to
-- (`relinks`: entity_id -> linked_entity_id, linked_name, linked_label), so an entity
-- met first as "Rutte" joins "Mark Rutte" once the full name is known.
UPDATE entity_mentions AS m
SET
    entity_id = r.linked_entity_id,
    entity_name = r.linked_name,
    entity_label = r.linked_label
FROM relinks AS r
WHERE m.entity_id = r.entity_id;

UPDATE quotes AS q
SET
    speaker_entity_id = r.linked_entity_id,
    speaker_name = r.linked_name
FROM relinks AS r
WHERE q.speaker_entity_id = r.entity_id;

UPDATE timeline AS t
SET
    entity_ids = list_sort(
        list_distinct(
            list_transform(
                t.entity_ids, LAMBDA x: coalesce(map_extract_value(rm.links, x), x)
            )
        )
    )
FROM (
    SELECT
        map(list(relinks.entity_id), list(relinks.linked_entity_id)) AS links,
        list(relinks.entity_id) AS ids
    FROM relinks
) AS rm
WHERE list_has_any(t.entity_ids, rm.ids);
