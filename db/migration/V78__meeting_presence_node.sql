-- Which app node holds each open meeting screen: the screens of a node that was killed (not shut down) never say
-- goodbye, so their rows are ignored once that node's heartbeat (cluster_node) goes silent and then removed.
-- Rows written before this column existed belong to screens that re-register when they re-attach.
ALTER TABLE meeting_presence ADD COLUMN node_id VARCHAR(64);
DELETE FROM meeting_presence WHERE node_id IS NULL;
ALTER TABLE meeting_presence ALTER COLUMN node_id SET NOT NULL;
CREATE INDEX meeting_presence_node_idx ON meeting_presence (node_id);
