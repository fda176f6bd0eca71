# t/data/orgs.bash - the fixtures of t/230 and t/520 (organisations in
# crm-segment and crm-report), loaded with "load data/orgs".
#
# Organisations and their contacts are made with SQL, as crm-add's own
# ways of making them (--org, --contact-of, linking on import) are not
# what these tests are about.  org_key is crm_org_key(name).

# noorgs_fixture: eight people and no organisation (t/data/seg-noorgs.csv
# and seg-value-log.csv, a feedback, two complaints, other keys), for
# the outputs that must not change where there are no organisations.
noorgs_fixture() {
	crm-add --import "$DATA/seg-noorgs.csv" 2>/dev/null
	sql "UPDATE customers SET company = CASE id WHEN 1 THEN 'Acme'
	    WHEN 2 THEN 'Bolt' WHEN 3 THEN 'Cai''s Farm' WHEN 5 THEN
	    'Energia' END"
	sql "INSERT INTO identities (customer_id, kind, value, source) VALUES
	    (1, 'email', 'ann@home.example', ''),
	    (2, 'id', 'SF-2', 'salesforce')"
	crm-log --import "$DATA/seg-value-log.csv" 2>/dev/null
	crm-log --at 2026-11-02 --rating 4 V1 feedback "Good" >/dev/null
	crm-log --at 2026-11-05 V2 complaint "Late" >/dev/null
	crm-log --at 2026-10-05 --rating 2 V2 complaint "Broken" >/dev/null
	crm-log --resolve 20 --at 2026-10-06 "Fixed" >/dev/null
}

# run_each FILE: each line of FILE a command, run with its output, its
# errors and its exit status, as the stored expectations were made.
run_each() {
	local cmd rc
	while IFS= read -r cmd; do
		printf '== %s\n' "$cmd"
		rc=0
		eval "$cmd" 2>&1 || rc=$?
		printf '== exit %s\n' "$rc"
	done <"$1"
}

# orgs_fixture: three organisations, four people, now being
# 2026-11-23T10:00:00Z.  Every figure the tests check is worked out
# from this table:
#
# id type   name     industry tier  owner  org (role)         interactions (2026)
# 1  person Ann      -        -     alice  Globex (buyer)     11-10 purchase 300.00, 11-12 return 50.00,
#                                                             11-11 feedback rating 4
# 2  person Bob      -        -     bob    Globex (engineer)  10-01 purchase 200.00, 11-15 complaint (open)
# 3  person Cai      -        -     bob    Initech (buyer)    09-01 purchase 1000.00, 11-20 call
# 4  person Dee      steel    -     alice  -                  11-20 purchase 700.00
# 5  org    Globex   steel    gold  alice  -                  11-01 purchase 500.00, 11-02 feedback rating 2
# 6  org    Initech  energy   -     bob    -                  none of its own
# 7  org    Umbrella retail   -     carol  -                  08-01 purchase 100.00
#
# Globex has the extra fields Region = EMEA and Employees = 120.
orgs_fixture() {
	crm-add --name Ann --email ann@globex.example --owner alice >/dev/null
	crm-add --name Bob --email bob@globex.example --owner bob >/dev/null
	crm-add --name Cai --email cai@initech.example --owner bob >/dev/null
	crm-add --name Dee --email dee@mail.example --industry steel \
	    --owner alice >/dev/null
	sql "INSERT INTO customers (id, type, name, org_key, domain, industry,
	    tier, owner, created, updated) VALUES
	    (5, 'org', 'Globex', 'globex', 'globex.example', 'steel', 'gold',
	     'alice', '2026-01-05T00:00:00Z', '2026-01-05T00:00:00Z'),
	    (6, 'org', 'Initech', 'initech', 'initech.example', 'energy', NULL,
	     'bob', '2026-01-06T00:00:00Z', '2026-01-06T00:00:00Z'),
	    (7, 'org', 'Umbrella', 'umbrella', NULL, 'retail', NULL, 'carol',
	     '2026-01-07T00:00:00Z', '2026-01-07T00:00:00Z');
	    UPDATE customers SET org_id = 5, role = 'buyer' WHERE id = 1;
	    UPDATE customers SET org_id = 5, role = 'engineer' WHERE id = 2;
	    UPDATE customers SET org_id = 6, role = 'buyer' WHERE id = 3;
	    INSERT INTO customer_fields (customer_id, key, value) VALUES
	    (5, 'Region', 'EMEA'), (5, 'Employees', '120');"
	crm-log --at 2026-11-10 --amount 300 id:1 purchase "Valves" >/dev/null
	crm-log --at 2026-11-12 --amount 50 id:1 return "One valve" >/dev/null
	crm-log --at 2026-11-11 --rating 4 id:1 feedback >/dev/null
	crm-log --at 2026-10-01 --amount 200 id:2 purchase >/dev/null
	crm-log --at 2026-11-15 id:2 complaint "Late" >/dev/null
	crm-log --at 2026-09-01 --amount 1000 id:3 purchase >/dev/null
	crm-log --at 2026-11-20 id:3 call >/dev/null
	crm-log --at 2026-11-20 --amount 700 id:4 purchase >/dev/null
	crm-log --at 2026-11-01 --amount 500 id:5 purchase "Own order" \
	    >/dev/null
	crm-log --at 2026-11-02 --rating 2 id:5 feedback >/dev/null
	crm-log --at 2026-08-01 --amount 100 id:7 purchase >/dev/null
}
