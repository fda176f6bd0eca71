-- crm schema version 16: less schema for every run to parse.  SQLite
-- parses the text of the whole schema each time a program opens the
-- database (about 140 instructions a character); schema 8's views
-- agg_totals_raw and agg_periods_raw were read by lib/agg.c alone (an
-- import's catch-up, `crm check`), which now holds their SQL as it does
-- the other tables' (TOTALS_RAW, PERIODS_RAW): 0.2 M instructions off
-- every run of every program (bench/README.md, issue 16).  PostgreSQL
-- keeps its views, which parse nothing per connection.
DROP VIEW IF EXISTS agg_totals_raw;
DROP VIEW IF EXISTS agg_periods_raw;
