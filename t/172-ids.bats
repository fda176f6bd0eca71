#!/usr/bin/env bats
# t/172-ids.bats - a customer's id (crm's own) is never given again
# (SQLite's schema 17: AUTOINCREMENT; PostgreSQL's 15: the same sequence).
#
# Test plan (on either engine unless it says):
#   - the customer with the largest id erased (crm-add --erase): the next
#     new customer gets a larger one; a file keyed by the erased id
#     (crm-log --import with an id column) is refused (65, no customer
#     '2'), nothing is put on the newcomer
#   - the same after she is merged away (crm-add --merge): a row keyed by
#     her id goes nowhere, the newcomer has a new id
#   - a bulk import (crm-add --import, which numbers its rows itself on
#     PostgreSQL) numbers its new customers above the erased one
#   - a database of the schema before (SQLite 16, PostgreSQL 14: its
#     customers table without AUTOINCREMENT, or the old id trigger that
#     forgot on delete): opened, it keeps every id and row, the search
#     and crm check hold, and its erased top id (named by the erase's
#     audit row) and merged-away id are not given again
#   - SQLite: undoing a merge of the top customer still works after a
#     new customer was added (her id was not taken again); the same for
#     another AUTOINCREMENT table (one added by hand, its rows kept by
#     triggers on customers): undo reads every such table's sequence,
#     not only customers'
#   - a re-import of known customers uses up no id (SQLite's
#     AUTOINCREMENT counts an insert refused by a taken key as given:
#     the sequence is put back), past the 64 rows after which crm-add
#     looks the rows up first, and with new rows among them

load helper

# The byid.csv file: one purchase for the customer with crm id $1.
by_id() {
	printf 'id,date,kind,amount\n%s,2024-02-01,purchase,40\n' "$1" >byid.csv
}

@test "ids: the top customer erased, the next one gets a new id and a file by her id is refused" {
	crm-add -n Bob -e bob@example.com >/dev/null
	crm-add -n Eva -e eva@example.fr >/dev/null
	crm-log eva@example.fr purchase --amount 40 --at 2024-02-01 >/dev/null
	crm-add --erase eva@example.fr --yes 2>/dev/null
	eq "$(crm-add -n 'Newcomer Nina' -e nina@example.com)" 3
	by_id 2
	run --separate-stderr crm-log --import byid.csv
	fails 65 "crm-log: byid.csv:2: id: no customer with id '2' (a column headed id is crm's own customer number; --map 'id=external_id' reads another system's, 'id=ref' a payment's or an order's own)"
	eq "$(sql 'SELECT count(*) FROM interactions')" 0
	eq "$(crm-segment -f id,name,revenue -o csv)" $'id,name,revenue\n1,Bob,0.00\n3,Newcomer Nina,0.00'
	# and on again from there
	eq "$(crm-add -n Olga -e olga@example.com)" 4
}

@test "ids: the top customer merged away, the next one gets a new id and a file by her id is refused" {
	crm-add -n Bob -e bob@example.com >/dev/null
	crm-add -n Eva -e eva@example.fr >/dev/null
	crm-add --merge 1 2 2>/dev/null
	eq "$(crm-add -n Carl -e carl@example.com)" 3
	by_id 2
	run --separate-stderr crm-log --import byid.csv
	fails 65 "crm-log: byid.csv:2: id: no customer with id '2' (a column headed id is crm's own customer number; --map 'id=external_id' reads another system's, 'id=ref' a payment's or an order's own)"
	eq "$(sql 'SELECT count(*) FROM interactions')" 0
	eq "$(sql 'SELECT id, name FROM customers ORDER BY id')" $'1|Bob\n3|Carl'
}

@test "ids: a bulk import numbers its new customers above an erased top id" {
	crm-add -n Bob -e bob@example.com >/dev/null
	crm-add -n Eva -e eva@example.fr >/dev/null
	crm-add --erase 2 --yes 2>/dev/null
	printf 'name,email\nNina,nina@example.com\nOlga,olga@example.com\n' >new.csv
	crm-add --import new.csv 2>/dev/null
	eq "$(sql 'SELECT id, name FROM customers ORDER BY id')" $'1|Bob\n3|Nina\n4|Olga'
	# and a later single add goes on from there
	eq "$(crm-add -n Pia -e pia@example.com)" 5
}

# The customers table as the schema before made it (SQLite 16: no
# AUTOINCREMENT, no sqlite_sequence row; PostgreSQL 14: the id trigger
# that looked up the largest id and forgot on delete), data kept.
schema_before() {
	if is_pg "$CRM_DB"; then
		sql "SET client_min_messages = warning;
		    DROP TRIGGER crm_keep_top ON customers;
		    DROP FUNCTION crm_keep_top_customers();
		    DROP TABLE sqlite_sequence;
		    CREATE OR REPLACE FUNCTION crm_next_id_customers() RETURNS trigger
		    LANGUAGE plpgsql AS \$b\$
		    DECLARE
			next bigint := nullif(current_setting('crm.next_customers',
			    true), '')::bigint;
		    BEGIN
			IF NEW.id IS NULL THEN
				NEW.id := coalesce(next, coalesce((SELECT max(id)
				    FROM customers), 0) + 1);
			ELSIF next IS NULL OR NEW.id < next THEN
				RETURN NEW;
			END IF;
			PERFORM set_config('crm.next_customers', (NEW.id + 1)::text,
			    true);
			RETURN NEW;
		    END\$b\$;
		    CREATE TRIGGER crm_next_id_forget AFTER DELETE ON customers
			FOR EACH STATEMENT EXECUTE FUNCTION crm_next_id_forget();
		    UPDATE crm_schema SET version = 14 WHERE version >= 15"
		return
	fi
	local table others
	table=$(sql "SELECT replace(sql, ' AUTOINCREMENT', '') FROM sqlite_schema WHERE name = 'customers'")
	others=$(sql "SELECT sql || ';' FROM sqlite_schema WHERE tbl_name = 'customers' AND type IN ('index', 'trigger') AND sql IS NOT NULL")
	sql "PRAGMA foreign_keys = OFF; BEGIN;
	    CREATE TEMP TABLE c AS SELECT * FROM customers;
	    DROP TABLE customers; $table; INSERT INTO customers SELECT * FROM c;
	    $others
	    DELETE FROM sqlite_sequence; PRAGMA user_version = 16; COMMIT"
	[[ $(sql "SELECT sql FROM sqlite_schema WHERE name = 'customers'") != *AUTOINCREMENT* ]]
}

@test "ids: a database of the schema before keeps its ids and rows, and gives no known former id again" {
	crm-add -n Ann -e ann@example.com -t vip >/dev/null
	crm-add -n 'Bob Quokka' -e bob@example.com >/dev/null
	crm-add -n Cy -e cy@example.com >/dev/null
	crm-add -n Dee -e dee@example.com >/dev/null
	crm-log bob@example.com purchase --amount 12.50 --at 2024-03-01 >/dev/null
	crm-add --merge 1 3 2>/dev/null
	crm-add --erase dee@example.com --yes 2>/dev/null
	local before
	before=$(sql 'SELECT * FROM customers ORDER BY id'; sql 'SELECT * FROM interactions ORDER BY id'; sql 'SELECT * FROM tags')
	schema_before
	# opened by a reader: brought to the newest schema
	eq "$(crm-segment --search quokka -f id,name | cut -f1,2)" $'id\tname\n2\tBob Quokka'
	if is_pg "$CRM_DB"; then
		eq "$(sql 'SELECT max(version) FROM crm_schema')" "$PG_SCHEMA"
	else
		eq "$(sql 'PRAGMA user_version')" "$SCHEMA"
		eq "$(sql 'PRAGMA foreign_key_check')" ""
	fi
	eq "$(sql 'SELECT * FROM customers ORDER BY id'; sql 'SELECT * FROM interactions ORDER BY id'; sql 'SELECT * FROM tags')" "$before"
	run crm check
	status_is 0
	# Dee (4, erased) and Cy (3, merged) are not given again.
	eq "$(crm-add -n Eve -e eve@example.com)" 5
	eq "$(crm-segment --search eve -f id | tail -n 1 | cut -f1)" 5
	crm-add --erase eve@example.com --yes 2>/dev/null
	eq "$(crm-add -n Fay -e fay@example.com)" 6
}

@test "ids: undoing a merge of the top customer works after a new customer was added" {
	only_on sqlite "crm undo is SQLite's"
	crm-add -n Ann -e ann@example.com >/dev/null
	crm-add -n Cy -e cy@example.com >/dev/null
	crm-add --merge 1 2 2>/dev/null
	local merge
	merge=$(sql "SELECT max(id) FROM audit WHERE action = 'merge'")
	eq "$(crm-add -n Dee -e dee@example.com)" 3
	run --separate-stderr crm undo "$merge"
	status_is 0
	eq "$(sql 'SELECT id, name FROM customers ORDER BY id')" $'1|Ann\n2|Cy\n3|Dee'
}

@test "ids: undo respects the sequence of any AUTOINCREMENT table, not only customers'" {
	only_on sqlite "crm undo is SQLite's"
	crm-add -n Ann -e ann@example.com >/dev/null
	# A table of the user's own, kept by triggers, and a migration (the
	# schema before 17, again) so that undo's shadow tables cover it.
	sql "CREATE TABLE cust_log (id INTEGER PRIMARY KEY AUTOINCREMENT,
		customer_id INTEGER, what TEXT);
	    CREATE TRIGGER cust_log_ai AFTER INSERT ON customers BEGIN
		INSERT INTO cust_log (customer_id, what) VALUES (new.id, 'added');
	    END;
	    CREATE TRIGGER cust_log_ad AFTER DELETE ON customers BEGIN
		DELETE FROM cust_log WHERE customer_id = old.id;
	    END;
	    PRAGMA user_version = 16"
	crm-add -n Cy -e cy@example.com >/dev/null
	eq "$(sql 'SELECT id, customer_id FROM cust_log')" "1|2"
	# the merge deletes Cy and her cust_log row 1, the top one: the
	# next row is 2 (AUTOINCREMENT), not 1 again
	crm-add --merge 1 2 2>/dev/null
	local merge
	merge=$(sql "SELECT max(id) FROM audit WHERE action = 'merge'")
	eq "$(crm-add -n Dee -e dee@example.com)" 3
	eq "$(sql 'SELECT id, customer_id FROM cust_log')" "2|3"
	# so Dee's change took no id the merge freed: the merge is undone
	run --separate-stderr crm undo "$merge"
	status_is 0
	eq "$(sql 'SELECT id, name FROM customers ORDER BY id')" $'1|Ann\n2|Cy\n3|Dee'
	eq "$(sql 'SELECT id, customer_id FROM cust_log WHERE id <= 2 ORDER BY id')" $'1|2\n2|3'
}

@test "ids: a re-import of known customers uses up no id" {
	{
		echo name,email
		for i in $(seq 1 70); do echo "P$i,p$i@example.com"; done
	} >known.csv
	crm-add --import known.csv 2>/dev/null
	{
		cat known.csv
		echo "New One,new1@example.com"
		echo "P3 Fuller,p3@example.com"
		echo "New Two,new2@example.com"
	} >again.csv
	run --separate-stderr crm-add --import again.csv
	status_is 0
	eq "${stderr_lines[-1]}" "2 added, 1 updated, 70 unchanged, 0 rejected"
	eq "$(sql "SELECT id FROM customers WHERE name LIKE 'New%' ORDER BY id" | paste -sd ' ' -)" "71 72"
	eq "$(crm-add -n Q -e q@example.com)" 73
}
