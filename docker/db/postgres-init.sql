-- pgoutput streams only the tables of the publication named in the source connector.
CREATE TABLE public.source_table (id SERIAL PRIMARY KEY, name VARCHAR(10));
CREATE PUBLICATION dbz_publication FOR TABLE public.source_table;
