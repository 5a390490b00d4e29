/* drill.c: one partner's metric in depth: its totals by source, its
 * segments, and the portfolio median month by month. */
#include "drill.h"

#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

#define MAX_SEGMENTS 64

static const char sql_partner[] =
	"SELECT segment, source, period, value FROM observation"
	" WHERE partner_id = ?1 AND metric = ?2 AND period BETWEEN ?3 AND ?4"
	" ORDER BY segment, period, source = 'client'";
/* Per month and partner the client row sorts last, so it wins. */
static const char sql_portfolio[] =
	"SELECT o.period, o.partner_id, o.value FROM observation o"
	" JOIN partner p ON p.id = o.partner_id AND p.archived = 0"
	" WHERE o.metric = ?1 AND o.segment = '' AND o.period BETWEEN ?2 AND ?3"
	" ORDER BY o.period, o.partner_id, o.source = 'client'";

static double *nan_array(int n)
{
	double *v = xcalloc((size_t)n, sizeof(double));
	int i;

	for (i = 0; i < n; i++)
		v[i] = NAN;
	return v;
}

/* Month slot of period p in d, or -1 outside the window. */
static int slot(const struct drill *d, const char *p)
{
	int m;

	if (p == NULL || !period_valid(p))
		return -1;
	m = date_month_index(p) - date_month_index(d->first);
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
	store_bind_text(q, 3, d->first, false);
	store_bind_text(q, 4, d->as_of, false);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		const char *seg = (const char *)sqlite3_column_text(q, 0);
		const char *src = (const char *)sqlite3_column_text(q, 1);
		double v = sqlite3_column_double(q, 3);
		bool client = src && strcmp(src, "client") == 0;
		int m = slot(d, (const char *)sqlite3_column_text(q, 2));

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

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static double median_of(double *v, size_t n)
{
	if (n == 0)
		return NAN;
	qsort(v, n, sizeof(*v), cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static int load_median(struct store *st, const char *metric, struct drill *d,
		       struct bpw_error *err)
{
	double *vals = NULL;
	size_t n = 0, cap = 0;
	int64_t last_partner = -1;
	int cur = -1, rc;
	sqlite3_stmt *q;

	rc = store_cached(st, sql_portfolio, &q, err);
	if (rc != 0)
		return rc;
	store_bind_text(q, 1, metric, false);
	store_bind_text(q, 2, d->first, false);
	store_bind_text(q, 3, d->as_of, false);
	for (;;) {
		int m = -1;
		int64_t p = -1;

		rc = sqlite3_step(q);
		if (rc == SQLITE_ROW) {
			m = slot(d, (const char *)sqlite3_column_text(q, 0));
			p = sqlite3_column_int64(q, 1);
			if (m < 0)
				continue;
		}
		if (m != cur) {
			if (cur >= 0) {
				d->median[cur] = median_of(vals, n);
				d->median_n[cur] = (int)n;
			}
			cur = m;
			n = 0;
			last_partner = -1;
		}
		if (rc != SQLITE_ROW)
			break;
		if (p == last_partner) {
			vals[n - 1] = sqlite3_column_double(q, 2);	/* client wins */
			continue;
		}
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			vals = xrealloc(vals, cap * sizeof(*vals));
		}
		vals[n++] = sqlite3_column_double(q, 2);
		last_partner = p;
	}
	free(vals);
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
