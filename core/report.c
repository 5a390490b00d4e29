/* report.c: the QBR pack's model: two evaluations (this quarter's end and
 * the previous one's), every metric's monthly totals over two years in one
 * query per metric, the quarter's final audits, events and open actions. */
#include "report.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "judgement_codec.h"
#include "report_chart.h"
#include "stats.h"
#include "xalloc.h"

/* The final audits of a span of days, oldest first. */
static const char sql_audits[] =
	"SELECT id FROM qa_review WHERE status = 'final'"
	" AND date BETWEEN ?1 AND ?2 ORDER BY date, id";

/* Totals of one metric over the window, every partner at once. */
static const char sql_totals[] =
	"SELECT partner_id, source, period, value FROM obs"
	" WHERE metric = (SELECT id FROM metric WHERE key = ?1) AND segment = 0"
	" AND period BETWEEN ?2 AND ?3";

static const char *const format_names[] = {
#define X(e, n, fn) [REPORT_##e] = n,
	REPORT_FORMATS(X)
#undef X
};

static void (*const writers[])(const struct report *, struct strbuf *, FILE *) = {
#define X(e, n, fn) [REPORT_##e] = fn,
	REPORT_FORMATS(X)
#undef X
};

int report_format_parse(const char *s)
{
	int f;

	for (f = 0; f < REPORT_FORMAT_COUNT; f++)
		if (s && strcmp(s, format_names[f]) == 0)
			return f;
	return -1;
}

const char *report_format_name(enum report_format f)
{
	return (unsigned)f < REPORT_FORMAT_COUNT ? format_names[f] : "";
}

void report_write(const struct report *r, enum report_format f,
		  struct strbuf *b)
{
	if ((unsigned)f < REPORT_FORMAT_COUNT)
		writers[f](r, b, NULL);
}

void report_write_to(const struct report *r, enum report_format f, FILE *out)
{
	struct strbuf b = { 0 };

	if ((unsigned)f < REPORT_FORMAT_COUNT)
		writers[f](r, &b, out);
	strbuf_free(&b);
}

/* The partner's months of one metric: client figures where there are any,
 * else the partner's own; each source apart for the chart; and what the
 * portfolio's figures say (every partner not archived, also those left
 * out of a one-partner pack, so that its charts are the full pack's): the
 * median of every month, the widest range one partner's figures have,
 * and the median of all figures. */
struct window {
	char first[DATE_LEN];
	int first_index;
	size_t npartners, nmetrics;
	double *v;			/* [partner][metric][month] */
	unsigned char *client;		/* same shape: the slot holds a client value */
	double *pv, *cv;		/* same shape: partner's, client's figures */
	double *med;			/* [metric][month] */
	double *widest, *level;		/* [metric] */
	int64_t *ids;			/* the portfolio's partners, sorted */
	size_t nids;
};

/* One figure of the window query, for the portfolio median. */
struct wrow {
	int64_t pid;
	int month;
	int client;
	double v;
};

static int wrow_cmp_pid(const void *a, const void *b)
{
	const struct wrow *x = a, *y = b;

	return (x->pid > y->pid) - (x->pid < y->pid);
}

static int id_cmp(const void *a, const void *b)
{
	const int64_t *x = a, *y = b;

	return (*x > *y) - (*x < *y);
}

/* By month, partner, then the client's figure first. */
static int wrow_cmp(const void *a, const void *b)
{
	const struct wrow *x = a, *y = b;

	if (x->month != y->month)
		return x->month < y->month ? -1 : 1;
	if (x->pid != y->pid)
		return x->pid < y->pid ? -1 : 1;
	return y->client - x->client;
}

/* What rows (one metric, every partner) say of the portfolio: the median
 * of each month into med[0..REPORT_SPARK_MONTHS) and of all months into
 * *level (one figure per partner and month: the client's where there is
 * one), and the widest range of one partner's figures, both sources. */
static void window_portfolio(struct wrow *rows, size_t n, double *med,
			     double *widest, double *level)
{
	double *v = xmalloc((n + 1) * sizeof(*v)), lo = 0, hi = 0;
	size_t i = 0, nall = 0, from;

	xqsort(rows, n, sizeof(*rows), wrow_cmp);
	while (i < n) {
		int month = rows[i].month;

		from = nall;
		for (; i < n && rows[i].month == month; i++)
			if (i == 0 || rows[i - 1].month != month ||
			    rows[i - 1].pid != rows[i].pid)
				v[nall++] = rows[i].v;
		med[month] = nall > from ? stats_median(v + from, nall - from) : NAN;
	}
	*level = nall ? stats_median(v, nall) : NAN;
	free(v);
	*widest = 0;
	xqsort(rows, n, sizeof(*rows), wrow_cmp_pid);
	for (i = 0; i < n; i++) {
		if (i == 0 || rows[i].pid != rows[i - 1].pid)
			lo = hi = rows[i].v;
		lo = fmin(lo, rows[i].v);
		hi = fmax(hi, rows[i].v);
		*widest = fmax(*widest, hi - lo);
	}
}

static size_t slot(const struct window *w, size_t p, size_t m, int month)
{
	return (p * w->nmetrics + m) * REPORT_SPARK_MONTHS + (size_t)month;
}

static int partner_cmp_id(const void *a, const void *b)
{
	const struct report_partner *x = a, *y = b;

	return (x->partner.id > y->partner.id) - (x->partner.id < y->partner.id);
}

/* Index of the partner with this id in the id-sorted array, or -1. */
static long find_id(const struct report_partner *ps, size_t n, int64_t id)
{
	struct report_partner key;
	const struct report_partner *hit;

	key.partner.id = id;
	hit = n ? bsearch(&key, ps, n, sizeof(*ps), partner_cmp_id) : NULL;
	return hit ? (long)(hit - ps) : -1;
}

static int load_window(struct store *st, struct report *r, struct window *w,
		       struct bpw_error *err)
{
	sqlite3_stmt *q;
	size_t m, i;
	int rc = 0;

	w->npartners = r->count;
	w->nmetrics = r->metrics.count;
	period_add(r->q.last, -(REPORT_SPARK_MONTHS - 1), w->first);
	w->first_index = date_month_index(w->first);
	w->v = xcalloc(w->npartners * w->nmetrics * REPORT_SPARK_MONTHS + 1,
		       sizeof(double));
	w->client = xcalloc(w->npartners * w->nmetrics * REPORT_SPARK_MONTHS + 1, 1);
	w->pv = xcalloc(w->npartners * w->nmetrics * REPORT_SPARK_MONTHS + 1,
			sizeof(double));
	w->cv = xcalloc(w->npartners * w->nmetrics * REPORT_SPARK_MONTHS + 1,
			sizeof(double));
	w->med = xcalloc(w->nmetrics * REPORT_SPARK_MONTHS + 1, sizeof(double));
	w->widest = xcalloc(w->nmetrics + 1, sizeof(double));
	w->level = xcalloc(w->nmetrics + 1, sizeof(double));
	for (i = 0; i < w->npartners * w->nmetrics * REPORT_SPARK_MONTHS; i++)
		w->v[i] = w->pv[i] = w->cv[i] = NAN;
	for (i = 0; i < w->nmetrics * REPORT_SPARK_MONTHS; i++)
		w->med[i] = NAN;
	for (m = 0; m < w->nmetrics && rc == 0; m++) {
		struct wrow *rows = NULL;
		size_t nrows = 0, cap = 0;

		rc = store_cached(st, sql_totals, &q, err);
		if (rc != 0)
			break;
		store_bind_text(q, 1, r->metrics.items[m].key, false);
		sqlite3_bind_int(q, 2, period_num(w->first));
		sqlite3_bind_int(q, 3, period_num(r->q.last));
		while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
			long p = find_id(r->partners, r->count,
					 sqlite3_column_int64(q, 0));
			bool is_client = sqlite3_column_int(q, 1) == 1;
			double value = sqlite3_column_double(q, 3);
			int64_t rows_pid = sqlite3_column_int64(q, 0);
			int month;
			size_t k;

			month = period_num_month_index(sqlite3_column_int(q, 2)) -
				w->first_index;
			if (month < 0 || month >= REPORT_SPARK_MONTHS)
				continue;
			if (!bsearch(&rows_pid, w->ids, w->nids, sizeof(*w->ids),
				     id_cmp))
				continue;	/* archived: not in the portfolio */
			if (nrows == cap) {
				cap = cap ? 2 * cap : 64;
				rows = xrealloc(rows, cap * sizeof(*rows));
			}
			rows[nrows].pid = rows_pid;
			rows[nrows].month = month;
			rows[nrows].client = is_client;
			rows[nrows++].v = value;
			if (p < 0)
				continue;
			k = slot(w, (size_t)p, m, month);
			(is_client ? w->cv : w->pv)[k] = value;
			if (w->client[k] && !is_client)
				continue;
			w->client[k] = is_client;
			w->v[k] = value;
		}
		sqlite3_reset(q);
		window_portfolio(rows, nrows, &w->med[m * REPORT_SPARK_MONTHS],
				 &w->widest[m], &w->level[m]);
		free(rows);
		rc = rc == SQLITE_DONE ? 0
			: store_fail(st, rc, err, "cannot load the figures");
	}
	return rc;
}

/* The value of months [from, from+3) of v combined as the metric says. */
static double combine(const double *v, int from, enum metric_agg agg, int *n)
{
	double sum = 0, last = NAN;
	int i;

	*n = 0;
	for (i = from; i < from + 3; i++) {
		if (i < 0 || i >= REPORT_SPARK_MONTHS || isnan(v[i]))
			continue;
		sum += v[i];
		last = v[i];
		(*n)++;
	}
	if (*n == 0)
		return NAN;
	return agg == METRIC_SUM ? sum : agg == METRIC_LAST ? last : sum / *n;
}

static void build_metrics(struct report *r, const struct window *w)
{
	const int now = REPORT_SPARK_MONTHS - 3;
	size_t p, m;

	for (p = 0; p < r->count; p++) {
		struct report_partner *rp = &r->partners[p];

		rp->metrics = xcalloc(w->nmetrics + 1, sizeof(*rp->metrics));
		for (m = 0; m < w->nmetrics; m++) {
			const double *v = &w->v[slot(w, p, m, 0)];
			const struct metric *mt = &r->metrics.items[m];
			struct report_metric *rm = &rp->metrics[rp->nmetrics];
			int i, seen = 0;

			for (i = 0; i < REPORT_SPARK_MONTHS; i++)
				seen += !isnan(v[i]);
			if (seen == 0)
				continue;
			rm->m = mt;
			rm->spark = v;
			rm->partner = &w->pv[slot(w, p, m, 0)];
			rm->client = &w->cv[slot(w, p, m, 0)];
			rm->median = &w->med[m * REPORT_SPARK_MONTHS];
			rm->now = combine(v, now, mt->agg, &rm->months[0]);
			rm->prev = combine(v, now - 3, mt->agg, &rm->months[1]);
			rm->year_ago = combine(v, now - 12, mt->agg, &rm->months[2]);
			rp->nmetrics++;
		}
	}
}

/* Final audits dated within the quarter, oldest first: only those are
 * loaded and scored. */
static int load_audits(struct store *st, struct report *r, double cap,
		       struct bpw_error *err)
{
	int64_t *ids = NULL;
	size_t n = 0, i;
	sqlite3_stmt *q;
	int rc;

	rc = store_cached(st, sql_audits, &q, err);
	if (rc != 0)
		return rc;
	store_bind_text(q, 1, r->q.first, false);
	store_bind_text(q, 2, r->q.end, false);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		ids = xrealloc(ids, (n + 1) * sizeof(*ids));
		ids[n++] = sqlite3_column_int64(q, 0);
	}
	sqlite3_reset(q);
	rc = rc == SQLITE_DONE ? 0 : store_fail(st, rc, err, "cannot list the audits");
	for (i = 0; rc == 0 && i < n; i++) {
		struct report_partner *rp;
		struct qa_review rv;
		long p;

		memset(&rv, 0, sizeof(rv));
		rc = qa_review_load(st, ids[i], cap, &rv, err);
		if (rc != 0)
			break;
		p = find_id(r->partners, r->count, rv.partner_id);
		if (p < 0) {
			qa_review_clear(&rv);
			continue;
		}
		rp = &r->partners[p];
		rp->audits = xrealloc(rp->audits, (rp->naudits + 1) * sizeof(rv));
		rp->audits[rp->naudits++] = rv;
	}
	free(ids);
	return rc;
}

/* Open actions of every partner, one query, shared out by partner. */
static int load_actions(struct store *st, struct report *r,
			struct bpw_error *err)
{
	struct action_list all;
	size_t i;
	int rc;

	rc = action_list(st, 0, true, &all, err);
	if (rc != 0)
		return rc;
	for (i = 0; i < all.count; i++) {
		long p = find_id(r->partners, r->count, all.items[i].partner_id);
		struct action_list *l;

		if (p < 0) {
			action_clear(&all.items[i]);
			continue;
		}
		l = &r->partners[p].actions;
		l->items = xrealloc(l->items, (l->count + 1) * sizeof(*l->items));
		l->items[l->count++] = all.items[i];	/* takes its strings */
		if (all.items[i].due[0] && strcmp(all.items[i].due, r->date) < 0)
			r->partners[p].overdue++;
	}
	free(all.items);
	return 0;
}

/* The review meetings held in the dashboard that began or closed in the
 * quarter and its action history (raised or closed in the quarter, any
 * status), shared out by partner. */
static int load_meetings(struct store *st, struct report *r, struct bpw_error *err)
{
	struct meeting_list ml;
	struct action_list all;
	size_t i;
	int rc;

	rc = meeting_list(st, 0, NULL, r->q.end, &ml, err);
	if (rc != 0)
		return rc;
	for (i = 0; i < ml.count; i++) {
		const struct meeting *m = &ml.items[i];
		long p = find_id(r->partners, r->count, m->partner_id);
		bool in = strcmp(m->started, r->q.first) >= 0 ||
			  (m->closed[0] && strcmp(m->closed, r->q.first) >= 0 &&
			   strcmp(m->closed, r->q.end) <= 0);
		struct meeting_list *l;

		if (p < 0 || !in) {
			meeting_clear(&ml.items[i]);
			continue;
		}
		l = &r->partners[p].meetings;
		l->items = xrealloc(l->items, (l->count + 1) * sizeof(*l->items));
		l->items[l->count++] = ml.items[i];	/* takes its strings */
	}
	free(ml.items);
	rc = action_list(st, 0, false, &all, err);
	if (rc != 0)
		return rc;
	for (i = 0; i < all.count; i++) {
		struct follow_up *a = &all.items[i];
		long p = find_id(r->partners, r->count, a->partner_id);
		bool raised = strcmp(a->created, r->q.first) >= 0 && strcmp(a->created, r->q.end) <= 0;
		bool closed = a->closed[0] && strcmp(a->closed, r->q.first) >= 0 &&
			      strcmp(a->closed, r->q.end) <= 0;
		struct action_list *l;

		if (p < 0 || !(raised || closed)) {
			action_clear(a);
			continue;
		}
		l = &r->partners[p].history;
		l->items = xrealloc(l->items, (l->count + 1) * sizeof(*l->items));
		l->items[l->count++] = *a;	/* takes its strings */
	}
	free(all.items);
	return 0;
}

/* The default order of partners (indicator_partner_cmp); a partner not
 * judged this quarter last, by name. */
static int partner_cmp_status(const void *a, const void *b)
{
	const struct report_partner *x = a, *y = b;
	int c = indicator_partner_cmp(x->now, y->now);

	if (c || x->now)
		return c;
	c = strcasecmp(x->partner.name, y->partner.name);
	return c ? c : strcasecmp(x->partner.code, y->partner.code);
}

/* The built-in metrics in their own order (grouped as the indicators
 * use them, CSAT first), then the others by key. */
static size_t builtin_rank(const char *key)
{
	size_t i;

	for (i = 0; i < metric_builtin_count; i++)
		if (strcmp(metric_builtins[i].key, key) == 0)
			return i;
	return metric_builtin_count;
}

static int metric_cmp(const void *a, const void *b)
{
	const struct metric *x = a, *y = b;
	size_t rx = builtin_rank(x->key), ry = builtin_rank(y->key);

	if (rx != ry)
		return rx < ry ? -1 : 1;
	return strcmp(x->key, y->key);
}

/* The partners of the pack (only, or all not archived) into r, and the
 * ids of the whole portfolio into w, sorted. */
static int load_partners(struct store *st, struct report *r, const char *only,
			 struct window *w, struct bpw_error *err)
{
	struct partner_list pl;
	size_t i;
	int rc;

	rc = partner_list(st, false, &pl, err);
	if (rc != 0)
		return rc;
	r->partners = xcalloc(pl.count + 1, sizeof(*r->partners));
	w->ids = xcalloc(pl.count + 1, sizeof(*w->ids));
	for (i = 0; i < pl.count; i++) {
		struct report_partner *rp = &r->partners[r->count];
		long e;

		w->ids[w->nids++] = pl.items[i].id;
		if (only && strcasecmp(only, pl.items[i].code) != 0) {
			partner_clear(&pl.items[i]);
			continue;
		}
		rp->partner = pl.items[i];	/* takes its strings */
		e = indicator_find(&r->eval, rp->partner.code);
		rp->now = e >= 0 ? &r->eval.partners[e] : NULL;
		e = indicator_find(&r->eval_prev, rp->partner.code);
		rp->prev = e >= 0 ? &r->eval_prev.partners[e] : NULL;
		r->count++;
	}
	free(pl.items);
	xqsort(w->ids, w->nids, sizeof(*w->ids), id_cmp);
	if (only && r->count == 0)
		return bpw_error_set(err, BPW_ENOENT, "no active partner with "
				     "the code '%s'", only);
	xqsort(r->partners, r->count, sizeof(*r->partners), partner_cmp_id);
	return 0;
}

static const char *earlier(const char *a, const char *b)
{
	return strcmp(a, b) < 0 ? a : b;
}

int report_load(struct store *st, const struct ruleset *rs,
		const struct report_opts *o, struct report *out,
		struct bpw_error *err)
{
	struct window w;
	size_t i;
	int rc;

	memset(out, 0, sizeof(*out));
	memset(&w, 0, sizeof(w));
	if (quarter_parse(o->quarter, &out->q) != 0)
		return bpw_error_set(err, BPW_EINVAL, "'%s' is not a quarter "
				     "(YYYYQn, e.g. 2026Q3)", o->quarter);
	quarter_add(&out->q, -1, &out->prev);
	quarter_add(&out->q, -4, &out->year_ago);
	if (o->date) {
		if (!date_valid(o->date))
			return bpw_error_set(err, BPW_EINVAL, "'%s' is not a date "
					     "(YYYY-MM-DD)", o->date);
		snprintf(out->date, sizeof(out->date), "%s", o->date);
	} else {
		date_today(out->date);
	}
	/* A pack of a quarter still running is partial: written only for a
	 * day someone named, and never for a day before the quarter. */
	if (o->date == NULL && strcmp(out->date, out->q.end) <= 0)
		return bpw_error_set(err, BPW_EINVAL, "%dQ%d has not ended (today is %s); "
				     "give --date YYYY-MM-DD to write a partial pack",
				     out->q.year, out->q.q, out->date);
	if (strcmp(out->date, out->q.first) < 0)
		return bpw_error_set(err, BPW_EINVAL, "%dQ%d begins on %s, after %s: "
				     "there is nothing to report yet",
				     out->q.year, out->q.q, out->q.first, out->date);
	snprintf(out->judged, sizeof(out->judged), "%s",
		 earlier(out->date, out->q.end));
	/* The quarter before: only its statuses and health are shown, so its
	 * reasons and rules go as soon as it is judged, before the quarter's
	 * own traced judgement is made (at 10,000 partners they are 190 MB).
	 * Traced: the appendix explains each status with the figures read. */
	rc = indicator_evaluate(st, rs, out->prev.last, earlier(out->date, out->prev.end),
				&out->eval_prev, err);
	for (i = 0; rc == 0 && i < out->eval_prev.count; i++)
		judgement_clear_detail(&out->eval_prev.partners[i]);
	if (rc == 0)
		rc = o->untraced
			? indicator_evaluate(st, rs, out->q.last, out->judged, &out->eval, err)
			: indicator_evaluate_traced(st, rs, out->q.last, out->judged,
						    o->partner, &out->eval, err);
	if (rc == 0)
		rc = metric_list(st, &out->metrics, err);
	if (rc == 0)
		xqsort(out->metrics.items, out->metrics.count,
		       sizeof(*out->metrics.items), metric_cmp);
	if (rc == 0)
		rc = load_partners(st, out, o->partner, &w, err);
	if (rc == 0)
		rc = load_window(st, out, &w, err);
	if (rc == 0) {
		build_metrics(out, &w);
		rc = load_audits(st, out, o->qa_cap, err);
	}
	if (rc == 0)
		rc = load_actions(st, out, err);
	if (rc == 0)
		rc = load_meetings(st, out, err);
	if (rc == 0)
		rc = target_book_load(st, out->count == 1 && o->partner ?
				      out->partners[0].partner.id : 0, out->q.first, 3,
				      &out->targets, err);
	if (rc == 0)
		report_chart_build(out, w.widest, w.level);
	for (i = 0; rc == 0 && i < out->count; i++)
		rc = event_list(st, out->partners[i].partner.id, out->q.first,
				out->q.end, &out->partners[i].events, err);
	/* The series point into these: the report keeps them. */
	out->window[0] = w.v;
	out->window[1] = w.pv;
	out->window[2] = w.cv;
	out->window[3] = w.med;
	free(w.client);
	free(w.widest);
	free(w.level);
	free(w.ids);
	if (rc == 0)
		xqsort(out->partners, out->count, sizeof(*out->partners),
		       partner_cmp_status);
	return rc;
}

void report_free(struct report *r)
{
	size_t i, k;

	if (r == NULL)
		return;
	for (i = 0; i < r->count; i++) {
		struct report_partner *rp = &r->partners[i];

		partner_clear(&rp->partner);
		free(rp->metrics);
		for (k = 0; k < rp->naudits; k++)
			qa_review_clear(&rp->audits[k]);
		free(rp->audits);
		event_list_free(&rp->events);
		action_list_free(&rp->actions);
		action_list_free(&rp->history);
		meeting_list_free(&rp->meetings);
	}
	free(r->partners);
	indicator_free(&r->eval);
	indicator_free(&r->eval_prev);
	metric_list_free(&r->metrics);
	target_book_free(&r->targets);
	for (i = 0; i < sizeof(r->window) / sizeof(r->window[0]); i++)
		free(r->window[i]);
	memset(r, 0, sizeof(*r));
}

static double when_value(const struct report_metric *rm, enum report_when w)
{
	return w == WHEN_NOW ? rm->now : w == WHEN_PREV ? rm->prev : rm->year_ago;
}

/* Decimals a figure is shown with: one for percentages and hours, two
 * for money and other units, none for whole counts. */
static int decimals(const struct metric *m, double v)
{
	if (strcmp(m->unit, "count") == 0)
		return v == floor(v) ? 0 : 1;
	return strcmp(m->unit, "%") == 0 || strcmp(m->unit, "h") == 0 ? 1 : 2;
}

static double round_to(double v, int d)
{
	double f = pow(10, d);

	return round(v * f) / f;
}

/* "77.9%", "5.01 EUR", "67", "7.7 h"; a change: "3.8 pts", "0.03 EUR". */
static const char *with_unit(char *buf, size_t n, double v, int d,
			     const char *unit, bool change)
{
	if (strcmp(unit, "%") == 0)
		snprintf(buf, n, change ? "%.*f pts" : "%.*f%%", d, v);
	else if (*unit == '\0' || strcmp(unit, "count") == 0)
		snprintf(buf, n, "%.*f", d, v);
	else
		snprintf(buf, n, "%.*f %s", d, v, unit);
	return buf;
}

const char *report_value(const struct report_metric *rm, enum report_when w,
			 char *buf, size_t n)
{
	double v = when_value(rm, w);
	int d = decimals(rm->m, v);

	if (isnan(v))
		snprintf(buf, n, "%s", "");
	else
		with_unit(buf, n, round_to(v, d), d, rm->m->unit, false);
	return buf;
}

double report_shown(const struct report_metric *rm, enum report_when w)
{
	double v = when_value(rm, w);

	return isnan(v) ? v : round_to(v, decimals(rm->m, v));
}

bool report_partial(const struct report_metric *rm, enum report_when w)
{
	return rm->months[w] > 0 && rm->months[w] < 3;
}

/* The change is that of the figures as shown, so the table adds up. */
const char *report_change(const struct report_metric *rm, enum report_when w,
			  int *verdict, char *buf, size_t n)
{
	double then = when_value(rm, w), d;
	int dn = decimals(rm->m, rm->now), dt = decimals(rm->m, then);
	int dec = dn > dt ? dn : dt;
	char t[48];

	*verdict = 0;
	if (isnan(rm->now) || isnan(then)) {
		snprintf(buf, n, "%s", "");
		return buf;
	}
	d = round_to(round_to(rm->now, dn) - round_to(then, dt), dec);
	if (d == 0) {
		snprintf(buf, n, "%s", "0");
		return buf;
	}
	*verdict = (d > 0) == (rm->m->better == METRIC_HIGHER) ? 1 : -1;
	with_unit(t, sizeof(t), fabs(d), dec, rm->m->unit, true);
	snprintf(buf, n, "%c%s", d > 0 ? '+' : '-', t);
	return buf;
}

const char *report_verdict_word(int verdict)
{
	return verdict > 0 ? "better" : verdict < 0 ? "worse" : "same";
}

const struct report_metric *report_metric_find(const struct report_partner *rp,
					       const char *key)
{
	size_t i;

	for (i = 0; i < rp->nmetrics; i++)
		if (strcmp(rp->metrics[i].m->key, key) == 0)
			return &rp->metrics[i];
	return NULL;
}

void report_count(const struct report *r, enum status s, size_t *now,
		  size_t *prev)
{
	size_t i;

	*now = *prev = 0;
	for (i = 0; i < r->count; i++) {
		*now += r->partners[i].now && r->partners[i].now->status == s;
		*prev += r->partners[i].prev && r->partners[i].prev->status == s;
	}
}

size_t report_failed_items(const struct qa_review *a,
			   void (*fn)(const struct report_failed *f, void *ctx),
			   void *ctx)
{
	size_t s, i, k = 0, n = 0;

	for (s = 0; s < a->tpl.nsections; s++) {
		const struct qa_tpl_section *sc = &a->tpl.sections[s];

		for (i = 0; i < sc->nitems && k < a->nitems; i++, k++) {
			struct report_failed f = { sc, &sc->items[i],
						   a->answer[k], a->note[k] };

			if (!qa_answer_fails(a->answer[k]))
				continue;
			n++;
			if (fn)
				fn(&f, ctx);
		}
	}
	return n;
}

bool report_audit_passed(const struct qa_review *a)
{
	return !isnan(a->shown) && a->shown >= a->tpl.passing && !a->failed;
}
