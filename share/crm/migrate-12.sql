-- crm schema version 12: e-mail keys in Unicode NFC.
--
-- No table changes: lib/key.c now puts every e-mail it stores or looks up
-- in NFC (lib/nfc.c), so a ü typed as u and a combining diaeresis is the
-- one character.  lib/sqlite.c's renormalise_emails() brings the stored
-- ones in line when a database comes to this version (customers.email
-- and identities' e-mails); two customers that then share one are
-- reported, not merged.
SELECT 1;
