#!/usr/bin/env bats
# t/154-crm-add-i18n.bats - crm-add --import on small firms' files in
# other languages and encodings (t/data/real, SOURCES.md; the qa33 trial)
#
# Test plan:
#   - Italian (OpenSTAManager), Brazilian, Spanish, Dutch, French Sage
#     (CP1252) and DATEV (its EXTF line above the header) contacts: the
#     name, company, phone and e-mail read, the country kept as Country
#   - Zoho Books' EmailID is the e-mail
#   - a column of e-mail addresses under a header crm does not know, with
#     none read as the e-mail: refused before any row, with the --map
#     that reads it and the one that keeps it a field
#   - Shift_JIS: the hint names CP932 (Shift_JIS), not GB18030; with it
#     the names are read
#   - crm-log --add-customers names a new customer by a plain Name, a
#     form's "Your full name", Vorname + Nachname (not by her e-mail);
#     Shopify's Name is still its order number

load helper

REAL="$BATS_TEST_DIRNAME/data/real"

import() {
	run --separate-stderr crm-add --import "$@"
}

people() {
	sql "SELECT name, coalesce(email, ''), coalesce(phone, ''),
	    coalesce(company, '') FROM customers WHERE type = 'person' ORDER BY id"
}

country() {
	sql "SELECT c.name, f.value FROM customer_fields f JOIN customers c
	    ON c.id = f.customer_id WHERE f.key = 'Country' ORDER BY c.id"
}

@test "Italian (OpenSTAManager): Ragione sociale, Nome, Cognome, Telefono; Nazione is the Country; Partita IVA a field" {
	import "$REAL/openstamanager-anagrafiche.csv"
	status_is 0
	eq "$stderr" "2 added, 0 updated, 0 unchanged, 0 rejected, 1 organisation added"
	eq "$(people)" $'Mario Rossi|mario@rossi.example|+39 02 1234567|Rossi Srl\nGiulia Bianchi|giulia@bianchi.example|+39 347 7654321|'
	eq "$(country)" $'Mario Rossi|Italia\nGiulia Bianchi|Italia'
	eq "$(sql "SELECT value FROM customer_fields WHERE key = 'Partita IVA'")" 'IT01234567890'
	import "$REAL/openstamanager-anagrafiche.csv"
	eq "$stderr" "0 added, 0 updated, 2 unchanged, 0 rejected"
}

@test "Brazilian: Nome, Sobrenome, Telefone, Celular, Razão social; País is the Country" {
	import "$REAL/br-contatos.csv"
	status_is 0
	eq "$(people)" $'João da Silva|joao@exemplo.example|(11) 3456-7890|Silva Comércio Ltda\nMaria Conceição|maria@exemplo.example|(21) 99876-5432|'
	eq "$(country)" $'João da Silva|Brasil\nMaria Conceição|Brasil'
}

@test "Spanish with accents: Nombre, Apellidos, Razón social, Teléfono; Dutch: Voornaam, Achternaam, Bedrijfsnaam, E-mailadres, Klantnummer" {
	import "$REAL/es-contactos.csv"
	status_is 0
	eq "$(people)" 'Carmen García López|carmen@garcia.example|+34 91 123 45 67|Talleres García SL'
	eq "$(country)" 'Carmen García López|España'
	import "$REAL/nl-klanten.csv"
	status_is 0
	eq "$(sql "SELECT name, email, phone, company, external_id FROM customers WHERE email LIKE 'jan@%'")" \
	    'Jan de Vries|jan@devries.example|+31 20 1234567|Bakkerij de Vries|1'
}

@test "French Sage in CP1252: Intitulé beside Contact is the account's company, Contact the person" {
	import "$REAL/sage-fr-clients.csv" --encoding CP1252
	status_is 0
	eq "$(people)" $'Pierre Dupont|pierre@dupont.example|01 23 45 67 89|SARL Dupont\n|contact@martin.example|04 56 78 90 12|Librairie Martin'
	eq "$(sql "SELECT name FROM customers WHERE type = 'org' ORDER BY id")" $'SARL Dupont\nLibrairie Martin'
	# Intitulé alone names the row
	printf 'Intitul\xc3\xa9;E-mail\nPierre Dupont;pierre@dupont.example\n' >solo.csv
	import solo.csv
	status_is 0
	eq "$(sql "SELECT count(*) FROM customers WHERE name = 'Pierre Dupont' AND type = 'person'")" 1
}

@test "DATEV Debitoren/Kreditoren: the EXTF line skipped and said; a company's and a person's names" {
	import "$REAL/datev-debitoren.csv"
	status_is 0
	eq "$stderr" "crm-add: $REAL/datev-debitoren.csv:1: DATEV's format line (EXTF), before the header: skipped
2 added, 0 updated, 0 unchanged, 0 rejected, 1 organisation added"
	eq "$(people)" $'|info@mueller.example|+49 30 1111111|Müller GmbH\nEva Schmidt|eva@schmidt.example||'
	eq "$(country)" $'|DE\nEva Schmidt|DE'
	# qa33's spelling of the header (Adressatentyp) too
	printf 'Konto;Name (Adressatentyp Unternehmen);Name (Adressatentyp nat\xc3\xbcrl. Person);Vorname (Adressatentyp nat\xc3\xbcrl. Person);E-Mail\n10003;;Weber;Tom;tom@weber.example\n' >datev2.csv
	import datev2.csv
	status_is 0
	eq "$(sql "SELECT name FROM customers WHERE email = 'tom@weber.example'")" 'Tom Weber'
}

@test "Zoho Books: EmailID is the e-mail" {
	import "$REAL/zohobooks-in-contacts.csv"
	status_is 0
	eq "$(sql "SELECT email FROM customers WHERE type = 'person'")" 'rahul@sharmatraders.example'
}

@test "e-mail addresses under a header crm does not know, none read as the e-mail: refused, with the two --map" {
	printf 'Name,Kontakt-Mail,Phone\nAnn Lee,ann@x.example,+44 20 7946 0001\nBo Chan,,\n' >unk.csv
	import unk.csv
	fails 65 "crm-add: unk.csv:1: 'Kontakt-Mail' holds e-mail addresses, but no column is read as the e-mail: say --map 'Kontakt-Mail=email' to read it as the customers' e-mail, or --map 'Kontakt-Mail=Kontakt-Mail' to keep it as a field"
	no_db
	import unk.csv --map 'Kontakt-Mail=email'
	status_is 0
	eq "$(sql "SELECT email FROM customers WHERE name = 'Ann Lee'")" 'ann@x.example'
	new_db
	import unk.csv --map 'Kontakt-Mail=Kontakt-Mail'
	status_is 0
	eq "$(sql "SELECT coalesce(email, '-'), (SELECT value FROM customer_fields WHERE key = 'Kontakt-Mail') FROM customers WHERE name = 'Ann Lee'")" '-|ann@x.example'
	# beside an e-mail column, another column of addresses is someone
	# else's (a manager's): kept as a field, as before
	printf 'Name,Email,Manager\nCy Diaz,cy@x.example,boss@x.example\n' >two.csv
	import two.csv
	status_is 0
	eq "$(sql "SELECT value FROM customer_fields f JOIN customers c ON c.id = f.customer_id WHERE c.name = 'Cy Diaz' AND key = 'Manager'")" 'boss@x.example'
}

@test "Shift_JIS (CP932) from a Japanese Excel: the hint names CP932, not GB18030; with it the names are read" {
	import "$REAL/jp-torihikisaki-sjis.csv"
	fails 65 "crm-add: $REAL/jp-torihikisaki-sjis.csv:1: header: invalid UTF-8; the file looks like CP932 (Shift_JIS, from a Japanese Excel or accounting program): say --encoding CP932"
	no_db
	import "$REAL/jp-torihikisaki-sjis.csv" --encoding CP932
	status_is 0
	eq "$stderr" "2 added, 0 updated, 0 unchanged, 0 rejected, 2 organisations added"
	# ㈱ is CP932's (the glibc's SHIFT_JIS refuses it)
	eq "$(people)" $'山田 太郎|yamada@example.jp|03-1234-5678|株式会社山田商事\n佐藤 花子|sato@example.jp|090-1234-5678|㈱佐藤デザイン事務所'
	eq "$(sql "SELECT external_id FROM customers WHERE type = 'person' ORDER BY id")" $'C001\nC002'
	# GBK is still named GB18030, Windows-1252 CP1252
	printf '\xbf\xcd\xbb\xa7\xc3\xfb\xb3\xc6,\xd3\xca\xcf\xe4\n\xd5\xc5\xc8\xfd,zhang@x.example\n' >gbk.csv
	import gbk.csv
	fails 65 "crm-add: gbk.csv:1: header: invalid UTF-8; the file looks like GB18030 (GBK, from a Chinese Excel or shop): say --encoding GB18030"
	printf 'Name,Email\nJos\xe9 M\xfcller,jose@x.example\n' >w.csv
	import w.csv
	fails 65 "crm-add: w.csv:2: Name: invalid UTF-8; the file looks like CP1252 (Windows-1252, from a Western Excel): say --encoding CP1252"
}

@test "crm-log --add-customers: a plain Name, a form's Your full name, Vorname and Nachname name the new customer, not her e-mail" {
	printf 'Name,Email,Kind,Date,Amount\nAnn Lee,ann@x.example,purchase,2026-11-01,10\n' >n1.csv
	run --separate-stderr crm-log --import --add-customers n1.csv
	status_is 0
	eq "$(sql "SELECT name, email FROM customers")" 'Ann Lee|ann@x.example'
	# --map naming it reads it too
	new_db
	printf 'Kunde,Email,Kind,Date,Amount\nBo Chan,bo@x.example,purchase,2026-11-01,10\n' >n1b.csv
	run --separate-stderr crm-log --import --add-customers --map 'Kunde=name' n1b.csv
	status_is 0
	eq "$(sql "SELECT name FROM customers")" 'Bo Chan'
	new_db
	printf 'Kundennummer;Vorname;Nachname;E-Mail;Datum;Betrag;Art\n10003;Eva;Neu;neu@example.de;2026-11-01;10,00;purchase\n' >n2.csv
	run --separate-stderr crm-log --import --add-customers --decimal-comma n2.csv
	status_is 0
	eq "$(sql "SELECT name, email FROM customers")" 'Eva Neu|neu@example.de'
	new_db
	printf 'Timestamp,Your full name,Email Address,Comments\n2026-05-28 19:01:33,Cy Diaz,cy@x.example,Nice\n' >n3.csv
	run --separate-stderr crm-log --import --add-customers --kind note n3.csv
	status_is 0
	eq "$(sql "SELECT name, email FROM customers")" 'Cy Diaz|cy@x.example'
	# Shopify's Name is its order number: the ref, never a name
	new_db
	run --separate-stderr crm-log --import --add-customers --map 'Currency=-' "$REAL/shopify-orders.csv"
	status_is 0
	eq "$(sql "SELECT count(*) FROM customers WHERE name LIKE '#%'")" 0
}
