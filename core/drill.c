/* drill.c: one partner's metric in depth: its totals by source, its
 * segments, and the portfolio median month by month. */
#include "drill.h"
#include "rules.h"

#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

#define MAX_SEGMENTS 64

/* obs is keyed metric, segment, month, partner, source: the partner's
 * figures are one key lookup per segment the metric has and month of the
 * window. */
static const char sql_partner[] =
	"WITH RECURSIVE k(m) AS (SELECT id FROM metric WHERE key = ?2),"
	" month(p) AS (SELECT ?3 UNION ALL"
	"  SELECT " PERIOD_NUM_NEXT_SQL("p") " FROM month WHERE p < ?4)"
	" SELECT s.name, o.source, o.period, o.value"
	" FROM k CROSS JOIN segment s CROSS JOIN month CROSS JOIN obs o"
	" WHERE EXISTS (SELECT 1 FROM obs x WHERE x.metric = k.m AND x.segment = s.id)"
	" AND o.metric = k.m AND o.segment = s.id AND o.period = month.p"
	" AND o.partner_id = ?1"
	" ORDER BY s.name, o.period, o.source";
/* In key order: month by month, in a month partner by partner, a
 * partner's own figure before the client's. */
static const char sql_portfolio[] =
	"SELECT period, partner_id, source, value FROM obs"
	" WHERE metric = (SELECT id FROM metric WHERE key = ?1) AND segment = 0"
	" AND period BETWEEN ?2 AND ?3 ORDER BY period, partner_id, source";
static const char sql_archived[] =
	"SELECT id FROM partner WHERE archived = 1 ORDER BY id";

static double *nan_array(int n)
{
	double *v = xcalloc((size_t)n, sizeof(double));
	int i;

	for (i = 0; i < n; i++)
		v[i] = NAN;
	return v;
}

/* Month slot of the stored month (YYYYMM) in column col of q, or -1
 * outside the window. */
static int slot(const struct drill *d, sqlite3_stmt *q, int col)
{
	int m = period_num_month_index(sqlite3_column_int(q, col)) -
		date_month_index(d->first);

	return m >= 0 && m < d->months ? m : -1;
}

static int load_partner(struct store *st, int64_t id, const char *metric,
			struct drill *d, struct bpw_error *err)
{
	sqlite3_stmt *q;
	int rc;

	rc = store_cached(st, sql_partner, &q, err);
	if (rc != 0)
		return rc;
	sqlite3_bind_int64(q, 1, id);
	store_bind_text(q, 2, metric, false);
	sqlite3_bind_int(q, 3, period_num(d->first));
	sqlite3_bind_int(q, 4, period_num(d->as_of));
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		const char *seg = (const char *)sqlite3_column_text(q, 0);
		bool client = sqlite3_column_int(q, 1) == 1;
		double v = sqlite3_column_double(q, 3);
		int m = slot(d, q, 2);

		if (m < 0 || seg == NULL)
			continue;
		if (*seg == '\0') {
			(client ? d->client : d->partner)[m] = v;
			d->any[m] = v;	/* the client row comes last */
			continue;
		}
		if (d->nsegs == 0 || strcmp(d->segs[d->nsegs - 1].name, seg) != 0) {
			if (d->nsegs == MAX_SEGMENTS)
				continue;
			d->segs = xrealloc(d->segs, (d->nsegs + 1) * sizeof(*d->segs));
			d->segs[d->nsegs].name = xstrdup(seg);
			d->segs[d->nsegs].v = nan_array(d->months);
			d->nsegs++;
		}
		d->segs[d->nsegs - 1].v[m] = v;
	}
	sqlite3_reset(q);
	if (rc != SQLITE_DONE)
		return store_fail(st, rc, err, "cannot load the partner's figures");
	return 0;
}

static int cmp_id(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return (x > y) - (x < y);
}

static bool has_id(const int64_t *ids, size_t n, int64_t id)
{
	return n && bsearch(&id, ids, n, sizeof(*ids), cmp_id) != NULL;
}

/* The values of one month that count towards its median. */
struct month_buf {
	double *v;
	size_t n, cap;
	int64_t last;			/* partner of the last value taken */
	bool last_own;			/* ... and it was the partner's own */
};

/* Puts the k-th smallest of v[0..n) at v[k], the smaller ones before it
 * and the larger after (quickselect: the median of a month without sorting
 * it, which at a thousand partners and 60 months cost more than the reads). */
static void select_kth(double *v, size_t n, size_t k)
{
	size_t lo = 0, hi = n - 1;

	while (lo < hi) {
		double pivot = v[lo + (hi - lo) / 2], t;
		size_t i = lo, j = hi;

		while (i <= j) {
			while (v[i] < pivot)
				i++;
			while (v[j] > pivot)
				j--;
			if (i <= j) {
				t = v[i];
				v[i] = v[j];
				v[j] = t;
				i++;
				if (j == 0)
					break;
				j--;
			}
		}
		if (k <= j)
			hi = j;
		else if (k >= i)
			lo = i;
		else
			return;
	}
}

/* Takes one row of the month: a partner's client value where there is
 * one, else its own (the own row comes first, the client's replaces it);
 * archived partners left out. */
static void month_take(struct month_buf *b, int64_t partner, bool client,
		       double value, const int64_t *archived, size_t narchived)
{
	if (has_id(archived, narchived, partner))
		return;
	if (client && b->n && b->last == partner && b->last_own) {
		b->v[b->n - 1] = value;
		b->last_own = false;
		return;
	}
	if (b->n == b->cap) {
		b->cap = b->cap ? b->cap * 2 : 256;
		b->v = xrealloc(b->v, b->cap * sizeof(double));
	}
	b->v[b->n++] = value;
	b->last = partner;
	b->last_own = !client;
}

/* The median of month m from the values taken. */
static void month_median(struct drill *d, int m, struct month_buf *b)
{
	double lo, hi;
	size_t i;

	if (m < 0)
		return;
	d->median_n[m] = (int)b->n;
	if (b->n == 0)
		return;
	select_kth(b->v, b->n, b->n / 2);
	hi = b->v[b->n / 2];
	if (b->n % 2) {
		d->median[m] = hi;
		return;
	}
	lo = b->v[0];		/* the largest of the lower half */
	for (i = 1; i < b->n / 2; i++)
		if (b->v[i] > lo)
			lo = b->v[i];
	d->median[m] = (lo + hi) / 2;
}

static int load_median(struct store *st, const char *metric, struct drill *d,
		       struct bpw_error *err)
{
	struct month_buf b = { 0 };
	int64_t *archived = NULL;
	size_t narchived = 0, acap = 0;
	int cur = -1, rc;
	sqlite3_stmt *q;

	rc = store_cached(st, sql_archived, &q, err);
	if (rc != 0)
		return rc;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		if (narchived == acap) {
			acap = acap ? acap * 2 : 16;
			archived = xrealloc(archived, acap * sizeof(*archived));
		}
		archived[narchived++] = sqlite3_column_int64(q, 0);
	}
	sqlite3_reset(q);
	if (rc != SQLITE_DONE) {
		free(archived);
		return store_fail(st, rc, err, "cannot load the partners");
	}
	rc = store_cached(st, sql_portfolio, &q, err);
	if (rc != 0) {
		free(archived);
		return rc;
	}
	store_bind_text(q, 1, metric, false);
	sqlite3_bind_int(q, 2, period_num(d->first));
	sqlite3_bind_int(q, 3, period_num(d->as_of));
	for (;;) {
		int m = -1;

		rc = sqlite3_step(q);
		if (rc == SQLITE_ROW) {
			m = slot(d, q, 0);
			if (m < 0)
				continue;
		}
		if (m != cur) {
			month_median(d, cur, &b);
			cur = m;
			b.n = 0;
		}
		if (rc != SQLITE_ROW)
			break;
		month_take(&b, sqlite3_column_int64(q, 1), sqlite3_column_int(q, 2) != 0,
			   sqlite3_column_double(q, 3), archived, narchived);
	}
	free(b.v);
	free(archived);
	sqlite3_reset(q);
	if (rc != SQLITE_DONE)
		return store_fail(st, rc, err, "cannot load the portfolio figures");
	return 0;
}

int drill_load(struct store *st, int64_t partner_id, const char *metric,
	       const char *as_of, int months, struct drill *out,
	       struct bpw_error *err)
{
	int rc;

	memset(out, 0, sizeof(*out));
	if (as_of == NULL || !period_valid(as_of) || months < 1 || months > 240)
		return bpw_error_set(err, BPW_EINVAL, "drill-down: bad month or window");
	memcpy(out->as_of, as_of, DATE_LEN);
	period_add(as_of, -(months - 1), out->first);
	out->months = months;
	out->any = nan_array(months);
	out->client = nan_array(months);
	out->partner = nan_array(months);
	out->median = nan_array(months);
	out->median_n = xcalloc((size_t)months, sizeof(int));
	rc = load_partner(st, partner_id, metric, out, err);
	if (rc == 0)
		rc = load_median(st, metric, out, err);
	if (rc != 0)
		drill_free(out);
	return rc;
}

void drill_free(struct drill *d)
{
	size_t i;

	if (d == NULL)
		return;
	free(d->any);
	free(d->client);
	free(d->partner);
	free(d->median);
	free(d->median_n);
	for (i = 0; i < d->nsegs; i++) {
		free(d->segs[i].name);
		free(d->segs[i].v);
	}
	free(d->segs);
	memset(d, 0, sizeof(*d));
}

double drill_shift_line(const struct metric_info *m, const struct rule *r,
			double normal, double effect)
{
	bool up = m->better == METRIC_LOWER;

	if (r->relative)
		return normal * (up ? 1 + effect / 100 : 1 - effect / 100);
	return up ? normal + effect : normal - effect;
}

double drill_min_effect(const struct ruleset *rs, int metric, double level)
{
	double best = INFINITY;
	size_t i, k;

	for (i = 0; rs && metric >= 0 && i < rs->count; i++)
		for (k = 0; k < rs->items[i].nrules; k++) {
			const struct rule *r = &rs->items[i].rules[k];
			double e;

			if (r->kind != RULE_SHIFT || r->metric != metric ||
			    !r->has_score || (r->segment && r->segment[0]))
				continue;
			e = fabs(r->warn);
			if (r->relative)
				e = isfinite(level) ? fabs(level) * e / 100 : NAN;
			if (isfinite(e) && e > 0 && e < best)
				best = e;
		}
	return isfinite(best) ? best : 0;
}
