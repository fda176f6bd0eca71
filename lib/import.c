/*
 * import.c - customers from a spreadsheet: map the header, then add or
 * update one customer per row.
 *
 * Headers are matched case-, space-, '-' and '_'-insensitively against
 * the names real exports use (Google and Outlook contacts, webshops,
 * Chinese Excel).  A column that maps to nothing becomes an extra field
 * under its own header, so nothing a user brings is dropped.  A row
 * matches an existing customer by external_id, else by e-mail, and then
 * only its non-empty values are written, so re-importing a file changes
 * nothing and a newer export updates just what changed.
 *
 * A person is linked to the organisation its company column names (found
 * by name, else made, with the e-mail's domain when it is a company's
 * own and nobody's yet), or, without a company, to the organisation
 * whose own domain its e-mail is at.  An organisation export (a company
 * column and neither a name nor an e-mail: HubSpot companies, Salesforce
 * accounts, Pipedrive organizations) and the rows a type or "Is a
 * Company" column says are organisations import as organisations.
 */
#include <ctype.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "crm.h"


static int
has(const char *v)
{
	return v && *v;
}

/*
 * Excel's mark for "keep this as text" ('0123, '+44...), which Shopify
 * writes before ids and phone numbers: not part of the value.
 */
static char *
text_marker(char *v)
{
	return v[0] == '\'' && (isdigit((unsigned char)v[1]) || v[1] == '+') ?
	    v + 1 : v;
}

/*
 * Outlook's date that is none: 0/0/00 for an empty Birthday or
 * Anniversary, 00.00.0000 in German, 1/1/4501 and 1/1/1601 for "None".
 * Runs of zeros between at least two separators, so that 0.00 is an
 * amount still, and so are an accounting export's -0.00 and -.0 (a
 * balance rounded to nothing), whose first run is empty.
 */
static int
no_date(const char *v)
{
	const char *p;
	int seps = 0;

	v = v + strspn(v, " ");
	if (strcmp(v, "1/1/4501") == 0 || strcmp(v, "1/1/1601") == 0)
		return 1;
	for (p = v; *p; p++)
		if (strchr("/.-", *p)) {
			if (p == v || strchr("/.-", p[-1]))
				return 0;	/* "-0.00", "0..0" */
			seps++;
		} else if (*p != '0') {
			return 0;
		}
	return seps >= 2 && !strchr("/.-", p[-1]);
}

/*
 * The same mark before a number kept as an extra field (Shopify's zip
 * '62701, its second phone '+15550100): not before text ('80s).
 */
static char *
number_marker(char *v)
{
	const char *p = v + 1;

	if (v[0] != '\'' || *p == '\0')
		return v;
	for (; *p; p++)
		if (!isdigit((unsigned char)*p) && !strchr("+-() ./", *p))
			return v;
	return v + 1;
}

/* Targets beyond the core columns. */
enum { T_FIELD = -1, T_FIRST = -2, T_LAST = -3, T_TAGS = -4, T_SKIP = -5,
	T_EMAILS = -6, T_OTHER_IDS = -7, T_SRC_ID = -8, T_URL = -9,
	T_DROP = -10, T_TYPE = -11, T_ISCOMPANY = -12, T_ORG = -13,
	T_WEBSITE = -14, T_CREDIT = -15, T_TERMS = -16, T_BIRTHDAY = -17,
	T_BIRTH_PART = -18, T_FAX = -19, T_PAGER = -20, T_MIN = -20 };

struct colmap {
	int to;			/* a column, or T_* */
	int alt;		/* a second column for core column alt, or -1 */
	const char *field;	/* extra field name for T_FIELD */
	const char *source;	/* T_SRC_ID: the system ("id:shopify") */
	int lead_status;	/* a lead report's status (Lead Status) */
	char *owned;		/* field, when we made the name */
	int utc;		/* a time in UTC: "Created (UTC)" */
	char offset[16];	/* or at this offset: "Created (UTC+2)" */
	int semi;		/* tags split at ';' too: Outlook's Categories */
	int mapped;		/* its target named by --map */
	int ahead;		/* a second column before its first (--map) */
	int or_name;		/* a company that names a row with no name */
	int jobs;		/* QuickBooks' Customer: "Parent:Job" */
	int part;		/* T_BIRTH_PART: 0 year, 1 month, 2 day */
	int surname;		/* Name beside First Name alone (surname_col) */
	int others;		/* a phone past the first is another phone
				 * of the customer's (Yahoo's Home, Work) */
	int label;		/* a numbered phone's label column + 1
				 * (Google's "Phone 1 - Label"), or 0 */
	const char *datefmt;	/* the export's own date order, or NULL */
	const struct crm_optcol *opt;	/* it says whether to send e-mail */
	int opt_every;		/* every row opted out: Mailchimp's files */
	int consent;		/* a consent to e-mail (consent_header) */
	int active01;		/* Shopware's active: 1 active, 0 inactive */
	int adr_part;		/* a part of the address (vCard ADR's 0-6)
				 * + 1 that makes the field address too */
	int other_type;		/* T_TYPE: another system's (type_column) */
};

/* What the header as a whole says about the file. */
struct hdrinfo {
	int crm_own;		/* crm's own export: its id is local */
	int orders;		/* an order or payment export */
	int type_col, gross_col;	/* a payment service's, or -1 */
	int named;		/* orders: a buyer's name column besides Name */
	int rfm;		/* crm-segment --rfm's columns */
	int contact_person;	/* 联系人 beside 客户名称: that is the company */
	int intitule_contact;	/* Sage's Intitulé (the account's name)
				 * beside its Contact: a company's */
	int job_title;		/* a job title column: Title is a salutation */
	int odoo;		/* Odoo's is_company: parent_id is the company */
	int vcard;		/* vCards */
	const struct crm_rd *rd;	/* the reader, which knows a vCard's
					 * extra fields (crm_rd_field) */
	const char *source;	/* --source */
	int square;		/* Square's customer directory */
	int xero;		/* Xero's contacts: first and last name columns */
	int qbo;		/* QuickBooks' Customer Contact List */
	int yahoo;		/* Yahoo's contacts: Home, Work ... phones */
	int sugar;		/* SuiteCRM's or SugarCRM's: Home a phone */
	int deleted_col, master_col;	/* IsDeleted, MasterRecordId, or -1 */
	int birth_parts;	/* Thunderbird's Birth Year, Month and Day */
	int prestashop;		/* PrestaShop's customers: Registration */
	int members;		/* a membership list: its Tier is a plan's */
	int kofi;		/* Ko-fi's transactions: From is the buyer */
	int razorpay;		/* Razorpay's payments: contact a phone */
	int bookings;		/* a booking service's events (Calendly's,
				 * Acuity's): a row is one booking */
	int shopware;		/* Shopware 6's customers (its profile
				 * "Default customer") */
	int close;		/* Close's leads: the lead a company, its
				 * primary_contact_* columns the person */
};

static const struct alias {
	const char *from;	/* normalised header */
	int to;
} aliases[] = {
	{ "externalid", CRM_C_EXTERNAL_ID }, { "customerid", CRM_C_EXTERNAL_ID },
	{ "customerno", CRM_C_EXTERNAL_ID },
	{ "customernumber", CRM_C_EXTERNAL_ID },
	{ "accountnumber", CRM_C_EXTERNAL_ID },
	{ "recordid", CRM_C_EXTERNAL_ID }, { "contactid", CRM_C_EXTERNAL_ID },
	{ "客户编号", CRM_C_EXTERNAL_ID }, { "编号", CRM_C_EXTERNAL_ID },
	{ "客户id", CRM_C_EXTERNAL_ID }, { "客户代码", CRM_C_EXTERNAL_ID },
	{ "memberid", CRM_C_EXTERNAL_ID }, { "leadid", CRM_C_EXTERNAL_ID },
	{ "copperid", CRM_C_EXTERNAL_ID }, { "personid", CRM_C_EXTERNAL_ID },
	/* HubSpot's Record ID in its German and French labels */
	{ "datensatzid", CRM_C_EXTERNAL_ID },
	{ "iddefiched'informations", CRM_C_EXTERNAL_ID },
	/* Small firms' own software in other languages, in their words:
	 * Italian (OpenSTAManager's anagrafiche: Ragione sociale, Nome,
	 * Cognome, Telefono, Cellulare; Partita IVA stays a field),
	 * Brazilian Portuguese (Nome, Sobrenome, Telefone, Celular, Razão
	 * social), Spanish (Razón social, Apellido(s), Teléfono, Móvil),
	 * Dutch (Voornaam, Achternaam, Bedrijfsnaam, Telefoonnummer,
	 * E-mailadres), DATEV's Debitoren/Kreditoren (Name (Adressattyp
	 * Unternehmen) the company's, natürl. Person a person's; also as
	 * "Adressatentyp"), Zoho Books' EmailID, Dutch Klantnummer (the
	 * customer number).  A Nome or Nombre alone
	 * is the whole name (T_FIRST alone is). */
	{ "ragionesociale", CRM_C_COMPANY }, { "nome", T_FIRST },
	{ "cognome", T_LAST }, { "cellulare", CRM_C_PHONE },
	{ "sobrenome", T_LAST }, { "telefone", CRM_C_PHONE },
	{ "celular", CRM_C_PHONE }, { "razãosocial", CRM_C_COMPANY },
	{ "razonsocial", CRM_C_COMPANY }, { "razónsocial", CRM_C_COMPANY },
	{ "apellido", T_LAST }, { "teléfono", CRM_C_PHONE },
	{ "móvil", CRM_C_PHONE }, { "movil", CRM_C_PHONE },
	{ "voornaam", T_FIRST }, { "achternaam", T_LAST },
	{ "bedrijfsnaam", CRM_C_COMPANY }, { "bedrijf", CRM_C_COMPANY },
	{ "telefoonnummer", CRM_C_PHONE }, { "telefoon", CRM_C_PHONE },
	{ "mobielnummer", CRM_C_PHONE }, { "emailadres", CRM_C_EMAIL },
	{ "name(adressattypunternehmen)", CRM_C_COMPANY },
	{ "name(adressattypnatürl.person)", T_LAST },
	{ "vorname(adressattypnatürl.person)", T_FIRST },
	{ "name(adressattypkeineangabe)", CRM_C_NAME },
	{ "name(adressatentypunternehmen)", CRM_C_COMPANY },
	{ "name(adressatentypnatürl.person)", T_LAST },
	{ "vorname(adressatentypnatürl.person)", T_FIRST },
	{ "emailid", CRM_C_EMAIL }, { "klantnummer", CRM_C_EXTERNAL_ID },
	/* Japanese (freee's 取引先, a Japanese Excel's list): the
	 * partner's code and name (a firm), the person in charge there */
	{ "取引先コード", CRM_C_EXTERNAL_ID }, { "取引先名", CRM_C_COMPANY },
	{ "担当者氏名", CRM_C_NAME }, { "氏名", CRM_C_NAME },
	{ "会社名", CRM_C_COMPANY }, { "メールアドレス", CRM_C_EMAIL },
	{ "電話番号", CRM_C_PHONE }, { "携帯電話番号", CRM_C_PHONE },
	/* French Sage's account: a person's or a firm's name, the
	 * company's beside a Contact column (target_of) */
	{ "intitulé", CRM_C_NAME },
	{ "subscriberid", CRM_C_EXTERNAL_ID },
	{ "otherids", T_OTHER_IDS },
	{ "emails", T_EMAILS }, { "email2", T_EMAILS },
	{ "email3", T_EMAILS }, { "email2address", T_EMAILS },
	{ "email3address", T_EMAILS }, { "email2value", T_EMAILS },
	{ "email3value", T_EMAILS }, { "secondaryemail", T_EMAILS },
	{ "otheremail", T_EMAILS }, { "alternateemail", T_EMAILS },
	{ "additionalemail", T_EMAILS }, { "personalemail", T_EMAILS },
	{ "homeemail", T_EMAILS }, { "备用邮箱", T_EMAILS },
	{ "profileurl", T_URL }, { "linkedinurl", T_URL }, { "url", T_URL },
	{ "linkedinprofile", T_URL }, { "publicprofileurl", T_URL },
	{ "name", CRM_C_NAME }, { "fullname", CRM_C_NAME },
	/* a form's question (Google Forms, Typeform): the respondent's */
	{ "yourname", CRM_C_NAME }, { "yourfullname", CRM_C_NAME },
	{ "displayname", CRM_C_NAME }, { "contactname", CRM_C_NAME },
	{ "customername", CRM_C_NAME }, { "姓名", CRM_C_NAME },
	{ "名称", CRM_C_NAME }, { "客户名称", CRM_C_NAME },
	/* one column of "Müller, Jürgen": German Excel's "Name, Vorname" */
	{ "name,vorname", CRM_C_NAME }, { "nachname,vorname", CRM_C_NAME },
	{ "lastname,firstname", CRM_C_NAME }, { "nom,prénom", CRM_C_NAME },
	{ "nom,prenom", CRM_C_NAME }, { "surname,firstname", CRM_C_NAME },
	{ "客户", CRM_C_NAME }, { "联系人", CRM_C_NAME },
	/* Calendly's scheduled events: the invitee is the customer, its
	 * User Name and User Email the host's (the team member's) */
	{ "inviteename", CRM_C_NAME }, { "inviteefirstname", T_FIRST },
	{ "inviteelastname", T_LAST }, { "inviteeemail", CRM_C_EMAIL },
	{ "textremindernumber", CRM_C_PHONE },
	{ "firstname", T_FIRST }, { "givenname", T_FIRST }, { "名", T_FIRST },
	{ "first", T_FIRST }, { "vorname", T_FIRST }, { "prénom", T_FIRST },
	{ "prenom", T_FIRST }, { "nombre", T_FIRST },
	{ "last", T_LAST }, { "nachname", T_LAST }, { "nom", T_LAST },
	{ "apellidos", T_LAST }, { "familienname", T_LAST },
	{ "personname", CRM_C_NAME }, { "personemail", CRM_C_EMAIL },
	{ "personemailwork", CRM_C_EMAIL }, { "personemailhome", T_EMAILS },
	{ "personemailother", T_EMAILS }, { "personphone", CRM_C_PHONE },
	{ "personphonework", CRM_C_PHONE }, { "personphonemobile", CRM_C_PHONE },
	{ "personorganization", CRM_C_COMPANY },
	{ "personfirstname", T_FIRST }, { "personlastname", T_LAST },
	{ "personowner", CRM_C_OWNER }, { "personpersoncreated", CRM_C_CREATED },
	{ "personlabel", T_TAGS }, { "personlabels", T_TAGS },
	{ "personjobtitle", CRM_C_ROLE }, { "personphonehome", CRM_C_PHONE },
	{ "personphoneother", CRM_C_PHONE }, { "kundeseit", CRM_C_CREATED },
	{ "datedecréation", CRM_C_CREATED }, { "clientdepuis", CRM_C_CREATED },
	{ "firma", CRM_C_COMPANY }, { "société", CRM_C_COMPANY },
	{ "societe", CRM_C_COMPANY }, { "entreprise", CRM_C_COMPANY },
	{ "empresa", CRM_C_COMPANY }, { "unternehmen", CRM_C_COMPANY },
	{ "kundennummer", CRM_C_EXTERNAL_ID }, { "kundennr", CRM_C_EXTERNAL_ID },
	{ "numéroclient", CRM_C_EXTERNAL_ID },
	{ "emailadresse", CRM_C_EMAIL }, { "courriel", CRM_C_EMAIL },
	{ "correo", CRM_C_EMAIL }, { "correoelectrónico", CRM_C_EMAIL },
	{ "alternateemail1", T_EMAILS }, { "alternateemail2", T_EMAILS },
	{ "telefonnummer", CRM_C_PHONE }, { "mobiltelefon", CRM_C_PHONE },
	{ "handy", CRM_C_PHONE }, { "portable", CRM_C_PHONE },
	{ "téléphoneportable", CRM_C_PHONE }, { "tag", T_TAGS },
	{ "billingfirstname", T_FIRST },
	{ "lastname", T_LAST }, { "familyname", T_LAST }, { "surname", T_LAST },
	{ "billinglastname", T_LAST },
	{ "姓", T_LAST },
	{ "company", CRM_C_COMPANY }, { "companyname", CRM_C_COMPANY },
	{ "organization", CRM_C_COMPANY }, { "organisation", CRM_C_COMPANY },
	{ "organization1name", CRM_C_COMPANY },
	{ "organizationname", CRM_C_COMPANY }, { "accountname", CRM_C_COMPANY },
	{ "defaultaddresscompany", CRM_C_COMPANY },
	{ "billingcompany", CRM_C_COMPANY },
	{ "公司", CRM_C_COMPANY }, { "公司名称", CRM_C_COMPANY },
	{ "单位", CRM_C_COMPANY },
	{ "email", CRM_C_EMAIL }, { "emailaddress", CRM_C_EMAIL },
	{ "email1value", CRM_C_EMAIL }, { "mail", CRM_C_EMAIL },
	{ "billingemail", CRM_C_EMAIL }, { "emailaddress1", CRM_C_EMAIL },
	{ "primaryemail", CRM_C_EMAIL }, { "workemail", CRM_C_EMAIL },
	{ "email1", CRM_C_EMAIL }, { "emailaddress(primary)", CRM_C_EMAIL },
	{ "电子邮件地址", CRM_C_EMAIL }, { "邮件", CRM_C_EMAIL },
	{ "邮箱", CRM_C_EMAIL }, { "电子邮件", CRM_C_EMAIL },
	{ "电子邮箱", CRM_C_EMAIL },
	{ "phone", CRM_C_PHONE }, { "mobile", CRM_C_PHONE },
	{ "mobilephone", CRM_C_PHONE }, { "businessphone", CRM_C_PHONE },
	/* Business Central's (Dynamics NAV's) field captions */
	{ "phoneno.", CRM_C_PHONE }, { "mobilephoneno.", CRM_C_PHONE },
	{ "phone1value", CRM_C_PHONE }, { "telephone", CRM_C_PHONE },
	{ "phonenumber", CRM_C_PHONE }, { "tel", CRM_C_PHONE },
	{ "phonenumbers", CRM_C_PHONE },	/* QuickBooks: "Phone: ..." */
	{ "primaryphone", CRM_C_PHONE }, { "mobilenumber", CRM_C_PHONE },
	{ "billingphone", CRM_C_PHONE }, { "workphone", CRM_C_PHONE },
	{ "billingphonenumber", CRM_C_PHONE },	/* Shopware 6's */
	{ "cellphone", CRM_C_PHONE }, { "homephone", CRM_C_PHONE },
	{ "homephone2", CRM_C_PHONE }, { "businessphone2", CRM_C_PHONE },
	{ "otherphone", CRM_C_PHONE }, { "phone2value", CRM_C_PHONE },
	{ "officephone", CRM_C_PHONE },		/* SuiteCRM's, SugarCRM's */
	{ "phone3value", CRM_C_PHONE }, { "cell", CRM_C_PHONE },
	{ "mobilephonenumber", CRM_C_PHONE }, { "phone2", CRM_C_PHONE },
	{ "companymainphone", CRM_C_PHONE }, { "telefon", CRM_C_PHONE },
	/* as people head a phone column by hand: Tel., Tél., Phone #,
	 * German Mobil (qa37) */
	{ "tel.", CRM_C_PHONE }, { "tél.", CRM_C_PHONE },
	{ "tél", CRM_C_PHONE }, { "phone#", CRM_C_PHONE },
	{ "mobil", CRM_C_PHONE }, { "telefonnr.", CRM_C_PHONE },
	/* No number to call: the fields fax and pager (no_call_cell).
	 * Outlook's (English, German, French), Salesforce's, Yahoo's and
	 * Zoho's Fax, Xero's FaxNumber, Thunderbird's Fax Number and Pager
	 * Number (Fax-Nummer, Pager-Nummer in German) */
	{ "fax", T_FAX }, { "businessfax", T_FAX }, { "homefax", T_FAX },
	{ "otherfax", T_FAX }, { "faxnumber", T_FAX }, { "faxnummer", T_FAX },
	{ "faxgeschäftlich", T_FAX }, { "faxprivat", T_FAX },
	{ "weiteresfax", T_FAX }, { "télécopie(bureau)", T_FAX },
	{ "télécopie(domicile)", T_FAX }, { "télécopie(autre)", T_FAX },
	{ "pager", T_PAGER }, { "pagernumber", T_PAGER },
	{ "pagernummer", T_PAGER }, { "récepteurderadiomessagerie", T_PAGER },
	/* Brevo's (Sendinblue's) mobile number, then its landline */
	{ "sms", CRM_C_PHONE }, { "landlinenumber", CRM_C_PHONE },
	{ "telefono", CRM_C_PHONE }, { "téléphone", CRM_C_PHONE },
	{ "defaultaddressphone", CRM_C_PHONE }, { "移动电话", CRM_C_PHONE },
	{ "手机号码", CRM_C_PHONE }, { "办公电话", CRM_C_PHONE },
	{ "电话", CRM_C_PHONE }, { "手机", CRM_C_PHONE },
	{ "联系电话", CRM_C_PHONE }, { "手机号", CRM_C_PHONE },
	{ "industry", CRM_C_INDUSTRY }, { "行业", CRM_C_INDUSTRY },
	{ "客户行业", CRM_C_INDUSTRY }, { "所属行业", CRM_C_INDUSTRY },
	{ "归属人", CRM_C_OWNER }, { "所属销售", CRM_C_OWNER },
	{ "tier", CRM_C_TIER }, { "level", CRM_C_TIER }, { "grade", CRM_C_TIER },
	{ "等级", CRM_C_TIER }, { "级别", CRM_C_TIER },
	{ "客户等级", CRM_C_TIER },
	{ "owner", CRM_C_OWNER }, { "accountowner", CRM_C_OWNER },
	{ "salesrep", CRM_C_OWNER }, { "contactowner", CRM_C_OWNER },
	{ "leadowner", CRM_C_OWNER }, { "负责人", CRM_C_OWNER },
	{ "客户经理", CRM_C_OWNER }, { "销售", CRM_C_OWNER },
	{ "status", CRM_C_STATUS }, { "lifecycle", CRM_C_STATUS },
	{ "lifecyclestage", CRM_C_STATUS }, { "leadstatus", CRM_C_STATUS },
	{ "additionalemailaddresses", T_EMAILS },
	{ "nonprimaryemails", T_EMAILS }, { "otheremails", T_EMAILS },
	{ "privateemail", T_EMAILS }, { "个人邮箱", T_EMAILS },
	{ "企业邮箱", CRM_C_EMAIL }, { "联系人姓名", CRM_C_NAME },
	{ "联系人所有人", CRM_C_OWNER }, { "客户所有人", CRM_C_OWNER },
	{ "客户级别", CRM_C_TIER },
	{ "associatedcompany", CRM_C_COMPANY },
	{ "company/account", CRM_C_COMPANY }, { "relatedcompany", CRM_C_COMPANY },
	{ "companyowner", CRM_C_OWNER }, { "salesperson", CRM_C_OWNER },
	{ "assignedto", CRM_C_OWNER }, { "recordowner", CRM_C_OWNER },
	{ "ownedby", CRM_C_OWNER }, { "responsibleuser", CRM_C_OWNER },
	{ "имя", T_FIRST }, { "фамилия", T_LAST }, { "компания", CRM_C_COMPANY },
	{ "emailрабочий", CRM_C_EMAIL }, { "emailличный", T_EMAILS },
	{ "emailчастный", T_EMAILS }, { "электроннаяпочта", CRM_C_EMAIL },
	{ "телефон", CRM_C_PHONE }, { "рабочийтелефон", CRM_C_PHONE },
	{ "мобильныйтелефон", CRM_C_PHONE }, { "ответственный", CRM_C_OWNER },
	{ "датасоздания", CRM_C_CREATED },
	/* German Thunderbird (its CSV export's own names) and Outlook;
	 * a business phone before a private or mobile one, in the file's
	 * order, as the English exports have them */
	{ "primäreemailadresse", CRM_C_EMAIL },
	{ "sekundäreemailadresse", T_EMAILS }, { "anzeigename", CRM_C_NAME },
	{ "tel.dienstlich", CRM_C_PHONE }, { "tel.privat", CRM_C_PHONE },
	{ "mobiltel.nr.", CRM_C_PHONE }, { "arbeitstitel", CRM_C_ROLE },
	{ "email2:adresse", T_EMAILS }, { "email3:adresse", T_EMAILS },
	{ "kategorien", T_TAGS }, { "telefongeschäftlich", CRM_C_PHONE },
	{ "telefongeschäftlich2", CRM_C_PHONE }, { "telefonfirma", CRM_C_PHONE },
	{ "telefonprivat", CRM_C_PHONE }, { "telefon(privat)", CRM_C_PHONE },
	{ "telefonprivat2", CRM_C_PHONE }, { "mobiltelefon2", CRM_C_PHONE },
	{ "weiterestelefon", CRM_C_PHONE }, { "haupttelefon", CRM_C_PHONE },
	/* French Outlook (Adresse de messagerie, Téléphone (bureau) ...) */
	{ "adressedemessagerie", CRM_C_EMAIL },
	{ "adressedemessagerie2", T_EMAILS },
	{ "adressedemessagerie3", T_EMAILS },
	{ "téléphone(bureau)", CRM_C_PHONE },
	{ "téléphone2(bureau)", CRM_C_PHONE },
	{ "téléphonesociété", CRM_C_PHONE },
	{ "téléphoneprincipal", CRM_C_PHONE },
	{ "téléphone(domicile)", CRM_C_PHONE },
	{ "téléphone2(domicile)", CRM_C_PHONE },
	{ "tél.mobile", CRM_C_PHONE }, { "téléphone(autre)", CRM_C_PHONE },
	{ "catégories", T_TAGS },
	/* Spanish Outlook (Organización, Teléfono del trabajo ...) */
	{ "direccióndecorreoelectrónico", CRM_C_EMAIL },
	{ "direccióndecorreoelectrónico2", T_EMAILS },
	{ "direccióndecorreoelectrónico3", T_EMAILS },
	{ "direccióndelcorreoelectrónico3", T_EMAILS },
	{ "teléfonodeltrabajo", CRM_C_PHONE },
	{ "teléfonodeltrabajo2", CRM_C_PHONE },
	{ "teléfonoprincipal", CRM_C_PHONE }, { "particular", CRM_C_PHONE },
	{ "teléfonomóvil", CRM_C_PHONE }, { "otroteléfono", CRM_C_PHONE },
	{ "organización", CRM_C_COMPANY }, { "puesto", CRM_C_ROLE },
	{ "categorías", T_TAGS },
	{ "状态", CRM_C_STATUS },
	{ "created", CRM_C_CREATED }, { "createdat", CRM_C_CREATED },
	{ "customersince", CRM_C_CREATED }, { "createdate", CRM_C_CREATED },
	{ "createddate", CRM_C_CREATED }, { "datecreated", CRM_C_CREATED },
	{ "创建时间", CRM_C_CREATED }, { "created(utc)", CRM_C_CREATED },
	{ "createdtime", CRM_C_CREATED }, { "createdon", CRM_C_CREATED },
	{ "dateregistered", CRM_C_CREATED },
	{ "registrationdate", CRM_C_CREATED },
	{ "signupdate", CRM_C_CREATED }, { "datejoined", CRM_C_CREATED },
	/* WooCommerce Analytics > Customers' Sign Up, WordPress's users
	 * table, Klaviyo's profiles */
	{ "signup", CRM_C_CREATED }, { "userregistered", CRM_C_CREATED },
	{ "profilecreatedon", CRM_C_CREATED },
	{ "注册时间", CRM_C_CREATED },
	{ "创建日期", CRM_C_CREATED }, { "建档时间", CRM_C_CREATED },
	{ "建档日期", CRM_C_CREATED }, { "注册日期", CRM_C_CREATED },
	{ "作成日", CRM_C_CREATED }, { "作成日時", CRM_C_CREATED },
	{ "登録日", CRM_C_CREATED }, { "登録日時", CRM_C_CREATED },
	{ "optintime", CRM_C_CREATED }, { "confirmtime", CRM_C_CREATED },
	{ "tags", T_TAGS }, { "labels", T_TAGS }, { "categories", T_TAGS },
	{ "groupmembership", T_TAGS }, { "标签", T_TAGS },
	/* Klaviyo's profiles: the Shopify customer's Tags, synced */
	{ "shopifytags", T_TAGS },
	{ "jobtitle", CRM_C_ROLE }, { "organizationtitle", CRM_C_ROLE },
	{ "organization1title", CRM_C_ROLE }, { "position", CRM_C_ROLE },
	{ "jobposition", CRM_C_ROLE }, { "function", CRM_C_ROLE },
	{ "职位", CRM_C_ROLE }, { "职务", CRM_C_ROLE }, { "岗位", CRM_C_ROLE },
	{ "funktion", CRM_C_ROLE }, { "poste", CRM_C_ROLE },
	{ "cargo", CRM_C_ROLE }, { "должность", CRM_C_ROLE },
	{ "companydomainname", CRM_C_DOMAIN }, { "companydomain", CRM_C_DOMAIN },
	{ "domainname", CRM_C_DOMAIN }, { "域名", CRM_C_DOMAIN },
	/* credit (recv.c): a limit in money, terms as 30d or Net 30 */
	{ "creditlimit", T_CREDIT }, { "paymentterms", T_TERMS },
	{ "terms", T_TERMS },
	{ "website", T_WEBSITE }, { "companywebsite", T_WEBSITE },
	{ "webpage", T_WEBSITE }, { "homepage", T_WEBSITE },
	{ "website1value", T_WEBSITE }, { "网址", T_WEBSITE },
	{ "网站", T_WEBSITE }, { "公司网站", T_WEBSITE },
	{ "iscompany", T_ISCOMPANY }, { "isacompany", T_ISCOMPANY },
	/* the field a vCard's BDAY is (Outlook's, Google's, Square's) */
	{ "birthday", T_BIRTHDAY }, { "birthdate", T_BIRTHDAY },
	{ "dateofbirth", T_BIRTHDAY }, { "geburtstag", T_BIRTHDAY },
	{ "anniversaire", T_BIRTHDAY }, { "cumpleaños", T_BIRTHDAY },
	{ "生日", T_BIRTHDAY }, { "出生日期", T_BIRTHDAY },
	/* Thunderbird's, with its Birth Day (read so beside them), in
	 * English and German (Geburtstag, the day, beside them) */
	{ "birthyear", T_BIRTH_PART }, { "birthmonth", T_BIRTH_PART },
	{ "geburtsjahr", T_BIRTH_PART }, { "geburtsmonat", T_BIRTH_PART },
	/* crm's own exports: ids are local to a database, updated is ours */
	{ "id", T_SKIP }, { "updated", T_SKIP },
};

/*
 * The columns a rejects file puts before the input's: the line and what
 * was wrong.  Not data when the file, fixed, is imported again (by
 * crm-add or crm-log: crm_header_rejects()).
 */
static const char *const rejects_cols[] = { "crm_line", "crm_error" };

/*
 * In an organisation export, the organisation's own id and owner: in a
 * file of people these are the id and owner of each one's organisation
 * (Salesforce contacts' AccountId), which many people share.
 */
static const struct alias org_aliases[] = {
	{ "accountid", CRM_C_EXTERNAL_ID }, { "organizationid", CRM_C_EXTERNAL_ID },
	{ "organisationid", CRM_C_EXTERNAL_ID }, { "companyid", CRM_C_EXTERNAL_ID },
	{ "organizationno", CRM_C_EXTERNAL_ID },	/* vtiger's ACC12 */
	{ "industrytype", CRM_C_INDUSTRY },	/* Freshsales accounts' */
	{ "organizationowner", CRM_C_OWNER },
	{ "organizationorganizationcreated", CRM_C_CREATED },
	{ "organizationcreated", CRM_C_CREATED },
};

/* Is norm (crm_norm_header's) a column a rejects file adds? */
int
crm_header_rejects(const char *norm)
{
	size_t i;
	char *n;
	int r = 0;

	for (i = 0; i < sizeof rejects_cols / sizeof rejects_cols[0]; i++) {
		n = crm_norm_header(rejects_cols[i]);
		r |= strcmp(norm, n) == 0;
		free(n);
	}
	return r;
}

/*
 * A header as we compare it: lower case, no spaces, '-' or '_', and
 * without the '*' that marks a required column in a template (Xero's
 * *ContactName): crm-add and crm-log read a header alike.
 */
char *
crm_norm_header(const char *s)
{
	char *n = crm_xmalloc(strlen(s) + 1), *d = n;

	int wide = 0;

	s += strspn(s, " ");
	if (*s == '*' && s[1])
		s++;
	for (; *s; s++) {
		if (*s == ' ' || *s == '-' || *s == '_' || *s == '\t')
			continue;
		wide |= *s & 0x80;
		*d++ = *s >= 'A' && *s <= 'Z' ? *s + ('a' - 'A') : *s;
	}
	*d = '\0';
	if (wide) {	/* "Имя", "Société": lower case beyond ASCII too */
		d = crm_key_fold(n);
		free(n);
		n = d;
	}
	return n;
}

/*
 * An order or payment export given to crm-add: its buyers are imported,
 * the orders are crm-log's.  These headers are found only in such files.
 */
static const char *const order_marks[] = {
	"lineitemname", "lineitemquantity", "financialstatus", "orderid",
	"ordernumber", "orderstatus", "orderdate", "ordertotal",
	"ordertotalamount", "transactionid", "paymentid", "amountrefunded",
	"grandtotal(purchased)", "saledate", "订单编号", "订单号", "宝贝标题",
	"订单状态", "买家会员名", "fee", "gross", "availableon(utc)",
	"purchaseid", "buyeremail", "purchaseemail", "saleprice($)",
	"transaktionscode", "brutto", "商品", "收货人",
	"verkaufsprotokollnummer", "emaildeskäufers",	/* eBay.de's */
};

/*
 * A booking service's export given to crm-add: each row is a booking
 * (its time, type, place, price, whether it was cancelled), so only the
 * person's columns are hers; the bookings are crm-log's, as meetings.
 * Calendly's scheduled events (Event Type Name, Invitee UUID), Acuity's
 * appointments (Appointment ID, Appointment Price).
 */
static const char *const booking_marks[] = {
	"eventtypename", "inviteeuuid", "appointmentid", "appointmentprice",
};

/*
 * What a column (norm, crm_norm_header's) of a bookings file becomes,
 * to being what its header alone makes it: the person's name, e-mail
 * and phone, and of the rest the invitee's own time zone and consent
 * (Calendly's); a booking's columns are skipped.  A column of the
 * booking kept on the customer made her a mix of her bookings: the
 * first one's place beside the last one's time and price.
 */
static int
booking_target(int to, const char *norm)
{
	switch (to) {
	case CRM_C_NAME: case T_FIRST: case T_LAST: case CRM_C_EMAIL:
	case T_EMAILS: case CRM_C_PHONE: case CRM_C_COMPANY:
		return to;
	}
	if (to == T_FIELD && (strcmp(norm, "inviteetimezone") == 0 ||
	    strcmp(norm, "inviteeacceptedmarketingemails") == 0))
		return to;
	return T_SKIP;
}

/* In an order export, only the buyer's columns mean anything here. */
static const struct alias order_aliases[] = {
	{ "email", CRM_C_EMAIL }, { "billingemail", CRM_C_EMAIL },
	{ "billingemailaddress", CRM_C_EMAIL },
	{ "email(billing)", CRM_C_EMAIL }, { "customeremail", CRM_C_EMAIL },
	{ "fromemailaddress", CRM_C_EMAIL }, { "buyeremail", CRM_C_EMAIL },
	{ "买家邮箱", CRM_C_EMAIL }, { "purchaseemail", CRM_C_EMAIL },
	{ "absenderemailadresse", CRM_C_EMAIL },
	{ "emaildeskäufers", CRM_C_EMAIL }, { "namedeskäufers", CRM_C_NAME },
	{ "shiptophone", CRM_C_PHONE },			/* eBay's, as */
	{ "telefonnummerdesempfängers", CRM_C_PHONE },	/* crm-log reads */
	{ "billingname", CRM_C_NAME }, { "billtoname", CRM_C_NAME },
	{ "customername", CRM_C_NAME }, { "fullname", CRM_C_NAME },
	{ "buyername", CRM_C_NAME }, { "收货人姓名", CRM_C_NAME },
	{ "客户姓名", CRM_C_NAME }, { "customerdescription", CRM_C_NAME },
	{ "收货人", CRM_C_NAME }, { "买家", CRM_C_NAME },
	{ "收货人手机号", CRM_C_PHONE }, { "手机", CRM_C_PHONE },
	{ "customercode", CRM_C_EXTERNAL_ID },
	{ "buyerfirstname", T_FIRST }, { "buyerlastname", T_LAST },
	{ "consumername", CRM_C_NAME },	/* Mollie's settlement report */
	/* the buyer named by its role (Teachable's Student Name; a
	 * client's, member's, payer's), as Customer and Buyer Name (qa52 F3) */
	{ "studentname", CRM_C_NAME }, { "clientname", CRM_C_NAME },
	{ "membername", CRM_C_NAME }, { "payername", CRM_C_NAME },
	{ "billingfirstname", T_FIRST }, { "firstname(billing)", T_FIRST },
	{ "billinglastname", T_LAST }, { "lastname(billing)", T_LAST },
	{ "billingphone", CRM_C_PHONE }, { "phone(billing)", CRM_C_PHONE },
	{ "contactphonenumber", CRM_C_PHONE }, { "联系手机", CRM_C_PHONE },
	{ "联系电话", CRM_C_PHONE },
	{ "billingcompany", CRM_C_COMPANY },
	{ "company(billing)", CRM_C_COMPANY },
	{ "customerid", CRM_C_EXTERNAL_ID }, { "buyeruserid", CRM_C_EXTERNAL_ID },
	{ "买家会员名", CRM_C_EXTERNAL_ID },
};

/*
 * Secrets a user database export carries (WordPress, Magento, shop
 * customers): never kept, whatever the import is told.
 */
static const char *const secrets[] = {
	"password", "passwordhash", "userpass", "userpassword", "passwd",
	"encryptedpassword", "hashedpassword", "passwordsalt", "salt",
	"resettoken", "passwordresettoken", "resetpasswordtoken",
	"useractivationkey", "activationkey", "apikey", "apitoken",
	"accesstoken", "refreshtoken", "authtoken", "secret", "otpsecret",
	"cardnumber", "creditcardnumber", "ccnumber", "cvv", "cvc", "cvv2",
	"giftcertificatecode",	/* BigCommerce's: spends its balance */
	"密码",
};

int
crm_header_secret(const char *norm)
{
	size_t i;

	for (i = 0; i < sizeof secrets / sizeof secrets[0]; i++)
		if (strcmp(norm, secrets[i]) == 0)
			return 1;
	return 0;
}

/*
 * A column crm computes (crm-segment's metrics and models): figures of
 * a moment, not a customer's data, so an export piped back into an
 * import does not freeze them as extra fields.  Only crm's own spelling
 * counts: a spreadsheet's "Revenue" column is the user's.  r, f and m
 * only beside rfm; a search's snippet and rank only together.
 */
int
crm_header_computed(const char *name, char *const *names, size_t n)
{
	static const char *const computed[] = {
		"last_contact", "last_purchase", "purchases", "orders", "revenue",
		"returns", "complaints", "open_complaints", "rating", "nps",
		"interactions", "recency", "frequency", "monetary", "rfm",
		"segment", "share", "cumulative_share", "class", "score",
		"open_amount", "overdue", "over_credit",
		/* crm-segment --rfm's, a customer's deals and their sum */
		"recency_days", "deals", "pipeline",
		/* an organisation's count of people, the risk model's */
		"contacts", "risk", "risk_signals", "risk_gap", "risk_drop",
		"risk_complaints", "risk_returns", "risk_receivables",
	};
	/* crm-segment --risk's as an older crm named them, together (its
	 * level is now risk, a column only crm spells so: another system's
	 * lowercase level is a tier) */
	static const char *const risk[] = { "level", "signals", "reasons" };
	size_t i, k;
	int all;

	for (i = 0; i < sizeof computed / sizeof computed[0]; i++)
		if (strcmp(name, computed[i]) == 0)
			return 1;
	if (strlen(name) == 1 && strchr("rfm", *name))
		for (i = 0; i < n; i++)
			if (strcmp(names[i], "rfm") == 0)
				return 1;
	if ((strcmp(name, "signals") == 0 || strcmp(name, "reasons") == 0) &&
	    crm_names_have(names, n, "risk"))
		return 1;
	for (i = 0; i < sizeof risk / sizeof risk[0]; i++)
		if (strcmp(name, risk[i]) == 0) {
			for (k = 0, all = 1; k < sizeof risk / sizeof risk[0];
			    k++)
				all &= crm_names_have(names, n, risk[k]);
			if (all)
				return 1;
		}
	/* crm-segment --search's two, together */
	if (strcmp(name, "snippet") == 0 || strcmp(name, "rank") == 0)
		for (i = 0; i < n; i++)
			if (strcmp(names[i], *name == 's' ? "rank" :
			    "snippet") == 0)
				return 1;
	return 0;
}

/*
 * The column headed exactly name, as crm's own listings spell their
 * columns (crm-deal's, crm-remind's read back), or -1.
 */
int
crm_header_exact(char *const *names, size_t n, const char *name)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(names[i], name) == 0)
			return (int)i;
	return -1;
}

/* --map FROM=TO for this header, or NULL. */
const char *
crm_import_mapped(const char *norm, char **maps, size_t nmaps)
{
	const char *to = NULL;
	char *from, *eq;
	size_t j;

	for (j = 0; j < nmaps; j++) {
		eq = strchr(maps[j], '=');
		from = crm_xstrndup(maps[j], (size_t)(eq - maps[j]));
		crm_trim(from);
		if (strcmp(norm, from) == 0)
			to = eq + 1;
		else {
			char *n = crm_norm_header(from);

			if (strcmp(norm, n) == 0)
				to = eq + 1;
			free(n);
		}
		free(from);
	}
	return to;
}

/*
 * Does a header (crm_norm_header's) name a date of birth?  Its dates say
 * nothing of when a customer began or an order was made: DOB, D.O.B.,
 * Birth Date, Geburtsdatum, Date de naissance, Fecha de nacimiento.
 */
int
crm_header_birth(const char *norm)
{
	static const char *const words[] = { "birth", "geburt", "naissance",
	    "nacimiento", "geboorte", "nascita", "nascimento", NULL };
	const char *const *w;

	if (strcmp(norm, "dob") == 0 || strcmp(norm, "d.o.b.") == 0 ||
	    strcmp(norm, "d.o.b") == 0)
		return 1;
	for (w = words; *w; w++)
		if (strstr(norm, *w))
			return 1;
	return 0;
}

/* Has the header a column that reads as norm (crm_norm_header's)? */
int
crm_header_has(char *const *names, size_t n, const char *norm)
{
	size_t i;
	char *h;
	int found = 0;

	for (i = 0; i < n && !found; i++) {
		h = crm_norm_header(names[i]);
		found = strcmp(h, norm) == 0;
		free(h);
	}
	return found;
}

/* Is one of names spelt exactly name (not only the same normalised)? */
int
crm_names_have(char *const *names, size_t n, const char *name)
{
	return crm_header_exact(names, n, name) >= 0;
}

static int
lookup(const struct alias *a, size_t n, const char *name)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(name, a[i].from) == 0)
			return a[i].to;
	return T_FIELD;
}

/*
 * The customer's column crm-add reads a header as (CRM_C_*), or -1: for
 * crm-log, whose files name their customer with the same headers in as
 * many languages (Kundennummer, Courriel, Correo).
 */
int
crm_header_column(const char *norm)
{
	int to = lookup(aliases, sizeof aliases / sizeof aliases[0], norm);

	return to >= 0 ? to : -1;
}

/*
 * What an order or payment export's header names of its buyer, as
 * crm-add reads such a file (order_aliases: Buyer email, Billing Email,
 * Customer ID ...), or -1: crm-log finds its customer by the same table
 * (keycol_local), so that a column crm-add took as the buyer's e-mail
 * is crm-log's key too (qa47 F2).
 */
int
crm_header_buyer(const char *norm)
{
	int to = lookup(order_aliases, sizeof order_aliases /
	    sizeof order_aliases[0], norm);

	return to >= 0 ? to : -1;
}

/*
 * Does a header cell name a customer's column (email, Name, Company,
 * Kundennummer)?  For the reader, which then reads a list of one column
 * under it, commas and all (crm_rd_opts' known).
 */
int
crm_header_known(const char *name)
{
	char *norm = crm_norm_header(name);
	int r = crm_header_column(norm) >= 0;

	free(norm);
	return r;
}

/*
 * --map FROM=TO must name a column of the header: a misspelt FROM would
 * otherwise leave the column it meant as it was, silently.  0, or -1 with
 * the error recorded (exit 64).
 */
int
crm_import_check_maps(char **maps, size_t nmaps, char *const *names,
    size_t n, const char *file)
{
	struct crm_buf list = { 0 };
	char *from, *h;
	size_t i, k;
	int found, r = 0;

	for (k = 0; k < nmaps; k++) {
		from = crm_xstrndup(maps[k], (size_t)(strchr(maps[k], '=') -
		    maps[k]));
		h = crm_norm_header(crm_trim(from));
		found = 0;
		for (i = 0; i < n && !found; i++) {
			char *nh = crm_norm_header(names[i]);

			found = strcmp(crm_trim(names[i]), crm_trim(from)) == 0 ||
			    strcmp(nh, h) == 0;
			free(nh);
		}
		if (!found) {
			for (i = 0; i < n; i++) {
				crm_buf_adds(&list, i ? ", " : "");
				crm_buf_adds(&list, names[i]);
			}
			r = crm_fail_arg(CRM_EX_USAGE, "map", "%s has no "
			    "column '%s' (its columns: %s)", file,
			    crm_trim(from), list.s ? list.s : "none");
			crm_buf_free(&list);
		}
		free(h);
		free(from);
		if (r < 0)
			break;
	}
	return r;
}

/* The column whose header reads as norm, or -1. */
static int
header_index(char *const *names, size_t n, const char *norm)
{
	size_t i;
	char *h;
	int found = -1;

	for (i = 0; i < n && found < 0; i++) {
		h = crm_norm_header(names[i]);
		if (strcmp(h, norm) == 0)
			found = (int)i;
		free(h);
	}
	return found;
}

/*
 * Exports known by their shape, whose columns mean something else beside
 * each other: Square's customer directory (its own id and the merchant's
 * Reference ID), Xero's contacts with first and last names (ContactName
 * is then the organisation), QuickBooks Online's Customer Contact List
 * (Customer the company or display name beside Full Name), and
 * Salesforce Data Loader's "Export All", which keeps deleted records, as
 * SuiteCRM's and SugarCRM's exports can; PrestaShop's customers, whose
 * Registration is when the account was made.
 */
static void
read_header_shapes(char *const *names, size_t n, struct hdrinfo *hi)
{
	size_t i;
	char *h;
	int k;

	hi->square = crm_header_has(names, n, "squarecustomerid");
	hi->qbo = crm_header_has(names, n, "customer") &&
	    crm_header_has(names, n, "fullname");
	for (i = 0; i < n; i++) {
		h = crm_norm_header(names[i]);
		k = lookup(aliases, sizeof aliases / sizeof aliases[0], h);
		hi->xero |= k == T_FIRST || k == T_LAST;
		free(h);
	}
	/* Xero's own names: not another system's "Contact Name", a person's */
	hi->xero = hi->xero && crm_header_has(names, n, "contactname") &&
	    (crm_header_has(names, n, "poattentionto") ||
	    crm_header_has(names, n, "poaddressline1"));
	/* Yahoo's own names, beside its bare Home, Work and Other */
	hi->yahoo = crm_header_has(names, n, "distributionlists") &&
	    crm_header_has(names, n, "messengerid");
	/* SuiteCRM's and SugarCRM's contacts: Mobile, Office Phone, Home,
	 * Other Phone beside their Non Primary E-mails */
	hi->sugar = crm_header_has(names, n, "nonprimaryemails") &&
	    crm_header_has(names, n, "officephone");
	/* PrestaShop's Customers > Export: Registration (the account's
	 * date_add) beside its Social title and Last visit.  A bare
	 * Registration is often a number (a company's, a car's). */
	hi->prestashop = crm_header_has(names, n, "socialtitle") &&
	    crm_header_has(names, n, "lastvisit");
	/* Patreon's members (Patron Status, Pledge Amount, Lifetime
	 * Amount): their Tier is the plan they pay for, not the firm's
	 * tier of the customer (qa31 F6: Supporter took the place of a
	 * Wholesale set by hand) */
	hi->members = crm_header_has(names, n, "patronstatus") ||
	    crm_header_has(names, n, "pledgeamount");
	/* SuiteCRM's and SugarCRM's export: Deleted, 0 or 1.  Not in
	 * crm's own, where a Deleted is some user's field. */
	hi->deleted_col = header_index(names, n, "isdeleted");
	if (hi->deleted_col < 0 && !hi->crm_own)
		hi->deleted_col = header_index(names, n, "deleted");
	hi->master_col = hi->deleted_col < 0 ? -1 :
	    header_index(names, n, "masterrecordid");
	/* Shopware 6's profile "Default customer": its default billing
	 * address's id beside the account's guest flag */
	hi->shopware = crm_header_has(names, n, "billingid") &&
	    crm_header_has(names, n, "guest") &&
	    crm_header_has(names, n, "customernumber");
	/* Close's leads export: a lead is a company (display_name), its
	 * primary contact a person of it (qa41 F2c) */
	hi->close = crm_header_has(names, n, "displayname") &&
	    crm_header_has(names, n, "primarycontactname");
}

/*
 * Yahoo's phone columns (its CSV export's header: First, Middle, Last,
 * Nickname, Email, Category, Distribution Lists, Messenger ID, Home,
 * Work, Pager, Fax, Mobile, Other, Yahoo Phone ...): bare words that in
 * another file are no phone.  Its Fax and Pager are the fields fax and
 * pager, as Outlook's are: no number to call.
 */
static int
yahoo_phone(const char *name)
{
	static const char *const phones[] = { "home", "work", "mobile",
		"other", "yahoophone", "yahoo!phone" };

	return crm_in_list(name, phones, sizeof phones / sizeof phones[0]);
}

/*
 * A column of Close's leads export: the lead's display_name is the
 * company, its url the company's web site (the organisation's domain),
 * the primary_contact_* columns the person; lead_name repeats
 * display_name, and the e-mail's and phone's types (office, mobile) are
 * no data.  T_FIELD for another.
 */
static int
close_target(const char *name)
{
	static const struct alias close[] = {
		{ "displayname", CRM_C_COMPANY }, { "leadname", T_SKIP },
		{ "url", CRM_C_DOMAIN },
		{ "primarycontactname", CRM_C_NAME },
		{ "primarycontactfirstname", T_FIRST },
		{ "primarycontactlastname", T_LAST },
		{ "primarycontacttitle", CRM_C_ROLE },
		{ "primarycontactprimaryemail", CRM_C_EMAIL },
		{ "primarycontactotheremails", T_EMAILS },
		{ "primarycontactprimaryphone", CRM_C_PHONE },
		{ "primarycontactprimaryemailtype", T_SKIP },
		{ "primarycontactprimaryphonetype", T_SKIP },
	};

	return lookup(close, sizeof close / sizeof close[0], name);
}

/*
 * A column of one of the shapes above, or T_FIELD when the header alone
 * says what it is.
 */
static int
shaped_target(const char *name, const struct hdrinfo *hi)
{
	int k;

	if (hi == NULL)
		return T_FIELD;
	if (hi->close && (k = close_target(name)) != T_FIELD)
		return k;
	if (hi->square && strcmp(name, "squarecustomerid") == 0)
		return T_SRC_ID;	/* Square's own id: id:square */
	if (strcmp(name, "klaviyoid") == 0)
		return T_SRC_ID;	/* Klaviyo's profile id: id:klaviyo */
	if (hi->square && strcmp(name, "referenceid") == 0)
		return CRM_C_EXTERNAL_ID;	/* the merchant's own */
	if (hi->xero && strcmp(name, "contactname") == 0)
		return CRM_C_COMPANY;	/* Xero: the contact is a company */
	if (hi->qbo && strcmp(name, "customer") == 0)
		return CRM_C_COMPANY;
	if ((hi->yahoo && yahoo_phone(name)) ||
	    (hi->sugar && strcmp(name, "home") == 0))
		return CRM_C_PHONE;
	if (hi->yahoo && strcmp(name, "category") == 0)
		return T_TAGS;		/* "Friends,Clients" */
	if (hi->prestashop && strcmp(name, "registration") == 0)
		return CRM_C_CREATED;
	if (hi->deleted_col >= 0 && (strcmp(name, "isdeleted") == 0 ||
	    strcmp(name, "deleted") == 0 ||
	    strcmp(name, "masterrecordid") == 0))
		return T_SKIP;		/* said by the row being skipped */
	return T_FIELD;
}

/*
 * The system an id column of a known export is from, for its identity
 * (as crm-log --import keeps a Square items file's Customer ID); NULL
 * when the column is id:SYSTEM's own.
 */
static const char *
shaped_source(const char *header, const struct hdrinfo *hi)
{
	char *h = crm_norm_header(header);
	int square = hi && hi->square && strcmp(h, "squarecustomerid") == 0;
	int klaviyo = hi && strcmp(h, "klaviyoid") == 0;

	free(h);
	return square ? "square" : klaviyo ? "klaviyo" : NULL;
}

/*
 * Does a company column of a known export name the row's customer when
 * no other column does (a Xero contact or a QuickBooks customer with no
 * person's name)?
 */
static int
company_names_row(const char *header, const struct hdrinfo *hi)
{
	char *h = crm_norm_header(header);
	int r = hi && ((hi->xero && strcmp(h, "contactname") == 0) ||
	    (hi->qbo && strcmp(h, "customer") == 0));

	free(h);
	return r;
}

/*
 * What the header says: crm's own export (crm_own_listing, own.c), an
 * order export, the rfm columns.
 */
static void
read_header_info(char *const *names, size_t n, struct hdrinfo *hi)
{
	size_t i, k;

	for (i = 0; i < n; i++)
		hi->rfm |= strcmp(names[i], "rfm") == 0;
	hi->crm_own = crm_own_listing(names, n, CRM_OWN_CUSTOMERS);
	hi->contact_person = crm_header_has(names, n, "联系人") ||
	    crm_header_has(names, n, "联系人姓名");
	hi->intitule_contact = crm_header_has(names, n, "intitulé") &&
	    crm_header_has(names, n, "contact");
	hi->job_title = crm_header_has(names, n, "jobtitle");
	hi->birth_parts = crm_header_has(names, n, "birthmonth") ||
	    crm_header_has(names, n, "geburtsmonat");
	hi->odoo = crm_header_has(names, n, "iscompany") ||
	    crm_header_has(names, n, "isacompany");
	for (k = 0; k < sizeof order_marks / sizeof order_marks[0]; k++)
		hi->orders |= crm_header_has(names, n, order_marks[k]);
	/* Ko-fi's From and Razorpay's contact are the buyer's name and
	 * phone only in their own layouts: elsewhere a From is a
	 * sender's, a contact a person's name. */
	hi->kofi = hi->orders && crm_header_has(names, n, "from") &&
	    crm_header_has(names, n, "buyeremail") &&
	    crm_header_has(names, n, "transactiontype");
	hi->razorpay = hi->orders && crm_header_has(names, n, "contact") &&
	    crm_header_has(names, n, "vpa") &&
	    crm_header_has(names, n, "amountrefunded");
	for (k = 0; !hi->orders &&
	    k < sizeof booking_marks / sizeof booking_marks[0]; k++)
		hi->bookings |= crm_header_has(names, n, booking_marks[k]);
	hi->type_col = hi->gross_col = -1;
	for (i = 0; hi->orders && i < n; i++) {
		char *h = crm_norm_header(names[i]);

		if (strcmp(h, "type") == 0 || strcmp(h, "typ") == 0)
			hi->type_col = (int)i;
		if (strcmp(h, "gross") == 0 || strcmp(h, "brutto") == 0)
			hi->gross_col = (int)i;
		free(h);
	}
	for (i = 0; hi->orders && i < n; i++) {
		char *h = crm_norm_header(names[i]);

		hi->named |= lookup(order_aliases, sizeof order_aliases /
		    sizeof order_aliases[0], h) == CRM_C_NAME ||
		    lookup(order_aliases, sizeof order_aliases /
		    sizeof order_aliases[0], h) == T_FIRST;
		free(h);
	}
	read_header_shapes(names, n, hi);
}

/*
 * "Phone 1", "Email 2", "Phone 3 - Value" (Wix's, Google's): a numbered
 * column of a phone or e-mail header crm knows.  The first e-mail is the
 * e-mail and the others the customer's other e-mails; every phone column
 * is the phone, the first to claim it wins and the others are kept as
 * fields that stand in for it (map_header).  T_FIELD for other headers.
 */
static int
numbered_target(const char *name)
{
	size_t end = strlen(name), d;
	char *base;
	int to, first;

	if (end > 5 && strcmp(name + end - 5, "value") == 0)
		end -= 5;
	for (d = end; d > 0 && isdigit((unsigned char)name[d - 1]); d--)
		;
	if (d == end || d == 0)
		return T_FIELD;
	base = crm_xstrndup(name, d);
	to = lookup(aliases, sizeof aliases / sizeof aliases[0], base);
	free(base);
	first = end - d == 1 && name[d] == '1';
	if (to == CRM_C_EMAIL)
		return first ? CRM_C_EMAIL : T_EMAILS;
	return to == CRM_C_PHONE ? CRM_C_PHONE : T_FIELD;
}

/*
 * A header that ends in its time zone: "Created At (UTC+0)" (Wix's),
 * "Created (UTC)" (Stripe's), "Date Created (GMT-5:30)".  The offset a
 * time without a zone has under it in off ("+00:00"), the header before
 * the parentheses, normalised, in *base (allocated); 0 when they hold no
 * zone.  Read from the header as written: crm_norm_header drops '-'.
 */
static int
header_zone(const char *header, char **base, char off[16])
{
	const char *open = strrchr(header, '('), *z;
	char *before;
	int hh = 0, mm = 0, neg = 0;

	if (open == NULL || open == header || (strncasecmp(open + 1, "utc",
	    3) != 0 && strncasecmp(open + 1, "gmt", 3) != 0))
		return 0;
	z = open + 4;
	if (*z == '+' || *z == '-' || strncmp(z, "\xe2\x88\x92", 3) == 0) {
		neg = *z != '+';
		z += *z == '\xe2' ? 3 : 1;	/* U+2212, the typeset minus */
		if (!isdigit((unsigned char)*z))
			return 0;
		hh = *z++ - '0';
		if (isdigit((unsigned char)*z))
			hh = hh * 10 + *z++ - '0';
		if (*z == ':' && isdigit((unsigned char)z[1]) &&
		    isdigit((unsigned char)z[2]))
			mm = (z[1] - '0') * 10 + z[2] - '0', z += 3;
	}
	if (*z != ')' || z[1 + strspn(z + 1, " ")] != '\0' || hh > 14 ||
	    mm > 59)
		return 0;
	/* By hand, not snprintf: hh <= 14 and mm <= 59 here, which gcc's
	 * format checks cannot see at every optimisation level. */
	off[0] = neg ? '-' : '+';
	off[1] = (char)('0' + hh / 10), off[2] = (char)('0' + hh % 10);
	off[3] = ':';
	off[4] = (char)('0' + mm / 10), off[5] = (char)('0' + mm % 10);
	off[6] = '\0';
	before = crm_xstrndup(header, (size_t)(open - header));
	*base = crm_norm_header(before);
	free(before);
	return 1;
}

/* Which of Thunderbird's birthday parts a (normalised) header is: 0 the
 * year, 1 the month, 2 the day (Birth Day, Geburtstag). */
static int
birth_part(const char *h)
{
	if (strcmp(h, "birthyear") == 0 || strcmp(h, "geburtsjahr") == 0)
		return 0;
	if (strcmp(h, "birthmonth") == 0 || strcmp(h, "geburtsmonat") == 0)
		return 1;
	return 2;
}

/*
 * An order export's buyer's address column (norm, crm_norm_header's):
 * the extra field of an address's part it is, as a sheet's own header
 * of it (crm_field_adr), so that the customer has her address; NULL for
 * any other.  eBay's Buyer Address 1 ... Buyer Country; eBay.de's report
 * gives only where the order went (Versand nach - Ort, PLZ, Land).
 */
static const char *
order_address(const char *norm)
{
	static const struct { const char *h, *field; } parts[] = {
		{ "buyeraddress1", "Street" },
		{ "buyeraddress2", "Extended Address" },
		{ "buyercity", "City" }, { "buyerstate", "State" },
		{ "buyerzip", "Zip" }, { "buyercountry", "Country" },
		{ "versandnachort", "City" }, { "versandnachplz", "Postcode" },
		{ "versandnachland", "Country" },
	};
	size_t i;

	for (i = 0; i < sizeof parts / sizeof parts[0]; i++)
		if (strcmp(norm, parts[i].h) == 0)
			return parts[i].field;
	return NULL;
}

/*
 * Shopware 6's customer columns that are not what their names are
 * elsewhere: the default billing address's parts are the customer's
 * address, as a vCard's ADR's (its parts "Address 1 - Street" and so on,
 * and the field address they make: crm_field_adr, parts_address), and
 * active, 1 or 0, is whether the account may log in and buy: the status
 * active or inactive.  0 for another column.
 */
static int
shopware_column(struct colmap *cm, const char *norm)
{
	static const struct { const char *h, *field; int part; } adr[] = {
		{ "billingstreet", "Address 1 - Street", 2 },
		{ "billingcity", "Address 1 - City", 3 },
		{ "billingzipcode", "Address 1 - Postal Code", 5 },
		{ "billingcountry", "Address 1 - Country", 6 },
	};
	size_t i;

	if (strcmp(norm, "active") == 0) {
		cm->to = CRM_C_STATUS, cm->active01 = 1;
		return 1;
	}
	for (i = 0; i < sizeof adr / sizeof adr[0]; i++)
		if (strcmp(norm, adr[i].h) == 0) {
			cm->to = T_FIELD, cm->field = adr[i].field;
			cm->adr_part = adr[i].part + 1;
			return 1;
		}
	return 0;
}

/* What a column becomes, by its (normalised) header alone. */
static int
target_of(const char *name, const struct hdrinfo *hi)
{
	int k;

	if (hi && hi->orders) {
		/* Shopify's "Name" is the order number, PayPal's the payer;
		 * an order's Status is the order's, not the customer's. */
		if (crm_header_secret(name))
			return T_DROP;
		if (strcmp(name, "name") == 0)
			return hi->named ? T_SKIP : CRM_C_NAME;
		if (hi->kofi && strcmp(name, "from") == 0)
			return CRM_C_NAME;	/* the supporter's */
		if (hi->razorpay && strcmp(name, "contact") == 0)
			return CRM_C_PHONE;	/* the payer's (+91...) */
		k = lookup(order_aliases, sizeof order_aliases /
		    sizeof order_aliases[0], name);
		return k == T_FIELD ? T_SKIP : k;
	}
	if (hi && hi->contact_person && strcmp(name, "客户名称") == 0)
		return CRM_C_COMPANY;	/* the customer is a company */
	/* Sage's account (Intitulé) and the person to ask for there */
	if (hi && hi->intitule_contact && strcmp(name, "intitulé") == 0)
		return CRM_C_COMPANY;
	if (hi && hi->intitule_contact && strcmp(name, "contact") == 0)
		return CRM_C_NAME;
	if (hi && hi->members && strcmp(name, "tier") == 0)
		return T_FIELD;		/* the plan's (map_column) */
	if ((k = shaped_target(name, hi)) != T_FIELD)
		return k;
	/* Outlook's Title beside its Job Title is a salutation (Mr.); a
	 * vCard's TITLE is the job title, as Google's Organization Title. */
	if (strcmp(name, "title") == 0)
		return hi && hi->job_title ? T_FIELD : CRM_C_ROLE;
	if (hi && hi->birth_parts && (strcmp(name, "birthday") == 0 ||
	    strcmp(name, "geburtstag") == 0))
		return T_BIRTH_PART;	/* Thunderbird's Birth Day: 23 */
	if (hi && hi->odoo && strcmp(name, "parentid") == 0)
		return CRM_C_COMPANY;	/* a contact's company, in Odoo */
	if ((k = crm_cust_colindex(name)) >= 0)
		return k;
	if (strcmp(name, "first_name") == 0)
		return T_FIRST;
	if (strcmp(name, "last_name") == 0)
		return T_LAST;
	if (strcmp(name, "tags") == 0)
		return T_TAGS;
	if (strcmp(name, "-") == 0)
		return T_SKIP;
	if (crm_header_secret(name))
		return T_DROP;
	if (strncmp(name, "id:", 3) == 0 && name[3])
		return T_SRC_ID;
	if (strcmp(name, "id") == 0)	/* ours is local; a foreign one is */
		return hi && hi->crm_own ? T_SKIP : CRM_C_EXTERNAL_ID;
	if (crm_header_rejects(name))
		return T_SKIP;
	if ((k = lookup(aliases, sizeof aliases / sizeof aliases[0], name)) !=
	    T_FIELD)
		return k;
	return numbered_target(name);
}

/*
 * The extra field a header names: without a template's '*' of a required
 * column, as crm_norm_header reads it, so that Xero's "*ContactName" and
 * the "ContactName" of a re-saved file are one field.
 */
static const char *
field_name(const char *header)
{
	return header[0] == '*' && header[1] ? header + 1 : header;
}

/*
 * The field a vCard's ADR fills ("address", "address 2") that a sheet's
 * header is (norm, crm_norm_header's): "Address" (Mailchimp's, a plain
 * sheet's), Google's "Address 1 - Formatted", so that one
 * customer's address is one field whatever the file it came from.
 * Allocated; NULL for other headers.
 */
static char *
address_field(const char *norm)
{
	const char *p;
	long n;

	if (strcmp(norm, "address") == 0)
		return crm_xstrdup("address");
	if (strncmp(norm, "address", 7) != 0 || !isdigit((unsigned char)norm[7]))
		return NULL;
	n = strtol(norm + 7, (char **)&p, 10);
	if (strcmp(p, "formatted") != 0 || n < 1 || n > CRM_ADR_MAX)
		return NULL;
	return n == 1 ? crm_xstrdup("address") :
	    crm_xasprintf("address %ld", n);
}

/*
 * A sheet's header for the field a vCard's NOTE fills, "note" (norm,
 * crm_norm_header's): Outlook's and Google's Notes, a plain Note or
 * Comments, so that one customer's note is one field, one filter; and
 * Outlook's Notes in the languages its contacts export is written in
 * (French, Spanish and Italian say Notes; German Notizen, Dutch
 * Notities, Norwegian Notater, Polish Notatki, Brazilian Anotações).
 */
static int
note_header(const char *norm)
{
	static const char *const notes[] = { "note", "notes", "comments",
		"notizen", "notities", "notater", "notatki", "anotações" };
	size_t i;

	for (i = 0; i < sizeof notes / sizeof notes[0]; i++)
		if (strcmp(norm, notes[i]) == 0)
			return 1;
	return 0;
}

/*
 * A sheet's header for the country of the address in another language
 * (norm, crm_norm_header's): German and Dutch Land, French Pays,
 * Spanish and Portuguese País, Italian Paese and Nazione.  Kept under
 * "Country", the field crm keeps a country in (crm_field_adr's part 6,
 * eBay's Buyer Country), so that one customer's country is one field.
 */
static int
country_header(const char *norm)
{
	static const char *const country[] = { "land", "pays", "país",
		"pais", "paese", "nazione" };
	size_t i;

	for (i = 0; i < sizeof country / sizeof country[0]; i++)
		if (strcmp(norm, country[i]) == 0)
			return 1;
	return 0;
}

/*
 * The address field ("address", "address 2") an extra field is the same
 * as under a sheet's header: "Address 1 - Formatted", which an older
 * crm-add kept under that name, is "address"; and "Notes" is "note".
 * Allocated; NULL for any other.
 */
char *
crm_field_address(const char *field)
{
	char *h = crm_norm_header(field), *a = address_field(h);

	if (a == NULL && note_header(h))	/* an older import's Notes */
		a = crm_xstrdup("note");
	free(h);
	return a;
}

/*
 * The vCard column ("phone", "address", "note", "url", "nickname", or
 * "phones" for a list of them) an extra field is the same thing as, for
 * crm-segment -o vcard: "Phone 2 - Value", "Mobile Number" beside a
 * phone, "other phones", "Notes", "Website", an older import's
 * "Address".  NULL for any other.
 */
const char *
crm_field_vcard(const char *field)
{
	char *h = crm_norm_header(field), *a = address_field(h);
	const char *like = NULL;
	int to;

	if (a)
		like = "address";
	else if (strcmp(h, "otherphones") == 0)
		like = "phones";
	else if (note_header(h))	/* an older import's "Notes" */
		like = "note";
	else if (strcmp(h, "nickname") == 0)
		like = "nickname";
	else if ((to = target_of(h, NULL)) == CRM_C_PHONE)
		like = "phone";
	else if (to == T_WEBSITE || to == T_URL)
		like = "url";
	free(a);
	free(h);
	return like;
}

/*
 * The ADR component (RFC 6350: 0 post office box, 1 extended address,
 * 2 street, 3 locality, 4 region, 5 postal code, 6 country) an extra
 * field under a sheet's header of an address's part is, and in *group
 * (allocated) the address it is part of, its header's prefix: Outlook's
 * "Business City" (group "business"; Home, Other), Google's "Address 1 -
 * City" ("address1", and so on to CRM_ADR_MAX: "Address 4 - City" is a
 * fourth address's, as a card's fourth ADR fills it), a plain "City"
 * ("").  -1 for any other field.
 */
int
crm_field_adr(const char *field, char **group)
{
	static const struct { const char *part; int k; } parts[] = {
		{ "pobox", 0 }, { "extendedaddress", 1 }, { "street", 2 },
		{ "city", 3 }, { "state", 4 }, { "region", 4 },
		{ "postalcode", 5 }, { "zipcode", 5 }, { "zip", 5 },
		{ "postcode", 5 }, { "country/region", 6 }, { "country", 6 },
		{ "address", 2 },	/* Yahoo's Work Address: not alone */
	};
	static const char *const prefixes[] = { "", "business", "home",
		"other", "address", "work" };
	char *h = crm_norm_header(field), *end;
	size_t i, k, n;
	long num;
	int r = -1;

	*group = NULL;
	for (i = 0; i < sizeof prefixes / sizeof prefixes[0] && r < 0; i++) {
		n = strlen(prefixes[i]);
		if (strncmp(h, prefixes[i], n) != 0)
			continue;
		if (strcmp(prefixes[i], "address") == 0) {	/* address1 ... */
			if (!isdigit((unsigned char)h[n]) || h[n] == '0' ||
			    (num = strtol(h + n, &end, 10)) > CRM_ADR_MAX)
				continue;
			n = (size_t)(end - h);
		}
		for (k = 0; k < sizeof parts / sizeof parts[0] && r < 0; k++)
			if (strcmp(h + n, parts[k].part) == 0 && (n > 0 ||
			    strcmp(h, "address") != 0)) {
				r = parts[k].k;
				*group = crm_xstrndup(h, n);
			}
	}
	free(h);
	return r;
}

/* A word of an address: its start and length. */
struct word {
	const char *s;
	size_t len;
};

static int
ascii_lower(char c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : (unsigned char)c;
}

/* Words in ASCII case-blind order: "Main St" and "MAIN ST" are one
 * address retyped, not another. */
static int
word_cmp(const void *a, const void *b)
{
	const struct word *x = a, *y = b;
	size_t i, n = x->len < y->len ? x->len : y->len;
	int c = 0;

	for (i = 0; i < n && c == 0; i++)
		c = ascii_lower(x->s[i]) - ascii_lower(y->s[i]);
	return c ? c : (x->len > y->len) - (x->len < y->len);
}

/* Add the words of s (between spaces, commas, line ends) to *w. */
static void
words_of(const char *s, struct word **w, size_t *n, size_t *cap)
{
	static const char sep[] = " \t\r\n,";
	size_t len;

	for (;;) {
		s += strspn(s, sep);
		if ((len = strcspn(s, sep)) == 0)
			return;
		if (*n == *cap) {
			*cap = *cap ? *cap * 2 : 16;
			*w = crm_xreallocarray(*w, *cap, sizeof **w);
		}
		(*w)[*n].s = s, (*w)[(*n)++].len = len;
		s += len;
	}
}

/*
 * Do an address's text and its n parts (crm_field_adr's) say the same:
 * the same words, each as often, in any order and layout?  A vCard's
 * import made the address so ("5 Elm, Paris, 75001, France" of the
 * ADR's components), and so is Google's "Address 1 - Formatted" beside
 * its parts, lines and all.  Any word changed, added or removed on one
 * side only (the address edited and not its parts, a part and not the
 * address) breaks it; a word moved from one part to another is still
 * the same address.
 */
int
crm_adr_agree(const char *address, const char *const *part, size_t n)
{
	struct word *a = NULL, *p = NULL;
	size_t na = 0, ca = 0, np = 0, cp = 0, i;
	int same;

	words_of(address, &a, &na, &ca);
	for (i = 0; i < n; i++)
		words_of(part[i], &p, &np, &cp);
	same = na == np;
	if (same && na > 0) {
		qsort(a, na, sizeof *a, word_cmp);
		qsort(p, np, sizeof *p, word_cmp);
		for (i = 0; i < na && same; i++)
			same = word_cmp(&a[i], &p[i]) == 0;
	}
	free(a);
	free(p);
	return same;
}

/*
 * Does the address still say part: is every word of part one of the
 * address's (each as often)?  "Aarhus" and "8000" are still the city and
 * postcode of an address whose street number was mended; "Main St 1" is
 * not its street once it says "Main St 5".
 */
int
crm_adr_says(const char *address, const char *part)
{
	struct word *a = NULL, *p = NULL;
	size_t na = 0, ca = 0, np = 0, cp = 0, i, j = 0;
	int says = 1;

	words_of(address, &a, &na, &ca);
	words_of(part, &p, &np, &cp);
	if (na > 0)
		qsort(a, na, sizeof *a, word_cmp);
	if (np > 0)
		qsort(p, np, sizeof *p, word_cmp);
	/* both in order: each of part's words met in one walk of a's */
	for (i = 0; i < np && says; i++, j++) {
		while (j < na && word_cmp(&a[j], &p[i]) < 0)
			j++;
		says = j < na && word_cmp(&a[j], &p[i]) == 0;
	}
	free(a);
	free(p);
	return says;
}

/*
 * Stripe's "Created (UTC)", Wix's "Created At (UTC+0)": a created column
 * whose header says its zone, which a time without its own is in.
 */
static void
zoned_column(struct colmap *cm, const char *header, const struct hdrinfo *hi)
{
	char *base = NULL;

	if (!header_zone(header, &base, cm->offset))
		return;
	if (cm->to == T_FIELD && !cm->mapped && target_of(base, hi) ==
	    CRM_C_CREATED)
		cm->to = CRM_C_CREATED;
	cm->utc = cm->to == CRM_C_CREATED;
	free(base);
}

/*
 * The columns that say a person is not to be sent e-mail: opted out of
 * it (tagged "unsubscribed") or at an address that bounced for good
 * ("bounced"), the words Mailchimp, Pipedrive and the filters' `has`
 * use.  An opt-out is no lifecycle status (a buyer unsubscribes from a
 * newsletter and buys on), so it is a tag beside the status, and each
 * column is kept as its field too, with its time.  A value that says no
 * (false, 0, an empty cell, Pipedrive's Subscribed or No consent) marks
 * nothing, and marks are never taken away by an import: a file does not
 * say when it was made, and an old export read after a new one would
 * put back on the list someone who left it (crm-add(1)).  One table for
 * crm-add and crm-log --import (iaimport.c), so that a column tags the
 * customer in either.  Not Shopify's Accepts Marketing (or Accepts Email
 * Marketing): "no" there is a consent never given, not one withdrawn;
 * the buyer may still be written to about her orders.
 */
static const char *const opt_tags[] = { CRM_TAG_UNSUB, CRM_TAG_BOUNCED };

enum { OPT_YES,		/* true, 1 or yes */
	OPT_WHEN,	/* any time at all */
	OPT_WORD,	/* Pipedrive's Marketing status: its word says which */
	OPT_MAPPED,	/* --map's: yes, a date or a word; no or empty */
	OPT_CONSENT };	/* --map's =subscribed: a consent; no tags */

static const struct crm_optcol {
	const char *header;	/* as crm_norm_header() makes it */
	int tag, how;
	int mailchimp;		/* only in its unsubscribed or cleaned file */
	const char *beside;	/* only beside this header, spelt so */
} optcols[] = {
	/* Zoho's (true, false) and a Salesforce report's (1, 0); the
	 * Salesforce field's API name, as Data Loader writes it */
	{ "emailoptout", CRM_OPT_UNSUB, OPT_YES, 0, NULL },
	{ "hasoptedoutofemail", CRM_OPT_UNSUB, OPT_YES, 0, NULL },
	{ "isemailbounced", CRM_OPT_BOUNCED, OPT_YES, 0, NULL },
	{ "emailbounceddate", CRM_OPT_BOUNCED, OPT_WHEN, 0, NULL },
	/* HubSpot's hs_email_optout (its Marketing contact status is what
	 * is billed, not what the person said: not read) */
	{ "unsubscribedfromallemail", CRM_OPT_UNSUB, OPT_YES, 0, NULL },
	/* Gumroad's sales: 1 when the buyer did not let the seller write */
	{ "donotcontact?", CRM_OPT_UNSUB, OPT_YES, 0, NULL },
	/* Substack's email list: true when the reader turned its e-mail
	 * off (unsubscribed, a paying reader too) */
	{ "emaildisabled", CRM_OPT_UNSUB, OPT_YES, 0, NULL },
	{ "unsubtime", CRM_OPT_UNSUB, OPT_WHEN, 1, NULL },
	{ "cleantime", CRM_OPT_BOUNCED, OPT_WHEN, 1, NULL },
	{ "personmarketingstatus", -1, OPT_WORD, 0, NULL },
	{ "marketingstatus", -1, OPT_WORD, 0, NULL },
	/* Kit's (ConvertKit's) subscribers: active, inactive, cancelled,
	 * complained, bounced.  A bare State is an address's elsewhere:
	 * only beside Kit's own snake_case email_address. */
	{ "state", -1, OPT_WORD, 0, "email_address" },
	/* Lemon Squeezy's subscribers (and its customers): subscribed,
	 * unsubscribed, bounced, invalid_email, requires_verification,
	 * archived.  A bare Status is a lead's or an order's: only beside
	 * Lemon Squeezy's own status_formatted.  Its unsubscribed_at is
	 * not read: status says it, and a reader who came back keeps the
	 * time she left. */
	{ "status", -1, OPT_WORD, 0, "status_formatted" },
	/* Klaviyo's profiles: its consent, SUBSCRIBED, NEVER_SUBSCRIBED or
	 * UNSUBSCRIBED; only beside its Klaviyo ID (Shopify has a column
	 * of that name whose words are its own) */
	{ "emailmarketingconsent", -1, OPT_WORD, 0, "Klaviyo ID" },
	/* Constant Contact's contacts: Email status (Active, Unsubscribed,
	 * Awaiting Confirmation, No Permissions Set, Removed) and Email
	 * permission status (Express or Implied, the API's explicit,
	 * implicit, pending_confirmation, temp_hold, not_set,
	 * unsubscribed).  A bare Email Status is a sheet's sending log
	 * (Sent, Failed, Cancelled) or a lead list's check of the address
	 * (Verified): only beside Constant Contact's other column. */
	{ "emailstatus", -1, OPT_WORD, 0, "Email permission status" },
	{ "emailpermissionstatus", -1, OPT_WORD, 0, NULL },
};

/*
 * A file with no column of the table above but one whose header speaks
 * of opting out, bouncing or a block list (Brevo's, Klaviyo's,
 * MailerLite's, whose export headers are not known here), or a sheet's
 * own (No marketing, Keine Werbung, DNC; Newsletter and Email OK? the
 * other way round, a consent whose no is the opt-out): said before any
 * row, since nobody is tagged by it and a mailing would reach them, with
 * the --map that reads it.  Not read without one: whether a yes there is
 * the opt-out or the consent is the sheet's maker's to say.  A file with
 * a known column has its companions (Zoho's Unsubscribed Time,
 * Mailchimp's UNSUB_REASON): nothing is said of those.  PrestaShop's
 * Newsletter is a checkout's box, unticked by most buyers (consent_header):
 * not said either.
 */
static void
optout_unread(const struct colmap *cm, char *const *names, size_t n,
    const char *file, const struct hdrinfo *hi)
{
	static const struct { const char *word, *to; int whole; } words[] = {
		{ "unsubscrib", CRM_TAG_UNSUB, 0 }, { "optout", CRM_TAG_UNSUB, 0 },
		{ "optedout", CRM_TAG_UNSUB, 0 },
		{ "bounce", CRM_TAG_BOUNCED, 0 },
		{ "blacklist", CRM_TAG_UNSUB, 0 },
		{ "blocklist", CRM_TAG_UNSUB, 0 },
		{ "suppress", CRM_TAG_UNSUB, 0 },
		{ "donotemail", CRM_TAG_UNSUB, 0 },
		{ "donotmail", CRM_TAG_UNSUB, 0 },
		{ "donotcontact", CRM_TAG_UNSUB, 0 },
		{ "nomarketing", CRM_TAG_UNSUB, 0 },
		{ "keinewerbung", CRM_TAG_UNSUB, 0 },
		{ "dnc", CRM_TAG_UNSUB, 1 },
		{ "newsletter", "subscribed", 0 },
		{ "emailok", "subscribed", 0 },
	};
	size_t i, k;
	char *h;
	int said = 0, consent;

	for (i = 0; i < n; i++)
		if (cm[i].opt)
			return;
	for (i = 0; i < n && !said; i++) {
		if (cm[i].to != T_FIELD || cm[i].mapped)
			continue;
		h = crm_norm_header(names[i]);
		for (k = 0; k < sizeof words / sizeof words[0] && !said; k++) {
			if (words[k].whole ? strcmp(h, words[k].word) != 0 :
			    strstr(h, words[k].word) == NULL)
				continue;
			consent = strcmp(words[k].to, "subscribed") == 0;
			if (consent && hi->prestashop)
				continue;
			crm_warn("%s: %s: looks like an opt-out (or consent) "
			    "column, which crm does not read: nobody is tagged "
			    "unsubscribed or bounced by it; %s %s reads %s "
			    "(crm-add(1), Opted out and bounced)", file, names[i],
			    crm_optname("map"), crm_map_word(names[i],
			    words[k].to), consent ? "its no as an opt-out" :
			    "its yes");
			said = 1;
		}
		free(h);
	}
}

/*
 * Is a (normalised) header a list's consent to e-mail, a yes to being
 * written to whose no is, as a rule, a reader who turned the e-mail off:
 * Ghost's subscribed_to_emails, a sheet's Subscribed or Opted In?  Not
 * read as an opt-out without a --map (crm-add(1), Opted out and
 * bounced), but its no is said, with the --map that reads it
 * (consent_no).  A checkout's or a booking form's box is not here
 * (Shopify's Accepts Marketing, PrestaShop's Newsletter, Calendly's
 * Invitee accepted marketing emails): unticked by most buyers, its no
 * is a consent never asked for, and saying it at every shop's import
 * would be noise.
 */
static int
consent_header(const char *h)
{
	static const char *const heads[] = { "subscribedtoemails",
		"subscribed", "optedin", "optin", "emailoptin" };
	size_t k;

	for (k = 0; k < sizeof heads / sizeof heads[0]; k++)
		if (strcmp(h, heads[k]) == 0)
			return 1;
	return 0;
}

/*
 * Does a file's header leave its values to say an opt-out crm does not
 * read (optout_value_unread): not in crm's own export, nor beside a
 * column crm reads as one (Lemon Squeezy's status_formatted beside its
 * status says Unsubscribed too).
 */
static int
optout_values_looked(const struct colmap *cm, size_t n,
    const struct hdrinfo *hi)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (cm[i].opt)
			return 0;
	return !hi->crm_own;
}

/*
 * A short cell folded into w as crm_norm_header folds a word (ASCII
 * lower case, without spaces, underscores or hyphens: "Hard Bounce",
 * hard_bounce), without allocating.  0 for a cell too long to be such
 * a word, or an empty one.
 */
static int
fold_word(const char *v, char *w, size_t size)
{
	size_t j = 0;

	for (; *v; v++) {
		if (*v == ' ' || *v == '\t' || *v == '_' || *v == '-')
			continue;
		if (j + 1 == size || (*v & 0x80))
			return 0;	/* no such word is so long, or wide */
		w[j++] = *v >= 'A' && *v <= 'Z' ? (char)(*v + ('a' - 'A')) :
		    *v;
	}
	w[j] = '\0';
	return j > 0;
}

/*
 * Does a cell begin as one of optout_value_unread's words does (un, op,
 * bl, bo, ha, cl, in any case)?  Every cell of every row is looked at:
 * most are passed over here, without folding them.
 */
static int
word_start(const char *v)
{
	static const char starts[] = "un op bl bo ha cl";
	char two[3];

	v += strspn(v, " \t");
	if (v[0] == '\0' || v[1] == '\0')
		return 0;
	two[0] = (char)(v[0] | 0x20);	/* ASCII lower case; others fail */
	two[1] = (char)(v[1] | 0x20);
	two[2] = '\0';
	return strstr(starts, two) != NULL;
}

/*
 * The column of a row whose cell says an opt-out in a word crm does
 * not read there (ActiveCampaign's and MailerLite's Status:
 * Unsubscribed, Bounced; Mailchimp's cleaned), its word's mark in
 * *mark; -1 for none.  Only a column kept as a field or read as the
 * customer's status (whose unknown words become its source status),
 * not one --map named, and only words no customer's status is: active
 * or inactive may be a lifecycle's, so they say nothing here.
 */
static int
optout_value_unread(const struct colmap *cm, size_t n,
    const struct crm_rec *rec, int *mark)
{
	static const struct { const char *word; int t; } words[] = {
		{ "unsubscribed", CRM_OPT_UNSUB }, { "optedout", CRM_OPT_UNSUB },
		{ "blacklisted", CRM_OPT_UNSUB }, { "blocklisted", CRM_OPT_UNSUB },
		{ "bounced", CRM_OPT_BOUNCED }, { "hardbounce", CRM_OPT_BOUNCED },
		{ "hardbounced", CRM_OPT_BOUNCED }, { "cleaned", CRM_OPT_BOUNCED },
	};
	size_t i, k;
	char w[16];	/* the longest word, and more: not one */

	for (i = 0; i < rec->n && i < n; i++) {
		if (cm[i].opt || cm[i].mapped || (cm[i].to != T_FIELD &&
		    cm[i].to != CRM_C_STATUS) || !word_start(rec->f[i]) ||
		    !fold_word(rec->f[i], w, sizeof w))
			continue;
		for (k = 0; k < sizeof words / sizeof words[0]; k++)
			if (w[0] == words[k].word[0] &&
			    strcmp(w, words[k].word) == 0) {
				*mark = words[k].t;
				return (int)i;
			}
	}
	return -1;
}

/*
 * The row of the table above a header (as crm_norm_header makes it) is,
 * or NULL; *every set when every row of the file is one, its cell
 * whatever it says: only Mailchimp writes UNSUB_TIME and CLEAN_TIME, and
 * only in its unsubscribed and cleaned members files (beside its
 * MEMBER_RATING), where every row is one, its time given or not.
 */
const struct crm_optcol *
crm_optout_column(const char *norm, char *const *names, size_t n, int *every)
{
	size_t k;

	*every = 0;
	for (k = 0; k < sizeof optcols / sizeof optcols[0]; k++)
		if (strcmp(norm, optcols[k].header) == 0 &&
		    (optcols[k].beside == NULL ||
		    crm_names_have(names, n, optcols[k].beside))) {
			*every = optcols[k].mailchimp &&
			    crm_header_has(names, n, "memberrating");
			return &optcols[k];
		}
	return NULL;
}

/*
 * --map 'COLUMN=unsubscribed' (or =bounced): a column of a system the
 * table above does not know (Brevo's EMAIL_BLACKLISTED, a sheet's own
 * Unsubscribed on) read as one of its columns: the row of the table
 * such a target is, or NULL for another target.
 */
const struct crm_optcol *
crm_optout_mapped(const char *to)
{
	static const struct crm_optcol mapped[] = {
		{ CRM_TAG_UNSUB, CRM_OPT_UNSUB, OPT_MAPPED, 0, NULL },
		{ CRM_TAG_BOUNCED, CRM_OPT_BOUNCED, OPT_MAPPED, 0, NULL },
		{ "subscribed", CRM_OPT_UNSUB, OPT_CONSENT, 0, NULL },
	};
	char *t = crm_norm_header(to);
	const struct crm_optcol *oc = NULL;
	size_t k;

	for (k = 0; k < sizeof mapped / sizeof mapped[0]; k++)
		if (strcmp(t, mapped[k].header) == 0)
			oc = &mapped[k];
	free(t);
	return oc;
}

/* The tag of a mark (CRM_OPT_UNSUB, CRM_OPT_BOUNCED). */
const char *
crm_optout_tag(int mark)
{
	return opt_tags[mark];
}

/*
 * Is a column (not --map's) one of the above?  Kept as a field in an
 * order export too (Gumroad's is about the buyer, not the order), and
 * read as the status as well when it is one (Lemon Squeezy's status:
 * a word crm does not know is kept as the source status).  Not in crm's
 * own export, whose tags column says what the tags are now (a tag
 * lifted by --untag beside a field that still says true).
 */
static void
optout_column(struct colmap *cm, const char *h, char *const *names, size_t n)
{
	if ((cm->opt = crm_optout_column(h, names, n, &cm->opt_every)) == NULL)
		return;
	if (cm->to == T_SKIP)
		cm->to = T_FIELD;
}

/*
 * A column --map reads as an opt-out (=unsubscribed, =bounced) is kept
 * under its header as a field; a header that is one of crm's columns
 * (Mailchimp's Status) is kept as "source status", as an unmapped
 * status column's words are (status_cell), since a field may not take
 * a column's name.
 */
static void
optout_field(struct colmap *cm)
{
	char *low, *p;

	cm->opt_every = 0;
	if (!crm_cust_reserved(cm->field))
		return;
	low = crm_xasprintf("source %s", cm->field);
	for (p = low; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	cm->field = cm->owned = low;
}

/*
 * What crm-add --import reads a column of this header as, by the same
 * aliases (target_of): the -f name it is found under ("role" for Title,
 * "emails" for Non Primary E-mails, "name" for First Name), to free; NULL
 * when it is kept as a field under its header, or not kept.  For a field
 * list's name no customer has (crm_filter_absent): the import does not
 * record its columns, and the aliases say what they became.  *when is
 * NULL, or says the header set it is read so in when another keeps it
 * under its header (Title, a field beside Job Title: title_target): the
 * import's header set is not known, so a hint must say both.
 */
char *
crm_import_read_as(const char *header, const char **when)
{
	char *h = crm_norm_header(header), *t;
	const char *as = NULL;
	int to = target_of(h, NULL);

	*when = strcmp(h, "title") == 0 ? "with no Job Title column beside "
	    "it" : NULL;

	if (to >= 0)
		as = crm_cust_colname(to);
	else if (to == T_FIRST || to == T_LAST)
		as = "name";
	else if (to == T_TAGS)
		as = "tags";
	else if (to == T_EMAILS)
		as = "emails";
	else if (to == T_OTHER_IDS)
		as = "other_ids";
	else if (to == T_TYPE || to == T_ISCOMPANY)
		as = "type";
	else if (to == T_ORG)
		as = "org";
	else if (to == T_CREDIT)
		as = "credit_limit";
	else if (to == T_TERMS)
		as = "terms";
	else if (to == T_FAX)
		as = CRM_VCARD_FAX;
	else if (to == T_PAGER)
		as = CRM_VCARD_PAGER;
	else if (to == T_FIELD && (t = address_field(h)) != NULL) {
		free(h);
		return t;
	}
	free(h);
	return as ? crm_xstrdup(as) : NULL;
}

/* A column's target from --map or its header; T_DROP said on stderr. */
static void
map_column(struct colmap *cm, char *const *names, size_t n, size_t i,
    char **maps, size_t nmaps, const struct hdrinfo *hi)
{
	const char *to;
	char *h = crm_norm_header(names[i]), *t;

	cm->field = field_name(names[i]);
	cm->alt = -1;
	cm->lead_status = strcmp(h, "leadstatus") == 0;
	if ((to = crm_import_mapped(h, maps, nmaps)) && strcmp(to, "-") == 0) {
		cm->to = T_SKIP;	/* the user drops it */
	} else if (to) {
		cm->mapped = 1;
		t = crm_norm_header(to);
		cm->to = crm_cust_colindex(to) >= 0 ? crm_cust_colindex(to) :
		    strcmp(to, "type") == 0 ? T_TYPE : strcmp(to, "org") == 0 ?
		    T_ORG : target_of(t, NULL);
		if (cm->to == T_SRC_ID)
			cm->source = to + 3;
		/* =unsubscribed, =bounced: read as the table's columns
		 * are, and kept under the file's header as they are */
		if (cm->to == T_FIELD && (cm->opt = crm_optout_mapped(to)))
			optout_field(cm);
		else if (cm->to == T_FIELD)
			cm->field = to;
		free(t);
	} else if (crm_header_computed(names[i], names, n)) {
		cm->to = T_DROP;
		crm_warn("%s: computed by crm, not imported", names[i]);
	} else if (hi->rd && crm_rd_field(hi->rd, names[i])) {
		cm->to = T_FIELD;	/* crm's own "Mobile Phone" stays one */
	} else if (!hi->orders && strcmp(names[i], "type") == 0) {
		cm->to = T_TYPE;	/* crm's own: person or org */
	} else if (!hi->orders && strcmp(names[i], "org") == 0) {
		cm->to = T_ORG;		/* crm's own: a contact's organisation */
	} else if (hi->orders && order_address(h)) {
		cm->to = T_FIELD;	/* eBay's Buyer City: the buyer's */
		cm->field = order_address(h);
	} else if (hi->shopware && shopware_column(cm, h)) {
		;
	} else {
		cm->to = target_of(h, hi);
		if (hi->bookings)
			cm->to = booking_target(cm->to, h);
		if (cm->to == T_SRC_ID)
			cm->source = names[i] + 3;
		if (hi->members && strcmp(h, "tier") == 0)
			cm->field = "membership tier";
		/* Patreon's Patron Status: whether she pledges now
		 * (status_cell()'s active_patron, former_patron) */
		if (hi->members && strcmp(h, "patronstatus") == 0 &&
		    cm->to == T_FIELD)
			cm->to = CRM_C_STATUS;
		/* A vCard's columns are the fields' own names already:
		 * its "address" is ADR's, an "Address" crm's field's. */
		if (cm->to == T_FIELD && !hi->vcard &&
		    (t = address_field(h)) != NULL)
			cm->field = cm->owned = t;	/* a vCard's ADR's */
		else if (cm->to == T_FIELD && !hi->vcard && !hi->crm_own &&
		    note_header(h))	/* a vCard's NOTE's; crm's own export
					 * keeps the names it wrote */
			cm->field = "note";
		else if (cm->to == T_FIELD && !hi->vcard && !hi->crm_own &&
		    country_header(h))
			cm->field = "Country";
		if (!hi->crm_own && (cm->to == T_FIELD || cm->to ==
		    CRM_C_STATUS || (cm->to == T_SKIP && hi->orders)))
			optout_column(cm, h, names, n);
		cm->consent = cm->to == T_FIELD && !cm->opt && !hi->crm_own &&
		    consent_header(h);
		/* crm's own export keeps the names it wrote: an older
		 * import's "Business Fax" is not made the field fax, a
		 * field "Birthday" not the birthday (qa38 F6: -f Birthday
		 * found nothing after a round trip) */
		if (hi->crm_own && (cm->to == T_FAX || cm->to == T_PAGER ||
		    (cm->to == T_BIRTHDAY && strcmp(names[i], "birthday"))))
			cm->to = T_FIELD;
	}
	if (cm->to == T_DROP && !crm_header_computed(names[i], names, n))
		crm_warn("%s: a secret, not imported", names[i]);
	if (cm->to == T_DROP)
		cm->to = T_SKIP;
	zoned_column(cm, names[i], hi);
	if (cm->to == T_BIRTH_PART)
		cm->part = birth_part(h);
	/* Yahoo writes a birthday month first (5/14/1979), as the US does */
	cm->datefmt = hi->yahoo && cm->to == T_BIRTHDAY ? "%m/%d/%Y" : NULL;
	/* and so are SuiteCRM's: each column a number of the person's */
	cm->others = (hi->yahoo || hi->sugar) && cm->to == CRM_C_PHONE;
	cm->semi = cm->to == T_TAGS && (strcmp(h, "categories") == 0 ||
	    strcmp(h, "kategorien") == 0 || strcmp(h, "catégories") == 0 ||
	    strcmp(h, "categorías") == 0);	/* Outlook's, in four languages */
	free(h);
}

/* Whether two field names are one key once stored: the same in NFC (a
 * Mac's decomposed "Café" beside a PC's is one field, whose second
 * column would overwrite the first's cells). */
static int
same_key(const char *a, const char *b)
{
	char *na, *nb;
	int same;

	if (crm_ascii(a) && crm_ascii(b))
		return strcmp(a, b) == 0;
	na = crm_nfc(a), nb = crm_nfc(b);
	same = strcmp(na, nb) == 0;
	free(na), free(nb);
	return same;
}

/* Has an earlier column the extra field name of column i? */
static int
same_field(const struct colmap *cm, size_t i)
{
	size_t j;
	int same = 0;

	for (j = 0; j < i && !same; j++)
		if (cm[j].to == T_FIELD || cm[j].to == T_WEBSITE)
			same = same_key(cm[j].field, cm[i].field);
	return same;
}

/*
 * A second column of a core column under its own name ("Phone" after
 * Shopify's "Default Address Phone" took the phone), which no extra
 * field may have: "Phone 2", or with its position when that is taken.
 */
static void
second_name(struct colmap *cm, char *const *names, size_t i)
{
	char *name = crm_xasprintf("%s 2", names[i]);
	size_t j;

	for (j = 0; j < i; j++)
		if (strcasecmp(cm[j].field ? cm[j].field : "", name) == 0 ||
		    strcasecmp(names[j], name) == 0)
			break;
	if (j < i) {
		free(name);
		name = crm_xasprintf("%s (column %zu)", names[i], i + 1);
	}
	cm[i].field = cm[i].owned = name;
}

/* Column i, which another holds core column to of, is a second one. */
static void
second_of(struct colmap *cm, char *const *names, size_t i)
{
	cm[i].alt = cm[i].to;
	cm[i].to = T_FIELD;
	if (!crm_cust_reserved(field_name(names[i])))
		cm[i].field = field_name(names[i]);
	else
		second_name(cm, names, i);
}

/*
 * Is column i a plain "Name" beside a first-name column (Vorname, First
 * Name) and no last-name column?  German exports write the surname so
 * (Name;Vorname;E-Mail); a row whose Name holds the first name's value
 * ("Ann Lee" beside Ann) is a full name all the same (row_surname).
 */
static int
surname_col(const struct colmap *cm, size_t n, size_t i, char *const *names,
    const struct hdrinfo *hi)
{
	size_t j;
	int first = 0;
	char *h;

	if (cm[i].to != CRM_C_NAME || cm[i].mapped || (hi && hi->orders))
		return 0;
	for (j = 0; j < n; j++) {
		if (cm[j].to == T_LAST)
			return 0;
		first |= cm[j].to == T_FIRST;
	}
	h = crm_norm_header(names[i]);
	first &= strcmp(h, "name") == 0;
	free(h);
	return first;
}

/*
 * The column that labels phone column i, + 1, or 0: Google Contacts'
 * "Phone 1 - Label" beside "Phone 1 - Value" (its older files' "Phone 1
 * - Type").  Its cell says what the number is: "Mobile", "Work", or
 * "Work Fax", which is no phone to call (fax_cell).
 */
static int
phone_label_col(const struct colmap *cm, char *const *names, size_t n,
    size_t i)
{
	static const char *const labels[] = { "Label", "Type" };
	size_t len = strlen(names[i]), j, l;

	if ((cm[i].to != CRM_C_PHONE && cm[i].alt != CRM_C_PHONE) ||
	    len < 5 || strcasecmp(names[i] + len - 5, "Value") != 0)
		return 0;
	len -= 5;
	for (j = 0; j < n; j++)
		for (l = 0; l < 2; l++)
			if (j != i && strncasecmp(names[j], names[i], len) == 0 &&
			    strcasecmp(names[j] + len, labels[l]) == 0)
				return (int)j + 1;
	return 0;
}

/*
 * What each column becomes: a core column, a name part, tags, one of the
 * customer's other ids or e-mails, nothing, or an extra field (named by
 * --map or by the header).  The first column to claim a core column wins
 * it; a later one ("Work Phone", then "Mobile Number") is kept as an
 * extra field, and stands in for the first on a row where that is empty.
 * A column --map names wins over one crm took by its header, which is
 * then the second.
 */
static struct colmap *
map_header(char *const *names, size_t n, char **maps, size_t nmaps,
    const struct hdrinfo *hi)
{
	struct colmap *cm = crm_xcalloc(n, sizeof *cm);
	int claimed[CRM_C_NFIELDS - T_MIN] = { 0 };
	size_t i, by[CRM_C_NFIELDS] = { 0 }, j;
	char *t;

	for (i = 0; i < n; i++) {
		crm_unneutralise(names[i]);
		map_column(&cm[i], names, n, i, maps, nmaps, hi);
		if (cm[i].to == T_SRC_ID && shaped_source(names[i], hi))
			cm[i].source = shaped_source(names[i], hi);
		cm[i].or_name = cm[i].to == CRM_C_COMPANY &&
		    company_names_row(names[i], hi);
		cm[i].jobs = cm[i].or_name && hi->qbo;
		if (*crm_trim(names[i]) == '\0') {
			/* A column with no header (a trailing comma): its
			 * cells, if any, are kept under its position. */
			cm[i].to = T_FIELD;
			cm[i].field = cm[i].owned = crm_xasprintf("column %zu",
			    i + 1);
		} else if ((cm[i].to == T_FIELD || cm[i].to == T_WEBSITE) &&
		    same_field(cm, i)) {
			/* A header written twice (Mailchimp's UNSUB_REASON):
			 * the second keeps its cells under its position. */
			t = cm[i].owned;
			cm[i].field = cm[i].owned = crm_xasprintf("%s (column "
			    "%zu)", cm[i].field, i + 1);
			free(t);
		} else if (cm[i].to >= 0 && claimed[cm[i].to - T_MIN]++) {
			if (cm[i].mapped && !cm[j = by[cm[i].to]].mapped) {
				by[cm[i].to] = i;
				second_of(cm, names, j);
				cm[j].ahead = 1;
			} else
				second_of(cm, names, i);
		} else if (cm[i].to >= 0) {
			by[cm[i].to] = i;
		}
	}
	for (i = 0; i < n; i++) {
		cm[i].surname = surname_col(cm, n, i, names, hi);
		cm[i].label = phone_label_col(cm, names, n, i);
	}
	return cm;
}

/*
 * Say a core column's header written twice (Name;E-mail;Name: a
 * company's names in the second): the first is read, the second kept
 * as a field, which no longer happens without a word (qa48 F2).
 */
static void
say_twins(const struct colmap *cm, char *const *names, size_t n,
    const char *file)
{
	size_t i, j;

	for (i = 0; i < n; i++) {
		if (cm[i].alt < 0 || cm[i].mapped || cm[i].to != T_FIELD)
			continue;
		for (j = 0; j < i; j++)
			if (cm[j].to == cm[i].alt && !cm[j].mapped &&
			    strcasecmp(crm_trim(names[j]),
			    crm_trim(names[i])) == 0)
				break;
		if (j < i)
			crm_warn("%s: columns %zu and %zu are both headed %s: "
			    "the first is read, the second kept as the field "
			    "'%s' (--map '%s=...' cannot tell them apart: name "
			    "them apart in the header line)", file, j + 1,
			    i + 1, crm_trim(names[i]), cm[i].field ?
			    cm[i].field : names[i], crm_trim(names[i]));
	}
}

static int
is_cjk(const char *s)
{
	return (unsigned char)*s >= 0xe3 && (unsigned char)*s <= 0xe9;
}

/* "First Last", or family name first with no space for Chinese names. */
static void
join_name(struct crm_cust *c, const char *first, const char *last)
{
	char *name;

	if (c->v[CRM_C_NAME] && *crm_trim(c->v[CRM_C_NAME]))
		return;
	first = first ? first : "", last = last ? last : "";
	if (is_cjk(last))
		name = crm_xasprintf("%s%s", last, first);
	else
		name = crm_xasprintf("%s%s%s", first, *first && *last ? " " :
		    "", last);
	crm_cust_set(c, CRM_C_NAME, crm_trim(name));
	free(name);
}

/* Mailchimp writes its tags quoted inside the cell: "Customers","VIP". */
static char *
unquote(char *s)
{
	size_t n = strlen(s);

	if (n >= 2 && s[0] == '"' && s[n - 1] == '"') {
		s[n - 1] = '\0';
		return crm_trim(s + 1);
	}
	return s;
}

/*
 * Google writes "a ::: b", most others "a, b".  In Google's list a comma
 * is part of a label ("Clients, 2024"), which stays one tag (without the
 * comma, which no tag holds: crm_tag_uncomma).  Google's own groups are
 * marked "* ": the mark is no part of the name ("* starred" is starred),
 * and myContacts, which every contact is in, says nothing.
 */
static void
split_tags(struct crm_cust *c, const char *v, int semi)
{
	char *copy = crm_xstrdup(v), *p, *tok, *save = NULL;
	const char *seps = semi ? ",;" : ",";

	if (strstr(copy, ":::")) {
		seps = "\x1f";		/* a byte no tag holds */
		while ((p = strstr(copy, ":::")))
			memcpy(p, "\x1f\x1f\x1f", 3);
	}
	for (tok = strtok_r(copy, seps, &save); tok;
	    tok = strtok_r(NULL, seps, &save)) {
		tok = unquote(crm_tag_uncomma(tok));
		if (tok[0] == '*' && tok[1] == ' ' &&
		    strcasecmp(tok = crm_trim(tok + 2), "mycontacts") == 0)
			continue;
		/* Outlook on the web's, as Google's "* myContacts" */
		if (semi && strcasecmp(tok, "mycontacts") == 0)
			continue;
		if (*tok)
			crm_cust_tag(c, tok, 0);
	}
	free(copy);
}

/*
 * A row's keys beyond the customers columns: its other ids (each with its
 * system) and other e-mails, pointing into the customer's arena or, for
 * normalised e-mails, allocated; and what it says of organisations.
 */
struct rowkeys {
	struct rowid {
		const char *source, *value;
		int col;
	} *ids;
	size_t nids;
	struct rowmail {
		char *email;	/* allocated */
		int col;
	} *emails;
	size_t nemails;
	int type;		/* CRM_TYPE_* of a type or Is a Company cell */
	int type_col;		/* that column */
	const char *bad_type;	/* a type cell that is neither */
	const char *bad_birthday;	/* a birthday not read as a date */
	int birthday_col;	/* its column */
	const char *birthday_cell;	/* one read, as written, and the */
	const char *birthday_header;	/* header an older import kept it
					 * under (birthday_moved) */
	char *birth[3];		/* Birth Year, Month and Day cells */
	int birth_col[3];	/* their columns */
	const char *org;	/* crm's org column: the organisation's name */
	const char *website;	/* an organisation's web site */
	char *hint;		/* a person's company domain (allocated) */
	const char *make_org;	/* the company to make an organisation of */
	const char *make_domain;	/* and its domain */
	long long domain_org;	/* the organisation at the e-mail's domain */
	char *later;		/* or the domain, when none was there yet
				 * (allocated: the e-mail it is of may be
				 * replaced by the customer's) */
	int by_mail, mail_col;	/* the customer found by an e-mail: its column */
	const char *mail;	/* and that e-mail */
	const char *credit, *terms;	/* credit limit and terms cells */
	int credit_col, terms_col;
	long long limit;	/* the credit limit read */
	char dur[CRM_TERMS_LEN];	/* the terms read, as a duration */
	int namesakes;		/* its name and company are several's, its
				 * phone none's: another namesake (by_name) */
	char *turned;		/* the name found by, the row's written the
				 * other way round (by_name), allocated */
	long long keyed;	/* found by name and phone in any order or
				 * case (keyed_namesake, held_by_phone) */
	long long keyed_n;	/* or how many such had them */
	struct crm_buf keyed_ids;	/* and which, "1, 3" */
	char *ix_name, *ix_key;	/* the name looked up and its name_key,
				 * which name_ix_add takes after */
	struct crm_buf phones;	/* other phones of the customer's ("a, b") */
	int optout[2];		/* tagged unsubscribed, bounced (OPT_*) */
	int gives[2];		/* and the row says so, though she was
				 * already (optout_known clears optout) */
	const char *odd_optout;	/* an opt-out cell not understood */
	int odd_optout_col;	/* its column */
	int mail_hidden;	/* its e-mail held a zero width space, a
				 * soft hyphen (crm_key_email took it out) */
	int mail_named;		/* its e-mail was "Name <address>" */
	struct optno {		/* opt-out cells that said no, kept as */
		const char *field;	/* this field; */
		const char *value;	/* the cell */
		int col;
		int tag;	/* the mark it says she lacks, -1 either */
	} optno[4];
	int noptno;
};

static void
keys_free(struct rowkeys *k)
{
	size_t i;

	for (i = 0; i < k->nemails; i++)
		free(k->emails[i].email);
	free(k->emails);
	free(k->ids);
	free(k->hint);
	free(k->later);
	crm_buf_free(&k->phones);
	crm_buf_free(&k->keyed_ids);
	free(k->ix_name);
	free(k->ix_key);
	free(k->turned);
	memset(k, 0, sizeof *k);
}

/* Whose type column a cell is in (type_cell). */
enum type_kind {
	TYPE_CRM,	/* crm's own: person, org */
	TYPE_ISCOMPANY,	/* Odoo's Is a Company: True, False */
	TYPE_OTHER	/* another system's Type (type_column): Company too */
};

/*
 * A type cell, crm's (person, org), Odoo's Is a Company (True, False)
 * or another system's Type, where Company is an organisation (Business
 * Central's Contact Type enum: Company, Person): CRM_TYPE_*, 0 for
 * empty, -1 for another word.
 */
static int
type_cell(const char *v, enum type_kind kind)
{
	static const char *const orgs[] = { "org", "organisation",
		"organization" }, *const yes[] = { "true", "yes", "1" },
	    *const no[] = { "false", "no", "0" };
	const char *const *o = kind == TYPE_ISCOMPANY ? yes : orgs;
	char *w = crm_norm_header(v);
	int t = *w ? -1 : 0;
	size_t i;

	for (i = 0; i < 3; i++) {
		if (strcmp(w, o[i]) == 0)
			t = CRM_TYPE_ORG;
		if (kind == TYPE_ISCOMPANY ? strcmp(w, no[i]) == 0 : i == 0 &&
		    strcmp(w, "person") == 0)
			t = CRM_TYPE_PERSON;
	}
	if (kind == TYPE_OTHER && strcmp(w, "company") == 0)
		t = CRM_TYPE_ORG;
	free(w);
	return t;
}

static void
key_id(struct rowkeys *k, const char *source, const char *value, int col)
{
	k->ids = crm_xreallocarray(k->ids, k->nids + 1, sizeof *k->ids);
	k->ids[k->nids].source = source;
	k->ids[k->nids].col = col;
	k->ids[k->nids++].value = value;
}

static void
key_email(struct rowkeys *k, const char *email, int col)
{
	k->emails = crm_xreallocarray(k->emails, k->nemails + 1,
	    sizeof *k->emails);
	k->emails[k->nemails].col = col;
	k->emails[k->nemails++].email = crm_key_email(email);
}

/*
 * Split a list cell in place: "a, b", "a; b", Google's "a ::: b".  Each
 * non-empty item goes to add().  An id's spaces of Unicode's are ASCII's,
 * as the external id's are (check_col, cust.c); an e-mail's are left to
 * crm_key_email, which refuses one inside, naming it.
 */
static void
split_list(char *v, int col, struct rowkeys *k, const char *source,
    void (*add)(struct rowkeys *, const char *, const char *, int))
{
	char *p, *tok, *save = NULL;

	while ((p = strstr(v, ":::")))
		memcpy(p, ",,,", 3);
	for (tok = strtok_r(v, ",;", &save); tok;
	    tok = strtok_r(NULL, ",;", &save)) {
		if (source)
			crm_invisible_fold(tok, 1);
		if (*(tok = crm_key_trim(tok)))
			add(k, source, tok, col);
	}
}

static void
add_id(struct rowkeys *k, const char *source, const char *v, int col)
{
	key_id(k, source, *v == '\'' ? v + 1 : v, col);
}

static void
add_email(struct rowkeys *k, const char *source, const char *v, int col)
{
	(void)source;
	key_email(k, v, col);
}

static void status_cell(struct crm_cust *, const struct colmap *, char *);
static void list_add(struct crm_buf *, const char *);

/*
 * A second column for a core column: the value when the first was empty
 * on this row, else an e-mail or id of the customer's, else an extra
 * field.  A status is read as the first's is (HubSpot's Lead Status when
 * its Lifecycle Stage is empty or Other): a word that is none of crm's
 * is kept, never refused.
 */
static void
second_column(struct crm_cust *c, const struct colmap *cm, int col, char *v,
    struct rowkeys *k)
{
	int alt = cm->alt;

	if (alt == CRM_C_STATUS && !has(c->v[alt])) {
		status_cell(c, cm, v);
	} else if (!has(c->v[alt]) && *crm_key_trim(v)) {
		c->v[alt] = alt == CRM_C_PHONE || alt == CRM_C_EXTERNAL_ID ?
		    text_marker(v) : v;
	} else if (alt == CRM_C_EMAIL && *crm_key_trim(v)) {
		split_list(v, col, k, NULL, add_email);
	} else if (alt == CRM_C_EXTERNAL_ID && *crm_key_trim(v)) {
		key_id(k, "", v, col);
	} else if (alt == CRM_C_PHONE && cm->others && *crm_key_trim(v)) {
		list_add(&k->phones, crm_key_trim(v));
	} else if (alt == CRM_C_PHONE && *crm_key_trim(v) &&
	    crm_phone_one(c->v[alt], text_marker(crm_key_trim(v)))) {
		;	/* the phone again (Shopify's Phone beside its Default
			 * Address Phone): a number is kept once (qa50 F10) */
	} else if (*v) {
		crm_cust_field_take(c, cm->field, number_marker(v));
	}
}

/*
 * Another system's status ("past_due", "成交客户") is kept as that
 * system's field, not refused: only crm's own statuses, and the words
 * that plainly mean one, set the customer's.
 */
static void
status_cell(struct crm_cust *c, const struct colmap *cm, char *v)
{
	/* Values folded, without spaces, '-' and '_' (as headers are). */
	static const struct {
		const char *word, *status;
	} synonyms[] = {
		{ "customer", "active" }, { "client", "active" },
		{ "evangelist", "active" }, { "churned", "lost" },
		{ "subscriber", "lead" }, { "marketingqualifiedlead", "lead" },
		{ "salesqualifiedlead", "prospect" },
		{ "opportunity", "prospect" }, { "潜在客户", "prospect" },
		{ "意向客户", "prospect" }, { "线索", "lead" },
		{ "成交客户", "active" }, { "流失客户", "lost" },
		/* Patreon's Patron Status (its API's active_patron,
		 * former_patron): one who pledged and stopped has bought
		 * and buys no more; a Declined patron's payment failed,
		 * her pledge stands: her status stays as it was */
		{ "activepatron", "active" }, { "formerpatron", "inactive" },
	};
	static const char *const ours[] = { "lead", "prospect", "active",
		"inactive", "lost" };
	const char *key = crm_cust_reserved(cm->field) ? "source status" :
	    cm->field, *st = NULL;
	char *t = crm_key_trim(v), *low;
	size_t i;

	if (*t == '\0')
		return;
	low = crm_norm_header(t);
	for (i = 0; i < sizeof ours / sizeof ours[0]; i++)
		if (strcmp(low, ours[i]) == 0)
			st = ours[i];
	for (i = 0; !st && i < sizeof synonyms / sizeof synonyms[0]; i++)
		if (strcmp(low, synonyms[i].word) == 0)
			st = synonyms[i].status;
	/* A lead report's status is the lead's progress: a lead still,
	 * unless it was closed without becoming a customer (Salesforce's
	 * Closed - Not Converted, HubSpot's Unqualified). */
	if (!st && cm->lead_status)
		st = strstr(low, "notconverted") || strcmp(low,
		    "unqualified") == 0 ? "lost" : "lead";
	if (st)
		crm_cust_set(c, CRM_C_STATUS, st);
	if (!st || strcmp(low, st) != 0)	/* the system's word, kept */
		crm_cust_field_take(c, key, st ? crm_xstrdup(t) : t);
	free(low);
}

static int
profile_url(const char *v)
{
	static const char *const sites[] = { "linkedin.com/in/",
		"linkedin.com/pub/", "xing.com/profile/", "facebook.com/",
		"twitter.com/", "//x.com/", "github.com/", "instagram.com/",
		"weibo.com/" };
	size_t i;

	for (i = 0; i < sizeof sites / sizeof sites[0]; i++)
		if (strstr(v, sites[i]))
			return 1;
	return 0;
}

/* One cell into the customer c or its keys. */
/*
 * A created time under a header that says (UTC) is in UTC, not the
 * local time a time without a zone is: unless it says its own zone.
 */
static void
utc_time(struct crm_cust *c, const struct colmap *cm)
{
	const char *v = c->v[CRM_C_CREATED];
	char *s;
	size_t n;

	if (!cm->utc || v == NULL)
		return;
	n = strlen(v);
	while (n > 0 && (v[n - 1] == ' ' || v[n - 1] == '\t'))
		n--;
	if (n == 0 || strchr(v, ':') == NULL)
		return;		/* empty, or a date alone: a calendar day */
	if ((v[n - 1] < '0' || v[n - 1] > '9') && !(n > 2 &&
	    strncasecmp(v + n - 2, "am", 2) == 0) && !(n > 2 &&
	    strncasecmp(v + n - 2, "pm", 2) == 0))
		return;		/* it ends in its zone (Z, PST) */
	if ((n > 6 && (v[n - 6] == '+' || v[n - 6] == '-') && v[n - 3] == ':'
	    && strchr(v, ':') != v + n - 3) ||
	    (n > 5 && v[n - 5] == '+'))
		return;		/* an offset: +02:00, +0200 */
	s = crm_xasprintf("%.*s %s", (int)n, v, strcmp(cm->offset,
	    "+00:00") == 0 ? "UTC" : cm->offset);
	crm_cust_set(c, CRM_C_CREATED, s);
	free(s);
}

/*
 * A birthday as the field "birthday" holds it, which a vCard's BDAY is:
 * 1990-04-01, or --04-01 with no year (Google's, vCard's); vCard's basic
 * 19900401 too.  Another form (Outlook's 4/1/1990, in the order of the
 * system that wrote it) by --date-format only.  0, or -1 if not read.
 */
static int
birthday_iso(const char *v, const char *fmt, char out[11])
{
	struct crm_dur d;
	struct tm tm;
	time_t t;
	size_t n = strspn(v, "0123456789");

	if (strncmp(v, "--", 2) == 0 && strspn(v + 2, "0123456789") == 2 &&
	    v[4] == '-' && strspn(v + 5, "0123456789") == 2 && !v[7]) {
		memcpy(out, v, 8);
		return 0;
	}
	if (strncmp(v, "--", 2) == 0 && strspn(v + 2, "0123456789") == 4 &&
	    !v[6]) {		/* vCard 4.0's basic --0401 */
		snprintf(out, 11, "--%.2s-%.2s", v + 2, v + 4);
		return 0;
	}
	if (n == 8 && v[8] == '\0') {
		snprintf(out, 11, "%.4s-%.2s-%.2s", v, v + 4, v + 6);
		v = out;	/* checked as the ISO form below */
	}
	if (*v == '+' || *v == '-' || crm_parse_dur(v, &d) == 0 ||
	    crm_parse_when_as(v, fmt, &t) < 0)
		return -1;	/* not a duration from now */
	if (strlen(v) >= 10 && strspn(v, "0123456789") == 4 && v[4] == '-' &&
	    v[7] == '-' && strspn(v + 8, "0123456789") == 2) {
		memmove(out, v, 10);	/* the day written, in no zone */
		out[10] = '\0';
		return 0;
	}
	localtime_r(&t, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
	return 0;
}

/*
 * A birthday column's cell: the field "birthday" (crm-segment -o vcard
 * writes it as BDAY), or, when it is not read as a date, kept as written
 * under its header and said (import_row).
 */
static void
birthday_cell(struct crm_cust *c, const struct colmap *cm, int col, char *v,
    struct rowkeys *k)
{
	char iso[11];

	v = crm_trim(v);
	if (*v == '\0' || no_date(v))
		return;
	if (birthday_iso(v, cm->datefmt, iso) == 0) {
		crm_cust_field(c, "birthday", iso);
		if (strcmp(cm->field, "birthday") != 0)
			k->birthday_cell = v, k->birthday_header = cm->field;
		return;
	}
	crm_cust_field_take(c, cm->field, v);
	k->bad_birthday = v, k->birthday_col = col;
}

/* A number of 1 to max digits, 1 to most, or -1. */
static int
small_number(const char *s, size_t max, int most)
{
	size_t n = strspn(s, "0123456789");
	int v;

	if (n == 0 || n > max || s[n] != '\0' || (v = atoi(s)) < 1 ||
	    v > most)
		return -1;
	return v;
}

/*
 * Thunderbird's Birth Year, Birth Month and Birth Day (1980, 04, 23):
 * one birthday, --04-23 with no year, as a Birthday column's.  Parts
 * that make no date are kept as written under their headers.
 */
static void
birth_parts(struct crm_cust *c, const struct colmap *cm,
    const struct rowkeys *k)
{
	char iso[40], out[11];	/* room for any int, as gcc -O1 counts */
	int y = 0, m, d, i;
	const char *ys = k->birth[0];

	m = k->birth[1] ? small_number(k->birth[1], 2, 12) : -1;
	d = k->birth[2] ? small_number(k->birth[2], 2, 31) : -1;
	if (ys && *ys)
		y = small_number(ys, 4, 9999);
	if (m > 0 && d > 0 && y >= 0) {
		if (y > 0)
			snprintf(iso, sizeof iso, "%04d-%02d-%02d", y, m, d);
		else
			snprintf(iso, sizeof iso, "--%02d-%02d", m, d);
		if (birthday_iso(iso, NULL, out) == 0) {
			crm_cust_field(c, "birthday", out);
			return;
		}
	}
	for (i = 0; i < 3; i++)
		if (k->birth[i] && *k->birth[i])
			crm_cust_field(c, cm[k->birth_col[i]].field,
			    k->birth[i]);
}

/*
 * Does a cell of a yes-or-no opt-out column (Gumroad's Do not contact?,
 * Zoho's Email Opt Out ...) say yes (crm_yes_no's: true, yes, 1 ...)?
 */
static int
optout_yes(const char *v)
{
	return crm_yes_no(v) == 1;
}

/*
 * The words of a status column (OPT_WORD): Pipedrive's Unsubscribed and
 * Bounced, Kit's cancelled (unsubscribed) and complained (marked as
 * spam: Kit stops mailing them), Klaviyo's UNSUBSCRIBED (and
 * NEVER_SUBSCRIBED, no opt-out), Lemon Squeezy's invalid_email (an
 * address that failed its check: no mail reaches it, as a bounce's
 * does not), and those that say nothing against mailing (never asked,
 * or a double opt-in not yet confirmed, is no opt-out; archived is the
 * sender's doing, not the person's).  Constant Contact's: its consent
 * kinds (express, implied ...), a confirmation awaited, no permission
 * set, a temporary hold and a contact removed (by the sender) are none.
 */
static const struct { const char *word; int t; } opt_words[] = {
	{ "unsubscribed", CRM_OPT_UNSUB }, { "cancelled", CRM_OPT_UNSUB },
	{ "complained", CRM_OPT_UNSUB }, { "bounced", CRM_OPT_BOUNCED },
	{ "invalidemail", CRM_OPT_BOUNCED },
	{ "subscribed", CRM_OPT_NONE }, { "noconsent", CRM_OPT_NONE },
	{ "active", CRM_OPT_NONE }, { "inactive", CRM_OPT_NONE },
	{ "pendingupgrade", CRM_OPT_NONE },
	{ "pendingdoubleoptin", CRM_OPT_NONE },
	{ "requiresverification", CRM_OPT_NONE },
	{ "neversubscribed", CRM_OPT_NONE },
	{ "archived", CRM_OPT_NONE }, { "", CRM_OPT_NONE },
	{ "unconfirmed", CRM_OPT_NONE },
	{ "awaitingconfirmation", CRM_OPT_NONE },
	{ "pendingconfirmation", CRM_OPT_NONE },
	{ "nopermissionsset", CRM_OPT_NONE }, { "notset", CRM_OPT_NONE },
	{ "temphold", CRM_OPT_NONE }, { "removed", CRM_OPT_NONE },
	{ "express", CRM_OPT_NONE }, { "explicit", CRM_OPT_NONE },
	{ "implied", CRM_OPT_NONE }, { "implicit", CRM_OPT_NONE },
};

/*
 * Is a cell of a --map'ed opt-out column a date ("2026-01-15T10:00:01Z",
 * 15/01/2026, Jan 15, 2026): the time the person left, whichever day it
 * is (03/02/2026 need not be told from 02/03 for that)?  Not a duration
 * ("3d"), which crm_parse_when reads as a time from now.
 */
static int
optout_date(const char *v)
{
	unsigned a, b, c;
	char s1, s2;
	struct crm_dur d;
	time_t t;

	if (sscanf(v, "%u%c%u%c%u", &a, &s1, &b, &s2, &c) == 5 && s1 == s2 &&
	    strchr("/.-", s1))
		return 1;
	return crm_parse_when(v, &t) == 0 && crm_parse_dur(v, &d) < 0 &&
	    *v != '+' && *v != '-';
}

/*
 * Yes and no in the languages of the sheets people make by hand (Keine
 * Werbung: ja, Newsletter: non), in a column --map reads as an opt-out
 * or a consent: w folded as crm_norm_header folds it.
 */
static int
other_yes(const char *w)
{
	return strcmp(w, "ja") == 0 || strcmp(w, "oui") == 0 ||
	    strcmp(w, "si") == 0 || strcmp(w, "sí") == 0;
}

static int
other_no(const char *w)
{
	return strcmp(w, "nein") == 0 || strcmp(w, "non") == 0;
}

/*
 * A word in a column the user said (--map) is the opt-out, as
 * crm_norm_header folds it: a checkbox's x, Y or N, and the words a status
 * column says it with (opt_words's, Mailchimp's cleaned, "opted out").
 * A word that names a mark gives that mark, whichever the column was
 * mapped to: a Bounced in an unsubscribed column is an address that is
 * dead, not a person who left.  In a column mapped =bounced, a bounce's
 * kind (hard, soft): a hard bounce is a dead address; a soft one a full
 * mailbox or a server down for a while, whose address lives: no mark.
 * CRM_OPT_ODD for a word not here.
 */
static int
mapped_word(const struct crm_optcol *oc, const char *w)
{
	static const struct { const char *word; int t; } more[] = {
		{ "optedout", CRM_OPT_UNSUB }, { "cleaned", CRM_OPT_BOUNCED },
		{ "hardbounce", CRM_OPT_BOUNCED },
		{ "softbounce", CRM_OPT_NONE },
	};
	size_t i;

	if (strcmp(w, "x") == 0 || strcmp(w, "y") == 0 || other_yes(w))
		return oc->tag;
	if (strcmp(w, "n") == 0 || other_no(w))
		return CRM_OPT_NONE;
	if (oc->tag == CRM_OPT_BOUNCED && strcmp(w, "hard") == 0)
		return CRM_OPT_BOUNCED;
	if (oc->tag == CRM_OPT_BOUNCED && strcmp(w, "soft") == 0)
		return CRM_OPT_NONE;
	for (i = 0; i < sizeof more / sizeof more[0]; i++)
		if (strcmp(w, more[i].word) == 0)
			return more[i].t;
	for (i = 0; i < sizeof opt_words / sizeof opt_words[0]; i++)
		if (strcmp(w, opt_words[i].word) == 0)
			return opt_words[i].t;
	return CRM_OPT_ODD;
}

/*
 * A cell of a consent column read with --map COLUMN=subscribed (Ghost's
 * subscribed_to_emails, Shopify's Accepts Marketing): its no (false, 0,
 * no, N) tags the customer unsubscribed, as the user who mapped it said;
 * its yes (true, 1, yes, Y, x) or an empty cell marks nothing.
 */
static int
consent_mark(const char *v)
{
	char *w = crm_norm_header(v);	/* folded, without spaces */
	int t = CRM_OPT_ODD;

	if (strcmp(w, "false") == 0 || strcmp(w, "0") == 0 ||
	    strcmp(w, "no") == 0 || strcmp(w, "n") == 0 || other_no(w))
		t = CRM_OPT_UNSUB;
	else if (*w == '\0' || strcmp(w, "x") == 0 || strcmp(w, "y") == 0 ||
	    strcmp(w, "true") == 0 || strcmp(w, "1") == 0 ||
	    strcmp(w, "yes") == 0 || other_yes(w))
		t = CRM_OPT_NONE;
	free(w);
	return t;
}

/*
 * Which mark a cell v of opt-out column oc (crm_optout_column's, with its
 * every) gives the row: CRM_OPT_UNSUB, CRM_OPT_BOUNCED, CRM_OPT_NONE, or
 * CRM_OPT_ODD for a value crm does not know (said: a person who left the
 * list must not stay on it without a word).
 */
int
crm_optout_mark(const struct crm_optcol *oc, int every, const char *v)
{
	char *w;
	size_t i;
	int t = CRM_OPT_ODD;

	if (every)
		return oc->tag;
	if (oc->how == OPT_CONSENT)
		return consent_mark(v);
	if (oc->how == OPT_WHEN)
		return v[strspn(v, " \t")] && !no_date(v) ? oc->tag :
		    CRM_OPT_NONE;
	if ((oc->how == OPT_YES || oc->how == OPT_MAPPED) && optout_yes(v))
		return oc->tag;
	if (oc->how == OPT_MAPPED && no_date(v))
		return CRM_OPT_NONE;	/* Outlook's 0/0/00: no time */
	if (oc->how == OPT_MAPPED && optout_date(v + strspn(v, " \t")))
		return oc->tag;
	w = crm_norm_header(v);		/* folded, without spaces */
	if (oc->how == OPT_MAPPED && (t = mapped_word(oc, w)) != CRM_OPT_ODD) {
		free(w);
		return t;
	}
	if ((oc->how == OPT_YES || oc->how == OPT_MAPPED) && (*w == '\0' ||
	    strcmp(w, "false") == 0 || strcmp(w, "0") == 0 ||
	    strcmp(w, "no") == 0))
		t = CRM_OPT_NONE;
	for (i = 0; oc->how == OPT_WORD &&
	    i < sizeof opt_words / sizeof opt_words[0]; i++)
		if (strcmp(w, opt_words[i].word) == 0)
			t = opt_words[i].t;
	free(w);
	return t;
}

/*
 * Tag the row's customer as an opt-out column says, once a row; the mark
 * the cell gives (crm_optout_mark's).
 */
static int
optout_cell(struct crm_cust *c, const struct colmap *cm, int col,
    const char *v, struct rowkeys *k)
{
	int t = crm_optout_mark(cm->opt, cm->opt_every, v);

	if (t == CRM_OPT_ODD && k->odd_optout == NULL)
		k->odd_optout = v, k->odd_optout_col = col;
	if (t >= 0)
		k->gives[t] = 1;
	if (t >= 0 && !k->optout[t]++)
		crm_cust_tag(c, opt_tags[t], 0);
	return t;
}

/*
 * An opt-out cell that says no (no, false, Subscribed, soft), kept as
 * field: remembered, so that a customer found with the mark does not
 * get a field that says the opposite of her tag (optout_stays).  A blank
 * cell says nothing and writes nothing over a kept one.
 */
static void
optout_no(struct rowkeys *k, const struct colmap *cm, int col,
    const char *v)
{
	if (v[strspn(v, " \t\r\n")] == '\0' ||
	    k->noptno == sizeof k->optno / sizeof k->optno[0])
		return;
	k->optno[k->noptno].field = cm->field;
	k->optno[k->noptno].value = v;
	k->optno[k->noptno].col = col;
	k->optno[k->noptno++].tag = cm->opt->tag;
}

/* Shopware's active: 1 the status active, 0 inactive; another value
 * kept as the field active, as written. */
static void
active_cell(struct crm_cust *c, char *v)
{
	const char *t = crm_key_trim(v);

	if (strcmp(t, "1") == 0)
		crm_cust_set(c, CRM_C_STATUS, "active");
	else if (strcmp(t, "0") == 0)
		crm_cust_set(c, CRM_C_STATUS, "inactive");
	else if (*t)
		crm_cust_field(c, "active", t);
}

/*
 * A found customer's marks the row gives that she has already are not
 * counted: the summary says how many were tagged by this import, as
 * crm-log's does, so a re-import says nothing.
 */
static void
optout_known(struct crm_db *db, long long id, struct rowkeys *k)
{
	char *had;
	int t;

	if (!k->optout[CRM_OPT_UNSUB] && !k->optout[CRM_OPT_BOUNCED])
		return;
	if ((had = crm_ia_no_mail(db, id)) == NULL)
		return;
	for (t = CRM_OPT_UNSUB; t <= CRM_OPT_BOUNCED; t++)
		if (strcasestr(had, opt_tags[t]))
			k->optout[t] = 0;
	free(had);
}

static void
put_cell(struct crm_cust *c, const struct colmap *cm, int col, char *v,
    struct rowkeys *k, char **first, char **last)
{
	int r;

	switch (cm->to) {
	case T_FIRST:
		*first = v;
		break;
	case T_LAST:
		*last = v;
		break;
	case T_TAGS:
		split_tags(c, v, cm->semi);
		break;
	case T_EMAILS:
		split_list(v, col, k, NULL, add_email);
		break;
	case T_OTHER_IDS:
		split_list(v, col, k, "", add_id);
		break;
	case T_SRC_ID:
		split_list(v, col, k, cm->source, add_id);
		break;
	case T_TYPE:
	case T_ISCOMPANY:
		if ((r = type_cell(v, cm->to == T_ISCOMPANY ? TYPE_ISCOMPANY :
		    cm->other_type ? TYPE_OTHER : TYPE_CRM)) < 0)
			k->bad_type = v, k->type_col = col;
		else if (r > 0 && k->bad_type == NULL)
			k->type = r, k->type_col = col;
		break;
	case T_ORG:
		k->org = *crm_key_trim(v) ? crm_key_trim(v) : NULL;
		break;
	case T_CREDIT:
		k->credit = *crm_trim(v) ? crm_trim(v) : NULL;
		k->credit_col = col;
		break;
	case T_TERMS:
		k->terms = *crm_trim(v) ? crm_trim(v) : NULL;
		k->terms_col = col;
		break;
	case T_WEBSITE:
		/* An organisation's gives its domain; kept either way. */
		if (k->website == NULL)
			k->website = v;		/* in c's arena, as the field */
		crm_cust_field_take(c, cm->field, v);
		break;
	case T_URL:
		/* A profile's address is its person's: kept, and a key.  A
		 * company's web site is not: many contacts share it. */
		if (profile_url(crm_key_trim(v)))
			key_id(k, "url", crm_key_trim(v), col);
		crm_cust_field_take(c, cm->field, crm_xstrdup(v));
		break;
	case T_BIRTHDAY:
		birthday_cell(c, cm, col, v, k);
		break;
	case T_BIRTH_PART:
		k->birth[cm->part] = crm_trim(v), k->birth_col[cm->part] = col;
		break;
	case T_FIELD:
		r = cm->opt ? optout_cell(c, cm, col, v, k) : CRM_OPT_ODD;
		if (cm->alt >= 0) {
			second_column(c, cm, col, v, k);
		} else if (!no_date(v)) {
			crm_cust_field_take(c, cm->field, number_marker(v));
			if (r == CRM_OPT_NONE)
				optout_no(k, cm, col, v);
		}
		break;
	case CRM_C_STATUS:
		if (cm->opt)
			optout_cell(c, cm, col, v, k);
		if (cm->active01)
			active_cell(c, v);
		else
			status_cell(c, cm, v);
		break;
	case CRM_C_EMAIL:
		/* Outlook's Exchange contacts carry an X.500 path there. */
		if (strncasecmp(v + strspn(v, " \t"), "/o=", 3) == 0)
			crm_cust_field_take(c, "Exchange address", v);
		else
			c->v[CRM_C_EMAIL] = v;
		break;
	case CRM_C_PHONE:
	case CRM_C_EXTERNAL_ID:
		c->v[cm->to] = text_marker(v);
		break;
	case CRM_C_CREATED:
		c->v[cm->to] = v;
		utc_time(c, cm);
		break;
	default:
		c->v[cm->to] = v;	/* each column has one */
	}
}

/* Google's "a ::: b" in the e-mail column: the first is the e-mail. */
static void
split_email(struct crm_cust *c, const struct colmap *cm, size_t n,
    struct rowkeys *k)
{
	char *v = c->v[CRM_C_EMAIL], *p;
	size_t i;

	if (v == NULL || (p = strstr(v, ":::")) == NULL)
		return;
	*p = '\0';
	for (i = 0; i < n && cm[i].to != CRM_C_EMAIL; i++)
		;
	split_list(p + 3, (int)i, k, NULL, add_email);
}

/*
 * An e-mail cell as a mail program copies an address: "Ann Smith
 * <ann@smith.example>" (Outlook's, Thunderbird's, Apple Mail's).  The
 * address is the e-mail, and the name the row's when it has none; said
 * once at the end (mail_tidy_say).  A cell whose part in <> is no
 * address is left as it is, refused as one.
 */
static void
named_email(struct crm_cust *c, struct rowkeys *k)
{
	char *v = c->v[CRM_C_EMAIL], *lt, *gt, *addr, *name, *t;
	size_t n;

	if (!has(v) || (lt = strrchr(v, '<')) == NULL ||
	    (gt = strchr(lt, '>')) == NULL || gt[strspn(gt + 1, " \t") + 1])
		return;
	addr = crm_xstrndup(lt + 1, (size_t)(gt - lt - 1));
	if (!crm_email_valid(crm_key_trim(addr))) {
		free(addr);
		return;
	}
	/* the name as written, without the quotes RFC 5322 puts round
	 * one with a comma or a dot ("Smith, Ann" <ann@...>) */
	name = crm_xstrndup(v, (size_t)(lt - v));
	t = crm_trim(name);
	memmove(name, t, strlen(t) + 1);
	n = strlen(name);
	if (n >= 2 && name[0] == '"' && name[n - 1] == '"') {
		memmove(name, name + 1, n - 2);
		name[n - 2] = '\0';
	}
	/* Outlook's "ann@x.example" <ann@x.example> names nobody */
	if (*name && !strchr(name, '@') && (!has(c->v[CRM_C_NAME]) ||
	    *crm_trim(c->v[CRM_C_NAME]) == '\0'))
		crm_cust_set(c, CRM_C_NAME, name);
	crm_cust_set(c, CRM_C_EMAIL, crm_key_trim(addr));
	k->mail_named = 1;
	free(name);
	free(addr);
}

/* Does e-mail cell v hold a character nobody sees (crm_invisible_len)? */
static int
mail_hidden(const char *v)
{
	int space;

	for (; v && *v; v++)
		if ((*v & 0x80) && crm_invisible_len(v, &space) && !space)
			return 1;
	return 0;
}

/* The field naming the system a customer's phone came from. */
#define PHONE_SOURCE "phone source"
#define OTHER_COMPANIES "other companies"

/*
 * Phone numbers gathered, each once (crm_phone_one), in their order: one
 * customer's own.
 */
struct numbers {
	char **v;
	size_t n;
};

static int
numbers_have(const struct numbers *l, const char *num)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (crm_phone_one(l->v[i], num))
			return 1;
	return 0;
}

/* Add num unless it is one of l's already, or not (the phone): */
static void
numbers_add(struct numbers *l, const char *num, const char *not)
{
	if (*num == '\0' || (not && crm_phone_one(not, num)) ||
	    numbers_have(l, num))
		return;
	l->v = crm_xreallocarray(l->v, l->n + 1, sizeof *l->v);
	l->v[l->n++] = crm_xstrdup(num);
}

static void
numbers_free(struct numbers *l)
{
	crm_free_list(l->v, l->n);
	memset(l, 0, sizeof *l);
}

/* The numbers from i on, as the field "other phones" writes them. */
static char *
numbers_text(const struct numbers *l, size_t i)
{
	struct crm_buf b = { 0 };

	for (; i < l->n; i++) {
		if (b.len)
			crm_buf_adds(&b, ", ");
		crm_buf_adds(&b, l->v[i]);
	}
	return b.s ? b.s : crm_xstrdup("");
}

/*
 * Does s begin as a phone number of its own: '+', '(' or a digit, and
 * seven digits or more before a letter or '#' (an extension)?  "12"
 * after "+1 555 0100, " is that number's extension (a dialler's pause),
 * "ext=5" after ';' too (RFC 3966's): no number.
 */
static int
whole_number(const char *s)
{
	int digits = 0;

	s += strspn(s, " ");
	if (*s != '+' && *s != '(' && !isdigit((unsigned char)*s))
		return 0;
	for (; *s && !isalpha((unsigned char)*s) && *s != '#'; s++)
		digits += isdigit((unsigned char)*s) != 0;
	return digits >= 7;
}

/*
 * The numbers of a phone cell or of the field "other phones" into l
 * (v cut in place): Google's "a ::: b", and "a, b" or "a; b" (Pipedrive
 * writes a person's several numbers in one cell) where a comma or
 * semicolon stands between two whole numbers; "+1 (206) 555-0100",
 * "+1 555 0100, 12" and "+1 555 0100;ext=5" are one number each.
 */
static void
numbers_of(char *v, struct numbers *l, const char *not)
{
	char *seg, *next, *from, *p, sep;

	for (seg = v; seg; seg = next) {
		if ((next = strstr(seg, ":::")))
			*next = '\0', next += 3;
		for (from = p = seg; (p = strpbrk(p, ",;")); p++) {
			sep = *p, *p = '\0';
			if (whole_number(from) && whole_number(p + 1)) {
				numbers_add(l, crm_trim(from), not);
				from = p + 1;
			} else {
				*p = sep;
			}
		}
		numbers_add(l, crm_trim(from), not);
	}
}

static const char *row_field(const struct crm_cust *, const char *);

/*
 * Numbers (text, taken) among the row's other phones, after those another
 * column or cell gave (more_phones_tidy keeps each once).
 */
static void
more_phones(struct crm_cust *c, char *text)
{
	const char *had = row_field(c, "other phones");

	if (had && *had) {
		crm_cust_field_take(c, "other phones", crm_xasprintf("%s, %s",
		    had, text));
		free(text);
	} else {
		crm_cust_field_take(c, "other phones", text);
	}
}

/*
 * The numbers of list, each once (crm_phone_one), none phone's (NULL:
 * none), as "other phones" writes them.  Allocated.
 */
static char *
phones_other_than(const char *list, const char *phone)
{
	struct numbers l = { 0 };
	char *text, *copy = crm_xstrdup(list);

	numbers_of(copy, &l, phone && *phone ? phone : NULL);
	text = numbers_text(&l, 0);
	numbers_free(&l);
	free(copy);
	return text;
}

/*
 * The row's other phones, whichever columns and cells gave them (a cell of
 * several numbers, QuickBooks' labels, a vCard's TELs, a column of that
 * name), each once and none the phone's: a number written twice, or the
 * phone again in another form ("13800138000" beside "+86 138 0013
 * 8000"), is one number, which a customer keeps once (keep_own_phone).
 */
static void
more_phones_tidy(struct crm_cust *c)
{
	const char *more = row_field(c, "other phones");

	if (more && *more)
		crm_cust_field_take(c, "other phones", phones_other_than(more,
		    c->v[CRM_C_PHONE]));
}

/*
 * Several numbers in the phone column (numbers_of): the first is the
 * phone, the others are kept, as the field "other phones" ("b, c").
 */
static void
split_phone(struct crm_cust *c)
{
	struct numbers l = { 0 };
	char *v = c->v[CRM_C_PHONE];

	if (v == NULL || strpbrk(v, ",;:") == NULL)
		return;
	numbers_of(v, &l, NULL);
	/* The first in v's room, where labelled_phone may cut it */
	strcpy(v, l.n ? l.v[0] : "");
	if (l.n > 1)
		more_phones(c, numbers_text(&l, 1));
	numbers_free(&l);
}

/*
 * The length of the label that begins p, with its ':' ("Phone:", "Alt.
 * Phone:"), or 0: letters, dots and spaces, followed by a number.
 */
static size_t
phone_label(const char *p)
{
	const char *q = p;

	if (!isalpha((unsigned char)*p) || strncasecmp(p, "tel:", 4) == 0)
		return 0;	/* tel:+44..., a URI */
	while (isalpha((unsigned char)*q) || *q == '.' || *q == ' ')
		q++;
	if (*q != ':' || q - p > 16)
		return 0;
	q++;
	q += strspn(q, " ");
	return isdigit((unsigned char)*q) || *q == '+' || *q == '(' ?
	    (size_t)(strchr(p, ':') - p + 1) : 0;
}

static void
list_add(struct crm_buf *b, const char *s)
{
	if (b->len)
		crm_buf_adds(b, ", ");
	crm_buf_adds(b, s);
}

/*
 * A labelled number cut before the next label, without the separator
 * written between the two ("Phone: a / Mobile: b", "a, Mobile: b", "a;
 * Fax: b"): the label parts them, the separator is no part of either.
 * A slash inside a number ("030 / 1234567", Germany's area code) is not
 * at its end, and stays.
 */
static char *
cut_separator(char *num)
{
	size_t n = strlen(num);

	while (n > 0 && strchr("/,;| ", num[n - 1]))
		num[--n] = '\0';
	return num;
}

/*
 * QuickBooks' Phone Numbers cell, "Phone: (813) 555-3030 Mobile: (813)
 * 555-9999" (its Desktop's "Alt. Phone:" and "Fax:" too): labels, no part
 * of a number.  The first number not a fax is the phone, the other
 * numbers are kept as the field "other phones" ("a, b"), a fax as "fax".
 * A cell without a label is left as it is.
 */
static void
labelled_phone(struct crm_cust *c)
{
	struct crm_buf more = { 0 }, fax = { 0 };
	char *v = c->v[CRM_C_PHONE], *p, *label, *num, *phone = NULL;
	size_t n;

	if (v == NULL || phone_label(v = crm_trim(v)) == 0)
		return;
	for (p = v; (n = phone_label(p)) > 0; ) {
		label = p;
		num = p + n;
		/* the number runs to the next label, after a space */
		for (p = num; *p && !(*p == ' ' && phone_label(p + 1)); p++)
			;
		if (*p)
			*p++ = '\0';
		if (*(num = cut_separator(crm_trim(num))) == '\0')
			continue;
		if (strncasecmp(label, "fax", 3) == 0)
			list_add(&fax, num);
		else if (phone == NULL)
			phone = num;
		else
			list_add(&more, num);
	}
	c->v[CRM_C_PHONE] = phone;
	if (more.len)
		more_phones(c, crm_xstrdup(crm_buf_str(&more)));
	if (fax.len)
		crm_cust_field(c, CRM_VCARD_FAX, crm_buf_str(&fax));
	crm_buf_free(&more);
	crm_buf_free(&fax);
}

/*
 * A first and a last name beside a name column that filled the name
 * (a Display Name, a ContactName): kept as extra fields under their
 * headers, never dropped, unless the name holds both already ("Jane Doe"
 * beside Jane and Doe).
 */
static void
keep_name_parts(struct crm_cust *c, const struct colmap *cm, size_t n,
    const char *first, const char *last)
{
	const char *name = c->v[CRM_C_NAME];
	size_t i;

	if (!has(name) || *crm_trim(c->v[CRM_C_NAME]) == '\0')
		return;
	if ((first == NULL || strstr(name, crm_trim((char *)first))) &&
	    (last == NULL || strstr(name, crm_trim((char *)last))))
		return;		/* nothing of them would be lost */
	for (i = 0; i < n; i++)
		if (cm[i].to == T_FIRST && first && *first)
			crm_cust_field(c, cm[i].field, first), first = NULL;
		else if (cm[i].to == T_LAST && last && *last)
			crm_cust_field(c, cm[i].field, last), last = NULL;
}

/*
 * The row's name, when its Name column is a surname (surname_col) and it
 * does not hold the first name already: allocated, the name unset, to be
 * joined as a last name's.  NULL when the name is whole.
 */
static char *
row_surname(struct crm_cust *c, const struct colmap *cm, size_t n,
    const char *first)
{
	const char *name = c->v[CRM_C_NAME];
	char *a, *b, *last = NULL;
	size_t i;

	for (i = 0; i < n && !cm[i].surname; i++)
		;
	if (i == n || first == NULL || *crm_key_trim((char *)first) == '\0' ||
	    !has(name) || *crm_trim(c->v[CRM_C_NAME]) == '\0')
		return NULL;
	a = crm_key_fold(name), b = crm_key_fold(crm_key_trim((char *)first));
	if (strstr(a, b) == NULL) {
		last = crm_xstrdup(crm_trim(c->v[CRM_C_NAME]));
		crm_cust_set(c, CRM_C_NAME, NULL);
	}
	free(a), free(b);
	return last;
}

/* Is text the person's name written as "Last, First" or as it is? */
static int
person_display(const char *text, const char *name)
{
	const char *comma = strchr(text, ',');
	char *swapped;
	int r;

	if (strcasecmp(text, name) == 0)
		return 1;
	if (comma == NULL)
		return 0;
	swapped = crm_xasprintf("%s %.*s", crm_key_trim((char *)comma + 1 +
	    strspn(comma + 1, " ")), (int)(comma - text), text);
	r = strcasecmp(swapped, name) == 0;
	free(swapped);
	return r;
}

/*
 * QuickBooks' sub-customer or job, "Amy's Bird Sanctuary:Job 1" (its
 * Customer:Job name, "Parent:Sub:Job" deeper): it belongs to its parent,
 * whose organisation the row's person is a contact of; the whole name is
 * kept under the column's header, or is the name of a row with no person
 * (the job, then a contact of its parent).  1 when co was such a name.
 */
static int
parent_customer(struct crm_cust *c, const struct colmap *cm, char *co)
{
	char *colon = strchr(co, ':'), *parent;

	parent = crm_xstrndup(co, (size_t)(colon - co));
	if (*crm_trim(parent) == '\0' || *crm_trim(colon + 1) == '\0') {
		free(parent);
		return 0;	/* ":x" or "x:": no parent and job */
	}
	if (!has(c->v[CRM_C_NAME]) || *crm_trim(c->v[CRM_C_NAME]) == '\0') {
		crm_cust_set(c, CRM_C_NAME, NULL);	/* join_name's "" */
		c->v[CRM_C_NAME] = co;
	} else {
		crm_cust_field_take(c, cm->field, co);
	}
	c->v[CRM_C_COMPANY] = NULL;
	crm_cust_set(c, CRM_C_COMPANY, crm_trim(parent));
	free(parent);
	return 1;
}

/*
 * A known export's company column (or_name: QuickBooks' Customer, Xero's
 * ContactName beside FirstName and LastName) on a row no other column
 * names is the customer's name, not a company.  QuickBooks' display name
 * of a person ("Smith, John" beside Full Name "John Smith") is not a
 * company either: kept as a field.
 */
static void
company_or_name(struct crm_cust *c, const struct colmap *cm, size_t n)
{
	char *co = c->v[CRM_C_COMPANY];
	size_t i;

	for (i = 0; i < n && !(cm[i].to == CRM_C_COMPANY && cm[i].or_name); i++)
		;
	if (i == n || !has(co))
		return;
	if (cm[i].jobs && strchr(co, ':') && parent_customer(c, &cm[i], co))
		return;
	if (!has(c->v[CRM_C_NAME]) || *crm_trim(c->v[CRM_C_NAME]) == '\0') {
		crm_cust_set(c, CRM_C_NAME, NULL);	/* join_name's "" */
		c->v[CRM_C_NAME] = co;
		c->v[CRM_C_COMPANY] = NULL;
	} else if (person_display(crm_trim(co), crm_trim(c->v[CRM_C_NAME]))) {
		c->v[CRM_C_COMPANY] = NULL;
		crm_cust_field_take(c, cm[i].field, co);
	}
}

/*
 * Build the customer a row describes.  Its values are copies (the row
 * itself goes to the rejects file as read), all in one block, c->arena.
 */
/*
 * A number that is no phone to call: a fax or pager column (T_FAX,
 * T_PAGER: Outlook's Business Fax and Pager, Xero's FaxNumber ...), or a
 * numbered phone whose label says so (Google's "Work Fax", "Home Fax",
 * "Pager").  The number goes to the field "fax" (no_call[0]), as a
 * vCard's TEL;TYPE=FAX does, or "pager" (no_call[1]), and not to the
 * phone nor the other phones: the next number is the phone.  1 when
 * taken.
 */
static int
no_call_cell(const struct crm_rec *rec, const struct colmap *cm, char *v,
    struct crm_buf no_call[2])
{
	const char *label = cm->label == 0 || (size_t)cm->label > rec->n ?
	    NULL : rec->f[cm->label - 1];
	char *p;
	int k;

	if (cm->to == T_FAX || cm->to == T_PAGER)
		k = cm->to == T_PAGER;
	else if (label && strcasestr(label, "fax"))
		k = 0;
	else if (label && strcasestr(label, "pager"))
		k = 1;
	else
		return 0;
	/* Google's "a ::: b", two numbers of one label */
	while ((p = strstr(v, " ::: ")) != NULL)
		memmove(p + 1, p + 4, strlen(p + 4) + 1), *p = ',';
	if (*crm_trim(v))
		list_add(&no_call[k], crm_trim(v));
	return 1;
}

/*
 * The address the parts of a row's address make (cm's adr_part), as a
 * vCard's ADR makes it: "street, city, postcode, country", what is empty
 * left out.  None when no column is a part.
 */
static void
parts_address(struct crm_cust *c, const struct colmap *cm, size_t n)
{
	const char *part[7] = { 0 };
	struct crm_buf b = { 0 };
	size_t i, any = 0;

	for (i = 0; i < n; i++)
		if (cm[i].adr_part && (part[cm[i].adr_part - 1] =
		    row_field(c, cm[i].field)) != NULL)
			any++;
	if (any == 0)
		return;
	for (i = 0; i < 7; i++)
		if (has(part[i])) {
			crm_buf_adds(&b, b.len ? ", " : "");
			crm_buf_adds(&b, part[i]);
		}
	if (b.len)
		crm_cust_field(c, "address", b.s);
	crm_buf_free(&b);
}

/* The numbers of b as the field key, after the row's own (QuickBooks'
 * "Fax:" in its Phone Numbers cell, labelled_phone), freeing b. */
static void
no_call_field(struct crm_cust *c, const char *key, struct crm_buf *b)
{
	const char *had = row_field(c, key);
	char *v;

	if (b->len && had) {
		v = crm_xasprintf("%s, %s", had, crm_buf_str(b));
		crm_cust_field_take(c, key, v);
	} else if (b->len) {
		crm_cust_field(c, key, crm_buf_str(b));
	}
	crm_buf_free(b);
}

static void
row_to_cust(const struct crm_rec *rec, const struct colmap *cm, size_t n,
    struct crm_cust *c, struct rowkeys *k)
{
	char *first = NULL, *last = NULL, *sur, *v;
	struct crm_buf no_call[2] = { { 0 }, { 0 } };
	size_t i, len, size = 0;

	for (i = 0; i < rec->n; i++)
		if (cm[i].to != T_SKIP)
			size += strlen(rec->f[i]) + 1;
	c->arena = v = crm_xmalloc(size ? size : 1);
	c->narena = size;
	c->utf8_ok = 1;		/* crm_rd_next() checked every field */
	for (i = 0; i < rec->n && i < n; i++) {
		if (cm[i].to == T_SKIP)
			continue;
		len = strlen(rec->f[i]) + 1;
		memcpy(v, rec->f[i], len);
		crm_unneutralise(v);
		if (!cm[i].ahead && !no_call_cell(rec, &cm[i], v, no_call))
			put_cell(c, &cm[i], (int)i, v, k, &first, &last);
		v += len;
	}
	/* A second column ahead of its first stands in after the first. */
	for (i = 0, v = c->arena; i < rec->n && i < n; i++) {
		if (cm[i].to == T_SKIP)
			continue;
		if (cm[i].ahead)
			put_cell(c, &cm[i], (int)i, v, k, &first, &last);
		v += strlen(rec->f[i]) + 1;	/* as copied, not as read */
	}
	split_email(c, cm, n, k);
	k->mail_hidden = mail_hidden(c->v[CRM_C_EMAIL]);
	split_phone(c);
	labelled_phone(c);
	if (k->phones.len)
		more_phones(c, crm_xstrdup(crm_buf_str(&k->phones)));
	more_phones_tidy(c);
	no_call_field(c, CRM_VCARD_FAX, &no_call[0]);
	no_call_field(c, CRM_VCARD_PAGER, &no_call[1]);
	birth_parts(c, cm, k);
	if ((sur = row_surname(c, cm, n, first)) != NULL)
		last = sur;
	if ((first && *first) || (last && *last))
		keep_name_parts(c, cm, n, first, last);
	if (first || last)
		join_name(c, first, last);
	free(sur);
	company_or_name(c, cm, n);
	parts_address(c, cm, n);
	named_email(c, k);	/* after every column that gives a name */
}

static int
header_col(const struct colmap *cm, size_t n, int to)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (cm[i].to == to)
			return (int)i;
	return -1;
}

/*
 * A phone or id Excel wrote as 1.23457E+15 (hint.c): its digits are
 * lost, and two customers' could be the same.  NULL, or what is wrong
 * and *col.
 */
static const char *
excel_cell(const struct crm_cust *c, const struct colmap *cm, size_t n,
    int *col)
{
	static const int cols[] = { CRM_C_PHONE, CRM_C_EXTERNAL_ID };
	const char *err;
	size_t i;

	for (i = 0; i < sizeof cols / sizeof cols[0]; i++)
		if (has(c->v[cols[i]]) &&
		    (err = crm_excel_hint(c->v[cols[i]])) != NULL) {
			*col = header_col(cm, n, cols[i]);
			return err;
		}
	return NULL;
}

/*
 * Normalise and check the row's customer; NULL or what is wrong.  rd, the
 * file's reader, lets a created date either order could be (03/02/2026)
 * be told by a later row of its column, as crm-log's are.
 */
static const char *
check_row(struct crm_cust *c, const struct colmap *cm, size_t n, int *col,
    struct crm_rd *rd)
{
	static char msg[160], date[600];
	const char *err, *what;
	int k;

	*col = -1;
	if ((err = excel_cell(c, cm, n, col)) != NULL)
		return err;
	if ((err = crm_cust_check(c, &k, &what)) == NULL)
		return NULL;
	*col = k >= 0 ? header_col(cm, n, k) : -1;
	if (k == CRM_C_EMAIL && *col >= 0 && has(c->v[CRM_C_EMAIL]))
		err = crm_email_cell_hint(c->v[CRM_C_EMAIL], cm[*col].field);
	if (k == CRM_C_CREATED && *col >= 0 && has(c->v[CRM_C_CREATED])) {
		snprintf(date, sizeof date, "not a date (%s)",
		    crm_date_hint_column(c->v[CRM_C_CREATED], rd,
		    (size_t)*col));
		return date;
	}
	if (*col < 0 && what) {
		snprintf(msg, sizeof msg, "%.100s: %s", what, err);
		return msg;
	}
	return err;
}

#define FB_ROWS	32

struct fbatch {
	long long id[FB_ROWS];
	size_t key[FB_ROWS], val[FB_ROWS];	/* offsets into text */
	unsigned char once[FB_ROWS];	/* its key is once in its row */
	size_t n;
	int sure;			/* a load that numbers its rows */
	int many;			/* the engine waits for each statement */
	struct crm_buf text;		/* kept between batches */
};

/*
 * The organisations rows named, by their company cell and by domain, so
 * that the thousands of rows of one company look it up once: a fixed
 * number of slots (constant memory), a name in one of ORG_WAYS slots or
 * in none.  That a name finds none holds only until an organisation is
 * made (made), anything only until an organisation's row is written
 * (written): counters, so that forgetting is one step.
 */
#define ORG_SLOTS	16384
#define ORG_WAYS	4

struct orgcache {
	struct orgslot {
		char *text;	/* a company cell or a domain */
		long long id;	/* 0: none */
		unsigned made, written;	/* the counters when it was kept */
	} *slot;		/* ORG_SLOTS, allocated when first kept */
	unsigned made, written;
};

static unsigned
org_hash(const char *text)
{
	unsigned h = 2166136261u;
	const unsigned char *p;

	for (p = (const unsigned char *)text; *p; p++)
		h = (h ^ *p) * 16777619u;
	return h;
}

/* text's slot, or NULL with *free_slot one it may take. */
static struct orgslot *
org_slot(struct orgcache *oc, const char *text, struct orgslot **free_slot)
{
	unsigned h = org_hash(text), i;
	struct orgslot *s;

	if (oc->slot == NULL)
		oc->slot = crm_xcalloc(ORG_SLOTS, sizeof *oc->slot);
	*free_slot = &oc->slot[(h + (h >> 16) % ORG_WAYS) % ORG_SLOTS];
	for (i = 0; i < ORG_WAYS; i++) {
		s = &oc->slot[(h + i) % ORG_SLOTS];
		if (s->text == NULL) {
			*free_slot = s;
			return NULL;
		}
		if (strcmp(s->text, text) == 0)
			return s;
	}
	return NULL;
}

/* The organisation text was found to be, 0 for none, -1: not known. */
static long long
org_cached(struct orgcache *oc, const char *text)
{
	struct orgslot *free_slot, *s = org_slot(oc, text, &free_slot);

	if (s == NULL || s->written != oc->written ||
	    (s->id == 0 && s->made != oc->made))
		return -1;
	return s->id;
}

static void
org_keep(struct orgcache *oc, const char *text, long long id)
{
	struct orgslot *free_slot, *s = org_slot(oc, text, &free_slot);

	if (s == NULL) {
		s = free_slot;
		free(s->text);
		s->text = crm_xstrdup(text);
	}
	s->id = id, s->made = oc->made, s->written = oc->written;
}

static void
org_cache_free(struct orgcache *oc)
{
	size_t i;

	for (i = 0; oc->slot && i < ORG_SLOTS; i++)
		free(oc->slot[i].text);
	free(oc->slot);
	oc->slot = NULL;
}

/* What the import needs while it goes: the file's shape, and a rule. */
/*
 * The names of the people, as name_key() writes them, in a hash table:
 * made once, at the first row that asks (keyed_namesake, held_by_phone),
 * then added to as rows add people, each at no cost the table's size
 * makes (a sorted array moved half of itself for each).
 */
struct name_ix {
	int built;
	size_t n, cap;
	struct ix_ent {
		char *key;
		long long id;
		size_t next;	/* the next of its bucket, + 1; 0: none */
	} *e;
	size_t *head, nhead;	/* each bucket's first entry, + 1 */
};

struct cust_ctx {
	struct crm_db *db;
	struct crm_rd *rd;	/* the file: a date hint looks ahead in it */
	long prev_end;		/* the line the last row not blank ended on */
	struct colmap *cm;
	char *const *names;
	size_t n;
	struct crm_import *im;
	const char *file;	/* the input's name, for a warning */
	struct hdrinfo hi;
	int ids_any;		/* identities has rows: look before inserting */
	int keyless_any;	/* a person at an organisation with neither
				 * e-mail, phone nor external_id may be: a
				 * row of her name there looks (org_name_join) */
	struct crm_seen keyless_orgs;	/* the organisations of such people */
	int moved_any;		/* a person has 'other companies' */
	int phoned_any;		/* a person known by a phone but no e-mail or
				 * id may be: look before inserting (held);
				 * -1 not asked yet */
	int erased_any;		/* someone is on the erased list (erase.c) */
	int unnamed;		/* no column is a name or an e-mail */
	int subtotal_said;	/* how to keep a subtotal line: said once */
	char *birthday_note;	/* the first birthday not read as a date,
				 * said once at the end of a good import */
	char *optout_note;	/* the first opt-out cell not understood,
				 * said once at the end; how many */
	long odd_optouts;
	int optval_look;	/* cells may say an opt-out crm does not
				 * read (optout_values_looked) */
	char *optval_note;	/* the first such, said once at the end */
	char *stays_note;	/* the first customer who keeps a mark a row
				 * says she lacks (optout_stays); how many */
	long stays;
	char *mailname_note;	/* the first customer named by an e-mail
				 * the row names; how many (mail_name) */
	long mailnamed;
	char *twin_note;	/* the first person added beside a namesake
				 * at her organisation; how many (twin_added) */
	long twins;
	char *keyed_note;	/* the first row with neither e-mail nor id
				 * found by name and phone among customers
				 * with one; how many (keyed_said) */
	long keyed;
	char *turned_note;	/* the first row found by its name turned
				 * round; how many (turned_found) */
	long turned;
	struct name_ix names_ix;	/* keyed_namesake's, made once */
	long mails_hidden, mails_named;	/* rows whose e-mail held an
				 * invisible character, or a name; and
				 * the first of each (mail_tidy_say) */
	long hidden_line, named_line;
	long phones_moved;	/* phones a row replaced, kept in "other
				 * phones": said as a count at the end */
	char *standing_note;	/* the first customer who kept her status
				 * against a lead's; how many (keep_status) */
	long standing;

	/* The line each customer this import added came from, by its id
	 * less im->first_id (0: none known): a message names such a one
	 * by its line (who), since a refused row rolls it back. */
	uint32_t *made_line;
	size_t nmade;
	/* The organisations this import made for people's companies
	 * (make_link), rising as ids do; one an organisation's row of the
	 * file then finds is that row's, added (org_row_added).  A negative
	 * id: found so once. */
	long long *made_org;
	size_t nmade_org, amade_org;
	/* Of each customer who was here before the import that a row found
	 * (those it added are in made_line, and all they have is the file's),
	 * the first row's line and the values the rows gave, a bit a key
	 * (given_bit), for earlier_row_wins: a hash of ids, open addressing. */
	struct rowed {
		long long *id;	/* 0: a free slot */
		uint32_t *line;
		uint64_t *given;
		size_t n, cap;
	} rowed;
	char *again_note;	/* the first row whose values an earlier row
				 * of the file kept; how many (again_say) */
	long agains;
	long line;		/* the row's line, for a note */
	/* What rows did that is said once after the import: how many, and
	 * the first (tally_add, tally_say). */
	struct tally {
		long n;
		char *first;
	} companies, phone_theirs, mail_shared, name_joined;
	/* the last digits of every customer's phone (phone_tail), read at
	 * the first phone_theirs: whose a number may be */
	struct crm_seen phones;
	int phones_built;
	long long load_rows;	/* the file's rows, about (crm_bulk's) */
	long long phone_read;	/* numbers phone_theirs has read */
	long phone_unasked;	/* numbers it left unasked past its budget */
	int org_export;		/* every row is an organisation */
	int own_orgs;		/* crm-segment --orgs's listing (own_orgs) */
	int own_id_col;		/* crm's own listing's id column, -1 */
	const char *own_id;	/* the row's id there, NULL for none */
	int account_col;	/* a file of people's AccountId: the id of
				 * each one's organisation (account_link), -1 */
	char *account_note;	/* the first not found, said once; how many */
	long unlinked;
	int orgs_any;		/* there are organisations to link people to */
	int company_text;	/* the company column is crm's own: text only */
	/* Without a created column, each extra field's cells so far: 0 not
	 * watched or not all dates, 1 none yet, 2 all dates (dates_say) */
	unsigned char *dated;
	/* and, of each, the --date-formats that read its first values, when
	 * crm does not read them as written (crm_date_formats_narrow) */
	struct datefmt {
		unsigned long long mask;
		unsigned looked;	/* values narrowed by */
		int needs;		/* one needed a format */
	} *datefmt;
	struct orgcache by_name, by_domain;	/* organisations found */
	struct crm_currency currency;	/* of the credit limits, read once */
	struct fbatch fb;
	/* Into an empty table, on an engine that wants them (crm_bulk's
	 * next): the id of the next customer, else 0; and the keys that
	 * rows had, so that a row without them is new for sure. */
	long long next;
	struct crm_seen taken;
	struct crm_seen orgs;		/* the keys of organisations' names */
	struct crm_seen colleagues;	/* (organisation, e-mail domain) of
					 * the people linked so far (learn_domain) */
	/* People with no company whose domain no organisation had at their
	 * row: linked at the end (link_later) to one that took it since,
	 * as a second import would.  Their ids, domains, and whether the
	 * row left them unchanged. */
	struct later {
		long long id;
		char *domain;
		int unchanged;
	} *later;
	size_t nlater, alater;
	/* The rows judged for mostly_taken, and those whose key was
	 * taken: insert_first's tries, and rows looked up without one
	 * (what a try would have met). */
	long long first_tries, first_taken;
	/* The customer the row found, read once for every check on it
	 * (nothing writes it before keep_own_keys): on PostgreSQL each read
	 * was a round trip, and in a load it sends the rows waiting. */
	struct found {
		long long id;		/* 0: none read */
		int org;
		char *name, *email, *ext;
	} found;
	/* In a numbered load, the customer a repeated row's e-mail found,
	 * read as its update will read it (crm_cust_read_by_email): the
	 * look-up and the read in one round trip on PostgreSQL. */
	struct crm_stored *stored;
};

/* One more row of a kind (t), text its note (allocated): the first kept. */
static void
tally_add(struct tally *t, char *text)
{
	if (t->n++ == 0)
		t->first = text;
	else
		free(text);
}

/* Say t once after the import: what (of n rows) and the first. */
static void
tally_say(const struct cust_ctx *x, const struct tally *t, const char *one,
    const char *many, const char *what)
{
	if (t->n == 0)
		return;
	crm_warn("%s: %ld %s %s (%s%s)", x->file, t->n, t->n == 1 ? one : many,
	    what, t->first, t->n > 1 ? ", ..." : "");
}

/* Is the company of key (crm_org_key) one of list's ("; " between)? */
static int
companies_have(const char *list, const char *key)
{
	char *copy, *w, *p, *f;
	int found = 0;

	if (!has(list))
		return 0;
	copy = crm_xstrdup(list);
	for (w = strtok_r(copy, ";", &p); w && !found; w = strtok_r(NULL,
	    ";", &p)) {
		f = crm_org_key(crm_key_trim(w));
		found = *f && strcmp(f, key) == 0;
		free(f);
	}
	free(copy);
	return found;
}

static void
found_forget(struct found *f)
{
	free(f->name);
	free(f->email);
	free(f->ext);
	memset(f, 0, sizeof *f);
}

/* What found() keeps, from a row of st whose columns from i are the
 * customer's type = 'org', name, email and external_id. */
static void
found_keep(struct found *f, struct crm_stmt *st, int i, long long id)
{
	found_forget(f);
	f->id = id;
	f->org = (int)crm_col_int(st, i);
	f->name = crm_col_type(st, i + 1) == CRM_NULL ? NULL :
	    crm_xstrdup(crm_col_text(st, i + 1));
	f->email = crm_col_type(st, i + 2) == CRM_NULL ? NULL :
	    crm_xstrdup(crm_col_text(st, i + 2));
	f->ext = crm_col_type(st, i + 3) == CRM_NULL ? NULL :
	    crm_xstrdup(crm_col_text(st, i + 3));
}

/* What found() keeps, from the customer as read to update it (s). */
static void
found_stored(struct found *f, const struct crm_stored *s, long long id)
{
	const char *v;

	found_forget(f);
	f->id = id;
	f->org = crm_stored_col(s, -1) != NULL;
	f->name = (v = crm_stored_col(s, CRM_C_NAME)) ? crm_xstrdup(v) : NULL;
	f->email = (v = crm_stored_col(s, CRM_C_EMAIL)) ? crm_xstrdup(v) :
	    NULL;
	f->ext = (v = crm_stored_col(s, CRM_C_EXTERNAL_ID)) ? crm_xstrdup(v) :
	    NULL;
}

/* Customer id's type, name and keys, as the database has them. */
static const struct found *
found(struct cust_ctx *x, long long id)
{
	static const char key;
	struct found *f = &x->found;
	struct crm_stmt *st;

	if (f->id == id)
		return f;
	found_forget(f);
	st = crm_cached(x->db, &key, "SELECT type = 'org', name, email, "
	    "external_id FROM customers WHERE id = ?");
	crm_db_bulk_keys(x->db, NULL, id, 0);
	crm_bind_int(st, 1, id);
	if (crm_step(st) == CRM_ROW)
		found_keep(f, st, 0, id);
	crm_reset(st);
	crm_db_bulk_keys(x->db, NULL, 0, 0);
	return f;
}

/* A key (an e-mail, an external id) some customer may have. */
static int
taken(const struct cust_ctx *x, const char *key)
{
	return has(key) && crm_seen_maybe(&x->taken, crm_seen_hash(0, key));
}

/* A customer was added, waited for: the next one's id is after it. */
static void
took_id(struct cust_ctx *x, long long id)
{
	if (x->next && id >= x->next)
		x->next = id + 1;
}

/*
 * Note the customer a key of a row names (crm_match in crm.h); -1 when it
 * is a second one.  crm-log's import (iaimport.c) holds a row's keys to
 * the same rule.
 */
int
crm_match_key(struct crm_match *m, long long id, const char *what,
    const char *value, int col)
{
	if (id == 0 || id == m->id)
		return 0;
	if (m->id == 0) {
		m->id = id, m->what = what, m->value = value, m->id_col = col;
		return 0;
	}
	m->col = col;
	return -1;
}

/*
 * What is wrong with a row whose keys name two customers, m's and other:
 * never a guess, since updating one would lose the other.
 */
const char *
crm_match_conflict(const struct crm_match *m, long long other)
{
	static char msg[512];

	snprintf(msg, sizeof msg, "names two customers: %lld (by %s '%.80s') "
	    "and %lld; merge them (crm-add %s %lld %lld) or fix the row",
	    m->id, m->what, m->value, other, crm_optname("merge"), m->id,
	    other);
	return msg;
}

/*
 * The same, when one of the two keys is a generic id, column idcol (a
 * shop's Customer ID, an account id a company's people share): two
 * systems' numbers 1..N collide, so the likely cause is the column and
 * the safe way out is to drop it (the row is then taken by its e-mail);
 * a merge only if they are one person, since it cannot be undone short
 * of crm undo.
 */
const char *
crm_match_conflict_id(const struct crm_match *m, long long other,
    const char *idcol)
{
	static char msg[640];

	snprintf(msg, sizeof msg, "names two customers: %lld (by %s '%.80s') "
	    "and %lld: if this column is not each person's own id, drop it "
	    "with %s %s; if they are one person, crm-add %s %lld %lld",
	    m->id, m->what, m->value, other, crm_optname("map"),
	    crm_map_word(idcol, "-"), crm_optname("merge"), m->id, other);
	return msg;
}

/*
 * A generic id (column idcol, value) names a customer (who: "customer
 * 12", "line 3") while the row's e-mail names nobody.
 */
static const char *
other_person(const char *who, const char *value, const char *idcol)
{
	static char msg[512];

	snprintf(msg, sizeof msg, "'%.80s' is %s's, another person with "
	    "another e-mail: if this column is not each person's own id, "
	    "drop it with %s %s", value, who, crm_optname("map"),
	    crm_map_word(idcol, "-"));
	return msg;
}

/* The same of customer id: crm-add's refusal, also crm-log's (iaimport.c). */
const char *
crm_match_other_person(long long id, const char *value, const char *idcol)
{
	char who[48];

	snprintf(who, sizeof who, "customer %lld", id);
	return other_person(who, value, idcol);
}

/*
 * A customer a row may be by her number written with its country code on
 * one side only (crm_phone_of's 1: "030 1234567" for "+49 30 1234567"),
 * the first: who, her number and how, noted (crm_phone_cross_note) when
 * she is the one the row is, and said once after the import, as crm-log
 * says its own (crm_phone_cross_say): a stranger abroad may have her
 * digits.
 */
struct cross {
	long long id;
	int same;
	char theirs[80];
};

/* Keep customer id's number theirs (taken; NULL: none) in cr, the first. */
static void
cross_keep(struct cross *cr, long long id, char *theirs, int same)
{
	if (theirs && cr->id == 0) {
		cr->id = id, cr->same = same;
		snprintf(cr->theirs, sizeof cr->theirs, "%s", theirs);
	}
	free(theirs);
}

/* Note cr when id, the customer the row with phone is, is its. */
static void
cross_note(struct crm_db *db, const struct cross *cr, const char *phone,
    long long id)
{
	if (id && cr->id == id)
		crm_phone_cross_note(db, phone, id, cr->theirs, cr->same);
}

/*
 * The customers a row known by neither e-mail nor id may be: its name with
 * its phone or company (or, when the row has neither, a name alone that
 * has neither), among those that have no e-mail and no id either.  The
 * query gives those of the name; namesake_is() says which of them have
 * the phone or company, phones compared as crm-log compares them
 * (crm_phone_of: "+44 7700 900123" is "+447700900123"), her other phones
 * too (a number she had).
 */
#define NAMESAKES_FROM(from) "SELECT id, phone, company, (SELECT value " \
	"FROM customer_fields WHERE customer_id = customers.id AND key = " \
	"'other phones') FROM " from \
	" WHERE name = ?1 AND email IS NULL AND external_id IS NULL AND " \
	"type = 'person' AND NOT EXISTS (SELECT 1 FROM identities WHERE " \
	"customer_id = customers.id AND kind = 'id') ORDER BY id"
#define NAMESAKES NAMESAKES_FROM("customers")
/*
 * SQLite's own syntax: its planner takes the unique e-mail index for
 * "email IS NULL" (one row a key, it reckons), which holds every
 * customer without an e-mail, the organisations included: a scan of
 * them for each row, so 20,000 rows of names and phones took 26 s of
 * CPU.  customers_name holds exactly the customers asked for.
 */
#define NAMESAKES_SQLITE NAMESAKES_FROM("customers INDEXED BY customers_name")

/* The row's namesakes: how many, the first few ids, and its phone's. */
struct namesakes {
	long long n, first, by_phone;
	long long exact, n_phone;	/* crm_phone_exact; how many by phone */
	struct crm_buf ids;	/* "2, 3", the first five */
	struct cross cross;	/* by_phone's, when written otherwise */
};

/*
 * Is customer id of the row's name, with phone, other phones more and
 * company (each NULL for none), one the row may be?  3 when she has the
 * row's phone written alike (crm_phone_exact), 2 when she has it, 1 her
 * company (or neither, as the row), 0 not.
 */
static int
namesake_is(const struct crm_cust *c, long long id, const char *phone,
    const char *more, const char *company, struct cross *cr)
{
	const char *p = has(c->v[CRM_C_PHONE]) ? c->v[CRM_C_PHONE] : NULL,
	    *co = has(c->v[CRM_C_COMPANY]) ? c->v[CRM_C_COMPANY] : NULL;
	char *theirs;
	int is, same = 0;

	if (p && (phone || more) && (is = crm_phone_of(phone, more, p, 0,
	    &theirs, &same)) > 0) {
		cross_keep(cr, id, theirs, same);
		return is == 3 ? 3 : 2;
	}
	if (co && company && strcmp(co, company) == 0)
		return 1;
	return p == NULL && co == NULL && phone == NULL && company == NULL;
}

/* The row's namesakes (NAMESAKES), into ns; free ns->ids after. */
static void
namesakes_find(struct crm_db *db, const struct crm_cust *c, const char *name,
    struct namesakes *ns)
{
	static const char key, key_sqlite;
	int sqlite = strcmp(crm_db_engine(db), "sqlite") == 0;
	struct crm_stmt *st = sqlite ? crm_cached(db, &key_sqlite,
	    NAMESAKES_SQLITE) : crm_cached(db, &key, NAMESAKES);
	long long id;
	int is;

	memset(ns, 0, sizeof *ns);
	crm_bind_text(st, 1, name);
	while (crm_step(st) == CRM_ROW) {
		id = crm_col_int(st, 0);
		if ((is = namesake_is(c, id, crm_col_text(st, 1),
		    crm_col_text(st, 3), crm_col_text(st, 2), &ns->cross)) == 0)
			continue;
		if (is >= 2 && ns->n_phone++ == 0)
			ns->by_phone = id;
		if (is == 3 && ns->exact == 0)
			ns->exact = id;
		if (ns->n == 0)
			ns->first = id;
		if (ns->n < 5)
			crm_buf_addf(&ns->ids, "%s%lld", ns->n ? ", " : "", id);
		ns->n++;
	}
	crm_reset(st);
	/* "+1 415 555 0100" is x101's and x102's line alike: neither's */
	if (ns->exact)
		ns->by_phone = ns->exact;
	else if (ns->n_phone > 1)
		ns->by_phone = 0;
}

/*
 * A customer known by neither e-mail nor id, found again by its name
 * (NAMESAKES): so a re-import does not make it twice.  The one with the
 * row's phone first; when none has it and two or more have the name, the
 * row names none of them (the lowest id would be a guess that overwrites
 * her): 0, and *namesakes says so.  When nobody has the name, the one
 * who has it written the other way round ("Müller, Hans" for "Hans
 * Müller": crm_name_turned, a person's name only), as crm-log finds her;
 * that name, allocated, in *turned; of several, none (no guess: the row
 * is another).  Only among those with no e-mail or id, as the row has
 * none: two e-mails are never one customer by a name.
 */
static long long
by_name(struct crm_db *db, const struct crm_cust *c, int *namesakes,
    int *phoned, char **turned)
{
	struct namesakes ns;
	long long id;
	char *t;

	*turned = NULL;
	namesakes_find(db, c, c->v[CRM_C_NAME], &ns);
	if (ns.n == 0 && (t = crm_name_turned(c->v[CRM_C_NAME])) != NULL) {
		crm_buf_free(&ns.ids);
		namesakes_find(db, c, t, &ns);
		if (ns.by_phone == 0 && ns.n > 1)
			ns.n = 0;
		if (ns.by_phone || ns.n == 1)
			*turned = t;
		else
			free(t);
	}
	crm_buf_free(&ns.ids);
	cross_note(db, &ns.cross, c->v[CRM_C_PHONE], ns.by_phone);
	*namesakes = ns.by_phone == 0 && ns.n > 1;
	*phoned = ns.by_phone != 0;
	id = ns.by_phone ? ns.by_phone : ns.n == 1 ? ns.first : 0;
	return id;
}

/* The ids of the row's namesakes (by_name), for a message: "2, 3". */
static char *
namesake_ids(struct crm_db *db, const struct crm_cust *c, long long *n)
{
	struct namesakes ns;

	namesakes_find(db, c, c->v[CRM_C_NAME], &ns);
	*n = ns.n;
	return ns.ids.s ? ns.ids.s : crm_xstrdup("");
}

/*
 * The customer with e-mail e (crm_cust_by_email); *hit says that some
 * customer has one.  What found() reads of it comes in the same
 * statement: a repeated row of a load asks for both, and on PostgreSQL
 * each statement is a round trip that sends the rows waiting.  Read
 * before the row writes anything (resolve), so found() may keep it.
 */
static long long
by_mail(struct cust_ctx *x, const struct crm_cust *c, const char *e,
    int *hit)
{
	static const char key;
	struct crm_stmt *st;
	long long id = 0;

	crm_db_bulk_keys(x->db, e, 0, 0);
	if (x->next) {
		/* A numbered load: read as the update will (see stored). */
		crm_stored_free(x->stored);
		x->stored = crm_cust_read_by_email(x->db, e, c);
		crm_db_bulk_keys(x->db, NULL, 0, 0);
		if ((id = crm_stored_id(x->stored)) != 0)
			found_stored(&x->found, x->stored, id);
		*hit |= id != 0;
		return id;
	}
	st = crm_cached(x->db, &key, "SELECT id, type = 'org', name, email, "
	    "external_id FROM customers WHERE id = (SELECT coalesce((SELECT "
	    "id FROM customers WHERE email = ?1), (SELECT customer_id FROM "
	    "identities WHERE kind = 'email' AND value = ?1 LIMIT 1)))");
	crm_bind_text(st, 1, e);
	if (crm_step(st) == CRM_ROW) {
		id = crm_col_int(st, 0);
		found_keep(&x->found, st, 1, id);
	}
	crm_reset(st);
	crm_db_bulk_keys(x->db, NULL, 0, 0);
	*hit |= id != 0;
	return id;
}

/*
 * Is the row's name another than customer id's (folded, as e-mails are)?
 * Both must have one.  The customer's, allocated, in *name when asked.
 */
static int
another_name(struct cust_ctx *x, long long id, const struct crm_cust *c,
    char **name)
{
	const char *t = found(x, id)->name;
	char *theirs = t ? crm_xstrdup(t) : NULL, *a, *b;
	int other = 0;

	if (theirs && *theirs && has(c->v[CRM_C_NAME])) {
		a = crm_name_fold(theirs), b = crm_name_fold(c->v[CRM_C_NAME]);
		other = strcmp(a, b) != 0;
		free(a);
		free(b);
	}
	if (other && name)
		*name = theirs;
	else
		free(theirs);
	return other;
}

/*
 * Found by an id alone, is the customer someone else than the row, whose
 * e-mail nobody has: another e-mail and another name?  Then the id is not
 * the person's own (a Salesforce report's Account Number, an Odoo
 * salesperson's user id) and taking it would fold two people into one.
 * A new e-mail under the same name is the same person's.
 */
static int
another_person(struct cust_ctx *x, long long id, const struct crm_cust *c)
{
	return found(x, id)->email && another_name(x, id, c, NULL);
}

/*
 * Found by an e-mail alone, has the customer another id of the row's
 * system (its external_id, or the --source's) and another name?  Then the
 * row is another person at a shared address (a family's, an office's),
 * or another account: taking it would overwrite one person with the
 * other without a word.  The reverse of another_person(), refused as it
 * is.  The customer's id, allocated, or NULL.
 */
static char *
another_account(struct cust_ctx *x, long long id, const struct crm_cust *c,
    const struct rowkeys *k, char **name)
{
	const char *ext = found(x, id)->ext;
	char *theirs = NULL;
	size_t i;

	if (has(c->v[CRM_C_EXTERNAL_ID]) && ext &&
	    strcmp(ext, c->v[CRM_C_EXTERNAL_ID]) != 0)
		theirs = crm_xstrdup(ext);
	for (i = 0; theirs == NULL && i < k->nids; i++)
		if (*k->ids[i].source)
			theirs = crm_query_text(x->db, "SELECT value FROM "
			    "identities WHERE customer_id = ?1 AND kind = 'id' "
			    "AND source = ?2 AND value <> ?3 ORDER BY value "
			    "LIMIT 1", "iss", id, k->ids[i].source,
			    k->ids[i].value);
	if (theirs && !another_name(x, id, c, name)) {
		free(theirs);
		theirs = NULL;
	}
	return theirs;
}

/*
 * How many of the words of name a (folded, between spaces and
 * punctuation) are words of name b; *n the number of a's words.
 */
static size_t
words_in(const char *a, const char *b, size_t *n)
{
	static const char sep[] = " \t\r\n.,;:!?'\"()[]&/-_";
	char *sa = crm_name_fold(a), *sb = crm_name_fold(b), *w, *v, *p, *q,
	    *cb;
	size_t found = 0;

	*n = 0;
	for (w = strtok_r(sa, sep, &p); w; w = strtok_r(NULL, sep, &p)) {
		++*n;
		cb = crm_xstrdup(sb);
		for (v = strtok_r(cb, sep, &q); v; v = strtok_r(NULL, sep, &q))
			if (strcmp(v, w) == 0) {
				found++;
				break;
			}
		free(cb);
	}
	free(sa);
	free(sb);
	return found;
}

/* The bytes of s's first UTF-8 character. */
static size_t
char_len(const char *s)
{
	size_t n = 1;

	while (((unsigned char)s[n] & 0xc0) == 0x80)
		n++;
	return n;
}

/* Is w a word of one letter, an initial ("J" of "J. Smith")? */
static int
initial(const char *w)
{
	return *w && w[char_len(w)] == '\0';
}

/* Is one of words w and v the other's initial ("j", "john")? */
static int
initial_of(const char *w, const char *v)
{
	const char *i = initial(w) ? w : initial(v) ? v : NULL;
	const char *o = i == w ? v : w;

	return i && strncmp(i, o, char_len(i)) == 0;
}

/*
 * Is every word of a that b has not an initial of one of b's, or written
 * out where b has its initial ("J. Smith" and "John Smith", "John
 * Smith" and "John R. Smith")?  Then a is no other person's name than
 * b, only written otherwise, folded as words_in folds them.
 */
static int
initials_fit(const char *a, const char *b)
{
	static const char sep[] = " \t\r\n.,;:!?'\"()[]&/-_";
	char *sa = crm_name_fold(a), *sb = crm_name_fold(b), *w, *v, *p, *q,
	    *cb;
	int fit = 1, found;

	for (w = strtok_r(sa, sep, &p); fit && w; w = strtok_r(NULL, sep,
	    &p)) {
		cb = crm_xstrdup(sb);
		found = 0;
		for (v = strtok_r(cb, sep, &q); !found && v; v = strtok_r(NULL,
		    sep, &q))
			found = strcmp(v, w) == 0 || initial_of(w, v);
		free(cb);
		fit = found;
	}
	free(sa);
	free(sb);
	return fit;
}

/* Have two names a character in common (王小明 and 王小红: a family's)? */
static int
share_char(const char *a, const char *b)
{
	char ch[8];
	size_t n;

	for (; *b; b += n) {
		for (n = 1; n < 4 && ((unsigned char)b[n] & 0xc0) == 0x80; n++)
			;
		memcpy(ch, b, n);
		ch[n] = '\0';
		if ((unsigned char)ch[0] >= 0x80 && strstr(a, ch))
			return 1;
	}
	return 0;
}

/* s without its spaces (a Chinese name's "王 小明" is 王小明), to free. */
static char *
unspaced(const char *s)
{
	char *t = crm_xstrdup(s), *p = t;

	for (; *s; s++)
		if (*s != ' ' && *s != '\t')
			*p++ = *s;
	*p = '\0';
	return t;
}

/*
 * Two Chinese or Japanese names, compared by their characters without
 * spaces (Magento's "王 小明"): -1 when either is none; 0 the same name,
 * the same characters or the family name moved to the other end
 * (小明王, as a Google contact with First 王 and Last 小明 is joined);
 * 1 the row's has all of the customer's (a fuller name), 2 the customer's
 * all of the row's (shorter), 3 some characters in common (王小红 at
 * 王小明's address: a family's), 4 none.
 */
static int
cjk_name(const char *theirs, const char *row)
{
	char *a = unspaced(theirs), *b = unspaced(row), *aa;
	size_t n = strlen(a);
	int r;

	if (!is_cjk(a) || !is_cjk(b)) {
		r = -1;
	} else if (n == strlen(b)) {
		/* a rotation of the other: in a written twice */
		aa = crm_xasprintf("%s%s", a, a);
		r = strstr(aa, b) ? 0 : share_char(a, b) ? 3 : 4;
		free(aa);
	} else {
		r = strstr(b, a) ? 1 : strstr(a, b) ? 2 : share_char(a, b) ?
		    3 : 4;
	}
	free(a);
	free(b);
	return r;
}

/*
 * An e-mail of the row's that customer id has not (nobody has: resolve()
 * found one customer by the row's keys), or NULL.
 */
static const char *
new_mail(struct crm_db *db, long long id, const struct crm_cust *c,
    const struct rowkeys *k)
{
	size_t i;

	if (has(c->v[CRM_C_EMAIL]) && crm_cust_by_email(db,
	    c->v[CRM_C_EMAIL]) != id)
		return c->v[CRM_C_EMAIL];
	for (i = 0; i < k->nemails; i++)
		if (crm_cust_by_email(db, k->emails[i].email) != id)
			return k->emails[i].email;
	return NULL;
}

/*
 * Customer id as a row's message names it: "line 3" when this import
 * added it from that line of the file (a refused row rolls the import
 * back, and that id with it), else "customer 12".
 */
static const char *
who(const struct cust_ctx *x, long long id, char buf[48])
{
	long long i = id - x->im->first_id;

	if (x->im->added > 0 && i >= 0 && (size_t)i < x->nmade &&
	    x->made_line[i])
		snprintf(buf, 48, "line %lu", (unsigned long)x->made_line[i]);
	else
		snprintf(buf, 48, "customer %lld", id);
	return buf;
}

/*
 * Is name only an e-mail address of customer id's, or of the row's
 * (compared as keys)?  crm-log {import} {add-customers} and
 * Thunderbird's Display Name name a customer so when they know no name:
 * a placeholder, not another person's name.
 */
static int
mail_name(struct crm_db *db, long long id, const struct crm_cust *c,
    const char *name)
{
	char *key, *row;
	int r;

	if (strchr(name, '@') == NULL)
		return 0;
	key = crm_key_email(name);
	row = has(c->v[CRM_C_EMAIL]) ? crm_key_email(c->v[CRM_C_EMAIL]) : NULL;
	r = *key && ((row && strcmp(key, row) == 0) ||
	    crm_cust_by_email(db, key) == id);
	free(key);
	free(row);
	return r;
}

/* The consent column (consent_header) of a row whose cell says no, or
 * -1. */
static int
consent_no(const struct colmap *cm, size_t n, const struct crm_rec *rec)
{
	size_t i;

	for (i = 0; i < rec->n && i < n; i++)
		if (cm[i].consent && !cm[i].mapped &&
		    consent_mark(rec->f[i]) == CRM_OPT_UNSUB)
			return (int)i;
	return -1;
}

/*
 * A row whose cell says an opt-out in a column crm does not read as one:
 * said once at the end, with the --map that reads it (crm-add(1), Opted
 * out and bounced), since nobody was tagged by it and a mailing would
 * reach them.  Looked for in every row until one is found: an export
 * sorted by status or by date may put its first unsubscribe anywhere.
 */
static void
optout_value_look(struct cust_ctx *x, const struct crm_rec *rec)
{
	int mark, col;

	if (!x->optval_look || x->optval_note)
		return;
	if ((col = consent_no(x->cm, x->n, rec)) >= 0) {
		x->optval_note = crm_xasprintf("%s:%ld: %s: '%.60s' is no "
		    "consent to e-mail (never given, or taken back), which "
		    "crm does not read as an opt-out: nobody is tagged "
		    "unsubscribed by it; --map '%s=subscribed' reads it "
		    "(crm-add(1), Opted out and bounced)", x->file, rec->line,
		    x->names[col], rec->f[col], x->names[col]);
		return;
	}
	if ((col = optout_value_unread(x->cm, x->n, rec, &mark)) < 0)
		return;
	x->optval_note = crm_xasprintf("%s:%ld: %s: '%.60s' says an opt-out "
	    "in a column crm does not read as one: nobody is tagged "
	    "unsubscribed or bounced by it; --map '%s=%s' reads it (crm-add(1), "
	    "Opted out and bounced)", x->file, rec->line, x->names[col],
	    rec->f[col], x->names[col], crm_optout_tag(mark));
}

/* An opt-out cell crm does not know, said at the end with how many more. */
static void
odd_optouts_say(const struct cust_ctx *x)
{
	char n[32];

	if (x->odd_optouts > 1)
		crm_warn("%s; and %s more %s", x->optout_note,
		    crm_fmt_count(x->odd_optouts - 1, n),
		    x->odd_optouts == 2 ? "row" : "rows");
	else
		crm_warn("%s", x->optout_note);
}

/*
 * Customer id, found, has a mark (unsubscribed, bounced) that an opt-out
 * cell of the row says she lacks (no, Subscribed, a soft bounce): the
 * mark stays, as an import never lifts one (an old export read after a
 * new one would put her back on the list), and the cell is not written
 * as its field, which would say the opposite of the tag beside it.
 * Said once at the end with how many, the first naming how to lift it.
 * Not a mark another cell of the row gives: Constant Contact's Email
 * status Bounced beside its Email permission status Implied (a consent
 * given once) says she bounced, and the cell is kept.
 * 0, or -1 when the database failed.
 */
static int
optout_stays(struct cust_ctx *x, long long id, struct crm_cust *c,
    const struct rowkeys *k, long line)
{
	const struct optno *o;
	char *had;
	int i, t, kept, said = 0;

	if (k->noptno == 0)
		return 0;
	if ((had = crm_ia_no_mail(x->db, id)) == NULL)
		return crm_db_failed(x->db) ? -1 : 0;
	for (i = 0; i < k->noptno; i++) {
		o = &k->optno[i];
		for (t = CRM_OPT_UNSUB, kept = -1; t <= CRM_OPT_BOUNCED; t++)
			if ((o->tag < 0 || o->tag == t) && !k->gives[t] &&
			    strcasestr(had, opt_tags[t]))
				kept = kept < 0 ? t : 2;	/* 2: both */
		if (kept < 0)
			continue;
		/* a row counted once, the first said */
		if (!said++ && !x->stays++)
			x->stays_note = crm_xasprintf("%s:%ld: %s: '%.60s', "
			    "but customer %lld stays %s: an import never lifts "
			    "the mark, and the cell is not kept beside it "
			    "(crm-add %s %lld --untag %s%s)", x->file, line,
			    x->names[o->col], o->value, id, kept == 2 ?
			    "unsubscribed and bounced" : opt_tags[kept],
			    crm_optname("update"), id, kept == 2 ?
			    "unsubscribed --untag bounced" : opt_tags[kept],
			    kept == CRM_OPT_BOUNCED ? " once the address is "
			    "mended" : " if they have opted in again");
		/* after the note: o->value is the field's */
		crm_cust_field_drop(c, o->field);
	}
	free(had);
	return 0;
}

static void
stays_say(const struct cust_ctx *x)
{
	char n[32];

	if (x->stays > 1)
		crm_warn("%s; and %s more %s", x->stays_note,
		    crm_fmt_count(x->stays - 1, n),
		    x->stays == 2 ? "row" : "rows");
	else
		crm_warn("%s", x->stays_note);
}

/*
 * The customer's name was its e-mail, and the row names it: said once,
 * with how many more, at the end of a good import, as the rows' count
 * of updates says them.
 */
static void
mail_renamed(struct cust_ctx *x, long long id, const char *theirs,
    const char *row, long line)
{
	if (x->mailnamed++ == 0)
		x->mailname_note = crm_xasprintf("%s:%ld: customer %lld "
		    "'%.80s' renamed '%.60s': its name was its e-mail",
		    x->file, line, id, theirs, row);
}

static void
mail_renamed_say(const struct cust_ctx *x)
{
	char n[32];

	if (x->mailnamed > 1)
		crm_warn("%s; and %s more %s named by their e-mail",
		    x->mailname_note, crm_fmt_count(x->mailnamed - 1, n),
		    x->mailnamed == 2 ? "customer" : "customers");
	else
		crm_warn("%s", x->mailname_note);
}

/* How many words of name s are initials ("J" of "J. Smith"). */
static size_t
initials(const char *s)
{
	static const char sep[] = " \t\r\n.,;:!?'\"()[]&/-_";
	char *a = crm_key_fold(s), *w, *p;
	size_t n = 0;

	for (w = strtok_r(a, sep, &p); w; w = strtok_r(NULL, sep, &p))
		n += initial(w);
	free(a);
	return n;
}

/* Is s written in one case only ("JOHN SMITH", "john smith")? */
static int
one_case(const char *s)
{
	char *f = crm_key_fold(s);
	int lower = strcmp(f, s) == 0, upper = 1;

	free(f);
	for (; *s && upper; s++)
		upper = !(*s >= 'a' && *s <= 'z');
	return lower || upper;
}

/* How many bytes of s are accents (crm_unaccent drops them). */
static size_t
accents(const char *s)
{
	char *u = crm_unaccent(s);
	size_t n = strlen(s) - strlen(u);

	free(u);
	return n;
}

/*
 * The row's name is the customer's but for its letters' case or accents
 * ("JOHN SMITH", "JOSE NUNEZ" from a shop's export, "john smith"): the
 * customer's spelling is kept, unchanged and unsaid, so that an export
 * in capitals or in ASCII does not rewrite a name; but a customer's own
 * name in one case (an ERP's) or without its accents takes a row's that
 * is better so and worse in neither, and it is said.
 */
static void
case_only(struct cust_ctx *x, struct crm_cust *c, long long id,
    const char *theirs, long line)
{
	const char *row = c->v[CRM_C_NAME];
	int cased, accented;

	if (theirs == NULL || !has(row) || strcmp(theirs, row) == 0)
		return;
	cased = (one_case(theirs) && !one_case(row)) -
	    (!one_case(theirs) && one_case(row));
	accented = (accents(row) > accents(theirs)) -
	    (accents(row) < accents(theirs));
	if (cased >= 0 && accented >= 0 && cased + accented > 0)
		crm_warn("%s:%ld: customer %lld '%.60s' renamed '%.60s', the "
		    "same name better %s", x->file, line, id, theirs, row,
		    cased > 0 ? "cased" : "accented");
	else
		crm_cust_set(c, CRM_C_NAME, NULL);
}

/*
 * Why a row found by e-mail under another name that shares a word with
 * the customer's (theirs) is kept out: at a family's or an office's
 * address it is another person, whose phone, company and fields would
 * overwrite the customer's; but it may be the same person under a
 * nickname, a typo or a married name, so it refuses nothing: the
 * customer keeps what it has, the row's opt-out applies (kept_out).  The
 * way out is never to leave the e-mail out of the row (a duplicate), nor
 * a rename of the customer, which would turn one person into the other,
 * unless its name has changed.
 */
static const char *
namesharer(long long id, const char *email, const char *theirs,
    const char *row, const struct rowkeys *k)
{
	static char msg[1024];
	int opted = k->optout[CRM_OPT_UNSUB] || k->optout[CRM_OPT_BOUNCED];

	/* "customer 2", not who()'s "line 2" for a refusal: it stays */
	snprintf(msg, sizeof msg, "'%.80s' is customer %lld's ('%.60s'), and "
	    "'%.60s' is another name: kept out, %s; if it is the same "
	    "person, give the row the customer's name ('%.60s'); if "
	    "another, give them an e-mail of their own; if the customer's "
	    "name has changed, crm-add %s %lld -n '%.60s' first",
	    email ? email : "", id, theirs, row, opted ? "only its opt-out "
	    "taken (the address's)" : "the customer keeps all it has",
	    theirs, crm_optname("update"), id, row);
	return msg;
}

/*
 * A person found by an e-mail alone (no id of the row named it) under
 * another name than the row's: a fuller name ("Ann" to "Ann Lee") is
 * taken, and said; a shorter one, or the same words in another order
 * ("Müller, Jürgen"), is not taken; any other that shares a word is
 * kept out (namesharer, *out set): at a family's or an office's address
 * it is another person, and taking the row would turn one into the
 * other; only its opt-out applies (kept_out).
 * A name that shares no word with the customer's is kept out too when
 * the row opts out (a list of those who left names "Bob" for Robert
 * Jones: the opt-out is the address's); else it is refused, as
 * another_account() refuses another id; so is another name with an
 * e-mail nobody has (a Google contact listing a colleague's address as
 * its E-mail 2): another person, whose address must not become the
 * customer's.  A name that is only an e-mail (mail_name) is none: the
 * row's name replaces the customer's, and the row's keeps none.  NULL,
 * or what is wrong (*col).
 */
static const char *
name_change(struct cust_ctx *x, struct crm_cust *c, const struct rowkeys *k,
    long long id, long line, int *col, int *out)
{
	static char msg[640];
	char *theirs = NULL, *email, by[48];
	const char *row = c->v[CRM_C_NAME], *err = NULL, *mine;
	size_t nt, nr, shared;
	int cjk;

	if (!another_name(x, id, c, &theirs)) {
		case_only(x, c, id, found(x, id)->name, line);
		return NULL;
	}
	email = found(x, id)->email ? crm_xstrdup(found(x, id)->email) : NULL;
	if (mail_name(x->db, id, c, row)) {
		crm_cust_set(c, CRM_C_NAME, NULL);	/* keeps its name */
		goto out;
	}
	if (mail_name(x->db, id, c, theirs)) {
		mail_renamed(x, id, theirs, row, line);
		goto out;
	}
	shared = words_in(theirs, row, &nt);
	if ((cjk = cjk_name(theirs, row)) == 0) {
		crm_cust_set(c, CRM_C_NAME, NULL);	/* the same name */
		goto out;
	} else if (cjk > 0) {
		/* No spaces between words: 小明 in 王小明 is a fuller name. */
		nt = 1;
		shared = cjk == 4 ? 0 : (size_t)cjk;
		if (shared == 2) {
			crm_cust_set(c, CRM_C_NAME, NULL);	/* shorter */
			goto out;
		}
	}
	if (shared == 0 && (k->optout[CRM_OPT_UNSUB] ||
	    k->optout[CRM_OPT_BOUNCED])) {
		/* A list of those who left ("Bob" for Robert Jones): the
		 * opt-out is the address's, whatever the row's name. */
		*col = k->mail_col, *out = 1;
		err = namesharer(id, k->mail ? k->mail : email, theirs,
		    row, k);
	} else if (shared == 0) {
		*col = k->mail_col;
		snprintf(msg, sizeof msg, "'%.80s' is %s's ('%.60s'), a name "
		    "with no word of '%.60s': one e-mail is one customer; if "
		    "it is the same person, give the row the customer's name, "
		    "else leave the e-mail out of the row", k->mail ? k->mail :
		    email ? email : "", who(x, id, by), theirs, row);
		err = msg;
	} else if (shared == nt && words_in(row, theirs, &nr) == nr &&
	    strchr(theirs, ',') && !strchr(row, ',')) {
		/* "Lee, Ann" (a sheet's Last, First column) for "Ann Lee":
		 * the row's, once; a later "Lee, Ann" is then kept out. */
		crm_warn("%s:%ld: customer %lld '%.60s' renamed '%.60s', the "
		    "same name first name first", x->file, line, id, theirs,
		    row);
	} else if (shared == nt && words_in(row, theirs, &nr) == nr) {
		/* The same words in another order ("Müller, Jürgen" and
		 * "Jürgen Müller"): the same name, kept as the customer
		 * spells it, so two sources do not rename her back and
		 * forth on every import. */
		crm_cust_set(c, CRM_C_NAME, NULL);
	} else if (shared == nt) {
		crm_warn("%s:%ld: customer %lld '%.60s' renamed '%.60s', a "
		    "fuller name", x->file, line, id, theirs, row);
	} else if (words_in(row, theirs, &nr) < nr &&
	    (mine = new_mail(x->db, id, c, k)) != NULL) {
		*col = k->mail_col;
		snprintf(msg, sizeof msg, "'%.80s' is %s's ('%.60s'), and "
		    "'%.60s' has an e-mail of its own, '%.80s': one e-mail is "
		    "one customer; if it is the same person, give the row the "
		    "customer's name, else leave '%.80s' out of the row",
		    k->mail, who(x, id, by), theirs, row, mine, k->mail);
		err = msg;
	} else if (words_in(row, theirs, &nr) < nr &&
	    !initials_fit(row, theirs)) {
		*col = k->mail_col, *out = 1;
		err = namesharer(id, k->mail ? k->mail : email, theirs,
		    row, k);
	} else if (initials_fit(theirs, row) && initials(row) <
	    initials(theirs)) {
		/* "J. Smith" written out, "John Smith": a fuller name */
		crm_warn("%s:%ld: customer %lld '%.60s' renamed '%.60s', a "
		    "fuller name", x->file, line, id, theirs, row);
	} else {
		/* a shorter name, or initials ("J. Smith") */
		crm_cust_set(c, CRM_C_NAME, NULL);
	}
out:
	free(theirs);
	free(email);
	return err;
}

/* For qsort: strings, ids. */
static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
cmp_id(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;

	return (x > y) - (x < y);
}

/*
 * A person's name as name_change() finds it the same: its words folded
 * and sorted ("Lee, Ann", "ANN LEE" and "Ann Lee" are "ann lee"); a
 * Chinese or Japanese name's characters sorted, spaces left out (小明王,
 * "王 小明" and 王小明 alike).  Allocated.
 */
static char *
name_key(const char *name)
{
	static const char sep[] = " \t\r\n.,;:!?'\"()[]&/-_";
	char *u = unspaced(name), *f = NULL, *w, *p, **v = NULL;
	struct crm_buf b = { 0 };
	size_t n = 0, i, len;
	int cjk = is_cjk(u);

	/* made for every row an import looks up by name: no printf, and
	 * the words left where strtok_r cut them */
	if (cjk) {
		for (p = u; *p; p += len) {
			len = char_len(p);
			v = crm_xreallocarray(v, n + 1, sizeof *v);
			v[n++] = crm_xstrndup(p, len);
		}
	} else {
		f = crm_name_fold(name);
		for (w = strtok_r(f, sep, &p); w; w = strtok_r(NULL, sep, &p)) {
			v = crm_xreallocarray(v, n + 1, sizeof *v);
			v[n++] = w;
		}
	}
	if (n)
		qsort(v, n, sizeof *v, cmp_str);
	for (i = 0; i < n; i++) {
		if (i)
			crm_buf_addc(&b, ' ');
		crm_buf_adds(&b, v[i]);
		if (cjk)
			free(v[i]);
	}
	free(v);
	free(f);
	free(u);
	return b.s ? b.s : crm_xstrdup("");
}

static void
name_ix_free(struct name_ix *ix)
{
	size_t i;

	for (i = 0; i < ix->n; i++)
		free(ix->e[i].key);
	free(ix->e);
	free(ix->head);
	memset(ix, 0, sizeof *ix);
}

static size_t
name_ix_bucket(const struct name_ix *ix, const char *key)
{
	return (size_t)crm_seen_hash(0, key) & (ix->nhead - 1);
}

/* Key (taken) of customer id into ix, unless there already. */
static void
name_ix_put(struct name_ix *ix, char *key, long long id)
{
	struct ix_ent *e;
	size_t i, b;

	if (2 * (ix->n + 1) > ix->nhead) {	/* half full at most */
		free(ix->head);
		ix->nhead = ix->nhead ? 2 * ix->nhead : 256;
		ix->head = crm_xcalloc(ix->nhead, sizeof *ix->head);
		for (i = 0; i < ix->n; i++) {
			b = name_ix_bucket(ix, ix->e[i].key);
			ix->e[i].next = ix->head[b], ix->head[b] = i + 1;
		}
	}
	b = name_ix_bucket(ix, key);
	for (i = ix->head[b]; i; i = e->next)
		if ((e = &ix->e[i - 1])->id == id && strcmp(e->key, key) == 0) {
			free(key);
			return;
		}
	if (ix->n == ix->cap)
		ix->e = crm_xreallocarray(ix->e, ix->cap = ix->cap ? 2 *
		    ix->cap : 256, sizeof *ix->e);
	ix->e[ix->n] = (struct ix_ent){ key, id, ix->head[b] };
	ix->head[b] = ++ix->n;
}

/*
 * The people by name_key: those known by an e-mail or id, which by_name
 * does not look among, and those without, whom it finds only by the name
 * written byte for byte (NAMESAKES: "TOM BAKER" is not "Tom Baker"
 * there).  One scan of them for the import, at its first row with a
 * phone that by_name's namesakes have not; each such row is then a
 * look-up (a hash table's), not a scan (a query by name was one: the
 * name index is only of those without an e-mail, 5 M instructions a row
 * among 5,000 customers).  A person a row of this import names or adds
 * is added after (name_ix_add); has_number checks the name again, so an
 * entry a rename left behind finds nobody.
 */
static void
name_ix_build(struct cust_ctx *x)
{
	struct name_ix *ix = &x->names_ix;
	struct crm_stmt *st;

	ix->built = 1;
	st = crm_prepare(x->db, "SELECT id, name FROM customers WHERE type = "
	    "'person' AND name <> ''");
	if (st == NULL)
		return;
	while (crm_step(st) == CRM_ROW)
		name_ix_put(ix, name_key(crm_col_text(st, 1)),
		    crm_col_int(st, 0));
	crm_finalize(st);
}

/*
 * Customer id, named name, into a made index; by the key k's look-up made
 * when it was of that name (a new person's: name_key is the cost).
 */
static void
name_ix_add(struct name_ix *ix, const char *name, long long id,
    struct rowkeys *k)
{
	if (k->ix_key && strcmp(k->ix_name, name) == 0) {
		name_ix_put(ix, k->ix_key, id);
		k->ix_key = NULL;
	} else {
		name_ix_put(ix, name_key(name), id);
	}
}

/*
 * The ids (sorted, each once) a row of name may be, the index's; how
 * many in *n.  Allocated.  The name's key kept in k for name_ix_add.
 */
static long long *
keyed_candidates(struct cust_ctx *x, const char *name, struct rowkeys *k,
    size_t *n)
{
	struct name_ix *ix = &x->names_ix;
	char *want = name_key(name);
	long long *ids = NULL;
	size_t i, m = 0;

	if (!ix->built)
		name_ix_build(x);
	for (i = ix->n ? ix->head[name_ix_bucket(ix, want)] : 0; i;
	    i = ix->e[i - 1].next)
		if (strcmp(ix->e[i - 1].key, want) == 0) {
			ids = crm_xreallocarray(ids, m + 1, sizeof *ids);
			ids[m++] = ix->e[i - 1].id;
		}
	free(k->ix_name);
	free(k->ix_key);
	k->ix_name = crm_xstrdup(name), k->ix_key = want;
	if (m)
		qsort(ids, m, sizeof *ids, cmp_id);
	for (i = 0, *n = 0; i < m; i++)
		if (*n == 0 || ids[*n - 1] != ids[i])
			ids[(*n)++] = ids[i];
	return ids;
}

static int numbers_in(const char *list, const char *num);

/*
 * Has customer id, still named name (name_key), the number phone, as its
 * phone or one of its "other phones", compared as the rest of the import
 * compares numbers (crm_phone_of: "212-555-0199" is "+1 212 555 0199")?
 * 2 when it is written alike (crm_phone_exact), 1, 0 not; a match only
 * with its country code on one side is noted in k (crm_phone_cross_note:
 * keyed_namesake says it when it takes her).
 * A customer without an e-mail or id named name byte for byte is
 * by_name's, which has judged her already: 0; one known by an e-mail or
 * id, 0 unless keyed (a row with an e-mail of its own is not hers).
 */
static int
has_number(struct cust_ctx *x, long long id, const char *name,
    const char *phone, int keyed, struct cross *cr)
{
	static const char key;
	struct crm_stmt *st = crm_cached(x->db, &key, "SELECT phone, (SELECT "
	    "value FROM customer_fields WHERE customer_id = ?1 AND key = "
	    "'other phones'), name, CASE WHEN email IS NOT NULL OR "
	    "external_id IS NOT NULL OR EXISTS (SELECT 1 FROM identities "
	    "WHERE customer_id = ?1 AND kind = 'id') THEN 1 ELSE 0 END FROM "
	    "customers WHERE id = ?1");
	char *a, *b, *theirs;
	int r = 0, named = 0, same = 0;

	crm_bind_int(st, 1, id);
	if (crm_step(st) == CRM_ROW && (crm_col_int(st, 3) ? keyed :
	    strcmp(crm_col_text(st, 2), name) != 0)) {
		a = name_key(crm_col_text(st, 2)), b = name_key(name);
		named = strcmp(a, b) == 0;
		free(a);
		free(b);
	}
	if (named) {
		r = crm_phone_of(crm_col_text(st, 0), crm_col_text(st, 1),
		    phone, 0, &theirs, &same);
		cross_keep(cr, id, theirs, same);
		r = r == 3 ? 2 : r > 0;
	}
	crm_reset(st);
	return r;
}

/*
 * A row with a phone but neither e-mail nor id, whose number none of
 * by_name's namesakes has: is it a customer's known by an e-mail or id
 * (keyed; else only one without), of the same name (the same words in
 * any order and case, a Chinese name's characters: name_key) with the
 * same number however written, as its phone or among its other phones
 * (an Android contact saved without the address the iPhone's card has),
 * or one's without an e-mail whose name by_name did not find, as it was
 * written otherwise (TOM BAKER, "Lee Ann")?  Her id when one is (or
 * when, of several, one has the number exactly: crm_phone_exact); else
 * 0, and when two or more are, how many in k->keyed_n and which in
 * k->keyed_ids ("1, 3"): the row is added as another, and said.
 */
static long long
keyed_namesake(struct cust_ctx *x, const struct crm_cust *c,
    struct rowkeys *k, int keyed)
{
	const char *phone = c->v[CRM_C_PHONE];
	long long first = 0, exact = 0, n = 0, *ids, id;
	struct cross cr = { 0 };
	size_t i, m;
	int exacts = 0, is;

	crm_buf_free(&k->keyed_ids);
	ids = keyed_candidates(x, c->v[CRM_C_NAME], k, &m);
	for (i = 0; i < m; i++) {
		if ((is = has_number(x, ids[i], c->v[CRM_C_NAME], phone,
		    keyed, &cr)) == 0)
			continue;
		if (n == 0)
			first = ids[i];
		if (is == 2 && exacts++ == 0)
			exact = ids[i];
		if (n < 5)
			crm_buf_addf(&k->keyed_ids, "%s%lld", n ? ", " : "",
			    ids[i]);
		n++;
	}
	free(ids);
	if (n == 1 || exacts == 1) {
		id = n == 1 ? first : exact;
		cross_note(x->db, &cr, phone, id);
		return id;
	}
	k->keyed_n = n;
	return 0;
}

/*
 * A row without phone, e-mail or id whose name and company two or more
 * customers have: which one it is, nothing in it says.
 */
static const char *
namesakes_err(struct cust_ctx *x, const struct crm_cust *c)
{
	static char msg[400];
	const char *company = c->v[CRM_C_COMPANY];
	long long n;
	char *ids = namesake_ids(x->db, c, &n);

	snprintf(msg, sizeof msg, "'%.100s'%s%.60s%s is the name of %lld "
	    "customers (%s%s): say which by phone, or update one with crm-add "
	    "%s ID", c->v[CRM_C_NAME], has(company) ? " at '" : "",
	    has(company) ? company : "", has(company) ? "'" : "", n, ids,
	    n > 5 ? ", ..." : "", crm_optname("update"));
	free(ids);
	return msg;
}

/* The column an organisation's domain comes from, or -1. */
static int
domain_col(const struct cust_ctx *x)
{
	int col = header_col(x->cm, x->n, CRM_C_DOMAIN);

	return col >= 0 ? col : header_col(x->cm, x->n, T_WEBSITE);
}

/*
 * May a row with an e-mail be a person crm knows by her name and phone
 * alone (held by_phone)?  Only when the database has such a one: asked
 * once, at the first row that could be (a scan of the customers without
 * an e-mail, organisations too: 9.4 M instructions among 5,000 of them),
 * none in a load into an empty table (x->next).
 */
static int
held(struct cust_ctx *x, const struct crm_cust *c, const struct rowkeys *k)
{
	if (k->type == CRM_TYPE_ORG || !has(c->v[CRM_C_PHONE]) ||
	    !has(c->v[CRM_C_NAME]) || x->phoned_any == 0)
		return 0;
	if (x->phoned_any < 0)
		x->phoned_any = !x->next && crm_query_int(x->db, 0, "SELECT 1 "
		    "FROM customers WHERE email IS NULL AND external_id IS "
		    "NULL AND phone IS NOT NULL AND type = 'person' LIMIT 1",
		    NULL) != 0;
	return x->phoned_any;
}

/*
 * A row whose keys name nobody, with a phone: the one person of its name
 * crm knows by that number alone (no e-mail, no id: a phone's contact
 * saved without the address this row has), whom the row's keys then
 * become, as keyed_namesake() finds the other way round; else 0.  Her
 * name written byte for byte first (NAMESAKES), then in any order or
 * case (keyed_namesake among those without an e-mail) when no namesake
 * has the number: two that have it are left alone, unsaid, as before.
 */
static long long
held_by_phone(struct cust_ctx *x, const struct crm_cust *c,
    struct rowkeys *k)
{
	struct namesakes ns;
	long long id;

	namesakes_find(x->db, c, c->v[CRM_C_NAME], &ns);
	crm_buf_free(&ns.ids);
	cross_note(x->db, &ns.cross, c->v[CRM_C_PHONE], ns.by_phone);
	if (ns.by_phone || ns.n_phone)
		return ns.by_phone;
	id = keyed_namesake(x, c, k, 0);
	crm_buf_free(&k->keyed_ids);
	k->keyed_n = 0;
	return id;
}

/*
 * A row with a phone and neither name, e-mail nor id (a list of numbers
 * not to call, a phone system's tags): the one customer whose number it
 * is, surely, as crm-log finds her by it (crm_cust_by_phone: her phone
 * or one of her other phones, written alike or with the same digits),
 * is the one it updates.  A number nobody has adds nobody (a number is
 * no name: refused as any row without a name or e-mail); one written
 * with its country code on one side only (a stranger abroad may have
 * her digits) or two customers' is refused, saying why and what the row
 * needs.  NULL and *id, or what is wrong and *col.
 */
static const char *
by_number_alone(struct cust_ctx *x, const struct crm_cust *c,
    long long *id, int *col)
{
	static char msg[512];
	const char *why;
	int guess;

	if ((*id = crm_cust_by_phone(x->db, c->v[CRM_C_PHONE], &why,
	    &guess)) > 0)
		return NULL;
	*id = 0;
	if (strcmp(why, "no customer") == 0)	/* as any row without */
		return "no name and no e-mail";
	*col = header_col(x->cm, x->n, CRM_C_PHONE);
	snprintf(msg, sizeof msg, "no name and no e-mail, and %s%s", why,
	    guess ? ": give the row the customer's e-mail or name" : "");
	return msg;
}

/*
 * Find the customer a row updates (0: a new one) by every key it has: its
 * ids, then its e-mails (an organisation's domain too), then its name.  Keys that name two customers
 * are an error naming both, never a guess: updating would lose one.  On
 * error, *col is the header index of the column at fault (-1: none).
 */
/*
 * An organisation found by the name of a row that has an id of its own
 * (none crm knows: it found nobody): the id she has already, when it is
 * another (allocated), else NULL.  Two ids of one system are two
 * organisations ("Northwind Traders GmbH", 001B, is not "Northwind
 * Traders", 001A, whose name it folds to): the row is refused, never
 * merged into the other, its name and city over hers.
 */
static char *
org_other_id(struct cust_ctx *x, long long id, const struct crm_cust *c,
    const struct rowkeys *k)
{
	const char *ext = c->v[CRM_C_EXTERNAL_ID];
	char *theirs = NULL;
	size_t i;

	if (has(ext))
		theirs = crm_query_text(x->db, "SELECT external_id FROM "
		    "customers WHERE id = ?", "i", id);
	for (i = 0; !has(theirs) && i < k->nids; i++) {
		free(theirs);
		theirs = crm_query_text(x->db, "SELECT value FROM identities "
		    "WHERE customer_id = ? AND source = ?", "is", id,
		    k->ids[i].source);
	}
	if (has(theirs))
		return theirs;
	free(theirs);
	return NULL;
}

/*
 * crm's own listing's id column (crm-segment's): a customer's id in the
 * database it was listed from.  -1 when the file is no such listing, or
 * --map says what its id column is.
 */
static int
own_id_col(const struct cust_ctx *x)
{
	int col;

	if (!x->hi.crm_own || (col = crm_header_exact(x->names, x->n, "id")) < 0
	    || crm_import_mapped("id", x->im->maps, x->im->nmaps))
		return -1;
	return col;
}

/* The customer of the row's id here (own_id), 0 for none. */
static long long
own_id_cust(const struct cust_ctx *x, char **name)
{
	size_t len = x->own_id ? strlen(x->own_id) : 0;
	long long id;

	*name = NULL;
	/* crm's ids are digits; 18 of them never overflow */
	if (len == 0 || len > 18 || strspn(x->own_id, "0123456789") != len ||
	    (id = strtoll(x->own_id, NULL, 10)) <= 0)
		return 0;
	*name = crm_query_text(x->db, "SELECT coalesce(name, '') FROM "
	    "customers WHERE id = ?", "i", id);
	return *name ? id : 0;
}

/*
 * A row of crm's own listing known by neither e-mail nor id of another
 * system: the customer of its id here when she has the row's name (the
 * database it was listed from, as crm-deal's and crm-remind's readers
 * take theirs), else 0.
 */
static long long
own_id_here(const struct cust_ctx *x, const struct crm_cust *c)
{
	char *name;
	long long id = own_id_cust(x, &name);

	if (id && strcmp(name, c->v[CRM_C_NAME]) != 0)
		id = 0;
	free(name);
	return id;
}

/*
 * The row's other e-mail i is customer id's, a person whose name shares
 * no word with the row's, and the row has an e-mail of its own (a Google
 * contact's E-mail 2, an office's info@ that a colleague has too): that
 * address is left out of the row, and the rest of the row (its own
 * e-mail, phone, company) taken as any row's, said after the import.
 * Refused, the colleague's row was lost whole (qa50 F7).  A name that
 * shares a word (a family's address), a row that opts out, a customer
 * named by an e-mail: not left out, name_change() says what is done.
 */
static int
shared_mail(struct cust_ctx *x, long long id, const struct crm_cust *c,
    struct rowkeys *k, size_t i)
{
	const char *theirs = found(x, id)->name, *row = c->v[CRM_C_NAME];
	size_t n;
	int cjk;

	if (!has(c->v[CRM_C_EMAIL]) || !has(row) || theirs == NULL ||
	    !*theirs || strchr(theirs, '@') || strchr(row, '@') ||
	    k->optout[CRM_OPT_UNSUB] || k->optout[CRM_OPT_BOUNCED] ||
	    found(x, id)->org)
		return 0;
	cjk = cjk_name(theirs, row);
	if (!(cjk == 4 || (cjk < 0 && words_in(theirs, row, &n) == 0)))
		return 0;
	tally_add(&x->mail_shared, crm_xasprintf("line %ld, %.60s: '%.80s' "
	    "is customer %lld's, %.60s", x->line, row, k->emails[i].email,
	    id, theirs));
	free(k->emails[i].email);
	memmove(&k->emails[i], &k->emails[i + 1], (k->nemails - i - 1) *
	    sizeof *k->emails);
	k->nemails--;
	return 1;
}

/*
 * Such a row that neither its id (own_id_here) nor its name among the
 * customers of no e-mail (by_name) found: what is wrong when adding it
 * would make someone twice -- its id here another's (renamed since, or
 * the listing another database's), or its name a customer's with an
 * e-mail the row lacks -- else NULL: someone new here.  *col the id's.
 * The name is asked of every customer, no index: only for such rows,
 * which a listing read back into its own database has none of.
 */
static const char *
own_id_unknown(struct cust_ctx *x, const struct crm_cust *c, int *col)
{
	static char msg[512];
	char *name;
	long long id = own_id_cust(x, &name), other = 0;

	if (x->own_id == NULL)
		return NULL;	/* a row of no id: of a name alone */
	if (id == 0)
		other = crm_query_int(x->db, 0, "SELECT coalesce(min(id), 0) "
		    "FROM customers WHERE name = ?", "s", c->v[CRM_C_NAME]);
	if (id)
		snprintf(msg, sizeof msg, "customer %lld here is '%.60s', not "
		    "'%.60s': crm's own listing names its customers by the ids "
		    "of the database it was listed from; list them with their "
		    "e-mail (crm-segment -f id,name,email,...), or %s id=- "
		    "reads the row by its name alone", id, name,
		    c->v[CRM_C_NAME], crm_optname("map"));
	else if (other)
		snprintf(msg, sizeof msg, "no customer %.20s here, and "
		    "'%.60s' is customer %lld's name, who has an e-mail or id "
		    "the row lacks: crm's own listing names its customers by "
		    "the ids of the database it was listed from; list them "
		    "with their e-mail (crm-segment -f id,name,email,...), or "
		    "%s id=- reads the row by its name alone", x->own_id,
		    c->v[CRM_C_NAME], other, crm_optname("map"));
	free(name);
	if (!id && !other)
		return NULL;
	*col = x->own_id_col;
	return msg;
}

static const char *
resolve(struct cust_ctx *x, struct crm_cust *c, struct rowkeys *k,
    long long *id, int *col)
{
	static char msg[512];
	struct crm_match m = { 0 };
	const char *ext = c->v[CRM_C_EXTERNAL_ID], *email = c->v[CRM_C_EMAIL];
	int ecol = header_col(x->cm, x->n, CRM_C_EMAIL), bad = 0, mailed = 0,
	    was;
	char *theirs, *name = NULL, by[48];
	long long other = 0;
	size_t i;
	int phoned = 0;

	*id = 0, *col = -1;
	if (has(ext))
		bad |= crm_match_key(&m, other = crm_cust_by_id(x->db, "",
		    ext), "external_id", ext, header_col(x->cm, x->n,
		    CRM_C_EXTERNAL_ID));
	for (i = 0; !bad && i < k->nids; i++)
		bad |= crm_match_key(&m, other = crm_cust_by_id(x->db,
		    k->ids[i].source, k->ids[i].value), "id", k->ids[i].value,
		    k->ids[i].col);
	if (!bad && has(email))
		bad |= crm_match_key(&m, other = by_mail(x, c, email,
		    &mailed), "e-mail", email, ecol);
	for (i = 0; !bad && i < k->nemails; i++) {
		was = mailed;
		other = by_mail(x, c, k->emails[i].email, &mailed);
		if (other > 0 && shared_mail(x, other, c, k, i)) {
			mailed = was;
			i--;	/* left out: the next is at i now */
			continue;
		}
		bad |= crm_match_key(&m, other, "e-mail", k->emails[i].email,
		    k->emails[i].col);
	}
	/* An organisation's own domain is one of its keys. */
	if (!bad && k->type == CRM_TYPE_ORG && has(c->v[CRM_C_DOMAIN]))
		bad |= crm_match_key(&m, other = crm_query_int(x->db, 0,
		    "SELECT id FROM customers WHERE domain = ?", "s",
		    c->v[CRM_C_DOMAIN]),
		    "domain", c->v[CRM_C_DOMAIN], domain_col(x));
	if (bad && strcmp(m.what, "e-mail") != 0 && strcmp(m.what, "domain")
	    != 0 && m.id_col >= 0) {
		/* An id named the first: the way out that loses nobody. */
		*col = m.id_col;
		return crm_match_conflict_id(&m, other, x->names[m.id_col]);
	}
	if (bad) {
		*col = m.col;
		return crm_match_conflict(&m, other);
	}
	if (m.id && has(email) && !mailed && another_person(x, m.id, c)) {
		*col = m.id_col;
		return other_person(who(x, m.id, by), m.value, m.id_col >= 0 ?
		    x->names[m.id_col] : "COLUMN");
	}
	if (m.id && strcmp(m.what, "e-mail") == 0 && (theirs =
	    another_account(x, m.id, c, k, &name))) {
		*col = m.id_col;
		snprintf(msg, sizeof msg, "'%.80s' is %s's (%.40s, '%.60s'), "
		    "another person with another id: one e-mail is one "
		    "customer; if it is the same person, give the row the "
		    "customer's name, else leave the e-mail out of the row",
		    m.value, who(x, m.id, by), theirs, name);
		free(theirs);
		free(name);
		return msg;
	}
	*id = m.id;
	if (m.id == 0 && has(email) && held(x, c, k))
		*id = k->keyed = held_by_phone(x, c, k);
	if (m.id && strcmp(m.what, "e-mail") == 0)
		k->by_mail = 1, k->mail_col = m.id_col, k->mail = m.value;
	if (*id == 0 && k->type == CRM_TYPE_ORG) {
		/* By its name as names are matched, among organisations. */
		if (has(c->v[CRM_C_NAME]) && (*id = crm_org_find(x->db,
		    c->v[CRM_C_NAME], NULL)) < 0)
			*id = 0;	/* the database failed: cust_row says so */
		if (*id > 0 && (theirs = org_other_id(x, *id, c, k))) {
			name = crm_query_text(x->db, "SELECT name FROM "
			    "customers WHERE id = ?", "i", *id);
			*col = has(ext) ? header_col(x->cm, x->n,
			    CRM_C_EXTERNAL_ID) : k->ids[0].col;
			snprintf(msg, sizeof msg, "'%.60s' is organisation %lld, "
			    "'%.60s', by its name, but that one has the id "
			    "'%.40s' and the row '%.40s': two ids, two "
			    "organisations, which crm does not keep under one "
			    "name; %s FILE leaves the row out, or give it the "
			    "id '%.40s' if it is the same one", c->v[CRM_C_NAME],
			    *id, name ? name : "", theirs, has(ext) ? ext :
			    k->ids[0].value, crm_optname("rejects"), theirs);
			free(theirs);
			free(name);
			*id = 0;
			return msg;
		}
	} else if (*id == 0 && !has(ext) && !has(email) && k->nids == 0 &&
	    has(c->v[CRM_C_NAME])) {
		if ((*id = own_id_here(x, c)) != 0)
			return NULL;
		if ((*id = by_name(x->db, c, &k->namesakes, &phoned,
		    &k->turned)) == 0 &&
		    k->namesakes && !has(c->v[CRM_C_PHONE])) {
			*col = header_col(x->cm, x->n, CRM_C_NAME);
			return namesakes_err(x, c);
		}
		/* Her number is a surer key than a company or a name. */
		if (!phoned && has(c->v[CRM_C_PHONE]) && k->type !=
		    CRM_TYPE_ORG && (k->keyed = keyed_namesake(x, c,
		    k, 1)) != 0)
			*id = k->keyed, k->namesakes = 0;
		/* crm's own export without a type column: a row shaped as an
		 * organisation (its company its name) is the one of its name. */
		if (*id == 0 && x->hi.crm_own && k->type == 0 &&
		    header_col(x->cm, x->n, T_TYPE) < 0 &&
		    (!has(c->v[CRM_C_COMPANY]) || strcmp(c->v[CRM_C_COMPANY],
		    c->v[CRM_C_NAME]) == 0) && (*id = crm_org_find(x->db,
		    c->v[CRM_C_NAME], NULL)) < 0)
			*id = 0;	/* the database failed: cust_row says so */
		if (*id == 0 && x->own_id_col >= 0)
			return own_id_unknown(x, c, col);
	}
	if (*id == 0 && k->type == CRM_TYPE_ORG && !has(c->v[CRM_C_NAME])) {
		*col = header_col(x->cm, x->n, CRM_C_COMPANY);
		return "no name: an organisation is named by its company "
		    "column";
	}
	if (*id == 0 && !has(email) && !has(c->v[CRM_C_NAME]) &&
	    has(c->v[CRM_C_PHONE]) && !has(ext) && k->nids == 0 &&
	    k->type != CRM_TYPE_ORG)
		return by_number_alone(x, c, id, col);
	if (*id == 0 && !has(email) && !has(c->v[CRM_C_NAME]) && x->unnamed) {
		snprintf(msg, sizeof msg, "no name and no e-mail: no column "
		    "of the file is read as either (say which with %s "
		    "'COLUMN=name' or %s 'COLUMN=email')", crm_optname("map"),
		    crm_optname("map"));
		return msg;
	}
	if (*id == 0 && !has(email) && !has(c->v[CRM_C_NAME]))
		return "no name and no e-mail";
	return NULL;
}

/* Check the row's other e-mails; NULL or what is wrong (*col). */
static const char *
check_keys(const struct rowkeys *k, int *col)
{
	size_t i;

	const char *err;

	for (i = 0; i < k->nemails; i++)
		if (!crm_email_valid(k->emails[i].email)) {
			*col = k->emails[i].col;
			return "not a valid e-mail address";
		}
	for (i = 0; i < k->nids; i++)
		if ((err = crm_excel_hint(k->ids[i].value))) {
			*col = k->ids[i].col;
			return err;
		}
	return NULL;
}

/*
 * A row's credit limit and payment terms: an amount as crm-log reads
 * one, and a duration (30d) or an accounting system's words for one
 * (Net 30, 30 days, Due on receipt).  NULL, or what is wrong and *col.
 */
static const char *
check_credit(struct rowkeys *k, int *col)
{
	static char msg[480];
	long long g, d;

	if (k->credit && crm_money_either(k->credit, &g, &d)) {
		*col = k->credit_col;	/* "5.000": 5000 or 5.0 */
		snprintf(msg, sizeof msg, "not a credit limit (%s)",
		    crm_money_hint(k->credit));
		return msg;
	}
	if (k->credit && (crm_parse_money(k->credit, &k->limit) < 0 ||
	    k->limit < 0)) {
		*col = k->credit_col;
		return "not a credit limit (an amount such as 5000.00)";
	}
	if (k->terms == NULL || crm_parse_terms(k->terms, k->dur) == 0)
		return NULL;
	*col = k->terms_col;
	return "not payment terms (30d, Net 30, 30 days)";
}

/*
 * A credit limit written with its currency ("GBP 700", "$500") is in the
 * database's one currency, as every amount is (crm_currency_check): a
 * limit in another would be compared with receivables in this one; and
 * it has no fraction that currency lacks (crm_money_whole).  NULL, or
 * what is wrong and *col.
 */
static const char *
credit_currency(struct cust_ctx *x, const struct rowkeys *k, int *col)
{
	static char msg[400];
	const char *code = k->credit ? crm_money_currency(k->credit) : NULL;
	const char *whole;
	char *err;

	if (code == NULL || (err = crm_currency_check(x->db, &x->currency,
	    code, NULL)) == NULL) {
		/* "5000.5" in yen: after the check, which may set it */
		whole = k->credit ? crm_money_whole(k->limit,
		    crm_currency_known(x->db, &x->currency)) : NULL;
		if (whole)
			*col = k->credit_col;
		return whole;
	}
	*col = k->credit_col;
	snprintf(msg, sizeof msg, "%s", err);
	free(err);
	return msg;
}

/*
 * With --source, the row's external_id is that system's id: one of the
 * customer's identities, not the external_id another system may own.
 */
static void
source_ids(struct cust_ctx *x, struct crm_cust *c, struct rowkeys *k)
{
	size_t i;

	if (x->im->source == NULL)
		return;
	if (has(c->v[CRM_C_EXTERNAL_ID]))
		key_id(k, x->im->source, c->v[CRM_C_EXTERNAL_ID],
		    header_col(x->cm, x->n, CRM_C_EXTERNAL_ID));
	c->v[CRM_C_EXTERNAL_ID] = NULL;	/* in the arena: not freed singly */
	for (i = 0; i < k->nids; i++)
		if (*k->ids[i].source == '\0')
			k->ids[i].source = x->im->source;
}

/*
 * An existing customer keeps its own e-mail and external_id: a row's
 * different ones (a second system's) are added as its others.
 */
static void
keep_own_keys(struct cust_ctx *x, long long id, struct crm_cust *c,
    struct rowkeys *k)
{
	const struct found *f = found(x, id);

	if (has(c->v[CRM_C_EMAIL]) && f->email) {
		if (strcmp(f->email, c->v[CRM_C_EMAIL]) != 0)
			key_email(k, c->v[CRM_C_EMAIL], -1);	/* a copy */
		crm_cust_set(c, CRM_C_EMAIL, NULL);	/* perhaps normalised */
	}
	if (has(c->v[CRM_C_EXTERNAL_ID]) && f->ext) {
		if (strcmp(f->ext, c->v[CRM_C_EXTERNAL_ID]) != 0)
			key_id(k, "", c->v[CRM_C_EXTERNAL_ID], -1);
		c->v[CRM_C_EXTERNAL_ID] = NULL;	/* in the arena, still used */
	}
}

/* The value of c's field key, or NULL. */
static const char *
row_field(const struct crm_cust *c, const char *key)
{
	size_t i;

	for (i = c->nfields; i-- > 0; )
		if (strcmp(c->fields[i].key, key) == 0)
			return c->fields[i].value;
	return NULL;
}

/*
 * The system an import's phone comes from: its --source, else the row's
 * "phone source" (crm's own export read back), else "" (a file of no
 * named system).
 */
static const char *
phone_system(const struct cust_ctx *x, const struct crm_cust *c)
{
	const char *s = x->im->source ? x->im->source :
	    row_field(c, PHONE_SOURCE);

	return s ? s : "";
}

/* A customer's phone, "other phones" and "phone source" (NULL: none). */
struct phones {
	char *phone, *more, *system;
};

static char *
col_dup(struct crm_stmt *st, int i)
{
	return crm_col_type(st, i) == CRM_NULL ? NULL :
	    crm_xstrdup(crm_col_text(st, i));
}

static void
phones_read(struct cust_ctx *x, long long id, struct phones *ph)
{
	static const char key;
	struct crm_stmt *st;

	st = crm_cached(x->db, &key, "SELECT phone, (SELECT value FROM "
	    "customer_fields WHERE customer_id = ?1 AND key = ?2), (SELECT "
	    "value FROM customer_fields WHERE customer_id = ?1 AND key = ?3) "
	    "FROM customers WHERE id = ?1");
	crm_bind_int(st, 1, id);
	crm_bind_text(st, 2, "other phones");
	crm_bind_text(st, 3, PHONE_SOURCE);
	memset(ph, 0, sizeof *ph);
	if (crm_step(st) == CRM_ROW) {
		ph->phone = col_dup(st, 0);
		ph->more = col_dup(st, 1);
		ph->system = col_dup(st, 2);
	}
	crm_reset(st);
}

/* The numbers of list (a copy cut up) into l, but not. */
static void
numbers_of_copy(const char *list, struct numbers *l, const char *not)
{
	char *text;

	if (!has(list))
		return;
	text = crm_xstrdup(list);
	numbers_of(text, l, not);
	free(text);
}

/*
 * A customer's "other phones" once more numbers join them (a merge's:
 * the duplicate's phone and other phones): other's numbers, then more's,
 * each once and none the same number as phone, as "a, b" (malloc'd), or
 * NULL for none.  Numbers are compared as numbers (crm_phone_one), so
 * +44 7700 900555 and +447700900555 are one.
 */
char *
crm_phones_join(const char *phone, const char *other, const char *more)
{
	struct numbers l = { 0 }, m = { 0 };
	size_t i;
	char *s;

	numbers_of_copy(other, &l, phone);
	numbers_of_copy(more, &m, phone);
	for (i = 0; i < m.n; i++)
		numbers_add(&l, m.v[i], phone);
	s = l.n ? numbers_text(&l, 0) : NULL;
	numbers_free(&l);
	numbers_free(&m);
	return s;
}

/*
 * The numbers of list (a customer's "other phones", "a, b"), as crm-add
 * reads them (numbers_of: "+1 555 0100, 12" is one number), for a
 * look-up by any of a customer's numbers (crm-log's by_phone): n of
 * them, allocated (crm_free_list), NULL for none.
 */
char **
crm_phones_split(const char *list, size_t *n)
{
	struct numbers l = { 0 };

	numbers_of_copy(list, &l, NULL);
	*n = l.n;
	return l.v;
}

/*
 * Is the extension of phone (which has one) written in theirs too?  Two
 * numbers with other extensions are never one (crm_phone_same), one with
 * an extension on one side only is: so theirs has phone's when it is the
 * same number as phone but not as phone with another extension.
 */
static int
ext_written(const char *theirs, const char *phone)
{
	char *other = crm_xasprintf("%s1", phone);
	int written = crm_phone_same(theirs, other) == 0;

	free(other);
	return written;
}

/*
 * How the number theirs is phone: 3 written alike (crm_phone_exact), 2
 * the same number (crm_phone_same's 1, or 2, sure as crm country says,
 * or one North American number: crm_phone_one), 1 the same written with
 * its country code on one side only, a guess (crm_phone_same's 3, in
 * *cross), 0 another, or
 * when ext and theirs is not written with phone's extension
 * (ext_written: crm-log's reading of DIN 5008's "030 1234567-102").
 */
static int
number_is(const char *theirs, const char *phone, int ext, int *cross)
{
	int same = crm_phone_same(theirs, phone);

	if ((!same && !crm_phone_one(theirs, phone)) ||
	    (ext && !ext_written(theirs, phone)))
		return 0;
	if (crm_phone_exact(theirs, phone))
		return 3;
	*cross = same;
	return same == 3 ? 1 : 2;	/* 2 sure: crm country says */
}

/*
 * How a customer's numbers (her phone own, her other phones others:
 * either NULL) are phone: the best number_is of them, crm-add's and
 * crm-log's look-ups alike.  When it is 1, a guess, *theirs (allocated)
 * is the number and *cross how it crosses (crm_phone_cross_note).
 */
int
crm_phone_of(const char *own, const char *others, const char *phone,
    int ext, char **theirs, int *cross)
{
	char **v;
	size_t n = 0, i;
	int best = 0, is, c = 0;

	*theirs = NULL;
	if (own && *own && (best = number_is(own, phone, ext, cross)) == 1)
		*theirs = crm_xstrdup(own);
	if (best == 3 || others == NULL || *others == '\0')
		return best;
	v = crm_phones_split(others, &n);
	for (i = 0; i < n && best < 3; i++) {
		if ((is = number_is(v[i], phone, ext, &c)) <= best)
			continue;
		free(*theirs);
		*theirs = is == 1 ? crm_xstrdup(v[i]) : NULL;
		best = is, *cross = c;
	}
	crm_free_list(v, n);
	return best;
}

/* Is num one of the numbers of list (a cell or "other phones")? */
static int
numbers_in(const char *list, const char *num)
{
	struct numbers l = { 0 };
	int in;

	numbers_of_copy(list, &l, NULL);
	in = numbers_have(&l, num);
	numbers_free(&l);
	return in;
}

/*
 * A phone given by hand (crm-add --update -p) that is one of customer
 * id's "other phones" (the field c gives, else the stored one) is taken
 * out of them, as an import leaves the phone out (keep_own_phone): each
 * number is kept once, the phone not among the others.  The phone it
 * replaces is kept among them, as an import keeps it: a number typed over
 * is not lost (-F 'other phones=...' in the same call says what they are
 * instead, and keeps nothing else).  c's "other phones" is then the rest
 * ("" drops the field), a change audited as any other; c is left alone
 * when nothing changes.  The number kept is returned (malloc'd), or NULL.
 * Other phones given without a phone are kept the same way, each once,
 * none the customer's phone (id 0: a customer being added, c's phone).
 */
char *
crm_other_phones_hand(struct crm_db *db, long long id, struct crm_cust *c)
{
	struct numbers all = { 0 }, kept = { 0 };
	const char *p = c->v[CRM_C_PHONE];
	const char *given = row_field(c, "other phones");
	char *stored = NULL, *old = NULL;
	size_t n;

	if (!has(p) && given == NULL)
		return NULL;
	if (!has(p)) {
		old = id ? crm_query_text(db, "SELECT phone FROM customers "
		    "WHERE id = ?", "i", id) : NULL;
		crm_cust_field_take(c, "other phones", phones_other_than(given,
		    old));
		free(old);
		return NULL;
	}
	if (given == NULL && id) {
		given = stored = crm_query_text(db, "SELECT value FROM "
		    "customer_fields WHERE customer_id = ? AND key = ?", "is",
		    id, "other phones");
		old = crm_query_text(db, "SELECT phone FROM customers WHERE "
		    "id = ?", "i", id);
	}
	numbers_of_copy(given, &all, NULL);
	numbers_of_copy(given, &kept, p);
	n = kept.n;
	if (has(old))
		numbers_add(&kept, old, p);
	/* given by hand: as kept, though no number went (a, a) */
	if ((given && !stored) || kept.n < all.n || kept.n > n)
		crm_cust_field_take(c, "other phones", numbers_text(&kept, 0));
	if (kept.n == n) {
		free(old);
		old = NULL;
	}
	numbers_free(&all);
	numbers_free(&kept);
	free(stored);
	return old;
}

/* Is num the row's fax or pager (no_call_cell), no number to call? */
static int
no_call_number(const struct crm_cust *c, const char *num)
{
	const char *v;

	return ((v = row_field(c, CRM_VCARD_FAX)) && numbers_in(v, num)) ||
	    ((v = row_field(c, CRM_VCARD_PAGER)) && numbers_in(v, num));
}

/*
 * Is num in one of the row's second phone columns (a Mobile beside its
 * Phone), kept as a field under its header, or the row's fax or pager (a
 * phone an older import took from Google's Work Fax, Yahoo's Pager)?  The
 * customer keeps it there: not again among the other phones.
 */
static int
phone_in_column(const struct cust_ctx *x, const struct crm_cust *c,
    const char *num)
{
	const char *v;
	size_t i;

	if (no_call_number(c, num))
		return 1;
	for (i = 0; i < x->n; i++)
		if (x->cm[i].alt == CRM_C_PHONE && x->cm[i].field &&
		    (v = row_field(c, x->cm[i].field)) && numbers_in(v, num))
			return 1;
	return 0;
}

/* Who a row's customer is, for a note: her e-mail, else her name. */
static const char *
row_who(const struct crm_cust *c)
{
	return has(c->v[CRM_C_EMAIL]) ? c->v[CRM_C_EMAIL] :
	    has(c->v[CRM_C_NAME]) ? c->v[CRM_C_NAME] : "?";
}

/*
 * The last eight digits of phone before any extension, the key of
 * x->phones (phone_theirs): "+30 210 1234567" and "210 1234567" alike.
 * 0 when it has fewer than six.
 */
static unsigned long long
phone_tail(const char *phone)
{
	char d[9];
	size_t n = 0;
	const char *p;

	for (p = phone; *p && !strchr("xX;#,", *p) && strncasecmp(p, "ext",
	    3) != 0; p++)
		if (isdigit((unsigned char)*p)) {
			if (n == 8)
				memmove(d, d + 1, --n);
			d[n++] = *p;
		}
	d[n] = '\0';
	return n < 6 ? 0 : crm_seen_hash(0, d);
}

/* Note a phone some customer has now, once x->phones is built. */
/* The customers' numbers phone_theirs reads in one import at most:
 * every customer's of a database of 500,000, a third of a second; a
 * small database's every maybe, a large one's first few. */
#define PHONE_READ_BUDGET	500000

static void
phone_seen(struct cust_ctx *x, const char *phone)
{
	unsigned long long h;

	if (x->phones_built && has(phone) && (h = phone_tail(phone)) != 0)
		crm_seen_add(&x->phones, h);
}

/*
 * The filter of every customer's last digits (phone_tail), read once, at
 * the first phone_theirs, and kept up by phone_seen as rows are taken.
 */
static void
phones_build(struct cust_ctx *x)
{
	struct crm_stmt *st;

	/* sized for the load's numbers too (phone_seen), and twice
	 * over: a "maybe" is a scan of every customer's number, so
	 * a filter of 1,024 keys given 200,000 (every number a
	 * maybe) took ten times the load's CPU, and one of 16 bits
	 * a key (0.1% wrong) 1,000,000 customers' repeats six times
	 * (the 2% whose number changed each asks); at 32 bits a key
	 * one in 40,000 is wrong, for 4 MB more a million */
	crm_seen_init(&x->phones, 2 * (crm_query_int(x->db, 0,
	    "SELECT count(*) FROM customers WHERE phone IS NOT NULL",
	    NULL) + x->load_rows) + 1024);
	x->phones_built = 1;
	st = crm_prepare(x->db, "SELECT phone FROM customers WHERE "
	    "phone IS NOT NULL");
	while (crm_step(st) == CRM_ROW)
		phone_seen(x, crm_col_text(st, 0));
	crm_finalize(st);
}

/*
 * Is phone, which a row found as customer id (by its e-mail or id) would
 * make her phone, another customer's phone?  Then the row's keys name two
 * customers (the e-mail one's, the phone another's: an Outlook card of
 * Robert Jones with a client's number): the number is kept among her
 * 'other phones', her phone stays, and it is said with both customers,
 * after the import.  A phone is no unique key (an office's switchboard, a
 * family's line), so the row is not refused as one with two customers'
 * e-mails is (qa50 F2).  The customers' phones are looked through only
 * when x->phones, their last digits read once, says one may be it.
 */
static int
phone_theirs(struct cust_ctx *x, long long id, const struct crm_cust *c,
    const char *phone)
{
	static const char key;
	struct crm_stmt *st;
	unsigned long long h = phone_tail(phone);
	long long other = 0;
	char *name = NULL;

	if (h == 0)
		return 0;
	if (!x->phones_built)
		phones_build(x);
	if (!crm_seen_maybe(&x->phones, h))
		return 0;
	/* A maybe is a scan of every customer's number (numbers are
	 * compared as numbers, which no index knows): the last eight
	 * digits of a million customers' meet 1% of new numbers, so the
	 * scans are bounded, the numbers left unasked counted and said. */
	if (x->phone_read > PHONE_READ_BUDGET) {
		x->phone_unasked++;
		return 0;
	}
	st = crm_cached(x->db, &key, "SELECT id, name, phone FROM customers "
	    "WHERE phone IS NOT NULL AND id <> ? ORDER BY id");
	crm_bind_int(st, 1, id);
	/* the last digits first: crm_phone_one is dear, a few us a number */
	while (other == 0 && crm_step(st) == CRM_ROW) {
		x->phone_read++;
		if (phone_tail(crm_col_text(st, 2)) == h &&
		    crm_phone_one(crm_col_text(st, 2), phone)) {
			other = crm_col_int(st, 0);
			name = crm_col_type(st, 1) == CRM_NULL ? NULL :
			    crm_xstrdup(crm_col_text(st, 1));
		}
	}
	crm_reset(st);
	if (other == 0)
		return 0;
	tally_add(&x->phone_theirs, crm_xasprintf("line %ld: '%.40s' is "
	    "customer %lld's ('%.60s'), the row customer %lld's (%.60s): "
	    "if they are one person, crm-add %s %lld %lld joins them",
	    x->line, phone, other, name ? name : "", id, row_who(c),
	    crm_optname("merge"), id, other));
	free(name);
	return 1;
}

/*
 * A phone is its system's: the field "phone source" names the --source
 * of the import that gave it (none: a file of no named system, or by
 * hand).  A row of that same system with another number changes it (the
 * number changed there); a row of another system keeps its number as
 * one of the customer's "other phones" and leaves the phone, as its
 * other e-mail is kept; a phone no system gave is taken by the first
 * that brings another, and kept as another number.  So two systems'
 * files imported in turn settle to unchanged, and no number is lost.
 * Without a system on either side, nothing says whether the row's other
 * number is a new one or another card's (two address books, one person
 * twice in one): the phone it replaces is kept among the "other phones",
 * and a number the customer has there already leaves the phone as it is,
 * so that two such cards imported in turn settle too.
 * Numbers are compared as numbers (crm_phone_one), each kept once: the
 * same number written another way changes nothing, not even how it is
 * written, which two books would otherwise flip night after night.  A
 * phone replaced that the row's Mobile column or fax holds is kept there
 * alone.
 */
static void
keep_own_phone(struct cust_ctx *x, long long id, struct crm_cust *c)
{
	struct numbers l = { 0 };
	struct phones o;
	const char *sys = phone_system(x, c), *p = c->v[CRM_C_PHONE];
	const char *more = row_field(c, "other phones");
	char *text;
	int take = 0, moved = 0, same = 0;

	if (!has(p) && !has(more))
		return;
	phones_read(x, id, &o);
	/* written alike first: most rows of a re-import, at no cost */
	same = has(p) && has(o.phone) && (strcmp(p, o.phone) == 0 ||
	    crm_phone_one(p, o.phone));
	if (has(p) && has(o.phone) && !has(o.system) && !*sys && !same)
		take = !numbers_in(o.more, p), moved = take;	/* nobody's */
	else if (has(p) && has(o.phone) && o.system == NULL && *sys)
		take = 1, moved = !same;	/* no system's */
	else if (has(p))
		take = !has(o.phone) || strcmp(sys, o.system ? o.system : "") ==
		    0;
	if (take && has(p) && !same && phone_theirs(x, id, c, p))
		take = 0, moved = 0;	/* a stranger's: among the others */
	if (moved && phone_in_column(x, c, o.phone))
		moved = 0;	/* replaced, kept under the column's header */
	/* The customer's numbers but the phone: stored, then the row's. */
	numbers_of_copy(o.more, &l, take ? p : o.phone);
	if (moved)
		numbers_add(&l, o.phone, p);
	if (has(p) && !take)
		numbers_add(&l, p, o.phone);
	numbers_of_copy(more, &l, take ? p : o.phone);
	text = numbers_text(&l, 0);
	/* "" leaves a field as it is (crm_cust_update's keep_nonempty) */
	if (strcmp(text, o.more ? o.more : "") == 0)
		*text = '\0';
	crm_cust_field_take(c, "other phones", text);
	if (!take || same)
		crm_cust_set(c, CRM_C_PHONE, NULL);
	x->phones_moved += take && moved;
	crm_cust_field(c, PHONE_SOURCE, take && *sys ? sys : "");
	numbers_free(&l);
	free(o.phone);
	free(o.more);
	free(o.system);
}

/* Does a customer of this status buy, or has she bought? */
static int
has_bought(const char *status)
{
	return status && (strcmp(status, "active") == 0 ||
	    strcmp(status, "inactive") == 0);
}

/*
 * A customer's status is the firm's own.  A file's lead or prospect does
 * not take back a customer who buys or has bought (active, inactive): a
 * lead form she filled in, a lead report's Lead Status (qa31 F2: Meta's
 * lead_status CREATED made a paying customer a lead); the file's word
 * stays its field, and it is said once.
 */
static void
keep_status(struct cust_ctx *x, long long id, struct crm_cust *c, long line)
{
	const char *st = c->v[CRM_C_STATUS];
	char *had;

	if (has(st) && (strcmp(st, "lead") == 0 || strcmp(st, "prospect") ==
	    0) && (had = crm_query_text(x->db, "SELECT status FROM customers "
	    "WHERE id = ?", "i", id)) != NULL) {
		if (has_bought(had)) {
			if (x->standing++ == 0)
				x->standing_note = crm_xasprintf("%s, line %ld: "
				    "%s, not %s", row_who(c), line, had, st);
			crm_cust_set(c, CRM_C_STATUS, NULL);
		}
		free(had);
	}
}

/* The statuses keep_status kept, said once an import. */
static void
status_say(struct cust_ctx *x)
{
	char num[32];

	if (x->standing)
		crm_warn("%s: %s %s kept %s status: a file's lead or prospect "
		    "does not take back a customer who buys or has bought "
		    "(%s; crm-add -u KEY --status lead sets it by hand)",
		    x->file, crm_fmt_count(x->standing, num), x->standing == 1 ? "customer" :
		    "customers", x->standing == 1 ? "her" : "their",
		    x->standing_note);
}

/*
 * The numbers a row holds as its fax or pager that an older import took
 * as phones (Google's Work Fax or Pager, Yahoo's Pager: the phone when
 * no number came before them, else one of the "other phones"): out of
 * the other phones, and out of the phone when the row has no phone to
 * put in its place (one it has replaces it: keep_own_phone, which then
 * keeps it nowhere else).  The file says what the number is, and the
 * field fax or pager keeps it.  How many changes (audited), or -1.
 */
static int
no_call_moved(struct cust_ctx *x, long long id, const struct crm_cust *c)
{
	struct crm_cust gone = { 0 };
	struct numbers l = { 0 };
	struct phones o;
	size_t i, j;
	int n = 0;

	if (row_field(c, CRM_VCARD_FAX) == NULL &&
	    row_field(c, CRM_VCARD_PAGER) == NULL)
		return 0;
	phones_read(x, id, &o);
	if (has(o.phone) && !has(c->v[CRM_C_PHONE]) &&
	    no_call_number(c, o.phone)) {
		crm_cust_set(&gone, CRM_C_PHONE, "");
		if (has(o.system))
			crm_cust_field(&gone, PHONE_SOURCE, "");
	}
	numbers_of_copy(o.more, &l, NULL);
	for (i = j = 0; i < l.n; i++)
		if (no_call_number(c, l.v[i]))
			free(l.v[i]);
		else
			l.v[j++] = l.v[i];
	if (j < l.n) {
		l.n = j;
		crm_cust_field_take(&gone, "other phones", numbers_text(&l,
		    0));
	}
	if (gone.v[CRM_C_PHONE] || gone.nfields)
		n = crm_cust_update(x->db, id, &gone, 0);
	crm_cust_free(&gone);
	numbers_free(&l);
	free(o.phone);
	free(o.more);
	free(o.system);
	return n;
}

/*
 * The fields an older crm kept a fax or pager column under, its header
 * (Outlook's "Business Fax", "Pager", before such columns were the
 * fields fax and pager): the field goes when it still holds this row's
 * cell, which the field fax or pager holds now, so that the number is
 * not kept twice (h-skip30).  A field of that header with another value
 * is not one crm kept: it stays.  How many changes (audited), or -1.
 */
static int
no_call_header_gone(struct cust_ctx *x, long long id,
    const struct crm_rec *rec)
{
	struct crm_cust gone = { 0 };
	const struct colmap *cm;
	char *kept, *cell;
	size_t i;
	int n = 0;

	for (i = 0; i < rec->n && i < x->n; i++) {
		cm = &x->cm[i];
		/* a Pager column's field is pager's own, in its case */
		if ((cm->to != T_FAX && cm->to != T_PAGER) ||
		    strcasecmp(cm->field, CRM_VCARD_FAX) == 0 ||
		    strcasecmp(cm->field, CRM_VCARD_PAGER) == 0)
			continue;
		cell = crm_xstrdup(rec->f[i]);
		kept = *crm_trim(cell) ? crm_query_text(x->db, "SELECT value "
		    "FROM customer_fields WHERE customer_id = ? AND key = ?",
		    "is", id, cm->field) : NULL;
		if (kept && strcmp(crm_trim(kept), crm_trim(cell)) == 0)
			crm_cust_field(&gone, cm->field, "");
		free(kept);
		free(cell);
	}
	if (gone.nfields)
		n = crm_cust_update(x->db, id, &gone, 0);
	crm_cust_free(&gone);
	return n;
}

/*
 * A birthday this row's column gives as a date that an earlier import of
 * the file, before --date-format, kept as written under the column's
 * header (Outlook's "Birthday: 3/12/1985"): that field, still what crm
 * kept (the cell as written, or the date since put in it), goes, and the
 * row's birthday is the field "birthday" (BDAY), not a second one beside
 * it.  A field of that header with another value is not one crm kept:
 * left to set_field, which puts the date in it, under the user's name
 * for it, as any field of crm's name in another case.  How many changes
 * (audited).
 */
static int
birthday_moved(struct cust_ctx *x, long long id, const struct crm_cust *c,
    const struct rowkeys *k)
{
	struct crm_cust gone = { 0 };
	const char *iso = row_field(c, "birthday");
	char *kept;
	int n = 0;

	if (k->birthday_header == NULL || iso == NULL || x->next)
		return 0;
	kept = crm_query_text(x->db, "SELECT value FROM customer_fields "
	    "WHERE customer_id = ? AND key = ?", "is", id, k->birthday_header);
	if (kept && (strcmp(kept, k->birthday_cell) == 0 ||
	    strcmp(kept, iso) == 0)) {
		crm_cust_field(&gone, k->birthday_header, "");
		n = crm_cust_update(x->db, id, &gone, 0);
		crm_cust_free(&gone);
	}
	free(kept);
	return n;
}

/*
 * Give customer id the row's other ids and e-mails.  When asked (count),
 * how many of them it did not have.
 */
static int
add_keys(struct cust_ctx *x, long long id, const struct rowkeys *k,
    int count)
{
	char own[32];
	size_t i;
	int n = 0;

	if (k->nids)
		snprintf(own, sizeof own, "%lld", id);
	for (i = 0; i < k->nids; i++) {
		/* crm's own id coming back in an export: not a new key */
		if (*k->ids[i].source == '\0' && strcmp(k->ids[i].value,
		    own) == 0 && !x->hi.crm_own)
			continue;
		n += count && crm_cust_by_id(x->db, k->ids[i].source,
		    k->ids[i].value) != id;
		crm_cust_add_id(x->db, id, k->ids[i].source, k->ids[i].value);
		x->ids_any = 1;
	}
	for (i = 0; i < k->nemails; i++) {
		n += count && crm_cust_by_email(x->db, k->emails[i].email) !=
		    id;
		crm_cust_add_email(x->db, id, k->emails[i].email);
		x->ids_any = 1;
	}
	return n;
}

/*
 * Made before the first row, 0600 (it holds customer data), and made
 * even when no row is bad: an empty file says so, an old one would lie.
 * 0, or -1 with the error recorded (exit 73).
 */
static int
open_rejects(struct crm_import *im)
{
	int fd;

	if (strcmp(im->rejects_path, "-") == 0) {
		im->rejects = stdout;
		return 0;
	}
	fd = open(im->rejects_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
	    0600);
	if (fd < 0 || (im->rejects = fdopen(fd, "w")) == NULL)
		return crm_fail(CRM_EX_CANTCREAT, "%s:", im->rejects_path);
	return 0;
}

/*
 * Close the rejects file, if one was written: 0, or -1 with the error
 * recorded (a write error, exit 74): rejects that did not reach the file
 * must not go unsaid.
 */
int
crm_import_finish(struct crm_import *im)
{
	int r = 0;

	if (im->rej_out && crm_out_end(im->rej_out) < 0)
		r = -1;
	im->rej_out = NULL;
	if (im->rejects && im->rejects != stdout && fclose(im->rejects) != 0)
		r = crm_fail(CRM_EX_IOERR, "%s:", im->rejects_path);
	im->rejects = NULL;
	return r;
}

/*
 * The bad row, in the input's format, after its line and what is wrong:
 * every cell it has, even past the header's width.  0, or -1 when the
 * rejects file cannot take it (the error recorded).
 */
static int
put_reject(struct crm_import *im, const struct crm_rd *rd,
    const struct crm_rec *rec, const char *err)
{
	char *const *names;
	size_t i, n = crm_rd_header(rd, &names), w = n > rec->n ? n : rec->n;
	const char **vals = crm_xcalloc(w + 2, sizeof *vals);
	char line[32];
	int r = 0;

	if (im->rej_out == NULL) {
		im->rej_out = crm_out_new(im->rejects, crm_rd_format(rd) ==
		    't' ? CRM_FMT_TSV : crm_rd_format(rd) == 'j' ?
		    CRM_FMT_JSON : CRM_FMT_CSV);
		crm_out_delim(im->rej_out, crm_rd_delim(rd));
		vals[0] = rejects_cols[0], vals[1] = rejects_cols[1];
		for (i = 0; i < n; i++)
			vals[i + 2] = names[i];
		r = crm_out_header(im->rej_out, vals, n + 2);
	}
	if (r == 0) {
		snprintf(line, sizeof line, "%ld", rec->line);
		vals[0] = line, vals[1] = err;
		for (i = 0; i < w; i++)
			vals[i + 2] = i < rec->n ? rec->f[i] : "";
		r = crm_out_row_wide(im->rej_out, vals, w + 2);
	}
	free(vals);
	return r;
}

char *
crm_import_reason(const char *err, char *const *names, int col)
{
	return col >= 0 ? crm_xasprintf("%s: %s", names[col], err) :
	    crm_xstrdup(err);
}

/* Spreadsheets leave rows of empty cells at the end: no customer there. */
int
crm_rec_blank(const struct crm_rec *rec)
{
	const char *p;
	size_t i;

	for (i = 0; i < rec->n; i++)
		for (p = rec->f[i]; *p; p++)
			if (*p != ' ' && *p != '\t')
				return 0;
	return 1;
}

/*
 * The extra fields of customers this import adds go in FB_ROWS at a time,
 * one multi-row INSERT instead of one statement each: for most files that
 * statement is half of what a new customer costs.  They wait in a fixed
 * number of slots (constant memory) and are written before anything reads
 * customer_fields: an update, a snapshot, the counting at the end.
 */
/* "INSERT ... VALUES (?,?,?),(?,?,?),... ON CONFLICT ..." of n rows, made
 * once. */
static const char *
fb_sql(size_t n)
{
	static struct crm_buf sql[FB_ROWS + 1];
	size_t i;

	if (sql[n].s)
		return sql[n].s;
	crm_buf_adds(&sql[n], "INSERT INTO customer_fields (customer_id, key, "
	    "value) VALUES (?, ?, ?)");
	for (i = 1; i < n; i++)
		crm_buf_adds(&sql[n], ", (?, ?, ?)");
	/* A repeated key keeps the last value, as one row at a time does. */
	crm_buf_adds(&sql[n], " ON CONFLICT (customer_id, key) DO UPDATE SET "
	    "value = excluded.value");
	return sql[n].s;
}

/* Fields from..from+n of fb in one statement: CRM_DONE or not. */
static int
fb_write(struct crm_db *db, struct fbatch *fb, size_t from, size_t n)
{
	static const char key[FB_ROWS + 1];
	struct crm_stmt *st = crm_cached(db, &key[n], fb_sql(n));
	size_t i;
	int p = 0, rc;

	for (i = from; i < from + n; i++) {
		crm_bind_int(st, ++p, fb->id[i]);
		crm_bind_ref(st, ++p, fb->text.s + fb->key[i]);
		crm_bind_ref(st, ++p, fb->text.s + fb->val[i]);
	}
	rc = crm_step(st);
	crm_reset(st);
	return rc;
}

/*
 * Write the fields waiting: 0, or -1 with the error recorded.  Where the
 * engine waits for each statement (fb->many) in statements of 32, 16, 8
 * ... rows (each size prepared once), a batch cut short by a row that
 * reads them too: one at a time such rows cost twice as much.
 */
static int
fb_flush(struct crm_db *db, struct fbatch *fb)
{
	size_t i, n, from = 0;
	int rc = CRM_DONE;

	if ((fb->n == FB_ROWS && !fb->sure) || fb->many) {
		for (n = FB_ROWS; n > 0 && rc == CRM_DONE; n /= 2)
			while (fb->n - from >= n && rc == CRM_DONE) {
				rc = fb_write(db, fb, from, n);
				from += n;
			}
		/* Refused is a fault of ours; failed is the database's. */
		if (rc != CRM_DONE && !crm_db_failed(db))
			crm_fail(CRM_EX_SOFTWARE, "extra fields refused by the "
			    "database");
		if (rc != CRM_DONE)
			return -1;
	} else {
		/* Not waited for: what reads them next waits for them.  A
		 * new customer has no fields: in a load that numbers its
		 * rows, one whose key is once in its row is a new row for
		 * sure (crm_exec_sure: PostgreSQL sends them together,
		 * whatever comes between). */
		for (i = 0; i < fb->n; i++)
			if (fb->sure && fb->once[i])
				crm_exec_sure(db, "INSERT INTO customer_fields "
				    "(customer_id, key, value) VALUES (?1, ?2, "
				    "?3)", "iss", fb->id[i], fb->text.s +
				    fb->key[i], fb->text.s + fb->val[i]);
			else
				crm_exec_nowait(db, CRM_FIELD_UPSERT, "iss",
				    fb->id[i], fb->text.s + fb->key[i],
				    fb->text.s + fb->val[i]);
	}
	fb->n = 0;
	fb->text.len = 0;
	return crm_db_failed(db) ? -1 : 0;
}

/*
 * Queue the non-empty extra fields of new customer id (as set_extras):
 * 0, or -1 when writing those before them failed.
 */
static int
fb_add(struct crm_db *db, struct fbatch *fb, long long id, const struct crm_cust *c)
{
	size_t i, j;

	for (i = 0; i < c->nfields; i++) {
		if (c->fields[i].value[0] == '\0')
			continue;
		if (fb->n == FB_ROWS && fb_flush(db, fb) < 0)
			return -1;
		/* Keys are set once each (crm_cust_field_take): only one
		 * crm_cust_check trimmed or normalised may be twice; not
		 * looked for among a wide row's thousands otherwise. */
		fb->once[fb->n] = 1;
		for (j = 0; c->keys_moved && j < c->nfields; j++)
			if (j != i && c->fields[j].value[0] &&
			    strcmp(c->fields[j].key, c->fields[i].key) == 0)
				fb->once[fb->n] = 0;
		fb->id[fb->n] = id;
		fb->key[fb->n] = fb->text.len;
		crm_buf_add(&fb->text, c->fields[i].key,
		    strlen(c->fields[i].key) + 1);
		fb->val[fb->n] = fb->text.len;
		crm_buf_add(&fb->text, c->fields[i].value,
		    strlen(c->fields[i].value) + 1);
		fb->n++;
	}
	return 0;
}

/* eBay's trailer: "2,record(s) downloaded,from Mar-01-24 to Mar-31-24". */
static int
ebay_trailer(const struct crm_rec *rec)
{
	const char *n, *w;
	size_t d;

	if (rec->n < 2)
		return 0;
	n = rec->f[0] + strspn(rec->f[0], " \t");
	w = rec->f[1] + strspn(rec->f[1], " \t");
	d = strspn(n, "0123456789");
	return d > 0 && n[d + strspn(n + d, " \t")] == '\0' &&
	    strncasecmp(w, "record(s) downloaded", 20) == 0;
}

/*
 * A report's footer: text in the first cell only ("Grand Totals (2
 * records)", "Copyright ...", "Generated By:" under Salesforce reports,
 * eBay's "Seller ID : ..."), or eBay's trailer.
 */
static int
footer(const struct crm_rec *rec)
{
	size_t i;

	if (ebay_trailer(rec))
		return 1;
	for (i = 1; i < rec->n; i++)
		if (rec->f[i][strspn(rec->f[i], " \t")] != '\0')
			return 0;
	return rec->n > 1;
}

/*
 * After a weekday's name at s ("Monday", "Mon"), optionally told by the
 * report's basis before it ("Accrual basis Sunday", "Cash Basis ..."):
 * what follows it, or NULL.
 */
static const char *
stamp_day(const char *s)
{
	static const char *const days[] = { "monday", "tuesday", "wednesday",
		"thursday", "friday", "saturday", "sunday" };
	static const char *const basis[] = { "accrual basis ", "cash basis " };
	size_t i, len;

	s += strspn(s, " ");
	for (i = 0; i < 2; i++)
		if (strncasecmp(s, basis[i], strlen(basis[i])) == 0)
			s += strlen(basis[i]) + strspn(s + strlen(basis[i]),
			    " ");
	len = strcspn(s, " ,");
	for (i = 0; i < 7; i++)
		if (len >= 3 && strncasecmp(s, days[i], len) == 0)
			return s + len;
	return NULL;
}

/*
 * The date and time a report was run, which QuickBooks Online writes
 * under its rows, with the report's basis before it or not: "Monday,
 * Oct 05, 2026 09:41:12 AM GMT-07:00" (lists), "Accrual basis Sunday,
 * December 6, 2026 02:55 AM GMT-05:00" (reports), its commas splitting
 * it into cells unless it is quoted whole: a weekday's name, then a
 * date and a time, then what it likes (the zone, "- Accrual Basis").
 * Nothing else, in a row of the report.
 */
static int
report_stamp(const struct crm_rec *rec)
{
	struct crm_buf b = { 0 };
	struct tm tm;
	const char *end = NULL, *p;
	size_t i, n = rec->n;
	int r;

	while (n > 0 && rec->f[n - 1][strspn(rec->f[n - 1], " ")] == '\0')
		n--;		/* a short row is made as long as the header */
	if (n < 1 || n > 4 || (p = stamp_day(rec->f[0])) == NULL)
		return 0;
	for (i = 0; i < n; i++) {	/* the cells its commas made */
		crm_buf_adds(&b, i > 0 ? "," : "");
		crm_buf_adds(&b, rec->f[i]);
	}
	p = stamp_day(b.s);
	if (p && *(p += strspn(p, " ")) == ',') {
		memset(&tm, 0, sizeof tm);
		end = strptime(p + 1, " %b %d, %Y %I:%M", &tm);
		if (end && *end == ':')	/* seconds in lists, not reports */
			end = strptime(end, ":%S", &tm);
		if (end)
			end = strptime(end, " %p", &tm);
	}
	r = end && (*end == '\0' || *end == ' ');
	crm_buf_free(&b);
	return r;
}

/* The one cell of rec with more than blanks in it, or NULL. */
static const char *
lone_cell(const struct crm_rec *rec)
{
	const char *one = NULL;
	size_t i;

	for (i = 0; i < rec->n; i++)
		if (rec->f[i][strspn(rec->f[i], " \t")] != '\0') {
			if (one)
				return NULL;
			one = rec->f[i];
		}
	return one;
}

/*
 * Is a lone cell one of the lines Salesforce writes under a report's
 * rows: "Grand Totals (3 records)" (*grand set), "Confidential
 * Information - Do Not Distribute", "Copyright (c) 2000-2025
 * salesforce.com, inc. All rights reserved." (or "Copyright © 2000-2025
 * ..."), "Generated By:  NAME
 * date"?  Only these shapes: a lone cell may be a customer's name or
 * address, which is no footer.
 */
static int
sf_footer_text(const char *s, int *grand)
{
	size_t n;

	s += strspn(s, " \t");
	n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	*grand = strncasecmp(s, "Grand Totals (", 14) == 0 &&
	    strspn(s + 14, "0123456789") > 0;
	return *grand || (n == 44 && strncasecmp(s,
	    "Confidential Information - Do Not Distribute", 44) == 0) ||
	    strncasecmp(s, "Generated By:", 13) == 0 ||
	    (strncasecmp(s, "Copyright ", 10) == 0 &&	/* "(c)", newer "©" */
	    strcasestr(s, "salesforce.com") != NULL);
}

/* The line a sheet's record ends on: a quoted cell may hold line ends. */
static long
rec_end(const struct crm_rec *rec)
{
	long end = rec->line;
	const char *p;
	size_t i;

	for (i = 0; i < rec->n; i++)
		for (p = rec->f[i]; (p = strchr(p, '\n')) != NULL; p++)
			end++;
	return end;
}

/*
 * Is rec the name of a Salesforce report over its footer, as an older
 * report's export writes it: a lone cell ("Contacts with Opportunities")
 * below a blank line (a line the last record, which ended on line end,
 * did not reach) and above a line sf_footer_text knows ("Copyright (c)
 * 2000-2007 salesforce.com, inc. ...")?  A lone cell elsewhere may be a
 * customer's name, and stays a row.  Only a sheet's records (a card has
 * many lines); the next record is looked at, not taken.
 */
static int
report_name(struct crm_rd *rd, const struct crm_rec *rec, long end)
{
	const struct crm_rec *next;
	const char *one;
	int grand;

	if ((crm_rd_format(rd) != 'c' && crm_rd_format(rd) != 't') ||
	    end <= 0 || rec->line <= end + 1 || lone_cell(rec) == NULL)
		return 0;
	next = crm_rd_peek(rd, 0);
	return next && (one = lone_cell(next)) != NULL &&
	    sf_footer_text(one, &grand);
}

/*
 * A line under a report's rows that is none of them, as crm-add skips
 * it: a totals line (crm_totals_line) or a footer (footer()).  2 when it
 * can be nothing else: eBay's trailer, whose words fill its second and
 * third cells; a lone cell in any column that is a Salesforce report's
 * footer (sf_footer_text), or any lone cell after one (the report's
 * name, the company's under "Generated By:"), *after (the caller's, 0
 * at the file's start) remembering that one was seen; crm_import_rows
 * sets it for an older report's name above its footer (report_name).  1 when it may be:
 * text alone in the first cell may be a record's too (a name), so the
 * caller skips it only when the row holds nothing of a record of its
 * own (no customer, no amount).  0 when it is none.  *word is its first
 * cell, or the lone one.
 */
int
crm_footer_line(const struct crm_rec *rec, const char **word, int *after)
{
	const char *one = lone_cell(rec);
	int grand = 0;

	if (report_stamp(rec)) {
		*word = rec->f[0];
		return 2;
	}
	if (one && (sf_footer_text(one, &grand) || *after)) {
		*after = 1;
		if (!grand) {	/* a totals line, said as one below */
			*word = one;
			return 2;
		}
	}
	if (crm_totals_line(rec, word))
		return 1;
	*word = rec->n ? rec->f[0] : "";
	return ebay_trailer(rec) ? 2 : footer(rec);
}

/* Is w (a header as crm_norm_header makes it) one of words? */
static int
one_of(const char *w, const char *const *words)
{
	for (; *words; words++)	/* the first byte first: asked every row */
		if (**words == *w && strcmp(w, *words) == 0)
			return 1;
	return 0;
}

/* Longer than any word a totals line is told by. */
#define WORD_MAX	32

/*
 * The n bytes at s as crm_norm_header makes them, up to a ':' or '(',
 * in buf (WORD_MAX bytes); 0 when they are longer than any word looked
 * for or have an '@', which none has.  Asked of every row, so it allocates only beyond ASCII, as
 * crm_norm_header folds the case there too.
 */
static int
small_word(const char *s, size_t n, char *buf)
{
	size_t i, d = 0;
	int wide = 0;
	char *f;

	for (i = 0; i < n && s[i] != ':' && s[i] != '('; i++) {
		if (s[i] == ' ' || s[i] == '-' || s[i] == '_' || s[i] == '\t')
			continue;
		/* No word has an '@': a key column's address is none (every
		 * row's first cell is asked). */
		if (d + 1 >= WORD_MAX || s[i] == '@')
			return 0;
		wide |= s[i] & 0x80;
		buf[d++] = s[i] >= 'A' && s[i] <= 'Z' ? s[i] + ('a' - 'A') :
		    s[i];
	}
	buf[d] = '\0';
	if (!wide)
		return 1;
	f = crm_key_fold(buf);
	d = strlen(f) < WORD_MAX;
	if (d)
		memcpy(buf, f, strlen(f) + 1);
	free(f);
	return (int)d;
}

/* Are the n bytes at s, as small_word makes them, one of words? */
static int
word_in(const char *s, size_t n, const char *const *words)
{
	char buf[WORD_MAX];

	return small_word(s, n, buf) && one_of(buf, words);
}

/*
 * Is a line's first cell a word for a total ("Summe:", "Total (12)")?
 * Grand Count and Grand Average end what Excel's Data > Subtotal writes
 * with those functions, Gesamtergebnis and Total général what it writes
 * in German and French.
 */
static int
totals_word(const char *cell)
{
	static const char *const words[] = { "total", "totals", "grandtotal",
		"grandtotals", "sum", "summe", "gesamt", "gesamtsumme",
		"insgesamt", "totaal", "totale", "somme", "suma", "合计",
		"总计", "合計", "總計", "grandcount", "grandaverage",
		"gesamtergebnis", "totalgeneral", "totalgénéral", NULL };
	return word_in(cell, strlen(cell), words);
}

/*
 * Is a line's first cell a subtotal's?  A word for one, alone or before
 * a label ("Subtotal", "Sous-total:", "Zwischensumme", 小计, "Subtotal
 * January"); what Excel's Data > Subtotal writes under a group, the
 * group's name before Total, Count or Average ("Acme Total", German
 * Excel's "Acme Ergebnis"); or Total before a year ("Total 2024").
 * Not Total before other words: "Total Fitness Ltd" may be a customer.
 * Its row is one only with nothing but amounts after it
 * (crm_totals_line).
 */
static int
subtotal_word(const char *cell)
{
	static const char *const words[] = { "subtotal", "subtotals",
		"zwischensumme", "zwischensummen", "teilsumme", "soustotal",
		"subtotaal", "subtotale", "小计", "小計", NULL };
	static const char *const after[] = { "total", "totals", "count",
		"average", "ergebnis", NULL };
	static const char *const total[] = { "total", NULL };
	const char *c = cell + strspn(cell, " \t"), *sp, *last;
	size_t n = strlen(c);
	int yes;

	while (n > 0 && (c[n - 1] == ' ' || c[n - 1] == '\t'))
		n--;
	if ((sp = memchr(c, ' ', n)) == NULL)	/* one word */
		return word_in(c, n, words);
	for (last = c + n; last[-1] != ' '; last--)
		;
	yes = word_in(last, (size_t)(c + n - last), after);	/* Acme Total */
	if (!yes)	/* "Subtotal January" */
		yes = word_in(c, (size_t)(sp - c), words);
	if (!yes)	/* "Total 2024" */
		yes = word_in(c, (size_t)(sp - c), total) &&
		    strspn(sp, " 0123456789") == (size_t)(c + n - sp);
	return yes;
}

/* A subtotal's first cell (subtotal_word), not the total's ("Grand Total"). */
int
crm_subtotal_word(const char *cell)
{
	return !totals_word(cell) && subtotal_word(cell);
}

/*
 * A spreadsheet's totals line under the data: a word for a total in the
 * first cell that has something ("Total", "Summe:", "Total (12)", 合计)
 * and every other cell empty or an amount (its sum: "10.00", "1.333,56").
 * Never a customer, though its first cell may be the name column, nor
 * a sale (crm-log reads it too).  1 when it is, 2 when it has amounts
 * too; *word is its first cell.  The word is asked first: it rules out
 * a customer's row at once, where trying every other cell as an amount
 * was 2% of an import's instructions (bench/README.md).
 */
int
crm_totals_line(const struct crm_rec *rec, const char **word)
{
	size_t i, first = 0;
	int amounts = 0;

	while (first < rec->n &&
	    rec->f[first][strspn(rec->f[first], " \t")] == '\0')
		first++;
	if (first == rec->n || rec->n < 2 || (!totals_word(rec->f[first]) &&
	    !subtotal_word(rec->f[first])))
		return 0;
	for (i = first + 1; i < rec->n; i++) {
		if (rec->f[i][strspn(rec->f[i], " \t")] == '\0')
			continue;
		if (!crm_is_amount(rec->f[i]))
			return 0;
		amounts = 1;
	}
	*word = rec->f[first];
	return 1 + amounts;
}

/* A payment service's row that is no customer paying us (PayPal). */
static int
not_paying(const struct hdrinfo *hi, const struct crm_rec *rec)
{
	if (hi->type_col < 0 || hi->gross_col < 0 ||
	    (size_t)hi->type_col >= rec->n || (size_t)hi->gross_col >= rec->n)
		return 0;
	return !crm_payment_row(rec->f[hi->type_col], rec->f[hi->gross_col]);
}

/*
 * Does a cell of a key column (phone, e-mail, id) other than the word's
 * have a key (an e-mail cell an address)?  Then a row that crm_totals_line() takes for a totals
 * line ("Peak Total" and a phone in digits, 5550100) is a customer's:
 * only the other columns' cells can be a total's amounts.
 */
static int
key_cell(const struct crm_rec *rec, const struct colmap *cm, size_t n,
    const char *word)
{
	size_t i;
	int to;

	for (i = 0; i < rec->n && i < n; i++) {
		to = cm[i].to;
		if (rec->f[i] == word || !has(rec->f[i]))
			continue;
		if (to == CRM_C_PHONE || to == CRM_C_EXTERNAL_ID ||
		    to == T_OTHER_IDS || to == T_SRC_ID)
			return 1;
		/* A short row's sum may fall under E-Mail: not a key. */
		if ((to == CRM_C_EMAIL || to == T_EMAILS) &&
		    strchr(rec->f[i], '@'))
			return 1;
	}
	return 0;
}

/* An order export's row with nobody to import: a fee, a transfer. */
static int
no_buyer(const struct crm_cust *c, const struct rowkeys *k)
{
	return !has(c->v[CRM_C_EMAIL]) && !has(c->v[CRM_C_NAME]) &&
	    !has(c->v[CRM_C_EXTERNAL_ID]) && k->nids == 0 && k->nemails == 0;
}

/*
 * Is the row's e-mail or external_id one of some customer's others?
 * Then the unique indexes of customers cannot say so.
 */
static int
in_identities(struct crm_db *db, const struct crm_cust *c)
{
	return crm_query_int(db, 0, "SELECT 1 FROM identities WHERE kind = "
	    "'email' AND value = ?", "s", c->v[CRM_C_EMAIL]) ||
	    (has(c->v[CRM_C_EXTERNAL_ID]) && crm_query_int(db, 0, "SELECT 1 "
	    "FROM identities WHERE kind = 'id' AND value = ? AND source = ''",
	    "s", c->v[CRM_C_EXTERNAL_ID]));
}

static int make_link(struct cust_ctx *, struct crm_cust *, struct rowkeys *,
    long long);

/*
 * Is c new for sure: a load into an empty table that numbers its rows
 * (x->next), and no row of it had c's keys?  Then nothing need be looked
 * up, nor the INSERT waited for.
 */
static int
sure_new(const struct cust_ctx *x, const struct crm_cust *c)
{
	return x->next && !has(c->v[CRM_C_DOMAIN]) &&
	    !taken(x, c->v[CRM_C_EMAIL]) &&
	    !taken(x, c->v[CRM_C_EXTERNAL_ID]);
}

/*
 * Whether the file is mostly of customers already there (a re-import, a
 * sync): each refused insert costs more than the look-ups it saves (on
 * SQLite, schema 17, its id put back too: sqlite.c's seq_put_back; a
 * re-import of 5,000 known customers ran 298.6 M instructions, 253.0 M
 * before AUTOINCREMENT), so the rows are looked up first from then on.
 * A row looked up without a try (its organisation to be made, an other
 * address) counts as the try it would have been: counting the tries
 * alone judged bench/gen-customers.py's file, whose first 5,000 rows
 * each make an organisation, by its in-file duplicates, the only rows
 * tried among them, and looked up its 15,000 new rows after them one by
 * one (bench/README.md, "Bulk loads").
 */
#define FIRST_PROBE	64	/* tries before the file is judged */

static int
mostly_taken(const struct cust_ctx *x)
{
	return x->first_tries >= FIRST_PROBE &&
	    2 * x->first_taken > x->first_tries;
}

/* A row judged: whether its customer was there (its keys taken). */
static void
judged(struct cust_ctx *x, int taken)
{
	x->first_tries++;
	x->first_taken += taken != 0;
}

/* Organisation org has a person with no e-mail, phone or external_id. */
static void
keyless_org(struct cust_ctx *x, long long org)
{
	char num[24];

	if (!x->keyless_any) {
		crm_seen_init(&x->keyless_orgs, 1024);
		x->keyless_any = 1;
	}
	crm_seen_add(&x->keyless_orgs, crm_seen_hash(0, crm_fmt_int(org,
	    num)));
}

/* The organisations of such people before the import (org_name_join). */
static void
keyless_orgs(struct cust_ctx *x)
{
	struct crm_stmt *st = crm_prepare(x->db, "SELECT DISTINCT org_id FROM "
	    "customers WHERE type = 'person' AND org_id IS NOT NULL AND email "
	    "IS NULL AND phone IS NULL AND external_id IS NULL");

	while (crm_step(st) == CRM_ROW)
		keyless_org(x, crm_col_int(st, 0));
	crm_finalize(st);
}

/*
 * Most rows of an import are new customers: when nothing else could
 * know them, try the insert first and let the unique indexes say when
 * one exists, which saves two index lookups a row.  A refused insert
 * changes nothing.  One new for sure (sure_new) gets its organisation
 * made first, as make_link would after the look-ups, and its id here.
 * The extra fields of a new one wait in fb.  The new customer's id, 0
 * when the row needs looking up, -1 when the database failed.
 */
static long long
insert_first(struct cust_ctx *x, struct crm_cust *c, struct rowkeys *k)
{
	char num[24];
	size_t nfields;
	long long id;
	int sure;

	if (k->nids || k->nemails || !has(c->v[CRM_C_EMAIL]) ||
	    (x->ids_any && in_identities(x->db, c)) || held(x, c, k) ||
	    (x->keyless_any && c->has_org && crm_seen_maybe(&x->keyless_orgs,
	    crm_seen_hash(0, crm_fmt_int(c->org_id, num)))))
		return 0;	/* the rest need looking up first */
	/* A new one's organisation is made once the row is known new.  In a
	 * load numbered here, a row not new for sure is a row of the load
	 * again (the filter is seldom wrong): the look-ups find it, where
	 * the INSERT would be refused after a round trip. */
	if (!(sure = sure_new(x, c)) && (k->make_org || x->next ||
	    mostly_taken(x)))
		return 0;
	if (sure && k->make_org && make_link(x, c, k, 0) < 0)
		return -1;
	nfields = c->nfields, c->nfields = 0;
	if (sure) {
		if ((id = crm_cust_insert_new(x->db, c, x->next)) > 0)
			x->next++;
	} else {
		took_id(x, id = crm_cust_insert(x->db, c, 0));
		judged(x, id == 0);
	}
	c->nfields = nfields;
	if (id > 0 && fb_add(x->db, &x->fb, id, c) < 0)
		return -1;
	return id;
}

/*
 * A customer added, from the row on line.  The ids an import adds rise,
 * a few apart at most (an organisation made for a row): 4 bytes an id.
 */
static void
count_added(struct cust_ctx *x, long long id, long line)
{
	struct crm_import *im = x->im;
	size_t i, n;

	if (im->added++ == 0)
		im->first_id = id;
	im->last_id = id;
	i = (size_t)(id - im->first_id);
	if (id < im->first_id || line > (long)UINT32_MAX ||
	    i / 4 > (size_t)im->added + 1024)
		return;		/* not worth a hole that big */
	if (i >= x->nmade) {
		for (n = x->nmade ? x->nmade : 1024; n <= i; n *= 2)
			;
		x->made_line = crm_xreallocarray(x->made_line, n,
		    sizeof *x->made_line);
		memset(x->made_line + x->nmade, 0, (n - x->nmade) *
		    sizeof *x->made_line);
		x->nmade = n;
	}
	x->made_line[i] = (uint32_t)line;
}

/*
 * Company cells that name no company: nothing is left of them as a key
 * ("-", "Ltd"), or they say there is none.
 */
static int
no_company(const char *company)
{
	static const char *const none[] = { "n a", "na", "none", "null",
		"self", "self employed", "private", "individual", "无", "个人" };
	char *key = crm_org_key(company);
	size_t i;
	int no = *key == '\0';

	for (i = 0; !no && i < sizeof none / sizeof none[0]; i++)
		no = strcmp(key, none[i]) == 0;
	free(key);
	return no;
}

/*
 * Is the company the person's own name (a sole trader; a Chinese CRM's
 * 客户名称 of an individual customer)?  Then it makes no organisation.
 */
static int
own_name(const char *company, const char *name)
{
	char *a, *b;
	int same;

	if (!has(name))
		return 0;
	a = crm_org_key(company), b = crm_org_key(name);
	same = strcmp(a, b) == 0;
	free(a);
	free(b);
	return same;
}

/*
 * An organisation's row: named by its company when it has no name, its
 * company its name, its domain its web site's when it gives none.  NULL,
 * or what is wrong (*col).
 */
static const char *
org_row(struct cust_ctx *x, struct crm_cust *c, struct rowkeys *k, int *col)
{
	char *d;

	if (!has(c->v[CRM_C_NAME]) && has(c->v[CRM_C_COMPANY]))
		crm_cust_set(c, CRM_C_NAME, c->v[CRM_C_COMPANY]);
	crm_cust_set(c, CRM_C_COMPANY, NULL);
	if (has(c->v[CRM_C_ROLE])) {
		*col = header_col(x->cm, x->n, CRM_C_ROLE);
		return "an organisation has no role: a role is a contact's";
	}
	if (has(c->v[CRM_C_NAME]) && no_company(c->v[CRM_C_NAME])) {
		*col = header_col(x->cm, x->n, CRM_C_NAME) >= 0 ?
		    header_col(x->cm, x->n, CRM_C_NAME) :
		    header_col(x->cm, x->n, CRM_C_COMPANY);
		return "no organisation's name";
	}
	if (!has(c->v[CRM_C_DOMAIN]) && k->website &&
	    (d = crm_domain_norm(k->website)) != NULL) {
		if (!crm_domain_free(d) && !profile_url(k->website))
			crm_cust_set(c, CRM_C_DOMAIN, d);
		free(d);
	}
	k->type = c->type = CRM_TYPE_ORG;
	return NULL;
}

/*
 * What the row is, person or organisation, from its type cell (or the
 * file: an organisation export); a person's domain column is its
 * company's, kept aside to find that.  NULL, or what is wrong (*col).
 */
static const char *
row_kind(struct cust_ctx *x, struct crm_cust *c, struct rowkeys *k, int *col)
{
	static char msg[160];

	if (k->bad_type) {
		*col = k->type_col;
		snprintf(msg, sizeof msg, "'%.60s' is neither %s", k->bad_type,
		    x->cm[k->type_col].to == T_ISCOMPANY ? "True nor False" :
		    "person nor org");
		return msg;
	}
	if (k->type == 0 && (x->org_export || x->own_orgs))
		k->type = CRM_TYPE_ORG;
	if (k->type == CRM_TYPE_ORG)
		return org_row(x, c, k, col);
	/* In Close a lead is the account: one named by its contact (a
	 * contact made with no lead makes one so named) is a person with
	 * no organisation, not a sole trader of that name. */
	if (x->hi.close && has(c->v[CRM_C_COMPANY]) &&
	    own_name(c->v[CRM_C_COMPANY], c->v[CRM_C_NAME]))
		crm_cust_set(c, CRM_C_COMPANY, NULL);
	if (has(c->v[CRM_C_DOMAIN]))
		k->hint = crm_xstrdup(c->v[CRM_C_DOMAIN]);
	crm_cust_set(c, CRM_C_DOMAIN, NULL);
	return NULL;
}

/* An organisation of name's key may be there now (x->orgs). */
static void
org_name_add(struct cust_ctx *x, const char *name)
{
	char *key;

	if (!x->next || !has(name))
		return;
	key = crm_org_key(name);
	crm_seen_add(&x->orgs, crm_seen_hash(0, key));
	free(key);
}

/* Into an empty table: is an organisation of name's key there for sure
 * not?  None was when the load began, and none has had it since. */
static int
org_name_new(const struct cust_ctx *x, const char *name)
{
	char *key;
	int maybe;

	if (!x->next)
		return 0;
	key = crm_org_key(name);
	maybe = crm_seen_maybe(&x->orgs, crm_seen_hash(0, key));
	free(key);
	return !maybe;
}

/* crm_org_find, remembering what it found. */
static long long
org_by(struct cust_ctx *x, const char *company, const char *domain)
{
	struct orgcache *oc = company ? &x->by_name : &x->by_domain;
	const char *text = company ? company : domain;
	long long id = org_cached(oc, text);

	if (id < 0 && company && org_name_new(x, company))
		return 0;	/* nothing to look up */

	if (id < 0 && (id = crm_org_find(x->db, company, domain)) >= 0)
		org_keep(oc, text, id);
	return id;
}

/*
 * A people file's AccountId (Salesforce's Contact.csv): the organisation
 * whose external id (or an id of any source) it is becomes the person's,
 * her company its name when the row gives none, and the field goes.  An
 * id is never a company's name: one not found stays a field, said once
 * at the end (account_say).  1 when linked, 0, or -1 when the database
 * failed.
 */
static int
account_link(struct cust_ctx *x, struct crm_cust *c)
{
	const char *key, *v = NULL;
	long long id;
	char *name;
	size_t i;

	if (x->account_col < 0)
		return 0;
	key = x->cm[x->account_col].field;
	for (i = 0; i < c->nfields && v == NULL; i++)
		if (strcmp(c->fields[i].key, key) == 0)
			v = crm_key_trim(c->fields[i].value);
	if (v == NULL || *v == '\0')
		return 0;
	id = crm_org_by_id(x->db, v);
	if (crm_db_failed(x->db))
		return -1;
	if (id == 0) {
		if (x->unlinked++ == 0)
			x->account_note = crm_xstrdup(v);
		return 0;
	}
	c->has_org = 1, c->org_id = id;
	if (!has(c->v[CRM_C_COMPANY]) && (name = crm_query_text(x->db,
	    "SELECT name FROM customers WHERE id = ?", "i", id)) != NULL) {
		crm_cust_set(c, CRM_C_COMPANY, name);
		free(name);
	}
	crm_cust_field_drop(c, key);
	return crm_db_failed(x->db) ? -1 : 1;
}

/*
 * The organisation a person's row names, looked up (made only once the
 * row is taken: make_link): by crm's org column, else by its company
 * (unless that is crm's own company column, text: company_text), found
 * by name;
 * else, for a person with no company, the organisation at its domain
 * column's or e-mail's domain (k->domain_org, taken by a person with
 * none).  A company of another name is not found by the domain: people
 * of several companies share an ISP's or a reseller's domain, and a
 * wrong link is worse than a second organisation to merge.  0, or -1
 * when the database failed.
 */
static int
find_link(struct cust_ctx *x, struct crm_cust *c, struct rowkeys *k)
{
	const char *company = k->org ? k->org : x->company_text ? NULL :
	    c->v[CRM_C_COMPANY], *domain = k->hint ? k->hint :
	    crm_org_domain(c->v[CRM_C_EMAIL]);
	long long id;
	int none = 0;	/* no_company, asked once: a key made each time */

	if ((id = account_link(x, c)) != 0)
		return id < 0 ? -1 : 0;
	if (has(company)) {
		if ((id = org_by(x, company, NULL)) == 0 &&
		    (none = no_company(company)) && domain)
			id = org_by(x, NULL, domain);
		if (id > 0)
			c->has_org = 1, c->org_id = id;
		else if (id == 0 && !none &&
		    !own_name(company, c->v[CRM_C_NAME]))
			k->make_org = company, k->make_domain = k->hint;
		else if (id == 0 && none && domain)
			k->later = crm_xstrdup(domain);
		return id < 0 ? -1 : 0;
	}
	if (domain && !x->company_text && (!x->orgs_any ||
	    (k->domain_org = org_by(x, NULL, domain)) == 0))
		k->later = crm_xstrdup(domain);
	return k->domain_org < 0 ? -1 : 0;
}

/*
 * Person id, whose row had no company and a domain no organisation had
 * yet (k->later), is looked at again once every row is in: an
 * organisation this file made may take that domain at a later row (two
 * colleagues' e-mails there, its own row's web site), and a second
 * import would link her to it (qa41 F4).
 */
static void
later_keep(struct cust_ctx *x, long long id, struct rowkeys *k,
    int unchanged)
{
	struct later *l;

	if (k->later == NULL || k->domain_org || k->type == CRM_TYPE_ORG)
		return;
	if (x->nlater == x->alater) {
		x->alater = x->alater ? 2 * x->alater : 64;
		x->later = crm_xreallocarray(x->later, x->alater,
		    sizeof *x->later);
	}
	l = &x->later[x->nlater++];
	l->id = id, l->domain = k->later, l->unchanged = unchanged;
	k->later = NULL;	/* the list's now */
}

/*
 * The people later_keep kept, linked to the organisation at their
 * domain now when they have none still, as a second import would link
 * them (make_link): so that it finds nothing to do.  One counted
 * unchanged is counted updated.  0, or -1 when the database failed.
 */
static int
link_later(struct cust_ctx *x)
{
	struct crm_cust c = { 0 };
	long long org;
	size_t i;
	int n;

	for (i = 0; i < x->nlater; i++) {
		if ((org = org_by(x, NULL, x->later[i].domain)) < 0)
			return -1;
		if (org == 0 || !crm_query_int(x->db, 0, "SELECT org_id IS "
		    "NULL FROM customers WHERE id = ? AND type = 'person'",
		    "i", x->later[i].id))
			continue;
		c.has_org = 1, c.org_id = org;
		if ((n = crm_cust_update(x->db, x->later[i].id, &c, 0)) < 0)
			return -1;
		if (n > 0 && x->later[i].unchanged)
			x->im->unchanged--, x->im->updated++;
	}
	return crm_db_failed(x->db) ? -1 : 0;
}

static void
later_free(struct cust_ctx *x)
{
	size_t i;

	for (i = 0; i < x->nlater; i++)
		free(x->later[i].domain);
	free(x->later);
}

/*
 * The customer a row found (id) against what the row is: a person's row
 * cannot update an organisation, nor the reverse; a row that does not say
 * (no type) takes the customer's.  NULL, or what is wrong (*col).
 */
static const char *
fit_found(struct cust_ctx *x, struct crm_cust *c, struct rowkeys *k,
    long long id, int *col)
{
	static char msg[320];
	int org = found(x, id)->org;

	if (k->type == CRM_TYPE_ORG && !org) {
		*col = k->type_col;
		snprintf(msg, sizeof msg, "its keys name customer %lld, a "
		    "person, and the row is an organisation (to make the "
		    "customer one: crm-add -u %lld %s)", id, id,
		    crm_optname("org"));
		return msg;
	}
	if (k->type == CRM_TYPE_PERSON && org) {
		*col = k->type_col;
		snprintf(msg, sizeof msg, "its keys name organisation %lld, "
		    "and the row is a person", id);
		return msg;
	}
	if (org && k->type == 0) {
		/* An organisation's own domain, back from the person's. */
		if (k->hint)
			crm_cust_set(c, CRM_C_DOMAIN, k->hint);
		c->has_org = 0, k->make_org = NULL, k->domain_org = 0;
		free(k->later), k->later = NULL;
		return org_row(x, c, k, col);
	}
	return NULL;
}

/* An organisation make_link made, for org_row_added. */
static void
made_org_keep(struct cust_ctx *x, long long id)
{
	if (x->nmade_org == x->amade_org) {
		x->amade_org = x->amade_org ? 2 * x->amade_org : 64;
		x->made_org = crm_xreallocarray(x->made_org, x->amade_org,
		    sizeof *x->made_org);
	}
	x->made_org[x->nmade_org++] = id;
}

/*
 * Is organisation id one a person's row made earlier in this import,
 * found now by the organisation's own row (Capsule's file with people
 * before organisations)?  Then the row added it, with what it says:
 * counted added, not updated, and no longer among the organisations
 * made for people, so the counts of a fresh database say nothing was
 * there before.  Once: a second row of it found it as any other.
 */
static int
org_row_added(struct cust_ctx *x, long long id)
{
	size_t lo = 0, hi = x->nmade_org, mid;

	while (lo < hi) {	/* made_org rises: ids do */
		mid = lo + (hi - lo) / 2;
		if (llabs(x->made_org[mid]) < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == x->nmade_org || x->made_org[lo] != id)
		return 0;
	x->made_org[lo] = -id;
	x->im->orgs--;
	return 1;
}

/*
 * Make the organisation the person's row names, or take the one at its
 * e-mail's domain when the person (id, 0 for a new one) has none: into
 * c's org_id.  An organisation's row gets its e-mail's domain when it
 * has none and nobody else has it.  0, or -1 when the database failed.
 */
static int
make_link(struct cust_ctx *x, struct crm_cust *c, struct rowkeys *k,
    long long id)
{
	const char *d;
	long long org;

	if (k->type == CRM_TYPE_ORG) {
		/* It may take a name or a domain another had: look again. */
		x->by_name.written++, x->by_domain.written++;
		if (!has(c->v[CRM_C_DOMAIN]) && (d = crm_org_domain(
		    c->v[CRM_C_EMAIL])) && !crm_query_int(x->db, 0, "SELECT 1 "
		    "FROM customers WHERE domain = ? OR (id = ? AND domain IS "
		    "NOT NULL)", "si", d, id))
			crm_cust_set(c, CRM_C_DOMAIN, d);
		x->orgs_any = 1;
	} else if (k->make_org) {
		/* Into an empty table numbered here: new for sure (find_link
		 * found none of its key), its id given, not waited for. */
		org = x->next ? crm_org_add_new(x->db, k->make_org,
		    k->make_domain, c->v[CRM_C_OWNER], x->next) :
		    crm_org_add(x->db, k->make_org, k->make_domain,
		    c->v[CRM_C_OWNER]);
		if (org < 0)
			return -1;
		took_id(x, org);
		org_name_add(x, k->make_org);
		x->im->orgs++;
		made_org_keep(x, org);
		x->orgs_any = 1;
		c->has_org = 1, c->org_id = org;
		/* What found none before may find it; its name finds it
		 * (crm_org_find found none of its key before it). */
		x->by_name.made++, x->by_domain.made++;
		org_keep(&x->by_name, k->make_org, org);
	} else if (k->domain_org && (id == 0 || crm_query_int(x->db, 0,
	    "SELECT org_id IS NULL FROM customers WHERE id = ?", "i", id))) {
		c->has_org = 1, c->org_id = k->domain_org;
	}
	return crm_db_failed(x->db) ? -1 : 0;
}

/*
 * Might organisation org have a person at domain d that an earlier row
 * of this load linked to it?  Into an empty table (x->next) every person
 * is this load's, and each row linked to an organisation passes here: a
 * sure "no" is no colleague, and crm_org_learn_domain, whose colleague
 * count scans the table there (the index of people by organisation is
 * built after such a load: sqlite.c's ORG_INDEX), need not ask.  25,000
 * people at a company each, at its own domain, took minutes so.  The
 * pair is noted either way.
 */
static int
colleague_maybe(struct cust_ctx *x, long long org, const char *d)
{
	char num[24], *low, *p;
	unsigned long long h;
	int maybe;

	if (!x->next)
		return 1;	/* customers from before: ask */
	/* in any case, as the colleague count's LIKE matches it */
	for (p = low = crm_xstrdup(d); *p; p++)
		*p = (char)tolower((unsigned char)*p);
	snprintf(num, sizeof num, "%lld", org);
	h = crm_seen_hash(crm_seen_hash(0, num), low);
	free(low);
	maybe = crm_seen_maybe(&x->colleagues, h);
	crm_seen_add(&x->colleagues, h);
	return maybe;
}

/*
 * A person linked to an organisation by its company: the organisation
 * takes the person's e-mail domain when a colleague has it too (see
 * crm_org_learn_domain), and lookups by domain look again.  0, or -1.
 */
static int
learn_domain(struct cust_ctx *x, const struct crm_cust *c,
    const struct rowkeys *k, long long id)
{
	const char *d;
	int r;

	if (k->type == CRM_TYPE_ORG || !c->has_org || c->org_id <= 0 ||
	    (d = crm_org_domain(c->v[CRM_C_EMAIL])) == NULL ||
	    !colleague_maybe(x, c->org_id, d))
		return 0;
	if ((r = crm_org_learn_domain(x->db, c->org_id, id,
	    c->v[CRM_C_EMAIL])) > 0)
		x->by_domain.made++;
	return r < 0 ? -1 : 0;
}

/*
 * A row found by its name and company alone (no e-mail, no id) whose
 * customer an earlier row of this file added, with another phone: two
 * rows of one file that disagree are more likely two namesakes (two
 * John Smiths at Acme) than one person, and folding them would lose the
 * first row's phone.  Such a row is another customer, said on stderr,
 * which a merge joins if they are one.
 */
static int
namesake(struct cust_ctx *x, const struct crm_cust *c,
    const struct rowkeys *k, long long id, long line)
{
	const char *phone = c->v[CRM_C_PHONE];
	char *theirs;
	int other;

	if (x->im->added == 0 || id < x->im->first_id || !has(phone) ||
	    has(c->v[CRM_C_EMAIL]) || has(c->v[CRM_C_EXTERNAL_ID]) ||
	    k->nids || k->nemails || k->type == CRM_TYPE_ORG)
		return 0;
	theirs = crm_query_text(x->db, "SELECT phone FROM customers WHERE id "
	    "= ? AND email IS NULL", "i", id);
	other = theirs && *theirs && !crm_phone_same(theirs, phone);
	if (other)
		crm_warn("%s:%ld: %s%s%s again with another phone (%s, not "
		    "%s): another customer, as a namesake; if it is one "
		    "person, join them with %s", x->file, line,
		    c->v[CRM_C_NAME], has(c->v[CRM_C_COMPANY]) ? " at " : "",
		    has(c->v[CRM_C_COMPANY]) ? c->v[CRM_C_COMPANY] : "", phone,
		    theirs, crm_optname("merge"));
	free(theirs);
	return other;
}

/*
 * A row with a phone that none of the customers of its name and company
 * has, when two or more have them: no one of them is the row more than
 * another, so it is another namesake, as two rows of one file that
 * disagree are (namesake()), said with the way to join them.
 */
static void
new_namesake(struct cust_ctx *x, const struct crm_cust *c, long line)
{
	const char *company = c->v[CRM_C_COMPANY];
	long long n;
	char *ids = namesake_ids(x->db, c, &n);

	crm_warn("%s:%ld: %s%s%s with a phone none of customers %s%s has "
	    "(%s): another customer, as a namesake; if it is one of them, "
	    "join them with %s", x->file, line, c->v[CRM_C_NAME],
	    has(company) ? " at " : "", has(company) ? company : "", ids,
	    n > 5 ? ", ..." : "", c->v[CRM_C_PHONE], crm_optname("merge"));
	free(ids);
}

#define TWIN_SCAN	200	/* contacts of an organisation compared but
				 * for case and accents, at most */

/*
 * The people of organisation org below id below whose name is name, one
 * person's name: alike but for case and accents (crm_name_fold), or
 * written the other way round ("Lee, Ann" and "Ann Lee":
 * crm_name_turned).  How many into *n, the first returned (with keyless, 0
 * unless that one has no e-mail, phone or external_id); 0 for none, -1
 * when the database failed.  One pass over the organisation's contacts
 * (its index: SQLite has no index of every name), as written or turned
 * round for each, case and accents aside (folding is dear) when they are
 * TWIN_SCAN at most.
 */
static long long
org_twin(struct cust_ctx *x, long long org, const char *name,
    long long below, int keyless, long long *n)
{
	static const char key, key_all;
	struct crm_stmt *st;
	long long twin = 0, folded = 0, nfolded = 0, id;
	char *t = crm_name_turned(name), *f, *ft, *fv;
	int bare = 0, fbare = 0, same;

	/* as written or turned: the filter in the scan, no row out */
	*n = 0;
	st = crm_cached(x->db, &key, "SELECT id, email IS NULL AND phone IS "
	    "NULL AND external_id IS NULL FROM customers WHERE org_id = ?1 "
	    "AND id < ?2 AND type = 'person' AND (name = ?3 OR name = ?4)");
	crm_bind_int(st, 1, org);
	crm_bind_int(st, 2, below);
	crm_bind_text(st, 3, name);
	crm_bind_text(st, 4, t ? t : name);
	while (crm_step(st) == CRM_ROW)
		if (++*n == 1 || (id = crm_col_int(st, 0)) < twin)
			twin = crm_col_int(st, 0), bare = (int)crm_col_int(st, 1);
	crm_reset(st);
	/* case and accents aside, when TWIN_SCAN contacts at most */
	if (crm_query_int(x->db, 0, "SELECT 1 FROM customers WHERE org_id = ? "
	    "AND id < ? AND type = 'person' LIMIT 1 OFFSET ?", "iii", org,
	    below, (long long)TWIN_SCAN) == 0) {
		f = crm_name_fold(name), ft = t ? crm_name_fold(t) : NULL;
		st = crm_cached(x->db, &key_all, "SELECT id, name, email IS "
		    "NULL AND phone IS NULL AND external_id IS NULL FROM "
		    "customers WHERE org_id = ?1 AND id < ?2 AND type = "
		    "'person' AND name IS NOT NULL AND name <> ?3 AND name <> "
		    "?4");
		crm_bind_int(st, 1, org);
		crm_bind_int(st, 2, below);
		crm_bind_text(st, 3, name);
		crm_bind_text(st, 4, t ? t : name);
		while (crm_step(st) == CRM_ROW) {
			id = crm_col_int(st, 0);
			fv = crm_name_fold(crm_col_text(st, 1));
			same = strcmp(fv, f) == 0 || (ft && strcmp(fv, ft) == 0);
			free(fv);
			if (same && (++nfolded == 1 || id < folded))
				folded = id, fbare = (int)crm_col_int(st, 2);
		}
		crm_reset(st);
		free(f);
		free(ft);
	}
	free(t);
	*n += nfolded;
	if (nfolded && (twin == 0 || folded < twin))
		twin = folded, bare = fbare;
	if (keyless && !bare)
		twin = 0;
	return crm_db_failed(x->db) ? -1 : twin;
}

/*
 * A person this import added with the name of one who was here before
 * at the same organisation (org_twin: "Lee, Ann" is Ann Lee, "JOSE
 * NUNEZ" José Núñez), whom no key of the row named (qa18: Raj Patel
 * from HubSpot and from Pipedrive, each with an e-mail of his own): one
 * person from two systems, or two namesakes.  Never merged: the first is
 * said after the import with the command that joins them, and how many
 * more.
 */
static void
twin_added(struct cust_ctx *x, const struct crm_cust *c,
    const struct rowkeys *k, long long id, long line)
{
	long long twin, n;

	if (x->next || k->namesakes || k->type == CRM_TYPE_ORG ||
	    !c->has_org || c->org_id <= 0 || !has(c->v[CRM_C_NAME]))
		return;
	twin = org_twin(x, c->org_id, c->v[CRM_C_NAME], x->im->first_id, 0,
	    &n);
	if (twin > 0 && x->twins++ == 0)
		x->twin_note = crm_xasprintf("%s:%ld: %s added as customer "
		    "%lld beside customer %lld of that name at %s, whom no "
		    "key of the row names: if they are one person, crm-add %s "
		    "%lld %lld joins them", x->file, line, c->v[CRM_C_NAME], id, twin,
		    has(c->v[CRM_C_COMPANY]) ? c->v[CRM_C_COMPANY] :
		    "the same organisation", crm_optname("merge"), twin, id);
}

/*
 * The people of the row's name (as written) who were here before the
 * import and have its company among their 'other companies'
 * (company_settle): how many into *n, the first returned, -1 when the
 * database failed.
 */
static long long
moved_twin(struct cust_ctx *x, const struct crm_cust *c,
    const struct rowkeys *k, long long *n)
{
	static const char key;
	const char *co = k->org ? k->org : c->v[CRM_C_COMPANY];
	struct crm_stmt *st;
	long long twin = 0;
	char *ck;

	*n = 0;
	if (!has(co))
		return 0;
	ck = crm_org_key(co);
	st = crm_cached(x->db, &key, "SELECT c.id, f.value FROM customers c "
	    "JOIN customer_fields f ON f.customer_id = c.id AND f.key = ?1 "
	    "WHERE c.name = ?2 AND c.type = 'person' AND c.id < ?3 ORDER BY "
	    "c.id");
	crm_bind_text(st, 1, OTHER_COMPANIES);
	crm_bind_text(st, 2, c->v[CRM_C_NAME]);
	crm_bind_int(st, 3, x->im->added ? x->im->first_id : LLONG_MAX);
	while (crm_step(st) == CRM_ROW)
		if (*ck && companies_have(crm_col_text(st, 1), ck) &&
		    ++*n == 1)
			twin = crm_col_int(st, 0);
	crm_reset(st);
	free(ck);
	return crm_db_failed(x->db) ? -1 : twin;
}

/*
 * Is there a person at org named name, as written or turned round, with
 * no e-mail, phone or external_id?  By the index of the names of those
 * with no e-mail and external_id (customers_name): a row with keys of its
 * own is looked for so only, not among all the organisation's contacts
 * (org_twin, once one may be her).
 */
#define KEYLESS_NAMED(from) "SELECT 1 FROM " from " WHERE name = ?2 AND " \
	"email IS NULL AND external_id IS NULL AND org_id = ?1 AND phone IS " \
	"NULL AND type = 'person' LIMIT 1"

static int
keyless_named(struct cust_ctx *x, long long org, const char *name)
{
	static const char key, key_sqlite;
	int sqlite = strcmp(crm_db_engine(x->db), "sqlite") == 0, i, found = 0;
	struct crm_stmt *st;
	char *t = NULL;

	for (i = 0; i < 2 && !found; i++) {
		if (i == 1 && (t = crm_name_turned(name)) == NULL)
			break;
		st = sqlite ? crm_cached(x->db, &key_sqlite, KEYLESS_NAMED(
		    "customers INDEXED BY customers_name")) : crm_cached(x->db,
		    &key, KEYLESS_NAMED("customers"));
		crm_bind_int(st, 1, org);
		crm_bind_text(st, 2, i ? t : name);
		found = crm_step(st) == CRM_ROW;
		crm_reset(st);
	}
	free(t);
	return found;
}

/*
 * A person's row at an organisation whose keys found nobody: the one
 * person of its name there (org_twin) who was here before the import,
 * when one of the two has neither e-mail, phone nor external_id (a
 * LinkedIn connection: a name, a company and a profile URL) and she has
 * no id of a system the row has another of (two profile URLs: two
 * people).  Her name at her organisation is all such a record has: added
 * beside her, each was a duplicate to merge by hand, in whichever order
 * the books came (qa50 F4).  Two of the name there, or a row and a
 * customer that each have a key of their own, are two customers as
 * before (twin_added says so).  Said after the import, how many and the
 * first.  The customer's id, 0 for none, -1 when the database failed.
 */
static long long
org_name_join(struct cust_ctx *x, const struct crm_cust *c,
    const struct rowkeys *k)
{
	long long twin, n;
	size_t i;
	char num[24];
	int bare = !has(c->v[CRM_C_EMAIL]) && !k->nemails &&
	    !has(c->v[CRM_C_PHONE]) && !has(c->v[CRM_C_EXTERNAL_ID]);

	if (k->type == CRM_TYPE_ORG || c->type == CRM_TYPE_ORG ||
	    !c->has_org || c->org_id <= 0 || !has(c->v[CRM_C_NAME]) ||
	    k->namesakes || (!bare && !x->keyless_any))
		return 0;
	if (!bare && !crm_seen_maybe(&x->keyless_orgs, crm_seen_hash(0,
	    crm_fmt_int(c->org_id, num))))
		return 0;	/* no such person at that organisation */
	if (!bare && !keyless_named(x, c->org_id, c->v[CRM_C_NAME]))
		return crm_db_failed(x->db) ? -1 : 0;
	twin = org_twin(x, c->org_id, c->v[CRM_C_NAME], x->im->added ?
	    x->im->first_id : LLONG_MAX, !bare, &n);
	if (twin == 0 && n == 0 && bare && x->moved_any)
		twin = moved_twin(x, c, k, &n);	/* she moved: among her others */
	if (twin <= 0 || n != 1)
		return twin < 0 || crm_db_failed(x->db) ? -1 : 0;
	for (i = 0; i < k->nids; i++)
		if (crm_query_int(x->db, 0, "SELECT 1 FROM identities WHERE "
		    "customer_id = ? AND kind = 'id' AND source = ? AND value "
		    "<> ?", "iss", twin, k->ids[i].source, k->ids[i].value))
			return crm_db_failed(x->db) ? -1 : 0;
	tally_add(&x->name_joined, crm_xasprintf("line %ld, %.60s at %.60s: "
	    "customer %lld", x->line, c->v[CRM_C_NAME], has(c->v[CRM_C_COMPANY])
	    ? c->v[CRM_C_COMPANY] : "her organisation", twin));
	return twin;
}

/*
 * A row with neither e-mail nor id found by its name and phone among the
 * customers known by one (keyed_namesake): said once at the end, with
 * how many more, so that a phone's contact saved without the address is
 * seen to be hers.
 */
static void
keyed_found(struct cust_ctx *x, const struct crm_cust *c, long long id,
    long line)
{
	char by[48];

	if (x->keyed++ == 0 && has(c->v[CRM_C_EMAIL]))
		x->keyed_note = crm_xasprintf("%s:%ld: '%.60s' (%.40s) is %s "
		    "by its name and phone, who had no e-mail or id: the row's "
		    "are the customer's now", x->file, line, c->v[CRM_C_NAME],
		    c->v[CRM_C_PHONE], who(x, id, by));
	else if (x->keyed == 1)
		x->keyed_note = crm_xasprintf("%s:%ld: '%.60s' (%.40s), with "
		    "no e-mail or id, is %s by its name and phone", x->file,
		    line, c->v[CRM_C_NAME], c->v[CRM_C_PHONE], who(x, id, by));
}

/*
 * The name of a row found by its name and phone (keyed_namesake), which
 * name_key found the customer's in any order or case: kept as the
 * customer has it, as a row found by e-mail keeps it (name_change), but
 * for a better-cased one (case_only) and "Last, First" for "First Last".
 */
static void
keyed_name(struct cust_ctx *x, struct crm_cust *c, long long id, long line)
{
	char *theirs = crm_query_text(x->db, "SELECT name FROM customers "
	    "WHERE id = ?", "i", id), *a, *b;
	const char *row = c->v[CRM_C_NAME];
	int folded;

	if (theirs == NULL || !has(row) || strcmp(theirs, row) == 0) {
		free(theirs);
		return;
	}
	a = crm_name_fold(theirs), b = crm_name_fold(row);
	folded = strcmp(a, b) == 0;
	free(a);
	free(b);
	if (folded)
		case_only(x, c, id, theirs, line);
	else if (strchr(theirs, ',') && !strchr(row, ','))
		crm_warn("%s:%ld: customer %lld '%.60s' renamed '%.60s', the "
		    "same name first name first", x->file, line, id, theirs,
		    row);
	else
		crm_cust_set(c, CRM_C_NAME, NULL);
	free(theirs);
}

/*
 * A row with neither e-mail nor id found by its name written the other
 * way round (by_name): said once, with how many more.  The name becomes
 * the row's only first name first ("Müller, Hans" renamed "Hans
 * Müller", as keyed_name does), else it stays the customer's: a file
 * that writes her both ways changes nothing when read again.
 */
static void
turned_found(struct cust_ctx *x, struct crm_cust *c, long long id,
    const char *theirs, long line)
{
	const char *row = c->v[CRM_C_NAME];
	char by[48];
	int first = strchr(theirs, ',') && !strchr(row, ',');

	if (x->turned++ == 0)
		x->turned_note = crm_xasprintf("%s:%ld: '%.60s', with no "
		    "e-mail or id, is %s, '%.60s', the name written the other "
		    "way round%s", x->file, line, row, who(x, id, by), theirs,
		    first ? ": named first name first now" : "");
	if (!first)
		crm_cust_set(c, CRM_C_NAME, NULL);
}

static void
turned_say(const struct cust_ctx *x)
{
	char n[32];

	if (x->turned > 1)
		crm_warn("%s; and %s more %s so found", x->turned_note,
		    crm_fmt_count(x->turned - 1, n), x->turned == 2 ? "row" :
		    "rows");
	else
		crm_warn("%s", x->turned_note);
}

static void
keyed_say(const struct cust_ctx *x)
{
	char n[32];

	if (x->keyed > 1)
		crm_warn("%s; and %s more %s so found", x->keyed_note,
		    crm_fmt_count(x->keyed - 1, n), x->keyed == 2 ? "row" :
		    "rows");
	else
		crm_warn("%s", x->keyed_note);
}

/*
 * A row with neither e-mail nor id whose name and phone two or more
 * customers known by one have (keyed_namesake): added as another, since
 * nothing in it says which of them it is, and said with the merge that
 * joins it to the one it is.
 */
static void
keyed_added(const struct cust_ctx *x, const struct crm_cust *c,
    const struct rowkeys *k, long long id, long line)
{
	char first[32];

	snprintf(first, sizeof first, "%.*s", (int)strcspn(k->keyed_ids.s,
	    ","), k->keyed_ids.s);
	crm_warn("%s:%ld: '%.60s' (%.40s), with no e-mail or id, has the name "
	    "and phone of customers %s%s: added as customer %lld; if it is "
	    "one of them, join them with crm-add %s %s %lld", x->file, line,
	    c->v[CRM_C_NAME], c->v[CRM_C_PHONE], k->keyed_ids.s, k->keyed_n >
	    5 ? ", ..." : "", id, crm_optname("merge"), first, id);
}

/* account_link's note: the first AccountId not found, how many more. */
static void
account_say(const struct cust_ctx *x)
{
	char n[32];

	crm_warn("%s: %s: %s %s an organisation not known here (the first "
	    "'%s'): kept as a field; import the accounts (Account.csv) "
	    "first, then this file again to link them", x->file,
	    x->names[x->account_col], crm_fmt_count(x->unlinked, n),
	    x->unlinked > 1 ? "rows name" : "row names", x->account_note);
}

static void
twins_say(const struct cust_ctx *x)
{
	char n[32];

	if (x->twins > 1)
		crm_warn("%s; and %s more added beside a namesake at their "
		    "organisation", x->twin_note, crm_fmt_count(x->twins - 1,
		    n));
	else
		crm_warn("%s", x->twin_note);
}

/* The summary's list of erased keys: the first few. */
static void
erased_note(struct crm_import *im, const char *key)
{
	size_t n = strlen(im->erased_keys), len = strlen(key);
	const char *p;

	for (p = im->erased_keys; (p = strstr(p, key)) != NULL; p += len)
		if ((p == im->erased_keys || p[-1] == ' ') &&
		    (p[len] == '\0' || p[len] == ','))
			return;		/* said already */
	if (im->erased_more)
		return;
	if (im->nerased_keys == 3 || n + strlen(key) + 3 >=
	    sizeof im->erased_keys) {
		im->erased_more = 1;
		return;
	}
	snprintf(im->erased_keys + n, sizeof im->erased_keys - n, "%s%s",
	    n ? ", " : "", key);
	im->nerased_keys++;
}

/*
 * Note an erased key of a skipped row for the summary, the first few: an
 * e-mail as crm keeps it (Eva@Example.fr is eva@example.fr), the form
 * crm-add --unerase is given.
 */
static void
erased_said(struct crm_import *im, const char *key)
{
	char *norm = strchr(key, '@') ? crm_key_email(key) : NULL;

	erased_note(im, norm ? norm : key);
	free(norm);
}

/*
 * What the erased list says of each key of a row, asked once: own[0] its
 * e-mail, own[1] its id, then one for each of its other e-mails and ids
 * (rowkeys' order).  1 on the list, 0 not (or no such key).
 */
struct erased_keys {
	char own[2];
	char *emails, *ids;
	int seen, erased;	/* keys the row has, and on the list */
	const char *first;	/* one on the list */
};

/* One key of the row, asked: 1 erased, 0 not, -1 the database failed. */
static int
key_erased(struct cust_ctx *x, const char *kind, const char *source,
    const char *value, struct erased_keys *e, char *flag)
{
	int r;

	*flag = 0;
	if (!has(value))
		return 0;
	e->seen++;
	if ((r = crm_erased_is(x->db, kind, source, value)) > 0) {
		*flag = 1;
		if (!e->erased++)
			e->first = value;
	}
	return r;
}

/* Every key of the row asked of the list: 0, or -1 (failed). */
static int
ask_erased(struct cust_ctx *x, const struct crm_cust *c,
    const struct rowkeys *k, struct erased_keys *e)
{
	size_t i;
	int r = 0;

	memset(e, 0, sizeof *e);
	e->emails = crm_xcalloc(k->nemails + 1, 1);
	e->ids = crm_xcalloc(k->nids + 1, 1);
	r |= key_erased(x, "email", "", c->v[CRM_C_EMAIL], e, &e->own[0]);
	r |= key_erased(x, "id", "", c->v[CRM_C_EXTERNAL_ID], e, &e->own[1]);
	for (i = 0; i < k->nemails; i++)
		r |= key_erased(x, "email", "", k->emails[i].email, e,
		    &e->emails[i]);
	for (i = 0; i < k->nids; i++)
		r |= key_erased(x, "id", k->ids[i].source, k->ids[i].value, e,
		    &e->ids[i]);
	return r < 0 || crm_db_failed(x->db) ? -1 : 0;
}

#define LEFT_OUT "is erased on request: left out"

/* The row's erased cell of part col, said and left out of the row. */
static void
left_out(struct cust_ctx *x, long line, struct crm_cust *c, int part)
{
	int col = header_col(x->cm, x->n, part);

	crm_warn("%s:%ld: %s%s%s " LEFT_OUT, x->file, line,
	    col >= 0 ? x->names[col] : "", col >= 0 ? ": " : "", c->v[part]);
	crm_cust_set(c, part, NULL);
}

/*
 * Does a key of the row that is not erased name a customer crm has?  A
 * row whose own e-mail is erased and whose other keys are new (her
 * second address, her id in a shop crm never learned) is still hers: it
 * must not bring her back as a new customer.  1, 0, or -1 (failed).
 */
static int
others_known(struct cust_ctx *x, const struct crm_cust *c,
    const struct rowkeys *k, const struct erased_keys *e)
{
	size_t i;

	if (has(c->v[CRM_C_EMAIL]) && !e->own[0] && crm_cust_by_email(x->db,
	    c->v[CRM_C_EMAIL]) > 0)
		return 1;
	if (has(c->v[CRM_C_EXTERNAL_ID]) && !e->own[1] && crm_cust_by_id(x->db,
	    "", c->v[CRM_C_EXTERNAL_ID]) > 0)
		return 1;
	for (i = 0; i < k->nemails; i++)
		if (!e->emails[i] && crm_cust_by_email(x->db,
		    k->emails[i].email) > 0)
			return 1;
	for (i = 0; i < k->nids; i++)
		if (!e->ids[i] && crm_cust_by_id(x->db, k->ids[i].source,
		    k->ids[i].value) > 0)
			return 1;
	return crm_db_failed(x->db) ? -1 : 0;
}

/* The row's erased keys, said and taken out of it: the rest are its. */
static void
leave_out_erased(struct cust_ctx *x, struct crm_cust *c, struct rowkeys *k,
    const struct erased_keys *e, long line)
{
	size_t i, j;

	if (e->own[0])
		left_out(x, line, c, CRM_C_EMAIL);
	if (e->own[1])
		left_out(x, line, c, CRM_C_EXTERNAL_ID);
	for (i = j = 0; i < k->nemails; i++)
		if (e->emails[i]) {
			crm_warn("%s:%ld: %s: %s " LEFT_OUT, x->file, line,
			    x->names[k->emails[i].col], k->emails[i].email);
			free(k->emails[i].email);
		} else
			k->emails[j++] = k->emails[i];
	k->nemails = j;
	for (i = j = 0; i < k->nids; i++)
		if (e->ids[i])
			crm_warn("%s:%ld: %s: %s " LEFT_OUT, x->file, line,
			    x->names[k->ids[i].col], k->ids[i].value);
		else
			k->ids[j++] = k->ids[i];
	k->nids = j;
}

/*
 * Is the row a customer erased on request, by its e-mails and ids
 * (erase.c's list)?  1 when each of them is on the list (the row skipped,
 * *key one of them), 0 when none is or the others are left, the erased
 * ones taken out of the row and said; -1 when the database failed.  The
 * list is asked once a key.
 */
static int
row_erased(struct cust_ctx *x, struct crm_cust *c, struct rowkeys *k,
    long line, const char **key)
{
	struct erased_keys e;
	int r;

	*key = NULL;
	if (!x->erased_any)
		return 0;
	if (ask_erased(x, c, k, &e) < 0)
		r = -1;
	else if (e.erased == 0 || e.erased == e.seen)
		r = e.erased > 0;
	/* Her own e-mail or id erased, and no other key crm knows: hers,
	 * with a key crm never knew. */
	else if ((e.own[0] || e.own[1]) &&
	    (r = others_known(x, c, k, &e)) <= 0)
		r = r < 0 ? -1 : 1;
	else {
		/* Some of its keys are not erased: the row is theirs,
		 * without the erased ones. */
		leave_out_erased(x, c, k, &e, line);
		r = crm_db_failed(x->db) ? -1 : 0;
	}
	if (r > 0)
		*key = e.first;	/* the row's, not left out: still there */
	free(e.emails);
	free(e.ids);
	return r;
}

/*
 * Does an export's deleted flag (Salesforce's IsDeleted true, SuiteCRM's
 * and SugarCRM's Deleted 1) say the record was deleted there?  The one
 * rule crm-add's and crm-deal's imports skip a row by.
 */
int
crm_deleted_cell(const char *v)
{
	v += strspn(v, " ");
	return strncasecmp(v, "true", 4) == 0 || strcmp(v, "1") == 0;
}

/*
 * A deleted record crm imported before (a Salesforce contact merged away
 * since): not left a duplicate without a word.  survivor is the customer
 * it was merged into, when crm knows it.
 */
static void
deleted_known(struct cust_ctx *x, const struct crm_rec *rec,
    const struct crm_cust *c, long long survivor)
{
	const char *err, *ext = c->v[CRM_C_EXTERNAL_ID];
	char *key;
	long long gone;

	if (!has(ext))
		return;
	key = crm_xasprintf("ext:%s", ext);
	gone = crm_cust_find(x->db, key, &err);
	free(key);
	if (gone <= 0)
		return;
	if (survivor > 0 && survivor != gone)
		crm_warn("%s:%ld: %s is customer %lld here, deleted in the "
		    "source, merged into customer %lld's record: crm-add "
		    "--merge %lld %lld joins them", x->file, rec->line, ext,
		    gone, survivor, survivor, gone);
	else
		crm_warn("%s:%ld: %s is customer %lld here, deleted in the "
		    "source: kept here; if it should go here too, crm-add "
		    "--erase %lld deletes it and all about it for good, else "
		    "nothing is to do", x->file, rec->line, ext, gone, gone);
}

/*
 * A record the system it comes from has deleted: Salesforce Data Loader's
 * "Export All" has them, IsDeleted true, SuiteCRM and SugarCRM Deleted 1,
 * and QuickBooks writes "(deleted)" after a deleted customer's name.  Not
 * a customer to add, wherever the source says so: the one rule here.
 * A Salesforce record merged into another (MasterRecordId, the survivor's
 * id) gives the survivor its e-mail as another, when crm knows the
 * survivor already and nobody has the e-mail.
 */
static int
row_deleted(struct cust_ctx *x, const struct crm_rec *rec,
    const struct crm_cust *c)
{
	const char *master, *err, *v;
	size_t i, len;
	char *key, *email;
	long long id;

	for (i = 0; x->hi.qbo && i < rec->n && i < x->n; i++) {
		v = rec->f[i];
		len = strlen(v);
		while (len && v[len - 1] == ' ')
			len--;
		if (x->cm[i].or_name && len >= 9 &&
		    strncasecmp(v + len - 9, "(deleted)", 9) == 0)
			return 1;
	}
	if (x->hi.deleted_col < 0 || (size_t)x->hi.deleted_col >= rec->n ||
	    !crm_deleted_cell(rec->f[x->hi.deleted_col]))
		return 0;
	id = 0;
	if (x->hi.master_col >= 0 && (size_t)x->hi.master_col < rec->n &&
	    *(master = crm_trim(rec->f[x->hi.master_col])) != '\0') {
		key = crm_xasprintf("ext:%s", master);
		id = crm_cust_find(x->db, key, &err);
		free(key);
	}
	deleted_known(x, rec, c, id);
	if (id <= 0 || !has(c->v[CRM_C_EMAIL]))
		return 1;
	email = crm_key_email(c->v[CRM_C_EMAIL]);
	if (crm_email_valid(email))
		crm_cust_add_email(x->db, id, email);
	free(email);
	return 1;
}

/*
 * A totals or subtotal line skipped (crm_totals_line, tot its answer):
 * in the name column, so not left unsaid.  A subtotal's label may be a
 * customer's name ("Acme Total"): the first says what keeps such a row,
 * a key in it (key_cell), as "Peak Total" with a phone is kept.
 */
static void
totals_said(struct cust_ctx *x, const struct crm_rec *rec, const char *word,
    int tot)
{
	char *copy = crm_xstrdup(word);
	int sub = !totals_word(word);

	crm_warn("%s:%ld: '%.60s' and %s: a %s line, skipped%s", x->file,
	    rec->line, crm_key_trim(copy), tot == 2 ? "amounts only" :
	    "no other cell", sub ? "subtotal" : "totals",
	    sub && !x->subtotal_said ? " (a customer's? an e-mail, phone or "
	    "id in its row keeps it)" : "");
	x->subtotal_said |= sub;
	free(copy);
}

/*
 * A row kept out of customer id (namesharer's why): said, counted, and
 * nothing of it taken but its opt-out, which is the address's whoever
 * the row names (a list of those who left, under a nickname or a
 * married name, must not leave them mailable).  0, or -1 failed.
 */
static int
kept_out(struct cust_ctx *x, struct rowkeys *k, long long id, long line,
    const char *why)
{
	struct crm_cust o = { 0 };
	int t, n = 0;

	crm_warn("%s:%ld: %s", x->file, line, why);
	x->im->kept_out++;
	optout_known(x->db, id, k);
	for (t = CRM_OPT_UNSUB; t <= CRM_OPT_BOUNCED; t++)
		if (k->optout[t])
			crm_cust_tag(&o, opt_tags[t], 0);
	if (o.ntags) {
		crm_db_bulk_keys(x->db, NULL, id, 0);
		n = crm_cust_update_read(x->db, id, &o, 1, x->stored);
		crm_db_bulk_keys(x->db, NULL, 0, 0);
	}
	crm_cust_free(&o);
	x->im->unsubscribed += k->optout[CRM_OPT_UNSUB] > 0;
	x->im->bounced += k->optout[CRM_OPT_BOUNCED] > 0;
	return n < 0 ? -1 : 0;
}

/* The slot of id in r (r->cap a power of two, never full). */
static size_t
rowed_slot(const struct rowed *r, long long id)
{
	size_t i = (size_t)(((unsigned long long)id * 0x9E3779B97F4A7C15ULL)
	    >> 17) & (r->cap - 1);

	while (r->id[i] != 0 && r->id[i] != id)
		i = (i + 1) & (r->cap - 1);
	return i;
}

static void
rowed_put(struct rowed *r, long long id, uint32_t line, uint64_t given)
{
	struct rowed o = *r;
	size_t i;

	if (4 * (r->n + 1) > 3 * r->cap) {
		r->cap = o.cap ? 2 * o.cap : 256;
		r->id = crm_xcalloc(r->cap, sizeof *r->id);
		r->line = crm_xcalloc(r->cap, sizeof *r->line);
		r->given = crm_xcalloc(r->cap, sizeof *r->given);
		r->n = 0;
		for (i = 0; i < o.cap; i++)
			if (o.id[i])
				rowed_put(r, o.id[i], o.line[i], o.given[i]);
		free(o.id);
		free(o.line);
		free(o.given);
	}
	i = rowed_slot(r, id);
	if (r->id[i] == 0)
		r->id[i] = id, r->line[i] = line, r->n++;
	r->given[i] |= given;
}

/* A key's bit among a customer's given ones: two keys may share one,
 * and then a value of the one is kept for the other's sake. */
static uint64_t
given_bit(const char *key)
{
	return 1ULL << (crm_seen_hash(0, key) & 63);
}

/* The core columns a later row of the file does not change: not the
 * keys (keep_own_keys makes them others), nor created (the earliest
 * wins already), nor the phone (keep_own_phone keeps every number and
 * a re-import changes none), nor the name (name_change's rules: a
 * fuller name is taken and kept, another person's kept out). */
static const int kept_cols[] = { CRM_C_COMPANY, CRM_C_INDUSTRY,
	CRM_C_TIER, CRM_C_OWNER, CRM_C_STATUS, CRM_C_ROLE, CRM_C_DOMAIN };

/* The fields a later row may change still: lists that gather numbers. */
static int
list_field(const char *key)
{
	return strcmp(key, "other phones") == 0 ||
	    strcmp(key, PHONE_SOURCE) == 0 ||
	    strcmp(key, OTHER_COMPANIES) == 0;
}

/* The values row c gave, a bit a key. */
static uint64_t
given_of(const struct crm_cust *c)
{
	uint64_t m = 0;
	size_t i;

	for (i = 0; i < sizeof kept_cols / sizeof *kept_cols; i++)
		if (has(c->v[kept_cols[i]]))
			m |= given_bit(crm_cust_colname(kept_cols[i]));
	for (i = 0; i < c->nfields; i++)
		if (has(c->fields[i].value) && !list_field(c->fields[i].key))
			m |= given_bit(c->fields[i].key);
	return m;
}

/*
 * The line of the first row of this file that found or added customer
 * id, or 0; into *given the keys the file's rows gave values of (all
 * of a customer it added: what she has is the file's).
 */
static long
row_before(const struct cust_ctx *x, long long id, uint64_t *given)
{
	long long i = id - x->im->first_id;
	size_t j;

	*given = ~0ULL;
	if (x->im->added > 0 && i >= 0 && (size_t)i < x->nmade &&
	    x->made_line[i])
		return (long)x->made_line[i];
	if (x->rowed.cap == 0)
		return 0;
	j = rowed_slot(&x->rowed, id);
	*given = x->rowed.given[j];
	return x->rowed.id[j] ? (long)x->rowed.line[j] : 0;
}

/* Customer id was found or added by the row c at line. */
static void
row_found(struct cust_ctx *x, long long id, const struct crm_cust *c,
    long line)
{
	long long i = id - x->im->first_id;

	if (id <= 0 || line > (long)UINT32_MAX || (x->im->added > 0 &&
	    i >= 0 && (size_t)i < x->nmade && x->made_line[i]))
		return;
	rowed_put(&x->rowed, id, (uint32_t)line, given_of(c));
}

static int
kv_cmp(const void *a, const void *b)
{
	return strcmp(((const struct crm_kv *)a)->key,
	    ((const struct crm_kv *)b)->key);
}

/* Customer id's extra fields, sorted by key, for a bsearch. */
static struct crm_kv *
fields_of(struct crm_db *db, long long id, size_t *n)
{
	static const char key;
	struct crm_stmt *st = crm_cached(db, &key, "SELECT key, value FROM "
	    "customer_fields WHERE customer_id = ?");
	struct crm_kv *kv = NULL;
	size_t cap = 0;

	*n = 0;
	crm_bind_int(st, 1, id);
	while (crm_step(st) == CRM_ROW) {
		if (*n == cap)
			kv = crm_xreallocarray(kv, cap = cap ? 2 * cap : 16,
			    sizeof *kv);
		kv[*n].key = crm_xstrdup(crm_col_text(st, 0));
		kv[(*n)++].value = crm_xstrdup(crm_col_text(st, 1));
	}
	crm_reset(st);
	if (*n > 1)
		qsort(kv, *n, sizeof *kv, kv_cmp);
	return kv;
}

static void
kv_free(struct crm_kv *kv, size_t n)
{
	while (n-- > 0)
		free(kv[n].key), free(kv[n].value);
	free(kv);
}

/* The core columns of c that customer id has other values of, which
 * the file gave: out of c, their names into b.  -1 when the database
 * failed. */
static int
cols_kept(struct cust_ctx *x, long long id, struct crm_cust *c,
    struct rowkeys *k, uint64_t given, struct crm_buf *b)
{
	static const char key;
	struct crm_stmt *st = crm_cached(x->db, &key, "SELECT company, "
	    "industry, tier, owner, status, role, domain FROM customers WHERE "
	    "id = ?");
	const char *v, *old;
	size_t i;

	crm_bind_int(st, 1, id);
	if (crm_step(st) != CRM_ROW) {
		crm_reset(st);
		return crm_db_failed(x->db) ? -1 : 0;
	}
	for (i = 0; i < sizeof kept_cols / sizeof *kept_cols; i++) {
		v = c->v[kept_cols[i]];
		old = crm_col_type(st, (int)i) == CRM_NULL ? NULL :
		    crm_col_text(st, (int)i);
		if (has(v) && has(old) && strcmp(v, old) != 0 &&
		    (given & given_bit(crm_cust_colname(kept_cols[i])))) {
			list_add(b, crm_cust_colname(kept_cols[i]));
			crm_cust_set(c, kept_cols[i], NULL);
			/* and the organisation it named: not made, not hers */
			if (kept_cols[i] == CRM_C_COMPANY) {
				c->has_org = 0, k->make_org = NULL,
				    k->domain_org = 0;
				free(k->later), k->later = NULL;
			}
		}
	}
	crm_reset(st);
	return 0;
}

/* The extra fields of c that customer id has other values of, which
 * the file gave: out of c, their names into b. */
static void
fields_kept(struct cust_ctx *x, long long id, struct crm_cust *c,
    uint64_t given, struct crm_buf *b)
{
	struct crm_kv *kv, want, *had;
	char **drop = NULL;
	size_t n, i, ndrop = 0;

	if (c->nfields == 0)
		return;
	if ((kv = fields_of(x->db, id, &n)) == NULL)
		return;		/* none of hers to keep */
	for (i = 0; i < c->nfields; i++) {
		want.key = c->fields[i].key;
		if (!has(c->fields[i].value) || list_field(want.key) ||
		    !(given & given_bit(want.key)))
			continue;
		had = bsearch(&want, kv, n, sizeof *kv, kv_cmp);
		if (had == NULL || !has(had->value) ||
		    strcmp(had->value, c->fields[i].value) == 0)
			continue;
		drop = crm_xreallocarray(drop, ndrop + 1, sizeof *drop);
		drop[ndrop++] = crm_xstrdup(want.key);
		list_add(b, want.key);
	}
	for (i = 0; i < ndrop; i++) {
		crm_cust_field_drop(c, drop[i]);
		free(drop[i]);
	}
	free(drop);
	kv_free(kv, n);
}

/*
 * Two rows of one file for one customer (Shopware's guest and registered
 * account of one e-mail, qa36 F3) whose values differ: the first row's
 * stay, and the later row fills only what the customer lacks or the
 * file did not give, and adds its ids, e-mails, tags and phones.  Each row
 * writing its own made every import of the file update both again, and
 * the last row's win: order-dependent and never unchanged.  Said once
 * at the end with the first such row.  -1 when the database failed.
 */
static int
earlier_row_wins(struct cust_ctx *x, long long id, struct crm_cust *c,
    struct rowkeys *k, long line)
{
	struct crm_buf b = { 0 };
	uint64_t given;
	long first = row_before(x, id, &given);
	int r;

	if (first == 0 || first == line)
		return 0;
	/* reads of her alone: what else a load keeps waiting stays */
	crm_db_bulk_keys(x->db, NULL, id, 0);
	r = cols_kept(x, id, c, k, given, &b);
	if (r == 0)
		fields_kept(x, id, c, given, &b);
	crm_db_bulk_keys(x->db, NULL, 0, 0);
	if (r == 0 && b.len && x->agains++ == 0)
		x->again_note = crm_xasprintf("line %ld, %s as on line %ld: "
		    "%s", line, row_who(c), first, b.s);
	crm_buf_free(&b);
	return r;
}

/* Is company (NULL: none) the one of key (crm_org_key)? */
static int
same_company(const char *company, const char *key)
{
	char *k;
	int same;

	if (!has(company))
		return 0;
	k = crm_org_key(company);
	same = strcmp(k, key) == 0;
	free(k);
	return same;
}

/*
 * A person found (id) whose row names another company than hers (by
 * crm_org_key: "Globex Ltd" is "GLOBEX"): as a phone of no system
 * (keep_own_phone), the row's company becomes hers and the one it
 * replaces is kept in the field 'other companies', said after the
 * import; a company she has there already leaves her company and
 * organisation as they are.  So the address books of a person who moved
 * (the old card on a phone, the new one in Google) settle, imported in
 * turn, to unchanged, and nothing is lost (qa50 F1).  -1 when the
 * database failed.
 */
static int
company_settle(struct cust_ctx *x, long long id, struct crm_cust *c,
    struct rowkeys *k)
{
	static const char key;
	struct crm_stmt *st;
	/* the organisation it links to, as find_link() reads the row */
	const char *v = k->org ? k->org : x->company_text ? NULL :
	    c->v[CRM_C_COMPANY];
	char *old = NULL, *others = NULL, *vk, *ok;

	if (!has(v) || k->type == CRM_TYPE_ORG)
		return 0;
	crm_db_bulk_keys(x->db, NULL, id, 0);
	/* crm's own export: its org column against her organisation's
	 * name, its company column being text of its own (company_text) */
	st = crm_cached(x->db, &key, "SELECT company, (SELECT value FROM "
	    "customer_fields WHERE customer_id = ?1 AND key = ?2), (SELECT "
	    "o.name FROM customers o WHERE o.id = customers.org_id) FROM "
	    "customers WHERE id = ?1 AND type = 'person'");
	crm_bind_int(st, 1, id);
	crm_bind_text(st, 2, OTHER_COMPANIES);
	if (crm_step(st) == CRM_ROW)
		old = col_dup(st, x->company_text ? 2 : 0), others =
		    col_dup(st, 1);
	crm_reset(st);
	crm_db_bulk_keys(x->db, NULL, 0, 0);
	if (crm_db_failed(x->db) || !has(old)) {
		free(old);
		free(others);
		return crm_db_failed(x->db) ? -1 : 0;
	}
	vk = crm_org_key(v), ok = crm_org_key(old);
	if (*vk && *ok && strcmp(vk, ok) != 0) {
		if (companies_have(others, vk)) {
			/* another book's: hers stays, and her organisation
			 * (and the company column that names it: a vCard's
			 * ORG gives both) */
			if (same_company(c->v[CRM_C_COMPANY], vk))
				crm_cust_set(c, CRM_C_COMPANY, NULL);
			c->has_org = 0, k->make_org = NULL, k->domain_org = 0;
			k->org = NULL;
			free(k->later), k->later = NULL;
		} else {
			crm_cust_field_take(c, OTHER_COMPANIES, has(others) ?
			    crm_xasprintf("%s; %s", others, old) :
			    crm_xstrdup(old));
			x->moved_any = 1;
			tally_add(&x->companies, crm_xasprintf("line %ld, "
			    "customer %lld, %.60s: '%.60s' to '%.60s'",
			    x->line, id, row_who(c), old, v));
		}
	}
	free(vk);
	free(ok);
	free(old);
	free(others);
	return 0;
}

/* The rows earlier_row_wins kept values of, said once an import. */
static void
again_say(const struct cust_ctx *x)
{
	char num[32];

	crm_warn("%s: %s %s named a customer an earlier row named, with "
	    "other values: the earlier row's kept, so that the file imported "
	    "again changes nothing (%s)", x->file,
	    crm_fmt_count(x->agains, num), x->agains == 1 ?
	    "row" : "rows", x->again_note);
}

/*
 * Does a lone cell read as a note, not a name: a word and a colon
 * ("Note: Eva also handles invoices", "Stand: 06.12.2026", "Source:
 * ...", but not QuickBooks' "Amy's Bird Sanctuary:Job 1"), a mark no name begins with ("* prices incl. VAT", "(c) Sales
 * North", "© ...", "# ..."), or no letter at all (a date, a figure)?
 */
static int
note_text(const char *s)
{
	const unsigned char *p;
	size_t n;
	int letter = 0;

	s += strspn(s, " \t");
	n = strcspn(s, " :");
	if ((s[n] == ':' && (s[n + 1] == ' ' || s[n + 1] == '\0')) ||
	    strncmp(s, "\xc2\xa9", 2) == 0 ||
	    (*s > 0 && *s < 0x7f && !isalnum((unsigned char)*s) &&
	    !strchr("\"'+", *s)))
		return 1;
	for (p = (const unsigned char *)s; *p && !letter; p++)
		letter = isalpha(*p) || *p >= 0x80;
	return !letter;
}

static int filled(const struct crm_rec *);

/*
 * A section's heading over its rows ("North region,," in the name
 * column): a lone cell under the header or a blank line, right over a
 * row of more than one cell.
 */
static int
heading(struct cust_ctx *x, const struct crm_rec *rec, long above)
{
	const struct crm_rec *next;

	if (rec->line <= above + 1 && above != crm_rd_header_line(x->rd))
		return 0;
	next = crm_rd_peek(x->rd, 0);
	return next && next->line == rec_end(rec) + 1 && filled(next) > 1;
}

/*
 * A line of one cell in a file of several columns is no customer's row
 * (qa37): a note typed under the table ("Note: Eva also handles invoices
 * for Müller", "(c) Sales North"), or a section's heading ("North
 * region"), which a name column took for names.  So, its one cell the
 * first: a line with no delimiter at all, a note (note_text()), or a
 * heading (heading()); but an address alone is a customer's.  Said
 * with its line and counted as skipped; a row of a name alone with its
 * delimiters (Xero's "Walk-in customer,,,,") elsewhere stays a row, as
 * does every line of a file of one column.  A sheet's lines only: a
 * vCard or a JSON record of a name alone is a customer.
 */
static int
one_cell_line(struct cust_ctx *x, const struct crm_rec *rec, long above)
{
	char *copy, *text;
	int skip;

	if ((crm_rd_format(x->rd) != 'c' && crm_rd_format(x->rd) != 't') ||
	    x->n < 2 || rec->n < 2 || lone_cell(rec) != rec->f[0])
		return 0;	/* a card's or a JSON record's are no lines */
	copy = crm_xstrdup(rec->f[0]);
	text = crm_key_trim(copy);	/* inside copy */
	skip = !crm_email_valid(text) && (crm_rd_cells(x->rd) == 1 ||
	    note_text(text) || heading(x, rec, above));
	if (skip)
		crm_warn("%s:%ld: one cell in a file of %zu columns, "
		    "'%.60s': skipped, not a customer", x->file, rec->line,
		    x->n, text);
	free(copy);
	return skip;
}

/*
 * One row: 0 done (counted), 1 refused with *why set, 2 kept out with
 * *why set (kept_out: into the rejects file), -1 failed (the error
 * recorded).
 */
static int
import_row(struct cust_ctx *x, const struct crm_rec *rec, char **why)
{
	struct crm_cust c = { 0 };
	struct rowkeys k = { .type_col = -1 };
	struct crm_import *im = x->im;
	const char *err, *word;
	long long id = 0, tries = x->first_tries;
	long above = x->prev_end;
	int col, new = 0, r = 0, n = 0, tot, out = 0, moved;

	if (crm_rec_blank(rec))
		return 0;
	x->line = rec->line;
	x->prev_end = rec_end(rec);
	row_to_cust(rec, x->cm, x->n, &c, &k);
	if (k.mail_hidden && !x->mails_hidden++)
		x->hidden_line = rec->line;
	if (k.mail_named && !x->mails_named++)
		x->named_line = rec->line;
	if (k.bad_birthday && x->birthday_note == NULL)
		x->birthday_note = crm_xasprintf("%s:%ld: %s: '%.60s' is not "
		    "read as a birthday (%s): kept as written, under its "
		    "header", x->file, rec->line, x->cm[k.birthday_col].field,
		    k.bad_birthday, crm_date_hint_column(k.bad_birthday, x->rd,
		    (size_t)k.birthday_col));
	if (k.odd_optout && !x->odd_optouts++)
		x->optout_note = crm_xasprintf("%s:%ld: %s: '%.60s' is not a "
		    "value crm reads as opted out or not (crm-add(1), Opted "
		    "out and bounced): not tagged", x->file, rec->line,
		    x->cm[k.odd_optout_col].field, k.odd_optout);
	if (row_deleted(x, rec, &c)) {
		im->deleted++;	/* deleted in the system it comes from */
		crm_import_skip(im);
		goto done;
	}
	if (crm_footer_line(rec, &word, &x->im->footer_seen) == 2 ||
	    ((x->hi.orders || footer(rec)) &&
	    (no_buyer(&c, &k) || not_paying(&x->hi, rec))) ||
	    (x->hi.kofi && !has(c.v[CRM_C_EMAIL]))) {
		/* Ko-fi's supporter with no e-mail is an anonymous tip:
		 * its From says Anonymous or a name anyone may give */
		im->skipped++;	/* a fee or transfer; a report's footer */
		crm_import_skip(im);
		goto done;
	}
	if ((tot = crm_totals_line(rec, &word)) != 0 &&
	    !key_cell(rec, x->cm, x->n, word)) {
		totals_said(x, rec, word, tot);
		im->skipped++;
		crm_import_skip(im);
		goto done;
	}
	if (one_cell_line(x, rec, above)) {
		im->skipped++;
		crm_import_skip(im);
		goto done;
	}
	source_ids(x, &c, &k);
	if (x->im->source && has(c.v[CRM_C_PHONE]))
		crm_cust_field(&c, PHONE_SOURCE, x->im->source);
	if ((r = row_erased(x, &c, &k, rec->line, &word)) != 0) {
		if (r > 0) {	/* never brought back by an import */
			im->erased++, r = 0, erased_said(im, word);
			crm_import_skip(im);
		}
		goto done;
	}
	if ((err = check_row(&c, x->cm, x->n, &col, x->rd)) == NULL &&
	    (err = check_keys(&k, &col)) == NULL &&
	    (err = check_credit(&k, &col)) == NULL &&
	    (err = credit_currency(x, &k, &col)) == NULL &&
	    (err = row_kind(x, &c, &k, &col)) == NULL &&
	    k.type != CRM_TYPE_ORG && find_link(x, &c, &k) < 0) {
		r = -1;
		goto done;
	}
	if (err == NULL && k.type != CRM_TYPE_ORG) {
		/* A new person at an organisation's domain is its contact. */
		if (k.domain_org)
			c.has_org = 1, c.org_id = k.domain_org;
		id = insert_first(x, &c, &k);
		if (k.domain_org && id == 0)
			c.has_org = 0;	/* not new: see make_link */
	}
	if (err == NULL && id == 0) {
		/* What follows reads the fields waiting. */
		if (fb_flush(x->db, &x->fb) < 0) {
			r = -1;
			goto done;
		}
		x->own_id = x->own_id_col >= 0 && (size_t)x->own_id_col <
		    rec->n && *crm_trim(rec->f[x->own_id_col]) ?
		    crm_trim(rec->f[x->own_id_col]) : NULL;
		err = resolve(x, &c, &k, &id, &col);
		if (err == NULL && id == 0 && (id = org_name_join(x, &c,
		    &k)) > 0)
			keyed_name(x, &c, id, rec->line);
		else if (id < 0) {
			r = -1;
			goto done;
		}
		if (err == NULL && id > 0 && namesake(x, &c, &k, id, rec->line))
			id = 0;
		if (err == NULL && id > 0 && k.keyed == id) {
			keyed_found(x, &c, id, rec->line);
			keyed_name(x, &c, id, rec->line);
		} else if (err == NULL && id > 0 && k.turned) {
			turned_found(x, &c, id, k.turned, rec->line);
		}
		if (err == NULL && k.namesakes)
			new_namesake(x, &c, rec->line);
		new = id == 0;
		if (err == NULL && x->first_tries == tries)
			judged(x, !new);	/* not tried: as if it were */
		if (err == NULL && id > 0)
			err = fit_found(x, &c, &k, id, &col);
		if (err == NULL && id > 0 && k.by_mail &&
		    k.type != CRM_TYPE_ORG)
			err = name_change(x, &c, &k, id, rec->line, &col,
			    &out);
		else if (err == NULL && id > 0 && !another_name(x, id, &c,
		    NULL))	/* found by an id: "ANN LEE" renames no Ann Lee */
			case_only(x, &c, id, found(x, id)->name, rec->line);
	} else if (id > 0) {
		new = 1, count_added(x, id, rec->line);
		id = -id;		/* added and counted */
	} else if (id < 0) {
		r = -1;
		goto done;
	}
	if (err && out) {
		r = kept_out(x, &k, id, rec->line, err);
		if (r == 0 && x->im->rejects_path)
			*why = crm_import_reason(err, x->names, col), r = 2;
		goto done;
	}
	if (err) {
		*why = crm_import_reason(err, x->names, col);
		r = 1;
		goto done;
	}
	if (id > 0 && !new && earlier_row_wins(x, id, &c, &k, rec->line) < 0) {
		r = -1;
		goto done;
	}
	if (id > 0 && !new && company_settle(x, id, &c, &k) < 0) {
		r = -1;
		goto done;
	}
	if (id >= 0 && make_link(x, &c, &k, id) < 0) {
		r = -1;
		goto done;
	}
	if (new && id == 0) {
		/* resolve() found nobody with its keys: a refusal is ours. */
		if ((id = crm_cust_insert(x->db, &c, 0)) == 0)
			crm_fail(CRM_EX_SOFTWARE, "customer refused by the "
			    "database");
		if (id <= 0) {
			r = -1;
			goto done;
		}
		took_id(x, id);
		count_added(x, id, rec->line);
		if (!has(c.v[CRM_C_EMAIL]) && !has(c.v[CRM_C_EXTERNAL_ID]) &&
		    k.nids == 0 && has(c.v[CRM_C_PHONE]))
			x->phoned_any = 1;
		if (!has(c.v[CRM_C_EMAIL]) && !has(c.v[CRM_C_EXTERNAL_ID]) &&
		    !has(c.v[CRM_C_PHONE]) && c.has_org)
			keyless_org(x, c.org_id);	/* a later row may be her */
		if (k.keyed_n > 1)
			keyed_added(x, &c, &k, id, rec->line);
	} else if (!new) {
		keep_own_keys(x, id, &c, &k);
		/* Declared first: keep_own_phone reads the customer too. */
		crm_db_bulk_keys(x->db, NULL, id, c.has_org ? c.org_id : 0);
		optout_known(x->db, id, &k);
		if ((moved = no_call_moved(x, id, &c)) >= 0) {
			keep_own_phone(x, id, &c);
			keep_status(x, id, &c, rec->line);
		}
		if (moved >= 0 && (n = no_call_header_gone(x, id, rec)) != 0)
			moved = n < 0 ? -1 : moved + n;
		if (moved >= 0 && (n = optout_stays(x, id, &c, &k,
		    rec->line)) >= 0 && (n = birthday_moved(x, id, &c, &k)) >= 0)
			n += crm_cust_update_read(x->db, id, &c, 1, x->stored);
		n = moved < 0 ? -1 : n < 0 ? n : n + moved;
		crm_db_bulk_keys(x->db, NULL, 0, 0);
		if (n < 0) {
			r = -1;
			goto done;
		}
	}
	if (new)
		twin_added(x, &c, &k, id < 0 ? -id : id, rec->line);
	/* Every row is counted: one that found a customer (an earlier
	 * row's too) by whether it changed it. */
	n += add_keys(x, id < 0 ? -id : id, &k, !new);
	if (!new && k.type == CRM_TYPE_ORG && org_row_added(x, id))
		im->added++;
	else if (!new && n > 0)
		im->updated++;
	else if (!new)
		im->unchanged++;
	later_keep(x, id < 0 ? -id : id, &k, !new && n == 0);
	im->unsubscribed += k.optout[CRM_OPT_UNSUB] > 0;
	im->bounced += k.optout[CRM_OPT_BOUNCED] > 0;
	if ((k.credit || k.terms) && crm_recv_set_credit(x->db, id < 0 ? -id :
	    id, k.credit ? 1 : 0, k.limit, k.terms ? k.dur : NULL, 0) < 0)
		r = -1;
	if (r == 0 && learn_domain(x, &c, &k, id < 0 ? -id : id) < 0)
		r = -1;
	if (r == 0)
		row_found(x, id < 0 ? -id : id, &c, rec->line);
	if (r == 0)
		phone_seen(x, c.v[CRM_C_PHONE]);	/* hers now, maybe */
	/* a person this row names by a key or a phone, for keyed_namesake */
	if (r == 0 && x->names_ix.built && k.type != CRM_TYPE_ORG &&
	    c.type != CRM_TYPE_ORG && has(c.v[CRM_C_NAME]) &&
	    (has(c.v[CRM_C_EMAIL]) || has(c.v[CRM_C_EXTERNAL_ID]) || k.nids ||
	    has(c.v[CRM_C_PHONE])))
		name_ix_add(&x->names_ix, c.v[CRM_C_NAME], id < 0 ? -id : id,
		    &k);
done:
	if (x->next) {
		/* What any customer's keys may now be; an organisation's
		 * name, a row's (an organisation's row, or one that made it
		 * one).  A person's name is no organisation's key (org_key
		 * is an organisation's alone, and an import makes no person
		 * one: fit_found): its key, made for every row, was 55 M
		 * instructions of 20,000 customers, and a "maybe" more. */
		if (c.type == CRM_TYPE_ORG || k.type == CRM_TYPE_ORG)
			org_name_add(x, c.v[CRM_C_NAME]);
		if (has(c.v[CRM_C_EMAIL]))
			crm_seen_add(&x->taken, crm_seen_hash(0,
			    c.v[CRM_C_EMAIL]));
		if (has(c.v[CRM_C_EXTERNAL_ID]))
			crm_seen_add(&x->taken, crm_seen_hash(0,
			    c.v[CRM_C_EXTERNAL_ID]));
	}
	found_forget(&x->found);
	crm_stored_free(x->stored);
	x->stored = NULL;
	keys_free(&k);
	crm_cust_free(&c);
	return r;
}

#define PROGRESS_EVERY	10000
#define CUST_ROW_BYTES	96	/* a row of a customer list, about: an estimate */

/*
 * On a terminal, how far a long import has got, on one line that the
 * summary then replaces; nothing in a pipe or a cron job's mail.
 */
static void
progress(long rows, int done)
{
	static int tty = -1;
	char n[32];

	if (tty < 0)
		tty = isatty(STDERR_FILENO);
	if (!tty || rows < PROGRESS_EVERY)
		return;
	if (done)
		fputs("\r\033[K", stderr);
	else if (rows % PROGRESS_EVERY == 0)
		fprintf(stderr, "\r%s: %s rows read", crm_prog,
		    crm_fmt_count(rows, n));
}

/*
 * A refused row (why, freed): into the rejects file when there is one,
 * else the import's error, FILE:LINE: why.  0, or -1 with the error kept.
 * For a row an importer held back and refuses later, and for every other.
 */
int
crm_import_reject(struct crm_import *im, const struct crm_rd *rd,
    const struct crm_rec *rec, char *why)
{
	int r;

	if (im->rejects_path == NULL)
		r = crm_fail(CRM_EX_DATAERR, "%s:%ld: %s", crm_rd_name(rd),
		    rec->line, why);
	else if ((r = put_reject(im, rd, rec, why)) == 0)
		im->rejected++;
	free(why);
	return r;
}

/*
 * A row kept out (said and counted by the importer) into the rejects file
 * with why (freed), for the user to mend: 0, or -1 with the error kept.
 */
static int
kept_reject(struct crm_import *im, const struct crm_rd *rd,
    const struct crm_rec *rec, char *why)
{
	int r = put_reject(im, rd, rec, why);

	free(why);
	return r;
}

/* A cell with no more than blanks. */
static int
blank_cell(const char *s)
{
	return s[strspn(s, " \t")] == '\0';
}

/* How many cells of rec are not blank: 0, 1, or 2 for more. */
static int
filled(const struct crm_rec *rec)
{
	size_t i;
	int n = 0;

	for (i = 0; i < rec->n && n < 2; i++)
		n += !blank_cell(rec->f[i]);
	return n;
}

/*
 * The word of a totals line with nothing else in it ("Grand Totals (3
 * records)"), to free, or NULL when rec is none.  A row of data has two
 * cells filled, which is asked first: this is asked of every row.
 */
static char *
bare_totals(const struct crm_rec *rec)
{
	const char *word;

	return filled(rec) == 1 && crm_totals_line(rec, &word) == 1 ?
	    crm_xstrdup(word) : NULL;
}

/*
 * A Salesforce report may write its grand totals on two lines: "Grand
 * Totals (3 records)" alone, then the sums under their columns, every
 * other cell empty.  The second is the first's, and is read as a report
 * that writes both on one line has it: rec's cells with the word above
 * (totals, from bare_totals) in its empty first cell, in *f (to free),
 * so that every importer skips it as the totals line it is
 * (crm_totals_line), and said as one.  0 when rec is no such line.
 */
static int
totals_more(struct crm_rec *rec, char *totals, char ***f)
{
	size_t i, amounts = 0;

	if (totals == NULL || rec->n < 2 || !blank_cell(rec->f[0]))
		return 0;
	for (i = 1; i < rec->n; i++)
		if (!blank_cell(rec->f[i]) && !(amounts++, crm_is_amount(
		    rec->f[i])))
			return 0;
	if (amounts == 0)
		return 0;
	*f = crm_xreallocarray(NULL, rec->n, sizeof **f);
	memcpy(*f, rec->f, rec->n * sizeof **f);
	(*f)[0] = totals;
	rec->f = *f;
	return 1;
}

/*
 * The row crm_import_rows is reading was skipped, by any program's
 * reason for it (a fee, a failed payment, a footer, a customer erased):
 * nothing of it imported, and no fault of the file's.  Said here, one
 * place for every importer, so that a file of which no row was taken is
 * known as one (all_rejected) whichever program read it and whatever
 * its own counters call its skips.  Once or twice for a row, the same.
 */
void
crm_import_skip(struct crm_import *im)
{
	im->row_skipped = 1;
}

/*
 * No row of a file imported and some refused, even with --rejects: the
 * rows skipped (crm_import_skip) are no imports, so no row was good,
 * and the file is what is wrong (another export's shape, a column that
 * changed its form): a job in cron must hear of it, not read exit 0.
 * The rejects are written; the import ends as a bad file does (exit 65),
 * and its transaction, with nothing of the file's in it, is undone.
 * A file of skipped rows alone is no error: its skips are said.
 */
static int
all_rejected(const struct crm_import *im, const struct crm_rd *rd, long n,
    long skipped)
{
	char c[32], s[32];
	const char *where = strcmp(im->rejects_path, "-") == 0 ?
	    "the rejects on standard output" : im->rejects_path;

	if (skipped == 0)
		return crm_fail(CRM_EX_DATAERR, "%s: every row was rejected "
		    "(%s, each with why in %s): nothing imported",
		    crm_rd_name(rd), crm_fmt_count(n, c), where);
	return crm_fail(CRM_EX_DATAERR, "%s: every row was rejected (%s, "
	    "each with why in %s) or skipped (%s): nothing imported",
	    crm_rd_name(rd), crm_fmt_count(n, c), where,
	    crm_fmt_count(skipped, s));
}

/*
 * Feed every record of rd to row(), which returns 0 (done), 1 (refused,
 * with *why, allocated, saying why), 2 (kept out, said, with *why for the
 * rejects file) or -1 (failed, the error recorded: a
 * database that failed makes no row worth trying).  A bad record or a
 * refused row goes to the rejects file, or without one ends the import
 * as "FILE:LINE: why" (exit 65).  0 when every record was read, else -1
 * with the error recorded, at once.
 */
int
crm_import_rows(struct crm_rd *rd, struct crm_import *im,
    int (*row)(const struct crm_rec *, void *, char **), void *ctx)
{
	struct crm_rec rec;
	const char *err;
	char *why, *totals = NULL, *next, **joined = NULL;
	long line, rows = 0, end = crm_rd_header_line(rd);
	long nonblank = 0, rejected = im->rejected, skipped = 0;
	int r, ret = 0;

	if (im->rejects_path && im->rejects == NULL && open_rejects(im) < 0)
		return -1;
	im->footer_seen = 0;
	while (ret == 0 && (r = crm_rd_next(rd, &rec)) != CRM_REC_EOF) {
		progress(++rows, 0);
		if (r == CRM_REC_FATAL) {
			err = crm_rd_error(rd, &line);
			ret = crm_fail(CRM_EX_DATAERR, "%s:%ld: %s",
			    crm_rd_name(rd), line, err);
			break;
		}
		if (r == CRM_REC_BAD || !crm_rec_blank(&rec))
			nonblank++;
		if (r == CRM_REC_BAD) {
			free(totals);
			totals = NULL;
			end = rec_end(&rec);
			ret = crm_import_reject(im, rd, &rec,
			    crm_xstrdup(crm_rd_error(rd, NULL)));
			continue;
		}
		if (report_name(rd, &rec, end))
			im->footer_seen = 1;	/* the footer begins here */
		end = rec_end(&rec);
		/* The word of the last line not blank, if a bare totals
		 * line; the line under it may be its sums. */
		next = totals && filled(&rec) == 0 ? totals : totals_more(&rec,
		    totals, &joined) ? NULL : bare_totals(&rec);
		im->row_skipped = 0;
		r = row(&rec, ctx, &why);
		skipped += r == 0 && im->row_skipped;
		ret = r == 1 ? crm_import_reject(im, rd, &rec, why) : r == 2 ?
		    kept_reject(im, rd, &rec, why) : r;
		free(joined);
		joined = NULL;
		if (next != totals)
			free(totals);
		totals = next;
	}
	free(totals);
	progress(rows, 1);
	rejected = im->rejected - rejected;
	if (ret == 0 && rejected > 0 && rejected + skipped == nonblank)
		ret = all_rejected(im, rd, rejected, skipped);
	return ret;
}

/*
 * One audit row for the import: which file, the counts, and the range of
 * ids it added (rows inserted in one transaction get consecutive ids).
 * Each update has its own row with the old and new values.
 */
static void
audit_import(struct crm_db *db, const struct crm_rd *rd, const struct crm_import *im)
{
	struct crm_buf d = { 0 };

	crm_buf_adds(&d, "{\"file\":");
	crm_json_str(&d, crm_rd_name(rd));
	crm_buf_addf(&d, ",\"added\":%ld,\"updated\":%ld,\"unchanged\":%ld,"
	    "\"rejected\":%ld", im->added, im->updated, im->unchanged,
	    im->rejected);
	if (im->orgs)
		crm_buf_addf(&d, ",\"organisations\":%ld", im->orgs);
	if (im->kept_out)
		crm_buf_addf(&d, ",\"kept_out\":%ld", im->kept_out);
	if (im->added)
		crm_buf_addf(&d, ",\"added_ids\":[%lld,%lld]", im->first_id,
		    im->last_id);
	crm_buf_addc(&d, '}');
	crm_audit(db, "import", 0, d.s);
	crm_buf_free(&d);
}

/*
 * Without a created column, the extra fields whose every value may say
 * when a customer began ("Sign Up", a header no alias knows): those
 * whose header names another time (Last Active, Birthday or DOB,
 * Outlook's Anniversary, Order Date) are not.
 */
static void
dates_init(struct cust_ctx *x)
{
	static const char *const other[] = { "last", "update", "modif",
	    "active", "order", "visit", "seen", "login",
	    "next", "due", "expir", "unsub", "optout", "bounce", "paid",
	    "ship", "anniversar", "renew", "cancel", NULL };
	const char *const *w;
	size_t i;
	char *h;

	if (header_col(x->cm, x->n, CRM_C_CREATED) >= 0 || x->org_export)
		return;
	x->dated = crm_xcalloc(x->n, 1);
	x->datefmt = crm_xcalloc(x->n, sizeof *x->datefmt);
	for (i = 0; i < x->n; i++) {
		x->datefmt[i].mask = ~0ULL;
		if (x->cm[i].to != T_FIELD || x->cm[i].alt >= 0)
			continue;
		h = crm_norm_header(x->names[i]);
		for (w = other; *w && strstr(h, *w) == NULL; w++)
			;
		x->dated[i] = *w == NULL && !crm_header_birth(h);
		free(h);
	}
}

/* The values a column's date formats are narrowed by: its first ones. */
#define DATEFMT_LOOKS 100

static void
dates_look(struct cust_ctx *x, const struct crm_rec *rec)
{
	struct datefmt *f;
	const char *v;
	size_t i;

	for (i = 0; x->dated && i < x->n && i < rec->n; i++) {
		if (x->dated[i] == 0 || *(v = crm_trim(rec->f[i])) == '\0')
			continue;
		x->dated[i] = crm_date_like(v) ? 2 : 0;
		f = &x->datefmt[i];
		if (x->dated[i] && f->looked++ < DATEFMT_LOOKS)
			f->needs |= crm_date_formats_narrow(v, &f->mask);
	}
}

/* Said after the import, as crm-log says of its unread time column. */
static void
dates_say(const struct cust_ctx *x)
{
	const char *undo;
	size_t i;

	/* crm undo is SQLite's own (undo.c) */
	undo = strcmp(crm_db_engine(x->db), "sqlite") == 0 ? "crm undo, then " :
	    "";
	for (i = 0; x->dated && i < x->n; i++)
		if (x->dated[i] == 2)
			crm_warn("%s: %s: every value is a date, but the "
			    "customers added were created now (no created "
			    "column): if it is when they began, %ssay %s %s%s",
			    x->file, x->names[i], undo, crm_optname("map"),
			    crm_map_word(x->names[i], "created"),
			    x->datefmt[i].needs ?
			    crm_date_formats_say(x->datefmt[i].mask) : "");
}

/*
 * A row, as crm_import_rows() takes it.  A lookup on a database that
 * failed finds nothing: what then looks like a refused row or a new
 * customer is the database's failure, and ends the import.
 */
static int
cust_row(const struct crm_rec *rec, void *p, char **why)
{
	struct cust_ctx *x = p;
	int r;

	dates_look(x, rec);
	optout_value_look(x, rec);
	r = import_row(x, rec, why);

	if (r > 0 && crm_db_failed(x->db))
		free(*why);
	return crm_db_failed(x->db) ? -1 : r;
}

/*
 * The e-mails an import took as their addresses (named_email, and
 * crm_key_email's invisible characters), said once each with how many:
 * what was stored is not what the cell said.
 */
static void
mail_tidy_say(const struct cust_ctx *x)
{
	char num[32];

	if (x->mails_hidden)
		crm_warn("%s:%ld: %s e-mail %s an invisible character (a "
		    "zero width space, word joiner or soft hyphen, copied from "
		    "a web page?): taken out", x->file, x->hidden_line,
		    crm_fmt_count(x->mails_hidden, num),
		    x->mails_hidden == 1 ? "address held" : "addresses held");
	if (x->mails_named)
		crm_warn("%s:%ld: %s e-mail %s a name with the address "
		    "(\"Name <address>\"): the address taken, and the name "
		    "where the row gave none", x->file, x->named_line,
		    crm_fmt_count(x->mails_named, num), x->mails_named == 1 ? "cell held" :
		    "cells held");
}

/*
 * Is the company column crm's own, spelt as crm writes it ("company", in
 * crm's exports, in any file written for crm with its column names, and
 * in vCards as the reader gives them)?  Then it is the company as text,
 * and only an org column links a person to an organisation: what crm
 * exports imports back as it was, links and all.  Another system's
 * Company, Organization or 公司 column is what links.
 */
static int
company_text(const struct cust_ctx *x)
{
	int col = header_col(x->cm, x->n, CRM_C_COMPANY);

	return x->hi.crm_own || (col >= 0 &&
	    strcmp(x->names[col], "company") == 0 &&
	    !crm_import_mapped("company", x->im->maps, x->im->nmaps));
}

/* Does a column of the header say whose a row is: a name, an e-mail? */
static int
person_col(const struct cust_ctx *x)
{
	static const int person[] = { CRM_C_NAME, T_FIRST, T_LAST,
		CRM_C_EMAIL, T_EMAILS, T_TYPE, T_ISCOMPANY, T_ORG };
	size_t i;

	for (i = 0; i < sizeof person / sizeof person[0]; i++)
		if (header_col(x->cm, x->n, person[i]) >= 0)
			return 1;
	return 0;
}

/*
 * A cell of a record looked at ahead (crm_rd_peek) without its blanks,
 * allocated: the record itself is left as the file has it, for its row
 * to read (crm_key_trim in place cut the first row's field "  spaced  "
 * to "  spaced", and only that row's: qa38 9h).
 */
static char *
cell_trimmed(const char *v)
{
	char *copy = crm_xstrdup(v), *t = crm_key_trim(copy);

	memmove(copy, t, strlen(t) + 1);
	return copy;
}

/*
 * Does column i's first cells hold names (crm_name_shaped: no number or
 * user name, C-1001, K10023, ann_lee, qa40 R1; no e-mail address, no
 * company's legal form, Acme GmbH)?  A "Customer" column may hold the
 * customers' numbers, user names or addresses; one with no cell filled
 * yet is taken at its header's word.
 */
static int
name_cells(struct crm_rd *rd, size_t i)
{
	const struct crm_rec *rec;
	char *v;
	size_t k;
	int name;

	for (k = 0; k < 20 && (rec = crm_rd_peek(rd, k)); k++) {
		if (i >= rec->n)
			continue;
		v = cell_trimmed(rec->f[i]);
		name = *v == '\0' || crm_name_shaped(v);
		free(v);
		if (!name)
			return 0;
	}
	return 1;
}

/*
 * Is the file a list of sales or deals, a row an order or a deal: a
 * total beside a status, a payment or a reference (PrestaShop's order
 * list: ID, Reference, Customer, Total, Payment, Status), or a deal's
 * stage, probability or name (Odoo's opportunities)?  Its Customer
 * column repeats a buyer an order, or names the deal's company, so it
 * names no customer of its own: read as names, it added one a row (qa40
 * R2).  crm-log and crm-deal read such files.
 */
static int
sales_shaped(const struct cust_ctx *x)
{
	static const char *const totals[] = { "total", "amount", "betrag",
		"montant", "importe", "gesamtbetrag", "summe" };
	static const char *const orders[] = { "status", "payment",
		"paymentmethod", "reference", "zahlungsart", "paiement",
		"statut", "bestellnummer", "commande" };
	static const char *const deals[] = { "stage", "dealstage",
		"probability", "opportunity", "opportunityname", "dealname",
		"pipeline", "expectedrevenue" };
	size_t k;
	int total = 0, order = 0;

	for (k = 0; k < CRM_NELEM(deals); k++)
		if (crm_header_has(x->names, x->n, deals[k]))
			return 1;
	for (k = 0; k < CRM_NELEM(totals); k++)
		total |= crm_header_has(x->names, x->n, totals[k]);
	for (k = 0; k < CRM_NELEM(orders); k++)
		order |= crm_header_has(x->names, x->n, orders[k]);
	return total && order;
}

/*
 * A sheet made by hand names its people's column as people say it:
 * Client, Customer, Contact, Person, Kunde, Ansprechpartner, Cliente.
 * In another system's export such a word is that system's (QuickBooks'
 * Customer, Razorpay's contact, Sage's Contact: target_of, read before
 * this), so one is the name only where no column is a name or a part of
 * one, and where its first cells are names (name_cells); else it stays
 * a field, as it was.
 */
static void
loose_name(struct cust_ctx *x)
{
	static const char *const words[] = { "client", "clientname",
		"customer", "contact", "person", "kunde", "kundenname",
		"ansprechpartner", "cliente" };
	struct colmap *cm = x->cm;
	size_t i;
	char *h;
	int hit;

	if (x->hi.orders || x->hi.crm_own || x->hi.vcard || sales_shaped(x) ||
	    header_col(cm, x->n, CRM_C_NAME) >= 0 ||
	    header_col(cm, x->n, T_FIRST) >= 0 ||
	    header_col(cm, x->n, T_LAST) >= 0)
		return;
	for (i = 0; i < x->n; i++) {
		if (cm[i].to != T_FIELD || cm[i].mapped || cm[i].opt)
			continue;
		h = crm_norm_header(x->names[i]);
		hit = crm_in_list(h, words, sizeof words / sizeof words[0]);
		free(h);
		if (hit && name_cells(x->rd, i)) {
			cm[i].to = CRM_C_NAME;
			cm[i].consent = 0;
			return;
		}
	}
}

/*
 * Another system's Type column saying what each row is, as crm's own
 * type does: Capsule's (Person, Organisation), Business Central's Type
 * of its contacts and Contact Type of its customers (Company, Person).
 * Read as crm's type when no column is one yet and every filled cell of
 * the first rows is a value type_cell takes (person, org, organisation,
 * organization, company, in any case): vtiger's organisations' Type
 * (Customer, Prospect) and an order's type stay what they were (qa41 F3).
 */
static void
type_column(struct cust_ctx *x)
{
	const struct crm_rec *rec;
	const char *v;
	size_t i, k;
	char *h;
	int is, seen, bad;

	if (x->hi.orders || header_col(x->cm, x->n, T_TYPE) >= 0 ||
	    header_col(x->cm, x->n, T_ISCOMPANY) >= 0)
		return;
	for (i = 0; i < x->n; i++) {
		if (x->cm[i].to != T_FIELD || x->cm[i].mapped || x->cm[i].opt)
			continue;
		h = crm_norm_header(x->names[i]);
		is = strcmp(h, "type") == 0 || strcmp(h, "contacttype") == 0;
		free(h);
		seen = bad = 0;
		for (k = 0; is && !bad && k < 20 &&
		    (rec = crm_rd_peek(x->rd, k)); k++) {
			if (i >= rec->n ||
			    *(v = crm_key_trim(rec->f[i])) == '\0')
				continue;
			if (type_cell(v, TYPE_OTHER) > 0)
				seen++;
			else
				bad = 1;
		}
		if (seen && !bad) {
			x->cm[i].to = T_TYPE;
			x->cm[i].other_type = 1;
			x->cm[i].consent = 0;
			return;
		}
	}
}

/*
 * Does column i's first cells hold companies' names: a letter in each
 * filled one, no e-mail address, and not an id's shape (ACC12, C-1001,
 * 0015g00000XyZaBAAV: a digit in one word; ann_lee)?
 */
static int
company_cells(struct crm_rd *rd, size_t i)
{
	const struct crm_rec *rec;
	const char *v, *p;
	size_t k;
	int alpha;

	for (k = 0; k < 20 && (rec = crm_rd_peek(rd, k)); k++) {
		if (i >= rec->n || *(v = crm_key_trim(rec->f[i])) == '\0')
			continue;
		for (alpha = 0, p = v; *p; p++)
			alpha |= isalpha((unsigned char)*p) ||
			    ((unsigned char)*p & 0x80);
		if (!alpha || strchr(v, '@') || strchr(v, '_') ||
		    (!strchr(v, ' ') && strpbrk(v, "0123456789")))
			return 0;
	}
	return 1;
}

/*
 * A people file's Account is the company they work at (Freshsales'
 * contacts: First name, Last name, ..., Account), as crm-deal reads it
 * (qa41 F6): where no column is the company, a column names the person,
 * and its cells are companies' names, not account numbers or user names
 * (company_cells).  Else it stays a field.
 */
static void
account_company(struct cust_ctx *x)
{
	size_t i;
	char *h;
	int is;

	if (x->hi.orders || x->hi.crm_own || x->hi.vcard || sales_shaped(x) ||
	    header_col(x->cm, x->n, CRM_C_COMPANY) >= 0 ||
	    (header_col(x->cm, x->n, CRM_C_NAME) < 0 &&
	    header_col(x->cm, x->n, T_FIRST) < 0 &&
	    header_col(x->cm, x->n, T_LAST) < 0))
		return;
	for (i = 0; i < x->n; i++) {
		if (x->cm[i].to != T_FIELD || x->cm[i].mapped || x->cm[i].opt)
			continue;
		h = crm_norm_header(x->names[i]);
		is = strcmp(h, "account") == 0;
		free(h);
		if (is && company_cells(x->rd, i)) {
			x->cm[i].to = CRM_C_COMPANY;
			x->cm[i].consent = 0;
			return;
		}
	}
}

/*
 * A column kept as a field whose cells, in the first rows, are e-mail
 * addresses (one at least, and nothing else): a form's "What's your
 * email?".  Not one whose header names another record's ("Contact:
 * Email" in a Salesforce report of accounts, Pipedrive's "Person -
 * Email", a "Primary Contact Email"): an organisation export's rows are
 * the organisations still.  Nor one with no header, which no --map
 * can name.  -1 for none.
 */
static int
mail_cells(const struct cust_ctx *x, struct crm_rd *rd)
{
	const struct crm_rec *rec;
	size_t i, k;
	int seen, bad;
	char *v;

	for (i = 0; i < x->n; i++) {
		if (x->cm[i].to != T_FIELD || x->cm[i].mapped ||
		    x->cm[i].opt || *x->names[i] == '\0' ||
		    strchr(x->names[i], ':') ||
		    strstr(x->names[i], " - ") ||
		    strcasestr(x->names[i], "contact"))
			continue;
		seen = bad = 0;
		for (k = 0; k < 20 && !bad && (rec = crm_rd_peek(rd, k)); k++) {
			if (i >= rec->n)
				continue;
			v = cell_trimmed(rec->f[i]);
			if (*v && crm_email_valid(v))
				seen++;
			else if (*v)
				bad = 1;
			free(v);
		}
		if (seen && !bad)
			return (int)i;
	}
	return -1;
}

/*
 * Which column unnamed_people's hint offers as the people's name, or
 * n for none: a header that says name and begins as the e-mail's does
 * (Invitee Name beside Invitee Email), else the first that says name
 * and is not someone else's: the host, owner or staff member a booking
 * or a lead belongs to (Calendly's User Name is the host, and following
 * a hint to it named every invitee after her).
 */
static size_t
hint_name(const struct cust_ctx *x, int mail)
{
	static const char *const others[] = { "user", "host", "owner",
		"staff", "organizer", "organiser", "assign", "agent", "sales",
		"employee", "team", "calendar", "company", "account", "event",
		"product", "item", "campaign", "form", "page" };
	const char *m = x->names[mail], *at = strcasestr(m, "mail");
	size_t i, k, pre = at ? (size_t)(at - m) : 0, best = x->n;

	/* the e-mail header's words before its "E-mail" or "Email" */
	if (pre > 0 && tolower((unsigned char)m[pre - 1]) == 'e')
		pre--;
	while (pre > 0 && strchr("-_ ", m[pre - 1]))
		pre--;
	for (i = 0; i < x->n; i++) {
		if ((int)i == mail || x->cm[i].to != T_FIELD ||
		    x->cm[i].mapped || !strcasestr(x->names[i], "name"))
			continue;
		if (pre > 0 && strncasecmp(x->names[i], m, pre) == 0)
			return i;
		for (k = 0; k < sizeof others / sizeof others[0]; k++)
			if (strcasestr(x->names[i], others[k]))
				break;
		if (k == sizeof others / sizeof others[0] && best == x->n)
			best = i;
	}
	return best;
}

/*
 * No column is read as a name or an e-mail, but one holds e-mail
 * addresses (a form's answers: Typeform's "What's your email?" beside
 * "What's your name?" and a Company question): the rows are people, and
 * reading them as organisations named by their Company, or as nobody,
 * would be wrong.  Refused before any row, with the --map that reads
 * them, and a name column's when a header says name.  0, or -1.
 */
static int
unnamed_people(const struct cust_ctx *x, struct crm_rd *rd)
{
	struct crm_buf b = { 0 };
	size_t i;
	int mail;

	if (x->hi.orders || x->hi.crm_own || x->hi.vcard || person_col(x) ||
	    (mail = mail_cells(x, rd)) < 0)
		return 0;
	crm_buf_addf(&b, "%s %s", crm_optname("map"),
	    crm_map_word(x->names[mail], "email"));
	if ((i = hint_name(x, mail)) < x->n)
		crm_buf_addf(&b, " %s %s", crm_optname("map"),
		    crm_map_word(x->names[i], "name"));
	crm_fail(CRM_EX_DATAERR, "%s:%ld: no column is read as a name or an "
	    "e-mail, but '%.60s' holds e-mail addresses: its rows are people "
	    "(not organisations named by a company column); say which "
	    "columns are theirs with %s", x->file, crm_rd_header_line(rd),
	    x->names[mail], crm_buf_str(&b));
	crm_buf_free(&b);
	return -1;
}

/*
 * A column of e-mail addresses (mail_cells') under a header crm does not
 * know, and none read as the e-mail (Zoho Books' EmailID once, a
 * "Kontakt-Mail"): the people would be added with no e-mail and the
 * addresses kept as a field, and nothing said.  Refused before any row
 * with the --map that reads it, or keeps it a field.  0, or -1.
 */
static int
unread_mail(const struct cust_ctx *x, struct crm_rd *rd)
{
	int mail;

	if (x->hi.orders || x->hi.crm_own || x->hi.vcard ||
	    header_col(x->cm, x->n, CRM_C_EMAIL) >= 0 ||
	    header_col(x->cm, x->n, T_EMAILS) >= 0 ||
	    (mail = mail_cells(x, rd)) < 0)
		return 0;
	crm_fail(CRM_EX_DATAERR, "%s:%ld: '%.60s' holds e-mail addresses, "
	    "but no column is read as the e-mail: say %s %s to read it as "
	    "the customers' e-mail, or %s %s to keep it as a field",
	    x->file, crm_rd_header_line(rd), x->names[mail],
	    crm_optname("map"), crm_map_word(x->names[mail], "email"),
	    crm_optname("map"), crm_map_word(x->names[mail],
	    x->names[mail]));
	return -1;
}

/*
 * Salesforce's Data Export (Setup > Data Export) writes Account.csv with
 * the API names: Id and Name, no person's columns, and the account's
 * own (Billing*, AnnualRevenue, NumberOfEmployees, ParentId).  Its Name
 * is the organisation's, so it is read as the company, when the first
 * rows' Ids are accounts' (key prefix 001).  1 when so.
 */
static int
sf_accounts(struct cust_ctx *x)
{
	static const char *const acct[] = { "billingcity", "billingstreet",
		"billingcountry", "billingpostalcode", "annualrevenue",
		"numberofemployees", "parentid" };
	static const int person[] = { T_FIRST, T_LAST, CRM_C_EMAIL,
		T_EMAILS, T_TYPE, T_ISCOMPANY, T_ORG, CRM_C_COMPANY };
	const struct crm_rec *rec;
	int id = header_col(x->cm, x->n, CRM_C_EXTERNAL_ID),
	    name = header_col(x->cm, x->n, CRM_C_NAME), seen = 0;
	size_t i, j, k;
	char *h, *v;

	if (id < 0 || name < 0 || strcmp(x->names[id], "Id") != 0 ||
	    strcmp(x->names[name], "Name") != 0 || x->cm[name].mapped)
		return 0;
	for (i = 0; i < sizeof person / sizeof person[0]; i++)
		if (header_col(x->cm, x->n, person[i]) >= 0)
			return 0;
	for (i = 0; i < x->n && !seen; i++) {
		h = crm_norm_header(x->names[i]);
		for (j = 0; j < sizeof acct / sizeof acct[0]; j++)
			seen |= strcmp(h, acct[j]) == 0;
		free(h);
	}
	for (k = 0; seen && k < 20 && (rec = crm_rd_peek(x->rd, k)); k++)
		if ((size_t)id < rec->n) {
			v = cell_trimmed(rec->f[id]);
			seen = *v == '\0' || strncmp(v, "001", 3) == 0;
			free(v);
		}
	if (seen)
		x->cm[name].to = CRM_C_COMPANY;
	return seen;
}

/*
 * A column only an organisation's record has (a people file's company
 * size and revenue come beside the people's names): Freshsales accounts'
 * Parent account, Number of employees, Annual revenue, Industry type and
 * Business type.
 */
static int
org_only_col(const struct cust_ctx *x)
{
	static const char *const only[] = { "parentaccount",
		"numberofemployees", "annualrevenue", "industrytype",
		"businesstype" };
	size_t k;

	for (k = 0; k < CRM_NELEM(only); k++)
		if (crm_header_has(x->names, x->n, only[k]))
			return 1;
	return 0;
}

/*
 * Freshsales' accounts (Name, Parent account, Owner, Number of
 * employees, Annual revenue, Website, Phone, Industry type ...): a Name
 * beside an organisation's own columns, with no e-mail, company or part
 * of a person's name, is the organisation's.  1 when it is, the column
 * then read as the company.
 */
static int
named_accounts(struct cust_ctx *x)
{
	static const int person[] = { T_FIRST, T_LAST, CRM_C_EMAIL,
		T_EMAILS, T_TYPE, T_ISCOMPANY, T_ORG, CRM_C_COMPANY };
	int name = header_col(x->cm, x->n, CRM_C_NAME);
	size_t i;
	char *h;
	int is;

	if (name < 0 || x->cm[name].mapped || !org_only_col(x))
		return 0;
	for (i = 0; i < CRM_NELEM(person); i++)
		if (header_col(x->cm, x->n, person[i]) >= 0)
			return 0;
	h = crm_norm_header(x->names[name]);
	is = strcmp(h, "name") == 0;
	free(h);
	if (is)
		x->cm[name].to = CRM_C_COMPANY;
	return is;
}

/*
 * Is the company column the only one that names a row: no name, part of
 * a name or type column?  Without an e-mail column too, each row is an
 * organisation (HubSpot companies, Salesforce accounts, Pipedrive
 * organizations).  Beside an e-mail, only where the header names an
 * organisation's record (vtiger's Organization Name, an Account Name) or
 * a column only an organisation has is there (qa41 F2): an Email and a
 * Company alone are a list of people and where they work.
 */
static int
org_named(const struct cust_ctx *x)
{
	static const int person[] = { CRM_C_NAME, T_FIRST, T_LAST, T_TYPE,
		T_ISCOMPANY, T_ORG };
	static const char *const record[] = { "organizationname",
		"organisationname", "accountname" };
	int col = header_col(x->cm, x->n, CRM_C_COMPANY), is;
	size_t i;
	char *h;

	if (col < 0)
		return 0;
	for (i = 0; i < CRM_NELEM(person); i++)
		if (header_col(x->cm, x->n, person[i]) >= 0)
			return 0;
	if (header_col(x->cm, x->n, CRM_C_EMAIL) < 0 &&
	    header_col(x->cm, x->n, T_EMAILS) < 0)
		return 1;
	h = crm_norm_header(x->names[col]);
	is = crm_in_list(h, record, CRM_NELEM(record)) || org_only_col(x);
	free(h);
	return is;
}

/*
 * Is the file an organisation export (org_named, named_accounts, and
 * Salesforce's Data Export Account.csv: sf_accounts)?  Then its columns
 * for the organisation's own id and owner are read as such
 * (org_aliases[]), and each row's e-mail is the organisation's.
 */
static int
org_export(struct cust_ctx *x)
{
	size_t i;
	char *h;
	int to;

	if (x->hi.orders || x->hi.crm_own || (!sf_accounts(x) &&
	    !named_accounts(x) && !org_named(x)))
		return 0;
	for (i = 0; i < x->n; i++) {
		if (x->cm[i].to != T_FIELD || x->cm[i].alt >= 0 ||
		    x->cm[i].owned)
			continue;
		h = crm_norm_header(x->names[i]);
		to = crm_import_mapped(h, x->im->maps, x->im->nmaps) ? T_FIELD :
		    lookup(org_aliases, sizeof org_aliases /
		    sizeof org_aliases[0], h);
		if (to >= 0 && header_col(x->cm, x->n, to) < 0)
			x->cm[i].to = to;
		free(h);
	}
	return 1;
}

/*
 * crm-segment --orgs's own listing, which has no type column: an
 * organisation's domain and count of contacts (qa38 F5), and no person's
 * e-mail or company, as the import reads its columns (--map too).  Each
 * row is an organisation, as with a type column saying org.
 */
static int
own_orgs(const struct cust_ctx *x)
{
	return crm_own_listing(x->names, x->n, CRM_OWN_ORGS) &&
	    header_col(x->cm, x->n, T_TYPE) < 0 &&
	    header_col(x->cm, x->n, CRM_C_EMAIL) < 0 &&
	    header_col(x->cm, x->n, CRM_C_COMPANY) < 0;
}

/*
 * A file of people's AccountId column kept as a field, not named by
 * --map (Salesforce's Contact.csv): account_link reads it.  -1 for none.
 */
static int
account_col(const struct cust_ctx *x)
{
	size_t i;
	char *h;
	int r = -1;

	for (i = 0; i < x->n && r < 0; i++) {
		if (x->cm[i].to != T_FIELD || x->cm[i].mapped ||
		    x->cm[i].field == NULL)
			continue;
		h = crm_norm_header(x->names[i]);
		if (strcmp(h, "accountid") == 0)
			r = (int)i;
		free(h);
	}
	return r;
}

/* Does no column say who a row's customer is (an orders file's)? */
/* Does a header name an e-mail column, by its word "mail"? */
static int
mail_named(char *const *names, size_t n)
{
	char *h;
	size_t i;
	int r = 0;

	for (i = 0; i < n && !r; i++) {
		h = crm_norm_header(names[i]);
		r = strstr(h, "mail") != NULL;
		free(h);
	}
	return r;
}

/*
 * Does a header end in "mail" (Student Email, Payer E-mail)?  An order
 * file's buyer named by a name column crm reads (Student Name) but her
 * e-mail by one it does not: refused with its --map as the file of no
 * buyer column is, not its buyers added by name alone (qa52 F3).
 */
static int
mail_ended(char *const *names, size_t n)
{
	char *h;
	size_t i, len;
	int r = 0;

	for (i = 0; i < n && !r; i++) {
		h = crm_norm_header(names[i]);
		len = strlen(h);
		r = len >= 4 && strcmp(h + len - 4, "mail") == 0;
		free(h);
	}
	return r;
}

static int
no_buyer_col(const struct colmap *cm, size_t n)
{
	static const int buyer[] = { CRM_C_NAME, CRM_C_EMAIL, CRM_C_PHONE,
		CRM_C_EXTERNAL_ID, CRM_C_COMPANY, T_FIRST, T_LAST };
	size_t i;

	for (i = 0; i < sizeof buyer / sizeof buyer[0]; i++)
		if (header_col(cm, n, buyer[i]) >= 0)
			return 0;
	return 1;
}

/*
 * An import that found nobody, with no column read as a name or an
 * e-mail and every row skipped as no customer's (a fee's, a footer's
 * shape: one cell and empty ones), did not read the file it was given:
 * a title above a ';' or tab header, split at its comma, made a
 * two-column "header" and one-cell rows.  Refused rather than a summary
 * and exit 0 that a cron job takes for success: -1, the error kept.  An
 * order or payment export with no buyer columns (Stripe's balance) was
 * recognised, and said so: its fees and transfers skipped is its reading.
 */
static int
found_nobody(const struct cust_ctx *x, struct crm_rd *rd)
{
	const struct crm_import *im = x->im;
	struct crm_buf b = { 0 };
	int d = crm_rd_delim(rd);
	size_t i;

	if (!x->unnamed || x->hi.orders || im->skipped == 0 || im->added ||
	    im->updated || im->unchanged || im->rejected || im->erased ||
	    im->deleted)
		return 0;
	for (i = 0; i < x->n && i < 3; i++)
		crm_buf_addf(&b, "%s'%.40s'", i ? ", " : "", x->names[i]);
	crm_buf_adds(&b, x->n > 3 ? ", ..." : "");
	if (d == '\t')
		crm_buf_adds(&b, ", split at tabs");
	else if (crm_rd_format(rd) == 'c')
		crm_buf_addf(&b, ", split at '%c'", d);
	crm_fail(CRM_EX_DATAERR, "%s:%ld: no column is read as a name or an "
	    "e-mail, and every row was skipped as naming no customer: is the "
	    "header right (%s)?  Say the delimiter with {delimiter}, or the "
	    "column with {map} 'COLUMN=name'", x->file,
	    crm_rd_header_line(rd), crm_buf_str(&b));
	crm_buf_free(&b);
	return -1;
}

/*
 * A header with no name nor e-mail column above lines of which one reads
 * as a header (at the delimiter or at another: a ';' table under more
 * lines of notes than the reader looks through, or notes of two cells
 * each): refused before any row, naming that line.  No option reads
 * past them: {map} names columns of the header read, and {delimiter}
 * splits it, not the notes, so the lines above must go.  0, or -1 with
 * the error kept.
 */
static int
title_block(const struct cust_ctx *x, struct crm_rd *rd)
{
	char at[24] = "";
	long line;
	int d;

	if (!x->unnamed || (line = crm_rd_header_below(rd, &d)) == 0)
		return 0;
	if (d != crm_rd_delim(rd))
		snprintf(at, sizeof at, d == '\t' ? " (split at tabs)" :
		    " (split at '%c')", d);
	return crm_fail(CRM_EX_DATAERR, "%s:%ld: no column is read as a name "
	    "or an e-mail: line %ld looks like the header%s, under a title "
	    "block: delete the lines above it (no option reads past them)",
	    x->file, crm_rd_header_line(rd), line, at);
}

/*
 * Import every record of rd.  Without im->rejects the first bad row ends
 * the import (-1, exit 65) before the caller commits, so the database is
 * unchanged; with it, bad rows go there and the rest land.  0, or -1 with
 * the error recorded.
 */
int
crm_import_customers(struct crm_db *db, struct crm_rd *rd, struct crm_import *im)
{
	struct cust_ctx x = { .db = db, .rd = rd, .im = im,
	    .file = crm_rd_name(rd) };
	struct crm_bulk bulk = { .what = CRM_BULK_CUSTOMERS };
	char num[32];
	size_t i;
	int r;

	x.n = crm_rd_header(rd, &x.names);
	if (crm_import_check_maps(im->maps, im->nmaps, x.names, x.n,
	    crm_rd_name(rd)) < 0)
		return -1;
	x.hi.source = im->source;
	read_header_info(x.names, x.n, &x.hi);
	x.hi.vcard = crm_rd_format(rd) == 'v';
	x.hi.rd = rd;
	x.cm = map_header(x.names, x.n, im->maps, im->nmaps, &x.hi);
	say_twins(x.cm, x.names, x.n, crm_rd_name(rd));
	loose_name(&x);
	type_column(&x);
	account_company(&x);
	if (!x.hi.crm_own)
		optout_unread(x.cm, x.names, x.n, crm_rd_name(rd), &x.hi);
	x.optval_look = optout_values_looked(x.cm, x.n, &x.hi);
	/* Odoo's sale orders name their buyer by a display name alone,
	 * Stripe's balance report not at all: no row is a customer. */
	im->no_buyer = x.hi.orders && no_buyer_col(x.cm, x.n);
	/* an e-mail column crm does not know (Teachable's Student Email):
	 * the buyers are there, the import refused with the --map that
	 * reads them, not every row skipped and exit 0 (qa47 F5) */
	if ((im->no_buyer && mail_named(x.names, x.n)) || (x.hi.orders &&
	    header_col(x.cm, x.n, CRM_C_EMAIL) < 0 &&
	    header_col(x.cm, x.n, CRM_C_EXTERNAL_ID) < 0 &&
	    mail_ended(x.names, x.n))) {
		for (i = 0; i < x.n; i++)
			free(x.cm[i].owned);
		free(x.cm);
		return crm_no_customer_column(x.names, x.n, crm_rd_name(rd),
		    crm_rd_header_line(rd));
	}
	if (im->no_buyer)
		crm_warn("%s: looks like a file of orders or payments, and "
		    "no column names their buyers: crm-log {import} logs "
		    "them", crm_rd_name(rd));
	else if (x.hi.orders)
		crm_warn("%s: an order or payment export: only its buyers "
		    "are imported (crm-log {import} logs the orders)",
		    crm_rd_name(rd));
	else if (x.hi.bookings)
		crm_warn("%s: a bookings export: only the people who booked "
		    "are imported (crm-log {import} --kind meeting logs the "
		    "bookings)", crm_rd_name(rd));
	if (unnamed_people(&x, rd) < 0 || unread_mail(&x, rd) < 0) {
		for (i = 0; i < x.n; i++)
			free(x.cm[i].owned);
		free(x.cm);
		return -1;
	}
	x.own_orgs = own_orgs(&x);
	x.own_id_col = own_id_col(&x);
	if ((x.org_export = org_export(&x)))
		crm_warn("%s: an organisation export: each row is an "
		    "organisation", crm_rd_name(rd));
	x.account_col = x.org_export || x.hi.crm_own ? -1 :
	    account_col(&x);
	x.unnamed = header_col(x.cm, x.n, CRM_C_NAME) < 0 &&
	    header_col(x.cm, x.n, CRM_C_EMAIL) < 0 &&
	    header_col(x.cm, x.n, T_FIRST) < 0 &&
	    header_col(x.cm, x.n, T_LAST) < 0 && !x.org_export;
	x.orgs_any = crm_query_int(db, 0, "SELECT 1 FROM customers WHERE "
	    "type = 'org' LIMIT 1", NULL) != 0;
	x.company_text = company_text(&x);
	dates_init(&x);
	x.ids_any = im->source != NULL || crm_query_int(db, 0, "SELECT 1 "
	    "FROM identities LIMIT 1", NULL) != 0;
	x.erased_any = crm_erased_any(db) > 0;
	keyless_orgs(&x);
	x.moved_any = crm_query_int(db, 0, "SELECT 1 FROM customer_fields "
	    "WHERE key = ? LIMIT 1", "s", OTHER_COMPANIES) != 0;
	x.phoned_any = -1;
	bulk.rows = crm_rd_size(rd) / CUST_ROW_BYTES;
	x.load_rows = bulk.rows;
	bulk.defer = im->defer_index;
	crm_db_bulk_begin(db, &bulk);
	/* An empty table: every customer's keys are a row's of this load. */
	if ((x.next = bulk.next == 1 ? 1 : 0)) {
		crm_seen_init(&x.taken, 2 * bulk.rows);
		crm_seen_init(&x.orgs, bulk.rows);
		crm_seen_init(&x.colleagues, bulk.rows);
	}
	/* Sent one at a time where the engine does not wait for them
	 * (PostgreSQL's pipeline); else in multi-row statements. */
	x.fb.sure = bulk.next > 0 && crm_db_nowait(db);
	x.fb.many = !crm_db_nowait(db);
	crm_search_defer(db);	/* indexed at the end (search.c) */
	crm_agg_defer(db);	/* added up at the end (agg.c) */
	if ((r = title_block(&x, rd)) == 0 &&
	    (r = crm_import_rows(rd, im, cust_row, &x)) == 0)
		r = fb_flush(db, &x.fb);
	if (r == 0)
		r = link_later(&x);
	if (r == 0)
		r = found_nobody(&x, rd);
	if (!im->defer_index)	/* else crm index or a search (search.c) */
		crm_search_catch_up(db);
	crm_agg_catch_up(db);
	if (r == 0 && x.birthday_note)
		crm_warn("%s", x.birthday_note);
	if (r == 0 && x.optout_note)
		odd_optouts_say(&x);
	if (r == 0 && x.optval_note)
		crm_warn("%s", x.optval_note);
	if (r == 0 && x.stays_note)
		stays_say(&x);
	if (r == 0 && x.mailname_note)
		mail_renamed_say(&x);
	if (r == 0 && x.twin_note)
		twins_say(&x);
	if (r == 0 && x.account_note)
		account_say(&x);
	if (r == 0 && x.keyed_note)
		keyed_say(&x);
	if (r == 0 && x.turned_note)
		turned_say(&x);
	if (r == 0 && x.again_note)
		again_say(&x);
	if (r == 0)
		tally_say(&x, &x.mail_shared, "row's other e-mail is", "rows' "
		    "other e-mails are", "another person's (a name with no word of "
		    "the row's): left out of the row, the rest of it taken");
	if (r == 0)
		tally_say(&x, &x.name_joined, "row", "rows", "taken as the "
		    "one person of the name at the organisation, one of the "
		    "two with no e-mail, phone or external_id");
	if (r == 0)
		tally_say(&x, &x.phone_theirs, "row's phone is", "rows' phones "
		    "are", "another customer's than the one its e-mail or id "
		    "found: kept in that one's 'other phones', its phone as "
		    "it is");
	if (r == 0 && x.phone_unasked)
		crm_warn("%s: %s changed phone%s not compared with other "
		    "customers' numbers (the comparisons' limit for one "
		    "import): crm-log by number names any two who share one",
		    x.file, crm_fmt_count(x.phone_unasked, num),
		    x.phone_unasked == 1 ? "" : "s");
	if (r == 0)
		tally_say(&x, &x.companies, "customer's company", "customers' "
		    "companies", "changed to the file's: the old one kept in "
		    "'other companies', where a later row's leaves the company "
		    "as it is");
	if (r == 0)
		mail_tidy_say(&x);
	/* once, not a line a row: the number is not lost, only moved */
	if (r == 0 && x.phones_moved)
		crm_warn("%s: %s %s replaced by the file's: the old %s "
		    "kept in 'other phones'", x.file,
		    crm_fmt_count(x.phones_moved, num),
		    x.phones_moved == 1 ? "phone" : "phones",
		    x.phones_moved == 1 ? "number" : "numbers");
	if (r == 0)
		status_say(&x);
	if (r == 0)	/* the numbers taken across writings, once */
		crm_phone_cross_say(db, x.file);
	if (r == 0 && x.im->added)
		dates_say(&x);
	free(x.standing_note);
	free(x.birthday_note);
	free(x.mailname_note);
	free(x.optout_note);
	free(x.optval_note);
	free(x.stays_note);
	free(x.twin_note);
	free(x.account_note);
	free(x.keyed_note);
	free(x.turned_note);
	name_ix_free(&x.names_ix);
	free(x.made_line);
	free(x.made_org);
	free(x.rowed.id);
	free(x.rowed.line);
	free(x.rowed.given);
	free(x.again_note);
	free(x.companies.first);
	if (x.keyless_any)
		crm_seen_free(&x.keyless_orgs);
	if (x.phones_built)
		crm_seen_free(&x.phones);
	free(x.phone_theirs.first);
	free(x.mail_shared.first);
	free(x.name_joined.first);
	free(x.dated);
	free(x.datefmt);
	crm_buf_free(&x.fb.text);
	org_cache_free(&x.by_name);
	org_cache_free(&x.by_domain);
	later_free(&x);
	crm_seen_free(&x.taken);
	crm_seen_free(&x.orgs);
	crm_seen_free(&x.colleagues);
	crm_currency_free(&x.currency);
	crm_db_bulk_end(db, &bulk);
	if (im->defer_index)	/* after the load's own marks */
		crm_search_left(db);
	for (i = 0; i < x.n; i++)
		free(x.cm[i].owned);
	free(x.cm);
	if (r < 0)
		return -1;
	audit_import(db, rd, im);
	return crm_db_failed(db) ? -1 : 0;
}

