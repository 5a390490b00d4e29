/* snapshot.c: freezing a quarter's QBR pack, and what changed since. A
 * snapshot keeps an item per partner for its health, each indicator, each
 * rule (with the rule's settings and the figures it read, so a change can
 * be told apart: new data, corrected data, changed thresholds) and each
 * key metric of the quarter (with the figure of each of its months); the
 * pack as written in every format and style is snapshot_rendering.c's. */
#include "snapshot.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "audit.h"
#include "observation.h"
#include "partner.h"
#include "report.h"
#include "sheet.h"
#include "snapshot_rendering.h"
#include "xalloc.h"

static const char sql_insert[] =
	"INSERT INTO snapshot(quarter, judged, taken, user, pack)"
	" VALUES (?1, ?2, ?3, ?4, ?5)";
static const char sql_item[] =
	"INSERT INTO snapshot_item(snapshot_id, partner, item, status, reason, value,"
	" settings, inputs) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
static const char sql_get[] =
	"SELECT id, judged, taken, user, pack FROM snapshot WHERE quarter = ?1";
static const char sql_items[] =
	"SELECT partner, item, status, reason, value, settings, inputs"
	" FROM snapshot_item WHERE snapshot_id = ?1";
/* When a month's figure was last corrected after the freeze: by a row of
 * the trail observation.c writes for a changed value, or among the figures
 * an import changed (audit_value, under the import's row). */
static const char sql_corrected[] =
	"SELECT day FROM ("
	" SELECT id, substr(at, 1, 10) AS day FROM audit WHERE action = 'observation'"
	"  AND partner = ?1 COLLATE NOCASE AND substr(object, 1, length(?2)) = ?2"
	"  AND at >= ?3 AND new = ?4"
	" UNION ALL"
	" SELECT a.id, substr(a.at, 1, 10) FROM audit a"
	"  JOIN audit_value v ON v.audit_id = a.id AND v.partner = ?1"
	"  WHERE a.action = 'import' AND a.at >= ?3 AND v.new = ?4"
	"  AND substr(" AUDIT_VALUE_OBJECT("v") ", 1, length(?2)) = ?2"
	") ORDER BY id DESC LIMIT 1";
static const char sql_logged[] =
	"SELECT 1 FROM audit WHERE action = 'snapshot' AND partner = ?1"
	" AND object = ?2 AND old IS ?3 AND new IS ?4";

/* One thing a pack shows, as stored and as compared. */
struct item {
	char *partner, *item, *status, *reason, *settings, *inputs;
	double value;		/* NaN: none */
};

struct items {
	struct item *v;
	size_t n;
};

static void items_free(struct items *it)
{
	size_t i;

	for (i = 0; i < it->n; i++) {
		free(it->v[i].partner);
		free(it->v[i].item);
		free(it->v[i].status);
		free(it->v[i].reason);
		free(it->v[i].settings);
		free(it->v[i].inputs);
	}
	free(it->v);
	memset(it, 0, sizeof(*it));
}

static void add_item(struct items *it, const char *partner, const char *item,
		     const char *status, const char *reason, double value,
		     const char *settings, const char *inputs)
{
	struct item *x;

	it->v = xrealloc(it->v, (it->n + 1) * sizeof(*it->v));
	x = &it->v[it->n++];
	x->partner = xstrdup(partner);
	x->item = xstrdup(item);
	x->status = status ? xstrdup(status) : NULL;
	x->reason = xstrdup(reason ? reason : "");
	x->value = value;
	x->settings = xstrdup(settings ? settings : "");
	x->inputs = xstrdup(inputs ? inputs : "");
}

/* A figure as the diff prints it: the shortest form that reads back, of
 * the value rounded to 6 decimals (figures worked out from others, such
 * as a mean gap, carry binary noise like 2.4999999999999902). */
static const char *num(double v, char *buf, size_t n)
{
	if (isnan(v))
		snprintf(buf, n, "-");
	else
		sheet_format_number(fabs(v) < 1e9 ? round(v * 1e6) / 1e6 : v, '.', buf, n);
	return buf;
}

/* A rule's settings as one line: what, when changed, changes its verdict. */
static void rule_settings(const struct ruleset *rs, const struct rule *r, struct strbuf *b)
{
	char w[32], a[32];
	size_t i;

	strbuf_addf(b, "kind %s", rule_kind_name(r->kind));
	if (r->metric >= 0)
		strbuf_addf(b, ", metric %s", rs->metrics[r->metric].key);
	if (r->segment && r->segment[0])
		strbuf_addf(b, ", segment %s", r->segment);
	if (r->has_score)
		strbuf_addf(b, ", warn %s, alert %s", num(r->warn, w, sizeof(w)),
			    num(r->alert, a, sizeof(a)));
	if (r->kind == RULE_TREND || r->kind == RULE_BALANCE)
		strbuf_addf(b, ", periods %d", r->periods);
	if (r->average > 1)
		strbuf_addf(b, ", average %d", r->average);
	if (r->kind == RULE_EVENTS || (r->kind == RULE_RATE && r->metric < 0))
		strbuf_addf(b, ", window %d, kinds %u%s", r->window, r->event_kinds,
			    r->fewer_is_better ? ", fewer is better" : "");
	if (r->kind == RULE_QA) {
		strbuf_addf(b, ", critical %s, overdue_days %d", r->critical ? "yes" : "no",
			    r->overdue_days);
		if (r->warn_days)
			strbuf_addf(b, ", warn_days %d, alert_days %d", r->warn_days,
				    r->alert_days);
		for (i = 0; i < r->n_sections; i++)
			strbuf_addf(b, "%s%s", i ? " " : ", sections ", r->sections[i]);
	}
	if (r->kind == RULE_BALANCE)
		strbuf_addf(b, ", improve %s", num(r->improve, w, sizeof(w)));
	if (r->kind == RULE_FRESHNESS)
		strbuf_addf(b, ", due_day %d", ruleset_due_day(rs, r));
	if (r->relative)
		strbuf_add(b, ", relative");
	if (r->baseline > 0)
		strbuf_addf(b, ", baseline %d (at least %d), recent %d, memory %d, "
			    "z %s/%s", r->baseline, r->min_baseline, r->recent, r->memory,
			    num(r->z_warn, w, sizeof(w)), num(r->z_alert, a, sizeof(a)));
	if (r->kind == RULE_RATE)
		strbuf_addf(b, ", min_count %s", num(r->min_count, w, sizeof(w)));
	if (rule_cause(r) == RULE_CAUSE_VOTE)
		strbuf_addf(b, ", cause check %s%%", num(100 * r->share, w, sizeof(w)));
	else if (rule_cause(r) == RULE_CAUSE_COMMON)
		strbuf_addf(b, ", common movement out (%d others)", r->min_partners);
}

/* The figures a rule read, a line each: "what|month|segment|source|text=value". */
static void rule_inputs(const struct rule_result *r, struct strbuf *b)
{
	char v[32];
	size_t i;

	for (i = 0; i < r->ninputs; i++) {
		const struct rule_input *in = &r->inputs[i];

		strbuf_addf(b, "%s|%s|%s|%s|%s=%s\n", in->what, in->period,
			    in->has_segment ? (in->segment[0] ? in->segment : "total") : "",
			    in->source >= 0 ? obs_source_name((enum obs_source)in->source) : "",
			    in->text ? in->text : "", num(in->value, v, sizeof(v)));
	}
}

static double rule_value(const struct rule_result *r)
{
	size_t i;

	for (i = 0; i < r->nfigs; i++)
		if (r->fig_name[i] == FIG_VALUE || r->fig_name[i] == FIG_SCORE
		    || r->fig_name[i] == FIG_COUNT || r->fig_name[i] == FIG_GAP)
			return r->fig[i];
	return NAN;
}

/* The monthly figures a quarter's value of a metric was combined from, a
 * line each: "2026-08=74.4" (months without figures left out). */
static void metric_inputs(const struct report *r, const struct report_metric *rm,
			  struct strbuf *b)
{
	char month[DATE_LEN], v[32];
	int k;

	for (k = 0; k < 3; k++) {
		double x = rm->spark[REPORT_SPARK_MONTHS - 3 + k];

		if (isnan(x))
			continue;
		period_add(r->q.first, k, month);
		strbuf_addf(b, "%.7s=%s\n", month, num(x, v, sizeof(v)));
	}
}

/* Everything the pack r shows that a snapshot keeps. */
static void collect(const struct report *r, struct items *out)
{
	struct strbuf settings = { 0 }, inputs = { 0 }, name = { 0 };
	char shown[64];
	size_t p, i, j;

	for (p = 0; p < r->count; p++) {
		const struct report_partner *rp = &r->partners[p];
		const struct partner_result *pr = rp->now;
		const char *code = rp->partner.code;

		if (pr == NULL)
			continue;
		add_item(out, code, "health", status_name(pr->status), "", pr->health,
			 NULL, NULL);
		for (i = 0; i < pr->ninds; i++) {
			const struct indicator_result *ir = &pr->inds[i];

			strbuf_free(&name);
			strbuf_addf(&name, "indicator %s", ir->ind->key);
			add_item(out, code, strbuf_str(&name), status_name(ir->status),
				 ir->reason, NAN, NULL, NULL);
			for (j = 0; j < ir->nrules; j++) {
				const struct rule_result *rr = &ir->rules[j];

				strbuf_free(&name);
				strbuf_free(&settings);
				strbuf_free(&inputs);
				strbuf_addf(&name, "rule %s/%s", ir->ind->key, rr->rule->key);
				rule_settings(r->eval.rs, rr->rule, &settings);
				rule_inputs(rr, &inputs);
				add_item(out, code, strbuf_str(&name), status_name(rr->status),
					 rr->reason, rule_value(rr), strbuf_str(&settings),
					 strbuf_str(&inputs));
			}
		}
		for (i = 0; i < rp->nmetrics; i++) {
			const struct report_metric *rm = &rp->metrics[i];

			strbuf_free(&name);
			strbuf_free(&inputs);
			strbuf_addf(&name, "metric %s", rm->m->key);
			metric_inputs(r, rm, &inputs);
			add_item(out, code, strbuf_str(&name), NULL,
				 report_value(rm, WHEN_NOW, shown, sizeof(shown)),
				 report_shown(rm, WHEN_NOW), NULL, strbuf_str(&inputs));
		}
	}
	strbuf_free(&settings);
	strbuf_free(&inputs);
	strbuf_free(&name);
}

/* The pack of quarter, evaluated with its explanations. */
static int load_pack(struct store *st, const struct ruleset *rs, const char *quarter,
		     const char *date, double qa_cap, struct report *r,
		     struct bpw_error *err)
{
	struct report_opts o = { .quarter = quarter, .date = date, .qa_cap = qa_cap };

	return report_load(st, rs, &o, r, err);
}

static void quarter_key(const struct quarter *q, char *buf, size_t n)
{
	snprintf(buf, n, "%dQ%d", q->year, q->q);
}

int snapshot_get(struct store *st, const char *quarter, struct snapshot_info *info,
		 struct strbuf *pack, struct bpw_error *err)
{
	struct quarter q;
	sqlite3_stmt *s;
	int rc;

	if (quarter_parse(quarter, &q) != 0)
		return bpw_error_set(err, BPW_EINVAL, "'%s' is not a quarter (e.g. 2026Q3)",
				     quarter);
	memset(info, 0, sizeof(*info));
	quarter_key(&q, info->quarter, sizeof(info->quarter));
	rc = store_cached(st, sql_get, &s, err);
	if (rc != 0)
		return rc;
	sqlite3_bind_text(s, 1, info->quarter, -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		info->id = sqlite3_column_int64(s, 0);
		snprintf(info->judged, sizeof(info->judged), "%s", sqlite3_column_text(s, 1));
		snprintf(info->taken, sizeof(info->taken), "%s", sqlite3_column_text(s, 2));
		snprintf(info->user, sizeof(info->user), "%s", sqlite3_column_text(s, 3));
		if (pack)
			strbuf_add(pack, (const char *)sqlite3_column_text(s, 4));
		rc = 0;
	} else {
		rc = rc == SQLITE_DONE ? bpw_error_set(err, BPW_ENOENT, "%s has not been "
			"frozen (report --quarter %s --freeze)", info->quarter, info->quarter)
			: store_fail(st, rc, err, "cannot read snapshots");
	}
	sqlite3_reset(s);
	return rc;
}

static int store_items(struct store *st, int64_t id, const struct items *it,
		       struct bpw_error *err)
{
	sqlite3_stmt *q;
	size_t i;
	int rc = store_cached(st, sql_item, &q, err);

	for (i = 0; rc == 0 && i < it->n; i++) {
		const struct item *x = &it->v[i];

		sqlite3_bind_int64(q, 1, id);
		sqlite3_bind_text(q, 2, x->partner, -1, SQLITE_STATIC);
		sqlite3_bind_text(q, 3, x->item, -1, SQLITE_STATIC);
		store_bind_text(q, 4, x->status, true);
		sqlite3_bind_text(q, 5, x->reason, -1, SQLITE_STATIC);
		if (isnan(x->value))
			sqlite3_bind_null(q, 6);
		else
			sqlite3_bind_double(q, 6, x->value);
		sqlite3_bind_text(q, 7, x->settings, -1, SQLITE_STATIC);
		sqlite3_bind_text(q, 8, x->inputs, -1, SQLITE_STATIC);
		rc = sqlite3_step(q);
		sqlite3_reset(q);
		rc = rc == SQLITE_DONE ? 0 : store_fail(st, rc, err, "cannot store the snapshot");
	}
	return rc;
}

int snapshot_freeze(struct store *st, const struct ruleset *rs, const char *quarter,
		    const char *date, double qa_cap, struct snapshot_info *info,
		    struct bpw_error *err)
{
	struct snapshot_info have, dummy;
	struct report r;
	struct items it = { 0 };
	struct snapshot_renderings kept = { 0 };
	struct strbuf pack = { 0 }, did = { 0 };
	sqlite3_stmt *q;
	time_t now = time(NULL);
	struct tm tm;
	int rc;

	info = info ? info : &dummy;
	rc = snapshot_get(st, quarter, &have, NULL, err);
	if (rc == 0)
		return bpw_error_set(err, BPW_EEXIST, "%s was frozen on %.10s by %s and is "
				     "never changed (--diff shows what changed since)",
				     have.quarter, have.taken, have.user);
	if (rc != BPW_ENOENT)
		return rc;
	rc = load_pack(st, rs, quarter, date, qa_cap, &r, err);
	if (rc != 0) {
		report_free(&r);
		return rc;
	}
	report_write_md(&r, &pack, NULL);
	snapshot_renderings_render(&r, &kept);
	collect(&r, &it);
	memset(info, 0, sizeof(*info));
	quarter_key(&r.q, info->quarter, sizeof(info->quarter));
	memcpy(info->judged, r.judged, DATE_LEN);
	gmtime_r(&now, &tm);
	strftime(info->taken, sizeof(info->taken), "%Y-%m-%dT%H:%M:%SZ", &tm);
	snprintf(info->user, sizeof(info->user), "%s", audit_user());
	strbuf_addf(&did, "frozen: %zu partners, statuses as of %s", r.count, r.judged);
	report_free(&r);
	rc = store_begin(st, err);
	/* Under the write lock again: another process may have frozen the
	 * quarter while this one made its pack. */
	if (rc == 0) {
		rc = snapshot_get(st, quarter, &have, NULL, err);
		if (rc == 0)
			rc = bpw_error_set(err, BPW_EEXIST, "%s was frozen on %.10s by %s "
					   "while this pack was being made, and is never "
					   "changed (--diff shows what changed since)",
					   have.quarter, have.taken, have.user);
		else if (rc == BPW_ENOENT)
			rc = 0, bpw_error_clear(err);
	}
	if (rc == 0)
		rc = store_cached(st, sql_insert, &q, err);
	if (rc == 0) {
		sqlite3_bind_text(q, 1, info->quarter, -1, SQLITE_STATIC);
		sqlite3_bind_text(q, 2, info->judged, -1, SQLITE_STATIC);
		sqlite3_bind_text(q, 3, info->taken, -1, SQLITE_STATIC);
		sqlite3_bind_text(q, 4, info->user, -1, SQLITE_STATIC);
		sqlite3_bind_text(q, 5, strbuf_str(&pack), -1, SQLITE_STATIC);
		rc = sqlite3_step(q);
		sqlite3_reset(q);
		rc = rc == SQLITE_DONE ? 0 : store_fail(st, rc, err, "cannot store the snapshot");
	}
	if (rc == 0) {
		info->id = sqlite3_last_insert_rowid(store_db(st));
		rc = store_items(st, info->id, &it, err);
	}
	if (rc == 0)
		rc = snapshot_renderings_store(st, info->id, &kept, err);
	if (rc == 0)
		rc = audit_append(st, "snapshot", 0, info->quarter, NULL, strbuf_str(&did), err);
	if (rc == 0)
		rc = store_commit(st, err);
	else if (!store_is_readonly(st))
		store_rollback(st);
	if (rc != 0)
		info->id = 0;
	items_free(&it);
	snapshot_renderings_free(&kept);
	strbuf_free(&pack);
	strbuf_free(&did);
	return rc;
}

/* ---------------------------------------------------------------- diff */

static int item_cmp(const void *a, const void *b)
{
	const struct item *x = a, *y = b;
	int c = strcmp(x->partner, y->partner);

	return c ? c : strcmp(x->item, y->item);
}

static int load_items(struct store *st, int64_t id, struct items *out,
		      struct bpw_error *err)
{
	sqlite3_stmt *q;
	int rc = store_cached(st, sql_items, &q, err);

	if (rc != 0)
		return rc;
	sqlite3_bind_int64(q, 1, id);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW)
		add_item(out, (const char *)sqlite3_column_text(q, 0),
			 (const char *)sqlite3_column_text(q, 1),
			 (const char *)sqlite3_column_text(q, 2),
			 (const char *)sqlite3_column_text(q, 3),
			 sqlite3_column_type(q, 4) == SQLITE_NULL ? NAN
				: sqlite3_column_double(q, 4),
			 (const char *)sqlite3_column_text(q, 5),
			 (const char *)sqlite3_column_text(q, 6));
	sqlite3_reset(q);
	return rc == SQLITE_DONE ? 0 : store_fail(st, rc, err, "cannot read the snapshot");
}

static bool same_value(double a, double b)
{
	return (isnan(a) && isnan(b)) || a == b;
}

static bool same_item(const struct item *a, const struct item *b)
{
	return strcmp(a->status ? a->status : "", b->status ? b->status : "") == 0 &&
	       strcmp(a->reason, b->reason) == 0 && same_value(a->value, b->value);
}

/* The next number in *p ("74.6", "2026-09" reads as 2026 and 09), its
 * length in *n; NULL at the end. */
static const char *next_number(const char **p, size_t *n)
{
	const char *s = *p;

	while (*s && !isdigit((unsigned char)*s))
		s++;
	if (*s == '\0')
		return NULL;
	*n = 0;
	while (isdigit((unsigned char)s[*n]) ||
	       (s[*n] == '.' && isdigit((unsigned char)s[*n + 1])))
		(*n)++;
	*p = s + *n;
	return s;
}

/* Whether a and b say the same numbers in the same order. */
static bool same_numbers(const char *a, const char *b)
{
	for (;;) {
		size_t na = 0, nb = 0;
		const char *x = next_number(&a, &na), *y = next_number(&b, &nb);

		if (x == NULL || y == NULL)
			return x == y;
		if (na != nb || strncmp(x, y, na) != 0)
			return false;
	}
}

/* Whether a and b differ only in the words of their reasons: the same
 * status, value, settings and inputs, and the same numbers in the same
 * order (how a newer version words a reason: "8% (relative) below" for
 * "8% below"); not a change of the pack's figures. */
static bool worded_only(const struct item *a, const struct item *b)
{
	return strcmp(a->status ? a->status : "", b->status ? b->status : "") == 0 &&
	       same_value(a->value, b->value) &&
	       strcmp(a->settings ? a->settings : "", b->settings ? b->settings : "") == 0 &&
	       strcmp(a->inputs ? a->inputs : "", b->inputs ? b->inputs : "") == 0 &&
	       same_numbers(a->reason, b->reason);
}

/* The value of input line key ("what|month|segment|source|text") in the
 * lines of text, or NULL; *len its length. */
static const char *input_value(const char *text, const char *key, size_t klen,
			       size_t *len)
{
	const char *p = text;

	while (*p) {
		size_t n = strcspn(p, "\n");

		if (n > klen && strncmp(p, key, klen) == 0 && p[klen] == '=') {
			*len = n - klen - 1;
			return p + klen + 1;
		}
		p += n + (p[n] == '\n');
	}
	return NULL;
}

/* An input line as people read it: "csat 2026-09 total client". */
static void input_words(struct strbuf *b, const char *line, size_t klen)
{
	size_t i;

	while (klen > 0 && line[klen - 1] == '|')
		klen--;
	for (i = 0; i < klen; i++)
		strbuf_addn(b, line[i] == '|' ? " " : line + i, 1);
}

/* The length of an input line's key: up to its last '=' (the value, a
 * number, has none; a segment such as channel=phone has). */
static size_t key_len(const char *line, size_t n)
{
	size_t k = n;

	while (k > 0 && line[k - 1] != '=')
		k--;
	return k ? k - 1 : n;
}

/* " (corrected 2026-12-05)": the day a figure of partner was last changed
 * to value (text as stored, length vlen) since the snapshot was taken, by
 * the audit row observation.c writes ("csat 2026-09 total (client)",
 * whose start is object); nothing when the audit trail does not say. */
static int add_corrected(struct strbuf *b, struct store *st, const struct snapshot_info *info,
			 const char *partner, const char *object, const char *value,
			 size_t vlen, struct bpw_error *err)
{
	sqlite3_stmt *q;
	int rc = store_cached(st, sql_corrected, &q, err);

	if (rc != 0)
		return rc;
	sqlite3_bind_text(q, 1, partner, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 2, object, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(q, 3, info->taken, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 4, value, (int)vlen, SQLITE_TRANSIENT);
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW && sqlite3_column_text(q, 0))
		strbuf_addf(b, " (corrected %s)", (const char *)sqlite3_column_text(q, 0));
	sqlite3_reset(q);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0
		: store_fail(st, rc, err, "cannot read the audit trail");
}

/* The metric of a rule's settings line ("kind shift, metric csat, ..."),
 * its length in *n; NULL when the rule reads none. */
static const char *settings_metric(const char *settings, size_t *n)
{
	const char *m = strstr(settings, ", metric ");

	if (m == NULL)
		return NULL;
	m += strlen(", metric ");
	*n = strcspn(m, ",");
	return m;
}

/* The audit object of an input line that is the partner's own figure of
 * metric ("recent|2026-09|total|client|"), or of the metric its text
 * names (a rule reading two metrics: "recent|2026-09|total|client|csat"):
 * "csat 2026-09 total (client)"; false for other lines (a portfolio
 * median, an event, an audit). */
static bool input_object(const char *line, size_t klen, const char *metric, size_t mlen,
			 char *buf, size_t n)
{
	const char *f[5];
	size_t len[5], i;
	const char *p = line, *end = line + klen;

	for (i = 0; i < 5; i++) {
		const char *bar = memchr(p, '|', (size_t)(end - p));

		f[i] = p;
		len[i] = bar ? (size_t)(bar - p) : (size_t)(end - p);
		p = bar ? bar + 1 : end;
	}
	if (len[4] > 0) {
		metric = f[4];
		mlen = len[4];
	}
	if (metric == NULL || len[1] < 7 || len[2] == 0 || len[3] == 0 ||
	    (len[0] == strlen("portfolio median") &&
	     strncmp(f[0], "portfolio median", len[0]) == 0))
		return false;
	snprintf(buf, n, "%.*s %.7s %.*s (%.*s)", (int)mlen, metric, f[1], (int)len[2], f[2],
		 (int)len[3], f[3]);
	return true;
}

/* Why the figures a rule of partner read differ: new, corrected (with the
 * day, when the audit trail says), gone. */
static int inputs_why(struct strbuf *why, struct store *st, const struct snapshot_info *info,
		      const char *partner, const char *settings, const char *then,
		      const char *now, struct bpw_error *err)
{
	char object[300];
	const char *p, *metric;
	size_t mlen = 0;
	int rc = 0;

	metric = settings_metric(settings, &mlen);

	for (p = now; *p; ) {
		size_t n = strcspn(p, "\n"), klen = key_len(p, n);
		size_t vlen;
		const char *old = klen < n ? input_value(then, p, klen, &vlen) : NULL;

		if (klen < n && old == NULL) {
			strbuf_add(why, "      new data: ");
			input_words(why, p, klen);
			strbuf_addf(why, " %.*s\n", (int)(n - klen - 1), p + klen + 1);
		} else if (klen < n && (vlen != n - klen - 1 ||
					strncmp(old, p + klen + 1, vlen) != 0)) {
			strbuf_add(why, "      corrected data: ");
			input_words(why, p, klen);
			strbuf_addf(why, " %.*s -> %.*s", (int)vlen, old,
				    (int)(n - klen - 1), p + klen + 1);
			if (rc == 0 && input_object(p, klen, metric, mlen, object, sizeof(object)))
				rc = add_corrected(why, st, info, partner, object, p + klen + 1,
						   n - klen - 1, err);
			strbuf_add(why, "\n");
		}
		p += n + (p[n] == '\n');
	}
	for (p = then; *p; ) {
		size_t n = strcspn(p, "\n"), klen = key_len(p, n), vlen;

		if (klen < n && input_value(now, p, klen, &vlen) == NULL) {
			strbuf_add(why, "      data no longer there: ");
			input_words(why, p, klen);
			strbuf_add(why, "\n");
		}
		p += n + (p[n] == '\n');
	}
	return rc;
}

/* Why a key metric's figure of the quarter differs, month by month:
 * "SUN csat 2026-08: 74.4 -> 75.1 (corrected 2026-12-05)", "new: SUN csat
 * 2026-09: 81", "no longer there: ...". */
static int metric_why(struct store *st, const struct snapshot_info *info,
		      const struct item *then, const struct item *now,
		      struct strbuf *why, struct bpw_error *err)
{
	const char *metric = now->item + strlen("metric "), *p;
	char object[160];
	int rc = 0;

	for (p = now->inputs; rc == 0 && *p; ) {
		size_t n = strcspn(p, "\n"), klen = key_len(p, n), vlen;
		const char *old = klen < n ? input_value(then->inputs, p, klen, &vlen) : NULL;

		if (klen < n && old == NULL) {
			strbuf_addf(why, "      new: %s %s %.*s: %.*s\n", now->partner, metric,
				    (int)klen, p, (int)(n - klen - 1), p + klen + 1);
		} else if (klen < n && (vlen != n - klen - 1 ||
					strncmp(old, p + klen + 1, vlen) != 0)) {
			strbuf_addf(why, "      %s %s %.*s: %.*s -> %.*s", now->partner, metric,
				    (int)klen, p, (int)vlen, old, (int)(n - klen - 1),
				    p + klen + 1);
			snprintf(object, sizeof(object), "%s %.*s total (", metric, (int)klen, p);
			rc = add_corrected(why, st, info, now->partner, object, p + klen + 1,
					   n - klen - 1, err);
			strbuf_add(why, "\n");
		}
		p += n + (p[n] == '\n');
	}
	for (p = then->inputs; rc == 0 && *p; ) {
		size_t n = strcspn(p, "\n"), klen = key_len(p, n), vlen;

		if (klen < n && input_value(now->inputs, p, klen, &vlen) == NULL)
			strbuf_addf(why, "      no longer there: %s %s %.*s: %.*s\n", now->partner,
				    metric, (int)klen, p, (int)(n - klen - 1), p + klen + 1);
		p += n + (p[n] == '\n');
	}
	return rc;
}

/* A change the configuration made: into the audit trail, once. */
static int audit_config_change(struct store *st, const char *quarter,
			       const struct item *then, const struct item *now,
			       struct bpw_error *err)
{
	char object[300];
	struct partner p;
	sqlite3_stmt *q;
	bool logged;
	int rc;

	if (store_is_readonly(st))
		return 0;
	snprintf(object, sizeof(object), "%s %s: thresholds or settings changed", quarter,
		 now->item);
	rc = store_cached(st, sql_logged, &q, err);
	if (rc != 0)
		return rc;
	sqlite3_bind_text(q, 1, now->partner, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 2, object, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 3, then->status, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 4, now->status, -1, SQLITE_STATIC);
	logged = sqlite3_step(q) == SQLITE_ROW;
	sqlite3_reset(q);
	if (logged)
		return 0;
	memset(&p, 0, sizeof(p));
	rc = partner_find(st, now->partner, &p, err);
	if (rc == 0)
		rc = store_begin(st, err);
	if (rc == 0) {
		rc = audit_append(st, "snapshot", p.id, object, then->status, now->status, err);
		rc = rc == 0 ? store_commit(st, err) : (store_rollback(st), rc);
	}
	partner_clear(&p);
	return rc;
}

/* "ALERT" for a stored "alert". */
static const char *label(const char *name)
{
	int s = name ? status_parse(name, strlen(name)) : -1;

	return s >= 0 ? status_label((enum status)s) : name ? name : "-";
}

static void show_item(struct strbuf *b, const struct item *then, const struct item *now)
{
	const struct item *x = now ? now : then;
	char v0[32], v1[32];

	strbuf_addf(b, "%s %s: ", x->partner, x->item);
	if (then && now && strcmp(then->status ? then->status : "", now->status ? now->status : "") != 0)
		strbuf_addf(b, "%s -> %s\n", label(then->status), label(now->status));
	else if (then && now && !same_value(then->value, now->value))
		strbuf_addf(b, "%s -> %s\n", num(then->value, v0, sizeof(v0)),
			    num(now->value, v1, sizeof(v1)));
	else
		strbuf_add(b, now && then ? "reason changed\n" : now ? "not in the snapshot\n"
			   : "no longer shown\n");
	if (then && now && strcmp(then->reason, now->reason) != 0)
		strbuf_addf(b, "    then: %s\n    now:  %s\n", then->reason, now->reason);
}

int snapshot_diff(struct store *st, const struct ruleset *rs, const char *quarter,
		  double qa_cap, struct strbuf *out, int *changes,
		  struct bpw_error *err)
{
	struct snapshot_info info;
	struct items then = { 0 }, now = { 0 };
	struct report r;
	struct strbuf why = { 0 };
	size_t i = 0, j = 0;
	int rc, kept = 0, worded = 0;

	*changes = 0;
	rc = snapshot_get(st, quarter, &info, NULL, err);
	if (rc != 0)
		return rc;
	rc = snapshot_renderings_count(st, info.id, &kept, err);
	if (rc == 0)
		rc = load_items(st, info.id, &then, err);
	if (rc != 0)
		goto out;	/* r was never loaded: nothing to free */
	rc = load_pack(st, rs, quarter, info.judged, qa_cap, &r, err);
	if (rc == 0)
		collect(&r, &now);
	report_free(&r);
	if (rc != 0)
		goto out;
	xqsort(then.v, then.n, sizeof(*then.v), item_cmp);
	xqsort(now.v, now.n, sizeof(*now.v), item_cmp);
	strbuf_addf(out, "%s frozen %s by %s, statuses as of %s; what the pack shows now:\n",
		    info.quarter, info.taken, info.user, info.judged);
	while (rc == 0 && (i < then.n || j < now.n)) {
		struct item *a = i < then.n ? &then.v[i] : NULL;
		struct item *b = j < now.n ? &now.v[j] : NULL;
		int c = a && b ? item_cmp(a, b) : a ? -1 : 1;

		if (c < 0)
			b = NULL, i++;
		else if (c > 0)
			a = NULL, j++;
		else
			i++, j++;
		if (a && b && same_item(a, b))
			continue;
		if (a && b && worded_only(a, b)) {
			worded++;
			continue;
		}
		(*changes)++;
		show_item(out, a, b);
		if (a == NULL || b == NULL)
			continue;
		strbuf_free(&why);
		if (strcmp(a->settings, b->settings) != 0) {
			strbuf_addf(&why, "      changed thresholds or settings: %s -> %s\n",
				    a->settings, b->settings);
			rc = audit_config_change(st, info.quarter, a, b, err);
		}
		if (strncmp(b->item, "metric ", 7) != 0)
			rc = rc ? rc : inputs_why(&why, st, &info, b->partner, b->settings,
						  a->inputs, b->inputs, err);
		else if (kept)	/* else the snapshot has no months to compare */
			rc = rc ? rc : metric_why(st, &info, a, b, &why, err);
		if (why.len == 0 && strncmp(b->item, "rule ", 5) == 0)
			strbuf_add(&why, "      other partners' figures (the portfolio median or "
				   "the cause check)\n");
		else if (why.len == 0 && strncmp(b->item, "metric ", 7) == 0)
			strbuf_addf(&why, "      new or corrected figures of the quarter%s\n",
				    kept ? "" : " (this snapshot was frozen before the "
				    "figures of each month were kept)");
		else if (why.len == 0)
			strbuf_add(&why, "      follows from its rules\n");
		strbuf_add(out, "    why:\n");
		strbuf_add(out, strbuf_str(&why));
	}
	if (worded > 0)
		strbuf_addf(out, "%d reason%s worded differently now, with the same status, "
			    "figures and settings (not counted as changes)\n", worded,
			    worded == 1 ? " is" : "s are");
	if (*changes == 0)
		strbuf_add(out, "no change: the pack shows what the snapshot shows\n");
	else
		strbuf_addf(out, "%d change%s since the snapshot\n", *changes,
			    *changes == 1 ? "" : "s");
out:
	strbuf_free(&why);
	items_free(&then);
	items_free(&now);
	return rc;
}
