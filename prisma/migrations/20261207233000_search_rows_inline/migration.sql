-- Hand-written: a chunk's search row stays whole in its table page.
--
-- Postgres moves a row's largest values out to its TOAST table once the row passes about 2 kB. A
-- chunk_search row holds a chunk's terms twice (term_ids for the GIN index, term_weights to score),
-- about 12 bytes per distinct term: at 100,000 chunks of the retrieval bench 30% of rows were over
-- the limit (the largest 6.5 kB), and scoring each such candidate read its weights from the TOAST
-- table through its index. Measured on that data (embedded database, 100 questions, the lexical
-- scan alone): p50 16.9 → 13.7 ms and p95 39.6 → 32.6 ms; retrieve() warm, p50 about 18 → 14 ms.
-- A target of 8,160 bytes (the most Postgres allows, about a page) keeps every row but a rare
-- outsized one in the page. The table is rewritten once so that rows already stored move back in.
ALTER TABLE "chunk_search" SET (toast_tuple_target = 8160);
CLUSTER "chunk_search" USING "chunk_search_pkey";
