/* import.c: CSV files into the database in one transaction: columns found
 * by header name, the file type from the header, every row checked, every
 * error collected; rolled back when any row is bad. */
#include "import.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "csv.h"
#include "event.h"
#include "metric.h"
#include "observation.h"
#include "partner.h"
#include "xalloc.h"

#define PROGRESS_EVERY (1 << 20)	/* bytes between progress calls */

static const char *const type_names[] = {
#define X(e, n) [IMPORT_##e] = n,
	IMPORT_TYPES(X)
#undef X
};

#define NAMES 4

/* Column names each field is known by (lower case; the first is the
 * documented one). */
enum col {
	C_PARTNER, C_METRIC, C_PERIOD, C_SEGMENT, C_SOURCE, C_VALUE,
	C_CODE, C_NAME, C_SITE, C_COUNTRY, C_SERVICES, C_CONTRACT_START,
	C_CONTRACT_END, C_ANNUAL_VALUE, C_CURRENCY, C_OWNER, C_NOTES,
	C_ARCHIVED, C_DATE, C_KIND, C_TITLE, C_DETAIL, C_COUNT
};

static const char *const col_names[C_COUNT][NAMES] = {
	[C_PARTNER] = { "partner", "partner_code", "dienstleister" },
	[C_METRIC] = { "metric", "metric_key", "kpi", "kennzahl" },
	[C_PERIOD] = { "period", "month", "periode", "monat" },
	[C_SEGMENT] = { "segment" },
	[C_SOURCE] = { "source", "quelle" },
	[C_VALUE] = { "value", "wert" },
	[C_CODE] = { "code" },
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
};

struct code_id {
	char *code;
	int64_t id;
};

struct run {
	struct store *st;
	const struct import_opts *o;
	struct import_report *rep;
	struct csv_reader *r;
	int col[C_COUNT];	/* field index of each column, -1 absent */
	int *metric_col;	/* wide form: metric key index per field, -1 */
	size_t nfields;
	struct code_id *partners;
	size_t npartners;
	struct metric_list metrics;
	char **new_codes;	/* partners created in this run */
	size_t nnew;
};

static void add_error(struct run *u, int line, int column, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void add_error(struct run *u, int line, int column, const char *fmt, ...)
{
	struct import_report *rep = u->rep;
	size_t max = u->o->max_errors ? u->o->max_errors : 20;
	char msg[512];
	va_list ap;

	rep->total_errors++;
	if (rep->nerrors >= max)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	rep->errors = xrealloc(rep->errors, (rep->nerrors + 1) * sizeof(*rep->errors));
	rep->errors[rep->nerrors++] = (struct import_error){
		xstrdup(csv_reader_name(u->r)), line, column, xstrdup(msg) };
}

/* Field of column c in the current row ("" when the column is absent). */
static const char *field(struct run *u, enum col c)
{
	return u->col[c] >= 0 ? csv_reader_field(u->r, (size_t)u->col[c]) : "";
}

static int column_of(struct run *u, enum col c)
{
	return u->col[c] >= 0 ? csv_reader_column(u->r, (size_t)u->col[c]) : 1;
}

static int cmp_code(const void *a, const void *b)
{
	return strcmp(((const struct code_id *)a)->code, ((const struct code_id *)b)->code);
}

static int load_partners(struct run *u, struct bpw_error *err)
{
	struct partner_list l;
	size_t i;
	int rc = partner_list(u->st, true, &l, err);

	if (rc != 0)
		return rc;
	u->partners = xcalloc(l.count + 1, sizeof(*u->partners));
	for (i = 0; i < l.count; i++)
		u->partners[i] = (struct code_id){ xstrdup(l.items[i].code), l.items[i].id };
	u->npartners = l.count;
	qsort(u->partners, u->npartners, sizeof(*u->partners), cmp_code);
	partner_list_free(&l);
	return 0;
}

static int64_t partner_id(struct run *u, const char *code)
{
	struct code_id key = { (char *)code, 0 }, *hit;

	hit = u->npartners ? bsearch(&key, u->partners, u->npartners,
				     sizeof(*u->partners), cmp_code) : NULL;
	return hit ? hit->id : 0;
}

static void remember_partner(struct run *u, const char *code, int64_t id)
{
	u->partners = xrealloc(u->partners, (u->npartners + 1) * sizeof(*u->partners));
	u->partners[u->npartners++] = (struct code_id){ xstrdup(code), id };
	qsort(u->partners, u->npartners, sizeof(*u->partners), cmp_code);
}

static bool metric_known(struct run *u, const char *key)
{
	size_t i;

	for (i = 0; i < u->metrics.count; i++)
		if (strcmp(u->metrics.items[i].key, key) == 0)
			return true;
	return false;
}

/* The partner of the row by code: known, created (--create-partners), or
 * an error; 0 on error. */
static int64_t row_partner(struct run *u, int line)
{
	const char *code = field(u, C_PARTNER);
	struct partner p = { 0 };
	struct bpw_error err;
	int64_t id;

	if (*code == '\0') {
		add_error(u, line, column_of(u, C_PARTNER), "no partner code");
		return 0;
	}
	id = partner_id(u, code);
	if (id || !u->o->create_partners) {
		if (!id)
			add_error(u, line, column_of(u, C_PARTNER), "unknown partner "
				  "'%.40s' (add it, or import with --create-partners)", code);
		return id;
	}
	p.code = (char *)code;
	p.name = (char *)code;
	if (partner_add(u->st, &p, &id, &err) != 0) {
		add_error(u, line, column_of(u, C_PARTNER), "%s", err.msg);
		return 0;
	}
	u->rep->partners_created++;
	remember_partner(u, code, id);
	return id;
}

static void count(struct run *u, enum upsert_result res)
{
	if (res == UPSERT_INSERTED)
		u->rep->inserted++;
	else if (res == UPSERT_UPDATED)
		u->rep->updated++;
	else
		u->rep->unchanged++;
}

/* One observation: value text v of metric key for the row's partner. */
static void put_observation(struct run *u, struct observation o,
			    const char *v, int vcol, int line)
{
	enum upsert_result res;
	struct bpw_error err;

	if (!csv_number(v, csv_reader_decimal(u->r), &o.value)) {
		add_error(u, line, vcol, "'%.30s' is not a number (decimal %s)", v,
			  csv_reader_decimal(u->r) == ',' ? "comma" : "point");
		return;
	}
	if (o.partner_id == 0 || u->rep->total_errors)
		return;		/* checked; nothing will be stored anyway */
	if (observation_upsert(u->st, &o, &res, &err) != 0)
		add_error(u, line, vcol, "%s", err.msg);
	else
		count(u, res);
}

static void row_observations(struct run *u, int line)
{
	struct observation o = { .partner_id = row_partner(u, line),
				 .segment = field(u, C_SEGMENT) };
	const char *src = field(u, C_SOURCE);
	char period[11];
	size_t i;

	if (!csv_period(field(u, C_PERIOD), period)) {
		add_error(u, line, column_of(u, C_PERIOD), "'%.30s' is not a month "
			  "(YYYY-MM, MM/YYYY, MM.YYYY or a date)",
			  field(u, C_PERIOD));
		return;
	}
	o.period = period;
	if (*src == '\0') {
		o.source = OBS_PARTNER;
	} else if (obs_source_parse(src, &o.source) != 0) {
		add_error(u, line, column_of(u, C_SOURCE), "source '%.30s' is "
			  "neither partner nor client", src);
		return;
	}
	if (u->metric_col == NULL) {
		o.metric = field(u, C_METRIC);
		if (!metric_known(u, o.metric)) {
			add_error(u, line, column_of(u, C_METRIC), "unknown metric "
				  "'%.40s'", o.metric);
			return;
		}
		put_observation(u, o, field(u, C_VALUE), column_of(u, C_VALUE), line);
		return;
	}
	/* Wide: one column per metric; an empty cell is no value. */
	for (i = 0; i < u->nfields; i++) {
		const char *v = csv_reader_field(u->r, i);

		if (u->metric_col[i] < 0 || *v == '\0')
			continue;
		o.metric = u->metrics.items[u->metric_col[i]].key;
		put_observation(u, o, v, csv_reader_column(u->r, i), line);
	}
}

/* Copies field c over *dst when the column is there; true when it
 * changed. Empty cells clear optional fields. */
static bool take_text(struct run *u, enum col c, char **dst)
{
	const char *v = field(u, c);

	if (u->col[c] < 0 || strcmp(*dst ? *dst : "", v) == 0)
		return false;
	free(*dst);
	*dst = *v ? xstrdup(v) : NULL;
	return true;
}

/* Like take_text for a date column, written as the importer reads dates. */
static bool take_date(struct run *u, enum col c, char **dst, int line)
{
	const char *v = field(u, c);
	char date[11] = "";

	if (u->col[c] < 0)
		return false;
	if (*v && !csv_date(v, date)) {
		add_error(u, line, column_of(u, c), "'%.30s' is not a date "
			  "(YYYY-MM-DD or DD.MM.YYYY)", v);
		return false;
	}
	if (strcmp(*dst ? *dst : "", date) == 0)
		return false;
	free(*dst);
	*dst = *date ? xstrdup(date) : NULL;
	return true;
}

static void row_partners(struct run *u, int line)
{
	const char *code = field(u, C_CODE), *v;
	struct partner p = { 0 };
	struct bpw_error err;
	bool exists, changed = false;
	double num;
	int64_t id;

	if (*code == '\0') {
		add_error(u, line, column_of(u, C_CODE), "no partner code");
		return;
	}
	exists = partner_find(u->st, code, &p, &err) == 0;
	if (!exists)
		p.code = xstrdup(code);
	changed |= take_text(u, C_NAME, &p.name);
	changed |= take_text(u, C_SITE, &p.site);
	changed |= take_text(u, C_COUNTRY, &p.country);
	changed |= take_text(u, C_SERVICES, &p.services);
	changed |= take_text(u, C_CURRENCY, &p.currency);
	changed |= take_text(u, C_OWNER, &p.owner);
	changed |= take_text(u, C_NOTES, &p.notes);
	if (p.name == NULL) {
		add_error(u, line, column_of(u, C_NAME), "partner %.30s has no name", code);
		goto out;
	}
	changed |= take_date(u, C_CONTRACT_START, &p.contract_start, line);
	changed |= take_date(u, C_CONTRACT_END, &p.contract_end, line);
	if (*(v = field(u, C_ANNUAL_VALUE))) {
		if (!csv_number(v, csv_reader_decimal(u->r), &num))
			add_error(u, line, column_of(u, C_ANNUAL_VALUE),
				  "'%.30s' is not a number", v);
		else if (!p.has_value || p.annual_value != num) {
			p.annual_value = num;
			p.has_value = changed = true;
		}
	}
	if (*(v = field(u, C_ARCHIVED))) {
		bool a = strcasecmp(v, "yes") == 0 || strcasecmp(v, "true") == 0 ||
			 strcmp(v, "1") == 0;

		if (!a && strcasecmp(v, "no") && strcasecmp(v, "false") && strcmp(v, "0"))
			add_error(u, line, column_of(u, C_ARCHIVED),
				  "archived is yes or no, not '%.20s'", v);
		else if (a != p.archived) {
			p.archived = a;
			changed = true;
		}
	}
	if (partner_validate(&p, &err) != 0) {
		add_error(u, line, column_of(u, C_CODE), "%s", err.msg);
		goto out;
	}
	if (u->rep->total_errors)
		goto out;
	if (!exists && partner_add(u->st, &p, &id, &err) == 0) {
		remember_partner(u, code, id);
		count(u, UPSERT_INSERTED);
	} else if (exists && !changed) {
		count(u, UPSERT_UNCHANGED);
	} else if (exists && partner_update(u->st, &p, &err) == 0) {
		count(u, UPSERT_UPDATED);
	} else {
		add_error(u, line, column_of(u, C_CODE), "%s", err.msg);
	}
out:
	partner_clear(&p);
}

static void row_events(struct run *u, int line)
{
	struct event e = { 0 };
	enum upsert_result res;
	struct bpw_error err;

	e.partner_id = row_partner(u, line);
	if (!csv_date(field(u, C_DATE), e.date))
		add_error(u, line, column_of(u, C_DATE), "'%.30s' is not a date "
			  "(YYYY-MM-DD or DD.MM.YYYY)", field(u, C_DATE));
	if (event_kind_parse(field(u, C_KIND), &e.kind) != 0)
		add_error(u, line, column_of(u, C_KIND), "'%.30s' is not an event "
			  "kind (meeting, best_practice, improvement_idea, "
			  "escalation, report_late, incident, note)", field(u, C_KIND));
	e.title = (char *)field(u, C_TITLE);
	e.detail = (char *)field(u, C_DETAIL);
	if (*e.title == '\0')
		add_error(u, line, column_of(u, C_TITLE), "the event has no title");
	if (e.partner_id == 0 || u->rep->total_errors)
		return;
	if (event_upsert(u->st, &e, &res, &err) != 0)
		add_error(u, line, 1, "%s", err.msg);
	else
		count(u, res);
}

/* Finds the columns by header name; the type from them when not given. */
static int read_header(struct run *u, enum import_type *type)
{
	size_t i, k, m;
	int metrics = 0;

	u->nfields = csv_reader_count(u->r);
	for (k = 0; k < C_COUNT; k++)
		u->col[k] = -1;
	u->metric_col = xcalloc(u->nfields + 1, sizeof(int));
	for (i = 0; i < u->nfields; i++) {
		char name[64];
		const char *h = csv_reader_field(u->r, i);
		size_t n = 0;

		while (*h == ' ')
			h++;
		for (; *h && n + 1 < sizeof(name); h++)
			name[n++] = (char)tolower((unsigned char)(*h == ' ' ? '_' : *h));
		while (n > 0 && name[n - 1] == '_')
			n--;
		name[n] = '\0';
		u->metric_col[i] = -1;
		for (k = 0; k < C_COUNT; k++)
			for (m = 0; m < NAMES && col_names[k][m]; m++)
				if (strcmp(name, col_names[k][m]) == 0 && u->col[k] < 0)
					u->col[k] = (int)i;
		for (m = 0; m < u->metrics.count; m++)
			if (strcmp(name, u->metrics.items[m].key) == 0) {
				u->metric_col[i] = (int)m;
				metrics++;
			}
	}
	if (*type == IMPORT_AUTO) {
		if (u->col[C_PARTNER] >= 0 && u->col[C_PERIOD] >= 0 &&
		    ((u->col[C_METRIC] >= 0 && u->col[C_VALUE] >= 0) || metrics))
			*type = IMPORT_OBSERVATIONS;
		else if (u->col[C_PARTNER] >= 0 && u->col[C_DATE] >= 0 &&
			 u->col[C_KIND] >= 0)
			*type = IMPORT_EVENTS;
		else if (u->col[C_CODE] >= 0 && u->col[C_NAME] >= 0)
			*type = IMPORT_PARTNERS;
		else
			return -1;
	}
	if (*type == IMPORT_OBSERVATIONS && u->col[C_METRIC] >= 0) {
		free(u->metric_col);
		u->metric_col = NULL;	/* long form */
	}
	return 0;
}

/* The columns each kind of file cannot do without, and how to say so. */
static const struct {
	enum col need[4];
	size_t n;
	const char *says;
} shapes[] = {
	{ { C_PARTNER, C_METRIC, C_PERIOD, C_VALUE }, 4, "partner, metric, period, value" },
	{ { C_PARTNER, C_PERIOD }, 2, "partner, period and a column per metric" },
	{ { C_CODE, C_NAME }, 2, "code, name" },
	{ { C_PARTNER, C_DATE, C_KIND, C_TITLE }, 4, "partner, date, kind, title" },
};

/* False (with an error per missing column) when the file lacks one. */
static bool check_columns(struct run *u, enum import_type t)
{
	size_t k = t == IMPORT_OBSERVATIONS ? (u->metric_col ? 1 : 0)
		: t == IMPORT_PARTNERS ? 2 : 3, i;
	bool ok = true;

	for (i = 0; i < shapes[k].n; i++)
		if (u->col[shapes[k].need[i]] < 0) {
			add_error(u, csv_reader_line(u->r), 1, "no '%s' column (a %s "
				  "file needs %s)", col_names[shapes[k].need[i]][0],
				  type_names[t], shapes[k].says);
			ok = false;
		}
	if (k == 1) {
		for (i = 0; i < u->nfields && u->metric_col[i] < 0; i++)
			;
		if (i == u->nfields) {
			add_error(u, csv_reader_line(u->r), 1, "no metric column (long "
				  "form: metric and value; wide form: a column per "
				  "metric key)");
			ok = false;
		}
	}
	return ok;
}

static int import_one(struct run *u, const char *path, size_t index,
		      struct bpw_error *err)
{
	enum import_type type = u->o->type;
	long long next_progress = PROGRESS_EVERY;
	struct bpw_error rerr;
	int rc;

	rc = csv_reader_open(path, &u->r, err);
	if (rc != 0)
		return rc;
	rc = csv_reader_next(u->r, &rerr);
	if (rc <= 0) {
		if (rc == 0)
			add_error(u, 1, 1, "an empty file (no header line)");
		else
			add_error(u, rerr.line, rerr.column, "%s", rerr.msg);
		goto out;
	}
	if (read_header(u, &type) != 0) {
		add_error(u, 1, 1, "cannot tell what this file holds from its header "
			  "(give --type; see `bpowatch import --help` for the "
			  "column names)");
		goto out;
	}
	if (index < sizeof(u->rep->types) / sizeof(u->rep->types[0]))
		u->rep->types[index] = type;
	if (!check_columns(u, type))
		goto out;
	while ((rc = csv_reader_next(u->r, &rerr)) == 1) {
		int line = csv_reader_line(u->r);

		if (csv_reader_count(u->r) != u->nfields) {
			add_error(u, line, 1, "%zu fields, the header has %zu",
				  csv_reader_count(u->r), u->nfields);
			continue;
		}
		u->rep->rows++;
		if (type == IMPORT_OBSERVATIONS)
			row_observations(u, line);
		else if (type == IMPORT_PARTNERS)
			row_partners(u, line);
		else
			row_events(u, line);
		if (u->o->progress && csv_reader_offset(u->r) >= next_progress) {
			u->o->progress(path, csv_reader_offset(u->r),
				       csv_reader_size(u->r), u->o->ctx);
			next_progress += PROGRESS_EVERY;
		}
	}
	if (rc < 0)
		add_error(u, rerr.line, rerr.column, "%s", rerr.msg);
out:
	rc = 0;
	csv_reader_close(u->r);
	u->r = NULL;
	free(u->metric_col);
	u->metric_col = NULL;
	return rc;
}

int import_files(struct store *st, const char *const *paths, size_t n,
		 const struct import_opts *o, struct import_report *rep,
		 struct bpw_error *err)
{
	struct run u;
	size_t i;
	int rc;

	memset(rep, 0, sizeof(*rep));
	memset(&u, 0, sizeof(u));
	u.st = st;
	u.o = o;
	u.rep = rep;
	rc = store_begin(st, err);
	if (rc != 0)
		return rc;
	rc = load_partners(&u, err);
	if (rc == 0)
		rc = metric_list(st, &u.metrics, err);
	for (i = 0; rc == 0 && i < n; i++)
		rc = import_one(&u, paths[i], i, err);
	if (rc == 0 && rep->total_errors)
		rc = BPW_EINVAL;
	if (rc == 0 && !o->dry_run)
		rc = store_commit(st, err);
	else
		store_rollback(st);
	for (i = 0; i < u.npartners; i++)
		free(u.partners[i].code);
	free(u.partners);
	metric_list_free(&u.metrics);
	return rc;
}

const char *import_type_name(enum import_type t)
{
	return (unsigned)t < IMPORT_TYPE_COUNT ? type_names[t] : "?";
}

int import_type_parse(const char *s)
{
	int t;

	for (t = 0; t < IMPORT_TYPE_COUNT; t++)
		if (strcmp(s, type_names[t]) == 0)
			return t;
	return -1;
}

void import_report_free(struct import_report *rep)
{
	size_t i;

	if (rep == NULL)
		return;
	for (i = 0; i < rep->nerrors; i++) {
		free(rep->errors[i].file);
		free(rep->errors[i].msg);
	}
	free(rep->errors);
	memset(rep, 0, sizeof(*rep));
}
