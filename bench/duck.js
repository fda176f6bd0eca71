// Run SQL in DuckDB for the bench: DUCKDB_DIR=DIR node duck.js DATABASE SQL
// DIR is where `npm install @duckdb/node-api` put its node_modules (see
// common.sh).  The statements run in order; a query's rows go to stdout
// by the SQL's own COPY (...) TO '/dev/stdout', so that DuckDB formats
// them as crm and the sqlite3 shell do.  Exit 1 with DuckDB's message on
// an error.
'use strict';
const { createRequire } = require('module');
const path = require('path');

const dir = process.env.DUCKDB_DIR;
const [db, sql] = process.argv.slice(2);
if (!dir || !db || sql === undefined) {
	process.stderr.write('usage: DUCKDB_DIR=DIR node duck.js DATABASE SQL\n');
	process.exit(64);
}
const { DuckDBInstance } = createRequire(path.join(dir, 'package.json'))(
    '@duckdb/node-api');

(async () => {
	const instance = await DuckDBInstance.create(db);
	const con = await instance.connect();
	await con.run(sql);
	con.closeSync();
	instance.closeSync();
})().catch((e) => {
	process.stderr.write(`duck.js: ${e.message}\n`);
	process.exit(1);
});
