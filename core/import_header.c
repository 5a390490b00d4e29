/* import_header.c: which column of a file is which: the header's names
 * matched (any case, English or German, a unit in brackets ignored) to
 * the importer's fields and to the metric catalogue (key, display name,
 * German name), the file's type told from them, and every column that
 * cannot be placed named with what it could have been. */
#include "import_run.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "strbuf.h"
#include "text.h"
#include "xalloc.h"

#define NAMES 5

/* Column names each field is known by, English and German (as
 * header_norm writes them: lower case, '_' for spaces and hyphens; the
 * first is the documented one). */
static const char *const col_names[C_COUNT][NAMES] = {
	[C_PARTNER] = { "partner", "partner_code", "dienstleister" },
	[C_METRIC] = { "metric", "metric_key", "kpi", "kennzahl" },
	[C_PERIOD] = { "period", "month", "periode", "monat" },
	[C_SEGMENT] = { "segment" },
	[C_SOURCE] = { "source", "quelle" },
	[C_VALUE] = { "value", "wert" },
	[C_CODE] = { "code", "k\xc3\xbcrzel", "kuerzel" },
	[C_NAME] = { "name" },
	[C_SITE] = { "site", "standort" },
	[C_COUNTRY] = { "country", "land" },
	[C_SERVICES] = { "services", "leistungen" },
	[C_CONTRACT_START] = { "contract_start", "vertragsbeginn" },
	[C_CONTRACT_END] = { "contract_end", "vertragsende" },
	[C_ANNUAL_VALUE] = { "annual_value", "jahreswert" },
	[C_CURRENCY] = { "currency", "waehrung", "w\xc3\xa4hrung" },
	[C_OWNER] = { "owner", "verantwortlich" },
	[C_NOTES] = { "notes", "notizen" },
	[C_ARCHIVED] = { "archived", "archiviert" },
	[C_DATE] = { "date", "datum" },
	[C_KIND] = { "kind", "type", "art" },
	[C_TITLE] = { "title", "titel" },
	[C_DETAIL] = { "detail", "details", "description", "beschreibung" },
	[C_TEXT] = { "text", "action", "massnahme", "ma\xc3\x9fnahme" },
	[C_DUE] = { "due", "due_date", "faellig", "f\xc3\xa4llig" },
	[C_STATUS] = { "status" },
	[C_CREATED] = { "created", "erstellt" },
	[C_REVIEW] = { "review", "audit" },
	[C_REVIEWER] = { "reviewer", "auditor", "pruefer", "pr\xc3\xbc""fer" },
	[C_TEMPLATE] = { "template", "vorlage" },
	[C_VERSION] = { "version" },
	[C_SECTION] = { "section", "abschnitt" },
	[C_ITEM] = { "item", "punkt" },
	[C_WEIGHT] = { "weight", "gewicht" },
	[C_CRITICAL] = { "critical", "kritisch" },
	[C_ANSWER] = { "answer", "antwort" },
	[C_PARTNER_ANSWER] = { "partner_answer", "partner_antwort" },
	[C_ITEM_NOTE] = { "item_note" },
	[C_REVIEW_NOTES] = { "review_notes" },
	[C_SCORE] = { "score" },
	[C_FAILED] = { "failed" },
	[C_TARGET] = { "target", "ziel", "zielwert" },
	[C_ALERT] = { "alert", "alarm", "alert_level" },
	[C_VALID_FROM] = { "valid_from", "g\xc3\xbcltig_ab", "gueltig_ab", "from" },
	[C_VALID_UNTIL] = { "valid_until", "g\xc3\xbcltig_bis", "gueltig_bis", "until" },
	[C_CREDIT] = { "credit_pct", "credit", "gutschrift_%", "gutschrift" },
	[C_NOTE] = { "note", "notiz", "bemerkung" },
};


/* German names of the built-in metrics (the key and the display name
 * from the catalogue are known as well). */
static const struct {
	const char *key, *names[3];
} metric_de[] = {
	{ "csat", { "kundenzufriedenheit" } },
	{ "churn_after_contact", { "abwanderung_nach_kontakt" } },
	{ "escalations", { "eskalationen" } },
	{ "attrition", { "fluktuation" } },
	{ "absenteeism", { "abwesenheit", "fehlzeiten" } },
	{ "cost_per_contact", { "kosten_pro_kontakt" } },
	{ "sla_adherence", { "sla_erf\xc3\xbcllung", "sla_einhaltung" } },
	{ "fcr", { "erstl\xc3\xb6sungsquote" } },
	{ "qa_score", { "qa_bewertung" } },
	{ "report_on_time", { "berichte_p\xc3\xbcnktlich" } },
	{ "response_hours", { "antwortzeit" } },
};

#define NMETRIC_DE (sizeof(metric_de) / sizeof(metric_de[0]))

/* The columns each kind of file cannot do without, and how to say so; a
 * file is taken for the first kind whose first `detect` columns it has. */
static const struct shape {
	enum import_type type;
	bool wide;		/* observations: a column per metric */
	enum col need[8];
	size_t n, detect;
	const char *says;
} shapes[] = {
	{ IMPORT_QA, false, { C_REVIEW, C_TEMPLATE, C_ITEM, C_PARTNER, C_DATE,
	  C_VERSION, C_SECTION, C_ANSWER }, 8, 3, "review, partner, date, "
	  "template, version, section, item, answer (as `bpowatch qa export` "
	  "writes them)" },
	{ IMPORT_OBSERVATIONS, false, { C_PARTNER, C_PERIOD, C_METRIC, C_VALUE },
	  4, 4, "partner, metric, period, value" },
	{ IMPORT_OBSERVATIONS, true, { C_PARTNER, C_PERIOD }, 2, 2,
	  "partner, period and a column per metric" },
	{ IMPORT_TARGETS, false, { C_PARTNER, C_METRIC, C_TARGET, C_VALID_FROM },
	  4, 3, "partner, metric, target, valid_from" },
	{ IMPORT_EVENTS, false, { C_PARTNER, C_DATE, C_KIND, C_TITLE }, 4, 3,
	  "partner, date, kind, title" },
	{ IMPORT_ACTIONS, false, { C_PARTNER, C_TEXT }, 2, 2, "partner, text" },
	{ IMPORT_PARTNERS, false, { C_CODE, C_NAME }, 2, 2, "code, name" },
};

#define NSHAPES (sizeof(shapes) / sizeof(shapes[0]))

/* Drops a unit in brackets from the end of name (n bytes): "csat_(%)". */
static void strip_unit(char *name, size_t *n)
{
	char open;
	char *at;

	while (*n > 0 && name[*n - 1] == '_')
		name[--*n] = '\0';
	if (*n == 0 || (name[*n - 1] != ')' && name[*n - 1] != ']'))
		return;
	open = name[*n - 1] == ')' ? '(' : '[';
	at = strrchr(name, open);
	if (at && at > name) {
		*at = '\0';
		*n = (size_t)(at - name);
	}
}

/* Writes header text h as the tables spell names: surrounding spaces and a
 * unit in brackets at the end dropped ("CSAT (%)" is "csat"), letters in
 * lower case (A-Z and the Latin-1 capitals, "KÜRZEL" is "kürzel"), each
 * run of spaces, hyphens and underscores one '_'. */
static void header_norm(const char *h, char *out, size_t size)
{
	const unsigned char *p = (const unsigned char *)h;
	size_t n = 0;

	for (; *p && n + 3 < size; p++) {
		if (*p == ' ' || *p == '\t' || *p == '-' || *p == '_') {
			if (n > 0 && out[n - 1] != '_')
				out[n++] = '_';
		} else if (p[0] == 0xc3 && p[1] >= 0x80 && p[1] <= 0x9e && p[1] != 0x97) {
			out[n++] = (char)p[0];
			out[n++] = (char)(*++p + 0x20);
		} else {
			out[n++] = (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p);
		}
	}
	out[n] = '\0';
	strip_unit(out, &n);
	while (n > 0 && out[n - 1] == '_')
		out[--n] = '\0';
}

/* True when the display name or a German name of metric m is name. */
static bool metric_named(const struct metric *m, const char *name)
{
	char shown[128];
	size_t i, j;

	header_norm(m->name ? m->name : "", shown, sizeof(shown));
	if (strcmp(name, m->key) == 0 || strcmp(name, shown) == 0)
		return true;
	for (i = 0; i < NMETRIC_DE; i++)
		for (j = 0; j < 3 && metric_de[i].names[j]; j++)
			if (strcmp(metric_de[i].key, m->key) == 0 &&
			    strcmp(metric_de[i].names[j], name) == 0)
				return true;
	return false;
}

/* The index of the metric a header (normalised) names; -1: none. */
static int metric_of(const struct run *u, const char *name)
{
	size_t m;

	for (m = 0; m < u->metrics.count; m++)
		if (metric_named(&u->metrics.items[m], name))
			return (int)m;
	return -1;
}

int import_metric_index(const struct run *u, const char *text)
{
	char name[128];

	header_norm(text, name, sizeof(name));
	return metric_of(u, name);
}

/* The field a header (normalised) names; -1: none. */
static int field_of(const char *name)
{
	size_t k, m;

	for (k = 0; k < C_COUNT; k++)
		for (m = 0; m < NAMES && col_names[k][m]; m++)
			if (strcmp(name, col_names[k][m]) == 0)
				return (int)k;
	return -1;
}

/* True when --ignore-column names this header (normalised). */
static bool ignored(const struct run *u, const char *name)
{
	char want[128];
	size_t j;

	for (j = 0; j < u->o->nignore; j++) {
		header_norm(u->o->ignore[j], want, sizeof(want));
		if (strcmp(want, name) == 0)
			return true;
	}
	return false;
}

/* True when the header has the first n columns of shape k (and, for the
 * wide form, a metric column). */
static bool has_columns(const struct run *u, size_t k, size_t n, int metrics)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (u->col[shapes[k].need[i]] < 0)
			return false;
	return !shapes[k].wide || metrics > 0;
}

/* A partner's code is "code" in a partners file and "partner" in the
 * others: either name (or Kürzel, Dienstleister) stands for both. */
static void share_code(struct run *u)
{
	if (u->col[C_PARTNER] < 0)
		u->col[C_PARTNER] = u->col[C_CODE];
	if (u->col[C_CODE] < 0)
		u->col[C_CODE] = u->col[C_PARTNER];
}

int import_header_read(struct run *u, enum import_type *type)
{
	size_t i, k;
	int metrics = 0, f;

	u->nfields = csv_reader_count(u->r);
	for (k = 0; k < C_COUNT; k++)
		u->col[k] = -1;
	u->metric_col = xcalloc(u->nfields + 1, sizeof(int));
	u->ignored = xcalloc(u->nfields + 1, sizeof(bool));
	for (i = 0; i < u->nfields; i++) {
		char name[128];

		header_norm(csv_reader_field(u->r, i), name, sizeof(name));
		u->metric_col[i] = -1;
		if ((u->ignored[i] = ignored(u, name)))
			continue;
		if ((f = field_of(name)) >= 0 && u->col[f] < 0)
			u->col[f] = (int)i;
		u->metric_col[i] = metric_of(u, name);
		metrics += u->metric_col[i] >= 0;
	}
	share_code(u);
	for (k = 0; *type == IMPORT_AUTO && k < NSHAPES; k++)
		if (has_columns(u, k, shapes[k].detect, metrics))
			*type = shapes[k].type;
	if (*type == IMPORT_AUTO)
		return -1;
	u->wide = *type == IMPORT_OBSERVATIONS && u->col[C_METRIC] < 0;
	return 0;
}

/* True when field i of the header is one of the file's columns (or is
 * skipped by --ignore-column). */
static bool placed(const struct run *u, size_t i)
{
	size_t k;

	if (u->ignored[i] || (u->wide && u->metric_col[i] >= 0))
		return true;
	for (k = 0; k < C_COUNT; k++)
		if (u->col[k] == (int)i)
			return true;
	return false;
}

/* Keeps cand in *best when it is nearer name than *best is. */
static void nearer(const char *name, const char *cand, const char *say,
		   const char **best, size_t *bestd)
{
	size_t d = text_edit_distance(name, cand);

	if (d < *bestd) {
		*bestd = d;
		*best = say;
	}
}

/* The metric key or column name nearest a header (normalised) that is
 * none: near enough to be a typo, or NULL. */
static const char *suggest(const struct run *u, const char *name)
{
	const char *best = NULL;
	size_t bestd = 99, k, m;
	char shown[128];

	for (m = 0; m < u->metrics.count; m++) {
		const struct metric *mt = &u->metrics.items[m];

		nearer(name, mt->key, mt->key, &best, &bestd);
		header_norm(mt->name ? mt->name : "", shown, sizeof(shown));
		nearer(name, shown, mt->key, &best, &bestd);
	}
	for (k = 0; k < NMETRIC_DE; k++)
		for (m = 0; m < 3 && metric_de[k].names[m]; m++)
			nearer(name, metric_de[k].names[m], metric_de[k].key, &best, &bestd);
	for (k = 0; k < C_COUNT; k++)
		for (m = 0; m < NAMES && col_names[k][m]; m++)
			nearer(name, col_names[k][m], col_names[k][0], &best, &bestd);
	return bestd <= 2 && bestd * 2 <= strlen(name) ? best : NULL;
}

/* An error for header field i, which is not a column the file can use:
 * why, the nearest name, and how to skip it on purpose. */
static void unknown_column(struct run *u, size_t i, const char *why)
{
	const char *h = csv_reader_field(u->r, i), *near;
	char name[128], *q = import_quote(h);
	struct strbuf msg = { 0 };

	header_norm(h, name, sizeof(name));
	near = suggest(u, name);
	strbuf_addf(&msg, "unknown column '%s': %s", q, why);
	if (near)
		strbuf_addf(&msg, "; did you mean %s?", near);
	if (u->col[C_PARTNER] >= 0 || u->col[C_PERIOD] >= 0)
		strbuf_addf(&msg, " (--ignore-column \"%s\" skips it)", q);
	import_error(u, 1, csv_reader_column(u->r, i), "%s", strbuf_str(&msg));
	strbuf_free(&msg);
	free(q);
}

/* False, with an error for each, when an observation file has a column
 * it would not read (a misspelt or unknown metric) or one metric twice. */
static bool observation_columns(struct run *u)
{
	size_t i, j;
	bool ok = true;

	for (i = 0; i < u->nfields; i++) {
		if (!placed(u, i)) {
			unknown_column(u, i, u->wide ? "not a metric or column "
				       "bpowatch knows" : "a file with metric and "
				       "value columns has no other figures");
			ok = false;
			continue;
		}
		for (j = 0; u->wide && u->metric_col[i] >= 0 && j < i; j++)
			if (u->metric_col[j] == u->metric_col[i] && !u->ignored[j]) {
				import_error(u, 1, csv_reader_column(u->r, i), "column "
					     "%zu is %s again (column %zu is too)", i + 1,
					     u->metrics.items[u->metric_col[i]].key, j + 1);
				ok = false;
				break;
			}
	}
	return ok;
}

/* False, with an error for each, when a file of partners, events,
 * actions or audits has a column no importer reads: a misspelt name would
 * otherwise lose what it holds. A known column given twice is named so. */
static bool known_columns(struct run *u, enum import_type t)
{
	char name[128];
	size_t i;
	bool ok = true;
	int f;

	for (i = 0; i < u->nfields; i++) {
		if (placed(u, i))
			continue;
		header_norm(csv_reader_field(u->r, i), name, sizeof(name));
		f = field_of(name);
		if (f >= 0 && u->col[f] >= 0)
			import_error(u, 1, csv_reader_column(u->r, i), "column %zu is "
				     "'%s' again (column %d is too)", i + 1,
				     col_names[f][0], u->col[f] + 1);
		else
			unknown_column(u, i, t == IMPORT_PARTNERS ?
				       "not a column of a partners file" :
				       "not a column bpowatch reads in this file");
		ok = false;
	}
	return ok;
}

bool import_header_check(struct run *u, enum import_type t)
{
	size_t k, i;
	bool ok = true;

	for (k = 0; shapes[k].type != t || shapes[k].wide != u->wide; k++)
		;
	for (i = 0; i < shapes[k].n; i++)
		if (u->col[shapes[k].need[i]] < 0) {
			import_error(u, csv_reader_line(u->r), 1, "no '%s' column (a %s "
				     "file needs %s)", col_names[shapes[k].need[i]][0],
				     import_type_name(t), shapes[k].says);
			ok = false;
		}
	if (u->wide) {
		for (i = 0; i < u->nfields && u->metric_col[i] < 0; i++)
			;
		if (i == u->nfields) {
			import_error(u, csv_reader_line(u->r), 1, "no metric column (long "
				     "form: metric and value; wide form: a column per "
				     "metric key)");
			ok = false;
		}
	}
	if (ok)
		ok = t == IMPORT_OBSERVATIONS ? observation_columns(u) :
			known_columns(u, t);
	return ok;
}

void import_header_unplaced(struct run *u)
{
	struct strbuf msg = { 0 };
	size_t i, k;

	for (i = 0; i < u->nfields; i++)
		if (!placed(u, i) && u->metric_col[i] < 0)
			unknown_column(u, i, "not a metric or column bpowatch knows");
	strbuf_add(&msg, "cannot tell what this file holds from its header; "
		   "expected");
	for (k = 0; k < NSHAPES; k++)
		strbuf_addf(&msg, "%s %s%s: %s", k ? ";" : "",
			    shapes[k].wide ? "wide " : "",
			    import_type_name(shapes[k].type), shapes[k].says);
	strbuf_add(&msg, " (or give --type)");
	import_error(u, 1, 1, "%s", strbuf_str(&msg));
	strbuf_free(&msg);
}

void import_header_free(struct run *u)
{
	free(u->metric_col);
	free(u->ignored);
	u->metric_col = NULL;
	u->ignored = NULL;
	u->wide = false;
}

const char *import_col_name(enum col c)
{
	return col_names[c][0];
}
