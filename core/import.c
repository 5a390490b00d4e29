/* import.c: CSV files into the database in one transaction: columns found
 * by header name, the file type from the header, every row checked, every
 * error collected; rolled back when any row is bad. Partners,
 * observations, events and actions are here; QA audits in import_qa.c. */
#include "import.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "action.h"
#include "audit.h"
#include "event.h"
#include "import_run.h"
#include "observation.h"
#include "partner.h"
#include "sheet.h"
#include "strbuf.h"
#include "text.h"
#include "xalloc.h"

#define PROGRESS_EVERY (1 << 20)	/* bytes between progress calls */
#define IMPORT_SPOOL_MIB 2048		/* what a pipe may send: 40 times the
					 * 400,000-row CSV of the tests */
#define IMPORT_SPOOL_MAX ((unsigned long long)IMPORT_SPOOL_MIB << 20)

/* The page cache while importing, in KiB. A large import dirties pages all
 * over the table and its index; with SQLite's default 2 MB they spill to
 * the WAL mid-transaction and are read back. 64 MB takes 10-20% off a
 * million-row import (a 120 MB database; more cache gained little) and
 * bounds the import's memory at about 75 MB; the cache only grows as pages
 * are used, so small imports do not pay for it. */
#define IMPORT_CACHE_KIB (64 * 1024)

static const char *const type_names[] = {
#define X(e, n) [IMPORT_##e] = n,
	IMPORT_TYPES(X)
#undef X
};

void import_error(struct run *u, int line, int column, const char *fmt, ...)
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

/* Records a warning about the current file (line 0: the whole file). */
static void import_warning(struct run *u, int line, const char *msg)
{
	struct import_report *rep = u->rep;

	rep->warnings = xrealloc(rep->warnings, (rep->nwarnings + 1) *
				 sizeof(*rep->warnings));
	rep->warnings[rep->nwarnings++] = (struct import_error){
		xstrdup(csv_reader_name(u->r)), line, 0, xstrdup(msg) };
}

const char *import_field(struct run *u, enum col c)
{
	return u->col[c] >= 0 ?
		sheet_unguard(csv_reader_field(u->r, (size_t)u->col[c])) : "";
}

int import_column(struct run *u, enum col c)
{
	return u->col[c] >= 0 ? csv_reader_column(u->r, (size_t)u->col[c]) : 1;
}

static int cmp_code(const void *a, const void *b)
{
	return strcmp(((const struct code_id *)a)->code, ((const struct code_id *)b)->code);
}

/* cmp_code for bsearch: key is the code itself. */
static int cmp_key_code(const void *key, const void *elem)
{
	return strcmp(key, ((const struct code_id *)elem)->code);
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
	xqsort(u->partners, u->npartners, sizeof(*u->partners), cmp_code);
	partner_list_free(&l);
	return 0;
}

static int64_t partner_id(struct run *u, const char *code)
{
	struct code_id *hit;

	/* Rows come grouped by partner: try the last one found first. */
	if (u->last_partner.code && strcmp(code, u->last_partner.code) == 0)
		return u->last_partner.id;
	hit = u->npartners ? bsearch(code, u->partners, u->npartners,
				     sizeof(*u->partners), cmp_key_code) : NULL;
	if (hit == NULL)
		return 0;
	u->last_partner = *hit;	/* the code string lives as long as u->partners */
	return hit->id;
}

/* The place of key in the sorted array base of n elements: the first
 * element not below it (cmp as bsearch's). */
static size_t sorted_slot(const void *key, const void *base, size_t n, size_t size,
			  int (*cmp)(const void *key, const void *elem))
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (cmp(key, (const char *)base + mid * size) > 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Adds code in its place (a sort for each would make 20,000 new partners
 * quadratic: 18 s). */
static void remember_partner(struct run *u, const char *code, int64_t id)
{
	size_t lo = sorted_slot(code, u->partners, u->npartners, sizeof(*u->partners),
				cmp_key_code);

	u->partners = xrealloc(u->partners, (u->npartners + 1) * sizeof(*u->partners));
	memmove(u->partners + lo + 1, u->partners + lo,
		(u->npartners - lo) * sizeof(*u->partners));
	u->partners[lo] = (struct code_id){ xstrdup(code), id };
	u->npartners++;
}

static bool metric_known(struct run *u, const char *key)
{
	size_t i = u->last_metric;

	if (i < u->metrics.count && strcmp(u->metrics.items[i].key, key) == 0)
		return true;
	for (i = 0; i < u->metrics.count; i++)
		if (strcmp(u->metrics.items[i].key, key) == 0) {
			u->last_metric = i;
			return true;
		}
	return false;
}

int import_row_metric(struct run *u, int line)
{
	const char *key = import_field(u, C_METRIC);
	int mi;
	char *q;

	if (metric_known(u, key))
		return (int)u->last_metric;
	/* Kundenzufriedenheit or Customer satisfaction: csat. */
	mi = import_metric_index(u, key);
	if (mi < 0) {
		q = import_quote(key);
		import_error(u, line, import_column(u, C_METRIC), "unknown metric '%s'", q);
		free(q);
		return -1;
	}
	u->last_metric = (size_t)mi;
	return mi;
}

static char *fold(const char *code)
{
	char *f = xstrdup(code), *c;

	for (c = f; *c; c++)	/* ASCII only, as SQLite's NOCASE: any locale */
		if (*c >= 'A' && *c <= 'Z')
			*c = (char)(*c - 'A' + 'a');
	return f;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* cmp_str for sorted_slot: key is the string itself. */
static int cmp_key_str(const void *key, const void *elem)
{
	return strcmp(key, *(char *const *)elem);
}

/* False when code is one of the run's partners but for case: the
 * database's codes compare without it, so adding it would fail. Else
 * remembers it. */
static bool code_free(struct run *u, const char *code)
{
	char *f = fold(code);
	size_t lo, i;

	if (u->folded == NULL) {
		u->folded = xcalloc(u->npartners + 1, sizeof(char *));
		for (i = 0; i < u->npartners; i++)
			u->folded[i] = fold(u->partners[i].code);
		u->nfolded = u->npartners;
		xqsort(u->folded, u->nfolded, sizeof(char *), cmp_str);
	}
	lo = sorted_slot(f, u->folded, u->nfolded, sizeof(char *), cmp_key_str);
	if (lo < u->nfolded && strcmp(u->folded[lo], f) == 0) {
		free(f);
		return false;
	}
	u->folded = xrealloc(u->folded, (u->nfolded + 1) * sizeof(char *));
	memmove(u->folded + lo + 1, u->folded + lo, (u->nfolded - lo) * sizeof(char *));
	u->folded[lo] = f;
	u->nfolded++;
	return true;
}

int64_t import_row_partner(struct run *u, int line)
{
	const char *code = import_field(u, C_PARTNER);
	struct partner p = { 0 };
	struct bpw_error err;
	int64_t id;

	if (*code == '\0') {
		import_error(u, line, import_column(u, C_PARTNER), "no partner code");
		return 0;
	}
	id = partner_id(u, code);
	if (id || !u->o->create_partners) {
		if (!id)
			import_error(u, line, import_column(u, C_PARTNER), "unknown partner "
				  "'%.40s' (add it, or import with --create-partners)", code);
		return id;
	}
	p.code = code;
	p.name = code;
	if (u->checking) {	/* added when written; known from here on */
		if (partner_validate(&p, &err) != 0) {	/* found now, by line */
			import_error(u, line, import_column(u, C_PARTNER), "%s", err.msg);
			return 0;
		}
		if (!code_free(u, code)) {	/* as partner_add would say */
			import_error(u, line, import_column(u, C_PARTNER),
				     "a partner with code %s already exists", code);
			return 0;
		}
		remember_partner(u, code, --u->next_new);
		return u->next_new;
	}
	if (partner_add(u->st, &p, &id, &err) != 0) {
		import_error(u, line, import_column(u, C_PARTNER), "%s", err.msg);
		return 0;
	}
	u->rep->partners_created++;
	remember_partner(u, code, id);
	return id;
}

bool import_writes(const struct run *u)
{
	return !u->checking && u->rep->total_errors == 0;
}

void import_count(struct run *u, enum upsert_result res)
{
	if (res == UPSERT_INSERTED)
		u->rep->inserted++;
	else if (res == UPSERT_UPDATED)
		u->rep->updated++;
	else
		u->rep->unchanged++;
}

char *import_quote(const char *v)
{
	return text_clean(v, 0, 30);
}

bool import_number(struct run *u, const char *v, int line, int col, double *out)
{
	char dec = csv_reader_decimal(u->r), group = dec == ',' ? '.' : ',';
	char plain[64], *q;
	const char *c;
	size_t n = 0;

	switch (csv_number_read(v, dec, out)) {
	case CSV_NUM_OK:
		if (*out == 0)
			*out = 0;	/* -0 is stored as 0: said so in the trail too */
		return true;
	case CSV_NUM_EMPTY:
		import_error(u, line, col, "empty value");
		return false;
	case CSV_NUM_GROUPED:
		for (c = v; *c && n + 1 < sizeof(plain); c++)
			if (*c != group && *c != ' ')
				plain[n++] = *c;
		plain[n] = '\0';
		q = import_quote(v);
		import_error(u, line, col, "'%s' has a thousands separator; they are "
			     "not accepted: write %s", q, plain);
		free(q);
		return false;
	default:
		q = import_quote(v);
		import_error(u, line, col, "'%s' is not a number (decimal %s)", q,
			     dec == ',' ? "comma" : "point");
		free(q);
		return false;
	}
}

/* False, with an error naming both places, when the run has read the key
 * of o (metric index mi) before. */
static bool first_time(struct run *u, const struct observation *o, size_t mi,
		       int vcol, int line)
{
	struct import_key k = { o->partner_id, mi, period_num(o->period),
				o->segment, o->source };
	size_t was_file;
	int was_line;
	char *code;

	if (o->partner_id == 0 ||
	    !import_seen_add(&u->seen, &k, u->file, line, &was_file, &was_line))
		return true;
	code = import_quote(import_field(u, C_PARTNER));
	if (was_file == u->file)
		import_error(u, line, vcol, "%s for %s %.7s (%s, %s) already given "
			     "on line %d", o->metric, code, o->period,
			     *o->segment ? o->segment : "total",
			     obs_source_name(o->source), was_line);
	else
		import_error(u, line, vcol, "%s for %s %.7s (%s, %s) already given "
			     "at %s:%d", o->metric, code, o->period,
			     *o->segment ? o->segment : "total",
			     obs_source_name(o->source), u->paths[was_file], was_line);
	free(code);
	return false;
}

/* One observation: value text v of metric mi for the row's partner. */
static void put_observation(struct run *u, struct observation o, size_t mi,
			    const char *v, int vcol, int line)
{
	const struct metric *m = &u->metrics.items[mi];
	enum upsert_result res;
	struct bpw_error err;
	double old = 0;

	o.metric = m->key;
	if (!first_time(u, &o, mi, vcol, line))
		return;
	if (!import_number(u, v, line, vcol, &o.value))
		return;
	if (metric_range_check(&m->range, m->key, o.value, &err) != 0) {
		import_error(u, line, vcol, "%s", err.msg);
		return;
	}
	if (u->checking && o.partner_id != 0 && u->rep->total_errors == 0)
		import_stage_row(u, &o, mi);	/* written under the lock */
	if (o.partner_id == 0 || !import_writes(u))
		return;		/* checked; nothing is stored now */
	if (observation_upsert_ids(u->st, &o, u->obs_new, &u->ids, &res, &old,
				   &err) != 0) {
		import_error(u, line, vcol, "%s", err.msg);
	} else {
		import_count(u, res);
		if (u->o->dry_run)
			import_dry_note(u, &o, mi, res, old);
		u->obs_new = res == UPSERT_INSERTED;	/* new keys come in runs */
	}
}

/* The row's segment is not name=value: says so, with an example made of
 * what was written. */
static void bad_segment(struct run *u, int line)
{
	const char *v = import_field(u, C_SEGMENT);
	char *q = import_quote(v);

	if (strchr(v, '=') == NULL && strlen(q) < 40)
		import_error(u, line, import_column(u, C_SEGMENT), "segment '%s' is "
			     "not name=value (e.g. channel=%s; empty for the total)",
			     q, q);
	else
		import_error(u, line, import_column(u, C_SEGMENT), "segment '%s' is "
			     "not name=value (e.g. channel=chat; empty for the total)", q);
	free(q);
}

static void row_observations(struct run *u, int line)
{
	struct observation o = { .partner_id = import_row_partner(u, line),
				 .segment = import_field(u, C_SEGMENT) };
	const char *src = import_field(u, C_SOURCE);
	char period[11];
	size_t i;

	if (!csv_period(import_field(u, C_PERIOD), period)) {
		import_error(u, line, import_column(u, C_PERIOD), "'%.30s' is not a month "
			  "(YYYY-MM, MM/YYYY, MM.YYYY or a date)",
			  import_field(u, C_PERIOD));
		return;
	}
	o.period = period;
	if (!observation_segment_valid(o.segment)) {
		bad_segment(u, line);
		return;
	}
	if (*src == '\0') {
		o.source = OBS_PARTNER;
	} else if (obs_source_parse(src, &o.source) != 0) {
		import_error(u, line, import_column(u, C_SOURCE), "source '%.30s' is "
			  "neither partner nor client", src);
		return;
	}
	if (!u->wide) {
		if (import_row_metric(u, line) < 0)
			return;
		put_observation(u, o, u->last_metric, import_field(u, C_VALUE),
				import_column(u, C_VALUE), line);
		return;
	}
	/* Wide: one column per metric; an empty cell is no value. */
	for (i = 0; i < u->nfields; i++) {
		const char *v = csv_reader_field(u->r, i);

		if (u->metric_col[i] < 0 || v[strspn(v, " \t")] == '\0')
			continue;
		put_observation(u, o, (size_t)u->metric_col[i], v,
				csv_reader_column(u->r, i), line);
	}
}

/* Points *dst at field c (the record's text) when the column is there;
 * true when it changed. Empty cells clear optional fields. */
static bool take_text(struct run *u, enum col c, const char **dst)
{
	const char *v = import_field(u, c);

	if (u->col[c] < 0 || strcmp(*dst ? *dst : "", v) == 0)
		return false;
	*dst = *v ? v : NULL;
	return true;
}

/* Like take_text for a date column, written as the importer reads dates
 * into date (which *dst then points at). */
static bool take_date(struct run *u, enum col c, const char **dst,
		      char date[DATE_LEN], int line)
{
	const char *v = import_field(u, c);

	date[0] = '\0';
	if (u->col[c] < 0)
		return false;
	if (*v && !csv_date(v, date)) {
		import_error(u, line, import_column(u, c), "'%.30s' is not a date "
			  "(YYYY-MM-DD or DD.MM.YYYY)", v);
		return false;
	}
	if (strcmp(*dst ? *dst : "", date) == 0)
		return false;
	*dst = *date ? date : NULL;
	return true;
}

bool import_first_record(struct run *u, int64_t partner, enum record_tag tag,
			 const char *key, const char *what, int col, int line)
{
	struct import_key k = { partner, 0, (int)tag, key, OBS_PARTNER };
	size_t was_file;
	int was_line;

	if (!import_seen_add(&u->seen, &k, u->file, line, &was_file, &was_line))
		return true;
	if (was_file == u->file)
		import_error(u, line, col, "%s already given on line %d", what, was_line);
	else
		import_error(u, line, col, "%s already given at %s:%d", what,
			     u->paths[was_file], was_line);
	return false;
}

/* Appends 'v' to b, v being file text: neutralised and cut. */
static void add_quoted(struct strbuf *b, const char *v)
{
	char *q = import_quote(v);

	strbuf_addf(b, "'%s'", q);
	free(q);
}

static void row_partners(struct run *u, int line)
{
	const char *code = import_field(u, C_CODE), *v;
	struct partner p = { 0 };
	char start[DATE_LEN], end[DATE_LEN];
	struct bpw_error err;
	bool exists, changed = false;
	double num;
	int64_t id;

	if (*code == '\0') {
		import_error(u, line, import_column(u, C_CODE), "no partner code");
		return;
	}
	{
		struct strbuf what = { 0 };
		char key[64];
		size_t i;
		bool first;

		for (i = 0; code[i] && i + 1 < sizeof(key); i++)	/* codes ignore case */
			key[i] = (char)toupper((unsigned char)code[i]);
		key[i] = '\0';
		strbuf_add(&what, "partner ");
		add_quoted(&what, code);
		first = import_first_record(u, 0, TAG_PARTNER, key, strbuf_str(&what),
				     import_column(u, C_CODE), line);
		strbuf_free(&what);
		if (!first)
			return;
	}
	exists = partner_find(u->st, code, &p, &err) == 0;
	if (!exists)
		p.code = code;
	changed |= take_text(u, C_NAME, &p.name);
	changed |= take_text(u, C_SITE, &p.site);
	changed |= take_text(u, C_COUNTRY, &p.country);
	changed |= take_text(u, C_SERVICES, &p.services);
	changed |= take_text(u, C_CURRENCY, &p.currency);
	changed |= take_text(u, C_OWNER, &p.owner);
	changed |= take_text(u, C_NOTES, &p.notes);
	if (p.name == NULL) {
		import_error(u, line, import_column(u, C_NAME), "partner %.30s has no name", code);
		goto out;
	}
	changed |= take_date(u, C_CONTRACT_START, &p.contract_start, start, line);
	changed |= take_date(u, C_CONTRACT_END, &p.contract_end, end, line);
	if (*(v = import_field(u, C_ANNUAL_VALUE))) {
		if (!import_number(u, v, line, import_column(u, C_ANNUAL_VALUE), &num))
			;
		else if (!p.has_value || p.annual_value != num) {
			p.annual_value = num;
			p.has_value = changed = true;
		}
	}
	if (*(v = import_field(u, C_ARCHIVED))) {
		bool a;

		if (!import_yes_no(v, &a))
			import_error(u, line, import_column(u, C_ARCHIVED),
				     "archived is yes or no, not '%.20s'", v);
		else if (a != p.archived) {
			p.archived = a;
			changed = true;
		}
	}
	if (partner_validate(&p, &err) != 0) {
		import_error(u, line, import_column(u, C_CODE), "%s", err.msg);
		goto out;
	}
	if (!import_writes(u)) {
		if (!exists && u->checking)
			remember_partner(u, code, --u->next_new);
		goto out;
	}
	if (!exists && partner_add(u->st, &p, &id, &err) == 0) {
		remember_partner(u, code, id);
		import_count(u, UPSERT_INSERTED);
	} else if (exists && !changed) {
		import_count(u, UPSERT_UNCHANGED);
	} else if (exists && partner_update(u->st, &p, &err) == 0) {
		import_count(u, UPSERT_UPDATED);
	} else {
		import_error(u, line, import_column(u, C_CODE), "%s", err.msg);
	}
out:
	partner_clear(&p);
}

static void row_events(struct run *u, int line)
{
	struct event e = { 0 };
	enum upsert_result res;
	struct bpw_error err;

	e.partner_id = import_row_partner(u, line);
	if (!csv_date(import_field(u, C_DATE), e.date))
		import_error(u, line, import_column(u, C_DATE), "'%.30s' is not a date "
			  "(YYYY-MM-DD or DD.MM.YYYY)", import_field(u, C_DATE));
	if (event_kind_parse(import_field(u, C_KIND), &e.kind) != 0)
		import_error(u, line, import_column(u, C_KIND), "'%.30s' is not an event "
			  "kind (meeting, best_practice, improvement_idea, "
			  "escalation, report_late, incident, note)", import_field(u, C_KIND));
	e.title = import_field(u, C_TITLE);
	e.detail = import_field(u, C_DETAIL);
	if (*e.title == '\0')
		import_error(u, line, import_column(u, C_TITLE), "the event has no title");
	if (e.partner_id != 0 && e.date[0] && *e.title) {
		struct strbuf key = { 0 }, what = { 0 };

		strbuf_addf(&key, "%s\x1f%d\x1f%s", e.date, (int)e.kind, e.title);
		strbuf_addf(&what, "the %s event ", e.date);
		add_quoted(&what, e.title);
		strbuf_add(&what, " of ");
		add_quoted(&what, import_field(u, C_PARTNER));
		import_first_record(u, e.partner_id, TAG_EVENT, strbuf_str(&key),
			     strbuf_str(&what), import_column(u, C_TITLE), line);
		strbuf_free(&key);
		strbuf_free(&what);
	}
	if (e.partner_id == 0 || !import_writes(u))
		return;
	if (event_upsert(u->st, &e, &res, &err) != 0)
		import_error(u, line, 1, "%s", err.msg);
	else
		import_count(u, res);
}

static void row_actions(struct run *u, int line)
{
	struct follow_up a = { .status = ACTION_OPEN };
	const char *v;
	unsigned keep;
	enum upsert_result res;
	struct bpw_error err;

	a.partner_id = import_row_partner(u, line);
	a.text = import_field(u, C_TEXT);
	a.owner = import_field(u, C_OWNER);
	if (*a.text == '\0')
		import_error(u, line, import_column(u, C_TEXT), "the action has no text");
	if (*(v = import_field(u, C_DUE)) && !csv_date(v, a.due))
		import_error(u, line, import_column(u, C_DUE), "due '%.30s' is not a "
			     "date (YYYY-MM-DD or DD.MM.YYYY)", v);
	if (*(v = import_field(u, C_CREATED)) && !csv_date(v, a.created))
		import_error(u, line, import_column(u, C_CREATED), "created '%.30s' is "
			     "not a date (YYYY-MM-DD or DD.MM.YYYY)", v);
	if (*(v = import_field(u, C_STATUS)) && action_status_parse(v, &a.status) != 0)
		import_error(u, line, import_column(u, C_STATUS), "'%.30s' is not an "
			     "action status (open, done or dropped)", v);
	if (a.partner_id != 0 && *a.text) {
		struct strbuf key = { 0 }, what = { 0 };

		strbuf_addf(&key, "%s\x1f%s", a.created, a.text);
		strbuf_add(&what, "the action ");
		add_quoted(&what, a.text);
		strbuf_add(&what, " of ");
		add_quoted(&what, import_field(u, C_PARTNER));
		if (a.created[0])
			strbuf_addf(&what, " created %s", a.created);
		import_first_record(u, a.partner_id, TAG_ACTION, strbuf_str(&key),
			     strbuf_str(&what), import_column(u, C_TEXT), line);
		strbuf_free(&key);
		strbuf_free(&what);
	}
	if (a.partner_id == 0 || !import_writes(u))
		return;
	/* A column the file does not have leaves that field as it is. */
	keep = (u->col[C_OWNER] < 0 ? ACTION_KEEP_OWNER : 0) |
		(u->col[C_DUE] < 0 ? ACTION_KEEP_DUE : 0) |
		(u->col[C_STATUS] < 0 ? ACTION_KEEP_STATUS : 0);
	if (action_upsert(u->st, &a, keep, &res, &err) != 0)
		import_error(u, line, 1, "%s", err.msg);
	else
		import_count(u, res);
}

bool import_yes_no(const char *v, bool *out)
{
	static const char *const yes[] = { "yes", "true", "1", "ja" };
	static const char *const no[] = { "no", "false", "0", "nein", "" };
	size_t i;

	for (i = 0; i < sizeof(yes) / sizeof(yes[0]); i++)
		if (strcasecmp(v, yes[i]) == 0)
			return *out = true;
	for (i = 0; i < sizeof(no) / sizeof(no[0]); i++)
		if (strcasecmp(v, no[i]) == 0) {
			*out = false;
			return true;
		}
	return false;
}

/* What reads one row of each type. */
static void (*const row_fn[IMPORT_TYPE_COUNT])(struct run *u, int line) = {
	[IMPORT_PARTNERS] = row_partners,
	[IMPORT_OBSERVATIONS] = row_observations,
	[IMPORT_EVENTS] = row_events,
	[IMPORT_ACTIONS] = row_actions,
	[IMPORT_QA] = import_qa_row,
	[IMPORT_TARGETS] = import_target_row,
};

/* Opens the reader of file i: its spooled copy, or the file itself. */
static int open_input(struct run *u, size_t i, struct bpw_error *err)
{
	FILE *f = u->spooled ? u->spooled[i] : NULL;

	if (f == NULL)
		return csv_reader_open_as(u->paths[i], u->o->encoding, &u->r, err);
	rewind(f);
	return csv_reader_open_file(f, strcmp(u->paths[i], "-") == 0 ? "<stdin>"
				    : u->paths[i], u->o->encoding, &u->r, err);
}

/* A temporary file in $TMPDIR (default /tmp), already unlinked: gone
 * when closed or when the process ends. NULL with errno, and the
 * directory in dir. */
static FILE *spool_file(char *dir, size_t n)
{
	const char *t = getenv("TMPDIR");
	char name[4200];
	FILE *fp;
	int fd, e;

	snprintf(dir, n, "%s", t && *t ? t : "/tmp");
	snprintf(name, sizeof(name), "%s/bpowatch-import-XXXXXX", dir);
	fd = mkstemp(name);
	if (fd < 0)
		return NULL;
	unlink(name);
	fp = fdopen(fd, "w+b");
	if (fp == NULL) {
		e = errno;
		close(fd);
		errno = e;
	}
	return fp;
}

/* A pipe, a fifo, a device or standard input can be read only once, and a
 * writer at its other end may take its time: its bytes are read into a
 * temporary file (spool_file; at most IMPORT_SPOOL_MAX bytes, so that a
 * runaway writer cannot fill a shared /tmp) before the write lock is
 * taken, and the import reads that copy (*out; NULL for a regular file,
 * read where it is). */
static int spool_input(const char *path, FILE **out, struct bpw_error *err)
{
	char buf[65536], dir[4096];
	struct stat sb;
	FILE *src, *tmp;
	unsigned long long total = 0;
	bool too_big = false;
	size_t n;
	int e = 0;

	*out = NULL;
	if (strcmp(path, "-") == 0)
		src = stdin;
	else if (stat(path, &sb) != 0 || S_ISREG(sb.st_mode) || S_ISDIR(sb.st_mode))
		return 0;	/* read where it is (or refused there, by name) */
	else if ((src = fopen(path, "rb")) == NULL)
		return bpw_error_set_at(err, BPW_EIO, path, 0, 0, "cannot open: %s",
					strerror(errno));
	tmp = spool_file(dir, sizeof(dir));
	if (tmp == NULL) {
		e = errno;
	} else {
		while ((n = fread(buf, 1, sizeof(buf), src)) > 0) {
			total += n;
			if (total > IMPORT_SPOOL_MAX) {
				too_big = true;
				break;
			}
			if (fwrite(buf, 1, n, tmp) != n) {
				e = errno ? errno : EIO;
				break;
			}
		}
		if (e == 0 && !too_big && ferror(src))
			e = errno ? errno : EIO;
		if (e == 0 && !too_big && fflush(tmp) != 0)
			e = errno;
	}
	if (src != stdin)
		fclose(src);
	if (e != 0 || too_big) {
		if (tmp)
			fclose(tmp);
		if (too_big)
			return bpw_error_set_at(err, BPW_EINVAL, path, 0, 0,
						"more than %d MiB arrived, more than any "
						"import needs; nothing was imported (write "
						"it to a file and import that)",
						IMPORT_SPOOL_MIB);
		return bpw_error_set_at(err, BPW_EIO, path, 0, 0,
					"cannot read it into a temporary file in %s "
					"(TMPDIR): %s; nothing was imported", dir,
					strerror(e));
	}
	*out = tmp;
	return 0;
}

static void close_spooled(struct run *u, size_t n)
{
	size_t i;

	for (i = 0; u->spooled && i < n; i++)
		if (u->spooled[i])
			fclose(u->spooled[i]);
	free(u->spooled);
	u->spooled = NULL;
}

static int import_one(struct run *u, const char *path, size_t index,
		      struct bpw_error *err)
{
	enum import_type type = u->o->type;
	long long next_progress = PROGRESS_EVERY;
	struct bpw_error rerr;
	size_t records = 0;
	int rc;

	rc = open_input(u, index, err);
	if (rc != 0)
		return rc;
	rc = csv_reader_next(u->r, &rerr);
	if (rc <= 0) {
		if (rc == 0)
			import_error(u, 1, 1, "an empty file (no header line)");
		else
			import_error(u, rerr.line, rerr.column, "%s", rerr.msg);
		goto out;
	}
	if (import_header_read(u, &type) != 0) {
		import_header_unplaced(u);
		goto out;
	}
	if (index < sizeof(u->rep->types) / sizeof(u->rep->types[0]))
		u->rep->types[index] = type;
	if (!import_header_check(u, type))
		goto out;
	/* A row of figures takes 40 bytes or more: room for the keys at once
	 * spares the table its rehashing as it grows. */
	if (csv_reader_size(u->r) > 0)
		import_seen_reserve(&u->seen, u->seen.n +
				    (size_t)csv_reader_size(u->r) / 40);
	while ((rc = csv_reader_next(u->r, &rerr)) == 1) {
		int line = csv_reader_line(u->r);

		records++;
		if (csv_reader_count(u->r) != u->nfields) {
			import_error(u, line, 1, "%zu fields, the header has %zu",
				  csv_reader_count(u->r), u->nfields);
			continue;
		}
		u->rep->rows++;
		row_fn[type](u, line);
		if (u->o->progress && csv_reader_offset(u->r) >= next_progress) {
			/* One count over both passes: checking is the first
			 * half, writing the second. */
			long long size = csv_reader_size(u->r);

			u->o->progress(path, csv_reader_offset(u->r) +
				       (u->checking ? 0 : size), 2 * size, u->o->ctx);
			next_progress += PROGRESS_EVERY;
		}
	}
	u->last_size = csv_reader_size(u->r);
	if (rc < 0)
		import_error(u, rerr.line, rerr.column, "%s", rerr.msg);
	else if (records == 0)
		import_warning(u, 0, "only a header line, no rows");
	if (type == IMPORT_QA)
		import_qa_end(u);
out:
	rc = 0;
	csv_reader_close(u->r);
	u->r = NULL;
	import_header_free(u);
	return rc;
}

/* The import's row in the audit trail: the files and what they did, with
 * each value changed under it (audit_append_import). */
static int audit_import(struct store *st, const char *const *paths, size_t n,
			const struct import_report *rep, struct bpw_error *err)
{
	struct strbuf files = { 0 }, did = { 0 };
	size_t i;
	int rc;

	for (i = 0; i < n; i++) {
		strbuf_add(&files, i ? ", " : "");
		strbuf_add(&files, paths[i]);
	}
	strbuf_addf(&did, "%zu rows: %zu inserted, %zu updated, %zu unchanged",
		    rep->rows, rep->inserted, rep->updated, rep->unchanged);
	if (rep->partners_created)
		strbuf_addf(&did, ", %zu partners created", rep->partners_created);
	rc = audit_append_import(st, strbuf_str(&files), strbuf_str(&did), err);
	strbuf_free(&files);
	strbuf_free(&did);
	return rc;
}

/* True when every file holds observations, by --type or by its header
 * (a spooled input is read ahead from its copy). */
static bool only_observations(struct run *u, size_t n)
{
	struct bpw_error e;
	bool only = true;
	size_t i;

	if (u->o->type != IMPORT_AUTO)
		return u->o->type == IMPORT_OBSERVATIONS;
	if (metric_list(u->st, &u->metrics, &e) != 0)
		return false;
	for (i = 0; only && i < n; i++) {
		enum import_type t = IMPORT_AUTO;

		only = open_input(u, i, &e) == 0 &&
			csv_reader_next(u->r, &e) == 1 && import_header_read(u, &t) == 0 &&
			t == IMPORT_OBSERVATIONS;
		csv_reader_close(u->r);
		u->r = NULL;
		import_header_free(u);
	}
	metric_list_free(&u->metrics);
	return only;
}

/* The metrics the run knows: the database's, and those the configuration
 * declares as metric_declare will store them (a new one added, a known
 * one with the declared range). */
static int run_metrics(struct run *u, struct bpw_error *err)
{
	size_t i, k;
	int rc = metric_list(u->st, &u->metrics, err);

	if (rc != 0 || !u->checking)
		return rc;
	for (i = 0; i < u->o->ndeclared; i++) {
		const struct metric *d = &u->o->declared[i];

		for (k = 0; k < u->metrics.count; k++)
			if (strcmp(u->metrics.items[k].key, d->key) == 0)
				break;
		if (k < u->metrics.count) {
			u->metrics.items[k].range = d->range;
			continue;
		}
		u->metrics.items = xrealloc(u->metrics.items, (u->metrics.count + 1) *
					    sizeof(*u->metrics.items));
		u->metrics.items[u->metrics.count] = *d;	/* texts lent by o */
		u->metrics.items[u->metrics.count++].strings = NULL;
	}
	return 0;
}

/* What a pass over the files leaves behind, let go after it (the check,
 * before the write; the write, at the end). */
static void run_reset(struct run *u)
{
	size_t i;

	import_qa_free(u);
	import_seen_free(&u->seen);
	obs_idcache_free(&u->ids);
	memset(&u->ids, 0, sizeof(u->ids));
	for (i = 0; i < u->npartners; i++)
		free(u->partners[i].code);
	free(u->partners);
	u->partners = NULL;
	u->npartners = 0;
	for (i = 0; i < u->nfolded; i++)
		free(u->folded[i]);
	free(u->folded);
	u->folded = NULL;
	u->nfolded = 0;
	u->last_partner = (struct code_id){ NULL, 0 };
	u->last_metric = 0;
	u->obs_new = false;
	metric_list_free(&u->metrics);
}

/* rep back to nothing done (the declared metrics added kept when keep). */
static void report_reset(struct import_report *rep, bool keep)
{
	size_t added = rep->metrics_added;

	import_report_free(rep);
	memset(rep, 0, sizeof(*rep));
	if (keep)
		rep->metrics_added = added;
}

/* Reads and checks every row of every file without the write lock, as
 * the writing pass would, writing nothing: a file with a mistake on its
 * last line no longer holds the lock while every row before it is
 * written, only to be rolled back. 0 with rep's errors when there are any
 * (the caller stops), else rep back to nothing done. */
static int check_pass(struct run *u, size_t n, bool stage, struct bpw_error *err)
{
	size_t i;
	int rc;

	u->checking = true;
	u->next_new = 0;
	if (stage)
		import_stage_open(u);
	rc = load_partners(u, err);
	if (rc == 0)
		rc = run_metrics(u, err);
	if (rc == 0 && u->stage)
		import_stage_start(u);
	for (i = 0; rc == 0 && i < n; i++) {
		u->file = i;
		rc = import_one(u, u->paths[i], i, err);
	}
	import_stage_end(u);
	/* What was checked is what the set-based write counts; the row by
	 * row write counts afresh. */
	if (rc == 0 && u->rep->total_errors == 0 && !import_staged(u))
		report_reset(u->rep, false);
	run_reset(u);
	u->checking = false;
	return rc;
}

/* The write of the checked files, all or nothing, in one transaction:
 * set by set when the check staged the rows and nothing was written
 * since, else row by row. */
static int write_pass(struct run *u, size_t n, bool only, bool *again,
		      struct bpw_error *err)
{
	struct store *st = u->st;
	const struct import_opts *o = u->o;
	struct import_report *rep = u->rep;
	bool fk_off, applied = false;
	int rc, cache = 0;
	size_t i;

	*again = false;
	fk_off = only && store_foreign_keys(st, false, NULL) == 0;
	rc = store_begin(st, err);
	if (rc != 0) {
		if (fk_off)
			store_foreign_keys(st, true, NULL);
		return rc;
	}
	rc = import_stage_verify(u, err);	/* before this run writes */
	if (rc == 0)
		rc = store_cache_size(st, -IMPORT_CACHE_KIB, &cache, err);
	if (rc == 0 && o->ndeclared)
		rc = metric_declare(st, o->declared, o->ndeclared, &rep->metrics_added,
				    err);
	store_set_bulk(st, true);
	if (rc == 0)
		rc = import_apply(u, &applied, err);
	if (rc == 0 && !applied) {
		if (u->stage)	/* the check's report: counted afresh by the write */
			report_reset(rep, true);
		rc = audit_stage_begin(st, err);
		if (rc == 0)
			rc = load_partners(u, err);
		if (rc == 0)
			rc = run_metrics(u, err);
		for (i = 0; rc == 0 && i < n; i++) {
			u->file = i;
			rc = import_one(u, u->paths[i], i, err);
		}
	}
	store_set_bulk(st, false);
	import_dry_end(u);
	if (rc == 0 && rep->total_errors)
		rc = BPW_EINVAL;
	if (rc == 0 && rep->inserted + rep->updated + rep->partners_created +
	    rep->metrics_added > 0)
		rc = audit_import(st, u->paths, n, rep, err);	/* else nothing was written */
	/* Out of room before the commit after the set-based write, most
	 * likely in the temporary directory, which it needs more of: worth
	 * doing again row by row. A failing commit would fail again. */
	*again = rc == BPW_EIO && applied;
	if (rc == 0 && !o->dry_run)
		rc = store_commit(st, err);
	else
		store_rollback(st);
	if (cache != 0)
		store_cache_size(st, cache, NULL, NULL);
	if (fk_off)
		store_foreign_keys(st, true, NULL);	/* cannot fail outside a transaction */
	return rc;
}

int import_files(struct store *st, const char *const *paths, size_t n,
		 const struct import_opts *o, struct import_report *rep,
		 struct bpw_error *err)
{
	struct run u;
	size_t i;
	int rc;
	bool only, again = false;

	memset(rep, 0, sizeof(*rep));
	memset(&u, 0, sizeof(u));
	u.st = st;
	u.o = o;
	u.rep = rep;
	u.paths = paths;
	u.spooled = xcalloc(n + 1, sizeof(FILE *));
	for (i = 0; i < n; i++) {
		rc = spool_input(paths[i], &u.spooled[i], err);
		if (rc != 0) {
			close_spooled(&u, n);
			return rc;
		}
	}
	/* An import of observations checks every reference itself (partner
	 * codes and metric keys against the tables as read before the write
	 * lock with the data clock, or under it; segment ids as it adds
	 * them), so SQLite's foreign-key checks would only repeat them: a
	 * parent look-up for each of the three keys of each row, a tenth of a
	 * large import's time. Other imports keep them (their writes may rely
	 * on cascades). Its checked rows are written set by set
	 * (import_apply.c); a dry run, and a test that compares the two
	 * (BPOWATCH_TEST_IMPORT_ROWWISE), write them one by one. */
	only = only_observations(&u, n);
	rc = check_pass(&u, n, only && !o->dry_run &&
			getenv("BPOWATCH_TEST_IMPORT_ROWWISE") == NULL, err);
	if (rc != 0 || rep->total_errors) {
		import_stage_free(&u);
		close_spooled(&u, n);
		return rc != 0 ? rc : BPW_EINVAL;
	}
	rc = write_pass(&u, n, only, &again, err);
	if (again) {
		/* All of it was rolled back: the staged rows let go, once more
		 * row by row, as before the set-based write, from nothing. */
		report_reset(rep, false);
		import_stage_free(&u);
		run_reset(&u);
		/* The connection's temporary database given back whole: a
		 * change of temp_store closes it (its staged trail, and a file
		 * that a full disk left as large as the disk would let it). */
		sqlite3_exec(store_db(st), "PRAGMA temp_store = MEMORY;"
			     " PRAGMA temp_store = DEFAULT", NULL, NULL, NULL);
		bpw_error_clear(err);
		rc = write_pass(&u, n, only, &again, err);
	}
	import_stage_free(&u);
	run_reset(&u);
	close_spooled(&u, n);
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
	for (i = 0; i < rep->nwarnings; i++) {
		free(rep->warnings[i].file);
		free(rep->warnings[i].msg);
	}
	free(rep->warnings);
	for (i = 0; i < rep->nchanges; i++) {
		free(rep->changes[i].partner);
		free(rep->changes[i].metric);
		free(rep->changes[i].segment);
	}
	free(rep->changes);
	for (i = 0; i < rep->ntallies; i++) {
		free(rep->tallies[i].partner);
		free(rep->tallies[i].metric);
	}
	free(rep->tallies);
	memset(rep, 0, sizeof(*rep));
}
