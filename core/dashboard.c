/* dashboard.c: the dashboard's model of dashboard.h: loading the month
 * shown, joining the evaluation to the portfolio rows, filtering and
 * ordering them. */
#include "dashboard.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "judgement.h"
#include "observation.h"
#include "status.h"
#include "text.h"
#include "timemodel.h"
#include "xalloc.h"

static const char *const sort_names[DASH_SORT_COUNT] = {
	"health", "name", "CSAT change", "attrition",
};

const char *dashboard_sort_name(enum dash_sort by)
{
	return (unsigned)by < DASH_SORT_COUNT ? sort_names[by] : "?";
}

static int cmp_by_id(const void *x, const void *y)
{
	const struct partner_result *const *a = x, *const *b = y;

	return ((*a)->id > (*b)->id) - ((*a)->id < (*b)->id);
}

/* pf row i -> index of its partner in ev, or -1: by binary search on the
 * ids, so that thousands of partners load as fast as eight. */
static long *map_results(const struct portfolio *pf, const struct evaluation *ev)
{
	const struct partner_result **byid = xcalloc(ev->count + 1, sizeof(*byid));
	long *map = xcalloc(pf->count + 1, sizeof(long));
	size_t i;

	for (i = 0; i < ev->count; i++)
		byid[i] = &ev->partners[i];
	xqsort(byid, ev->count, sizeof(*byid), cmp_by_id);
	for (i = 0; i < pf->count; i++) {
		struct partner_result key = { .id = pf->rows[i].partner.id };
		const struct partner_result *kp = &key, **hit;

		hit = ev->count ? bsearch(&kp, byid, ev->count, sizeof(*byid),
					  cmp_by_id) : NULL;
		map[i] = hit ? (long)(*hit - ev->partners) : -1;
	}
	free(byid);
	return map;
}

int dashboard_load(struct dashboard *d, struct store *st,
		   const struct dashboard_opts *o, struct bpw_error *err)
{
	struct evaluation ev;
	struct judgement_use use;
	struct portfolio pf;
	char today[DATE_LEN], judged[DATE_LEN], latest[DATE_LEN] = "", as_of[DATE_LEN];
	bool found = false;

	bool follow = d->as_of[0] == '\0' || d->follow, panes_owed;
	char panes_key[sizeof(d->panes_key)];

	memset(&ev, 0, sizeof(ev));
	memset(&use, 0, sizeof(use));
	date_today(today);
	if (o->rules && follow) {
		/* On the month judged today: which one that is comes with a
		 * stored judgement that followed it. */
		if (judgement_evaluate(st, o->rules, NULL, today, JUDGE_LAZY | JUDGE_DEFER,
				       &ev, &use, err) != 0) {
			indicator_free(&ev);
			return -1;
		}
		memcpy(judged, ev.as_of, DATE_LEN);
	} else if (timemodel_judged(st, today, o->figures_due_day, judged, err) != 0) {
		return -1;
	}
	memcpy(as_of, follow ? judged : d->as_of, DATE_LEN);
	if (o->rules && !follow &&
	    judgement_evaluate(st, o->rules, as_of, today, JUDGE_LAZY | JUDGE_DEFER, &ev,
			       &use, err) != 0) {
		indicator_free(&ev);
		return -1;
	}
	if (observation_latest_period(st, latest, &found, err) != 0) {
		indicator_free(&ev);
		return -1;
	}
	if (!found)
		latest[0] = '\0';
	snprintf(panes_key, sizeof(panes_key), "months=%d interval=%d",
		 o->sparkline_length, o->audit_interval_days);
	if (o->rules && use.read && judgement_panes(st, &use, panes_key, &pf, err) == 0) {
		panes_owed = false;
	} else {
		bpw_error_clear(err);
		if (portfolio_load(st, as_of, o->sparkline_length, o->audit_interval_days,
				   today, o->rules ? &ev : NULL, &pf, err) != 0) {
			indicator_free(&ev);
			return -1;
		}
		portfolio_scale(&pf, o->rules);
		panes_owed = o->rules != NULL;
	}
	dashboard_free(d);
	memcpy(d->today, today, DATE_LEN);
	memcpy(d->judged, judged, DATE_LEN);
	memcpy(d->latest, latest, DATE_LEN);
	memcpy(d->as_of, as_of, DATE_LEN);
	d->ev = ev;
	d->st = st;
	d->lazy = &d->ev;
	d->use = use;
	d->panes_owed = panes_owed;
	memcpy(d->panes_key, panes_key, sizeof(d->panes_key));
	d->pf = pf;
	d->follow = strcmp(d->as_of, d->judged) == 0;
	d->pf_result = map_results(&d->pf, &d->ev);
	return 0;
}

const struct partner_result *dashboard_result(const struct dashboard *d, size_t row)
{
	long k = d->pf_result && row < d->pf.count ? d->pf_result[row] : -1;

	return k >= 0 ? &d->ev.partners[k] : NULL;
}

/* pr made whole (judgement_detail); when its stored judgement cannot be
 * read, every indicator says so instead of a reason. */
static const struct partner_result *whole(const struct dashboard *d,
					  const struct partner_result *pr)
{
	struct partner_result *w;
	struct bpw_error err;
	size_t i;

	if (pr == NULL || !pr->pending)
		return pr;
	w = &d->lazy->partners[pr - d->ev.partners];
	bpw_error_clear(&err);
	if (judgement_detail(d->st, d->lazy, w, &err) != 0) {
		for (i = 0; i < w->ninds; i++) {
			free(w->inds[i].reason);
			w->inds[i].reason = xstrdup(err.msg[0] ? err.msg
						    : "cannot read the judgement");
		}
		w->pending = false;
	}
	return w;
}

const struct partner_result *dashboard_result_whole(const struct dashboard *d,
						    size_t row)
{
	return whole(d, dashboard_result(d, row));
}

const struct partner_result *dashboard_partner(const struct dashboard *d, int64_t id)
{
	size_t i;

	for (i = 0; i < d->ev.count; i++)
		if (d->ev.partners[i].id == id)
			return whole(d, &d->ev.partners[i]);
	return NULL;
}

static bool contains(const char *hay, const char *needle)
{
	return text_fold_contains(hay, needle);
}

/* True when the status term t (n bytes after the '!') names status st: a
 * beginning of its spelling, "no_data" also without the '_'. */
static bool status_term(const char *t, size_t n, enum status st)
{
	const char *name = status_name(st);
	char plain[16];
	size_t i, k = 0;

	for (i = 0; name[i] && k + 1 < sizeof(plain); i++)
		if (name[i] != '_')
			plain[k++] = name[i];
	plain[k] = '\0';
	return (n <= strlen(name) && strncasecmp(t, name, n) == 0) ||
	       (n <= k && strncasecmp(t, plain, n) == 0);
}

bool dashboard_row_matches(const struct portfolio_row *r,
			   const struct partner_result *res, const char *filter)
{
	const char *p = filter;
	bool any_status = false, status_ok = false;
	char word[128];

	if (filter == NULL)
		return true;
	while (*p) {
		size_t n = strcspn(p, " ");

		if (n == 0) {
			p++;
			continue;
		}
		if (*p == '!') {
			if (n > 1) {
				any_status = true;
				if (res && status_term(p + 1, n - 1, res->status))
					status_ok = true;
			}
		} else {
			snprintf(word, sizeof(word), "%.*s", (int)n, p);
			if (!contains(r->partner.name, word) &&
			    !contains(r->partner.code, word) &&
			    !contains(r->partner.site, word) &&
			    !contains(r->partner.country, word) &&
			    !contains(r->partner.owner, word))
				return false;
		}
		p += n;
	}
	return !any_status || status_ok;
}

/* One row to order: what the comparison reads, so that it needs no
 * context beside the two rows. */
struct sort_row {
	size_t row;
	enum dash_sort by;
	const struct portfolio_row *r;
	const struct partner_result *res;
};

/* NaN sorts last whatever the direction. */
static int cmp_num(double x, double y)
{
	if (isnan(x) || isnan(y))
		return isnan(x) - isnan(y);
	return (x > y) - (x < y);
}

static double attrition_key(const struct portfolio_row *r)
{
	return r->series[PF_ATTRITION].has_latest ? -r->series[PF_ATTRITION].latest : NAN;
}

static int cmp_rows(const void *pa, const void *pb)
{
	const struct sort_row *x = pa, *y = pb;
	const struct portfolio_row *a = x->r, *b = y->r;
	int c = 0;

	switch (x->by) {
	case DASH_SORT_HEALTH:	/* the default order, worst first */
		c = indicator_partner_cmp(x->res, y->res);
		break;
	case DASH_SORT_CSAT_CHANGE:	/* largest drop first */
		c = cmp_num(a->series[PF_CSAT].change, b->series[PF_CSAT].change);
		break;
	case DASH_SORT_ATTRITION:	/* highest first */
		c = cmp_num(attrition_key(a), attrition_key(b));
		break;
	default:
		break;
	}
	if (c == 0)
		c = strcasecmp(a->partner.name, b->partner.name);
	return c ? c : strcmp(a->partner.code, b->partner.code);
}

size_t dashboard_order(const struct dashboard *d, const char *filter,
		       enum dash_sort by, size_t *out)
{
	struct sort_row *rows = xcalloc(d->pf.count + 1, sizeof(*rows));
	size_t i, n = 0;

	for (i = 0; i < d->pf.count; i++)
		if (dashboard_row_matches(&d->pf.rows[i], dashboard_result(d, i), filter))
			rows[n++] = (struct sort_row){ i, by, &d->pf.rows[i],
						       dashboard_result(d, i) };
	xqsort(rows, n, sizeof(*rows), cmp_rows);
	for (i = 0; i < n; i++)
		out[i] = rows[i].row;
	free(rows);
	return n;
}

void dashboard_keep(struct dashboard *d)
{
	if (d->st && d->use.owed)
		judgement_keep(d->st, &d->ev, &d->use);
	if (d->st && d->panes_owed)
		judgement_keep_panes(d->st, &d->use, d->panes_key, &d->pf);
	d->panes_owed = false;
}

void dashboard_free(struct dashboard *d)
{
	if (d == NULL)
		return;
	indicator_free(&d->ev);
	portfolio_free(&d->pf);
	free(d->pf_result);
	d->pf_result = NULL;
	memset(&d->ev, 0, sizeof(d->ev));
	d->use.owed = false;
	d->panes_owed = false;
	memset(&d->pf, 0, sizeof(d->pf));
}
