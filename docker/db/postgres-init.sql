-- pgoutput streams only the tables of the publication named in the source connector.
CREATE TABLE public.source_table (id SERIAL PRIMARY KEY, name VARCHAR(10));
-- The source connector's heartbeat.action.query writes here, so that its replication slot confirms WAL while
-- source_table is quiet (docs/operations.md).
CREATE TABLE public.cdc_heartbeat (id INT PRIMARY KEY, beat TIMESTAMPTZ);
CREATE PUBLICATION dbz_publication FOR TABLE public.source_table, public.cdc_heartbeat;
