/* target_judge.c: months judged against contract targets (met, missed, no
 * figure), attainment over a window with the credits owed, and the short
 * texts every screen and report uses ("SLA ≥ 90 %: met 2 of 3 months"). */
#include "target.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "date.h"

bool target_valid_in(const struct target *t, const char *month)
{
	return strncmp(month, t->from, 7) >= 0 &&
	       (!t->until[0] || strncmp(month, t->until, 7) <= 0);
}

static bool same_key(const struct target *t, int64_t partner_id, const char *metric,
		     const char *segment, const char *source)
{
	return t->partner_id == partner_id && strcmp(t->metric, metric) == 0 &&
	       strcmp(t->segment, segment ? segment : "") == 0 &&
	       strcmp(t->source, source ? source : "") == 0;
}

const struct target *target_find(const struct target_list *l, int64_t partner_id,
				 const char *metric, const char *segment,
				 const char *source, const char *month)
{
	size_t i;

	for (i = 0; l && i < l->count; i++)
		if (same_key(&l->items[i], partner_id, metric, segment, source) &&
		    target_valid_in(&l->items[i], month))
			return &l->items[i];
	return NULL;
}

enum target_verdict target_judge(const struct target *t, enum metric_better b,
				 double v)
{
	if (isnan(v))
		return TARGET_NOFIG;
	if (b == METRIC_HIGHER)
		return v >= t->value ? TARGET_MET : TARGET_MISSED;
	return v <= t->value ? TARGET_MET : TARGET_MISSED;
}

bool target_beyond_alert(const struct target *t, enum metric_better b, double v)
{
	if (!t->has_alert || isnan(v))
		return false;
	return b == METRIC_HIGHER ? v < t->alert : v > t->alert;
}

/* Counts month m of a into its totals. */
static void count_month(struct target_attain *a, const struct target_month *m)
{
	if (m->t == NULL)
		return;
	a->with_target++;
	if (m->verdict == TARGET_NOFIG)
		return;
	a->judged++;
	if (m->verdict == TARGET_MET) {
		a->met++;
		return;
	}
	a->missed++;
	a->beyond_alert += m->beyond_alert;
	if (m->t->has_credit) {
		a->credit += m->t->credit_pct;
		a->has_credit = true;
	}
}

void target_attain(const struct target_list *l, int64_t partner_id,
		   const char *metric, const char *segment, const char *source,
		   enum metric_better b, const char *first, int n,
		   const double *values, const struct target *only,
		   struct target_attain *out)
{
	char p[DATE_LEN], start[DATE_LEN];
	int i;

	memset(out, 0, sizeof(*out));
	out->n = n < TARGET_MAX_MONTHS ? n : TARGET_MAX_MONTHS;
	snprintf(start, sizeof(start), "%.7s-01", first);
	for (i = 0; i < out->n; i++) {
		struct target_month *m = &out->m[i];

		period_add(start, i, p);
		snprintf(m->month, sizeof(m->month), "%.7s", p);
		m->value = values[i];
		m->t = target_find(l, partner_id, metric, segment, source, m->month);
		if (m->t && only && m->t != only)
			m->t = NULL;
		m->verdict = m->t ? target_judge(m->t, b, m->value) : TARGET_NONE;
		m->beyond_alert = m->verdict == TARGET_MISSED &&
			target_beyond_alert(m->t, b, m->value);
		count_month(out, m);
	}
}

/* Short forms for the built-ins whose reason label is long. */
static const struct {
	const char *key, *label;
} short_labels[] = {
	{ "csat", "CSAT" },
	{ "sla_adherence", "SLA" },
	{ "response_hours", "response" },
	{ "fcr", "FCR" },
	{ "qa_score", "QA score" },
	{ "attrition", "attrition" },
	{ "absenteeism", "absenteeism" },
	{ "churn_after_contact", "churn" },
	{ "cost_per_contact", "cost per contact" },
	{ "report_on_time", "reports on time" },
	{ "escalations", "escalations" },
};

const char *target_label(const char *key, const char *name)
{
	size_t i;

	for (i = 0; key && i < sizeof(short_labels) / sizeof(short_labels[0]); i++)
		if (strcmp(key, short_labels[i].key) == 0)
			return short_labels[i].label;
	return name && *name ? name : key ? key : "?";
}

const char *target_text(const struct target *t, const char *label,
			const char *unit, enum metric_better b, bool ascii,
			char *buf, size_t n)
{
	const char *sign = b == METRIC_HIGHER ? (ascii ? ">=" : "\xe2\x89\xa5") :
		(ascii ? "<=" : "\xe2\x89\xa4");
	bool show_unit = unit && *unit && strcmp(unit, "count") != 0;
	const char *seg = t->segment ? t->segment : "";

	snprintf(buf, n, "%s%s%.64s%s %s %g%s%s", label, *seg ? " [" : "", seg,
		 *seg ? "]" : "", sign, t->value, show_unit ? " " : "",
		 show_unit ? unit : "");
	return buf;
}

const char *target_attain_text(const struct target_attain *a, char *buf, size_t n)
{
	int nofig = a->with_target - a->judged;

	if (a->judged == 0) {
		snprintf(buf, n, "no month judged%s", nofig ? " (no figures)" : "");
		return buf;
	}
	snprintf(buf, n, "met %d of %d month%s", a->met, a->judged,
		 a->judged == 1 ? "" : "s");
	if (nofig)
		snprintf(buf + strlen(buf), n - strlen(buf), ", %d without a figure", nofig);
	return buf;
}

const char *target_validity(const struct target *t, char *buf, size_t n)
{
	if (t->until[0])
		snprintf(buf, n, "%s..%s", t->from, t->until);
	else
		snprintf(buf, n, "since %s", t->from);
	return buf;
}

/* Copies the series s into values (n months from first), leaving months
 * that already hold a figure when keep. */
static void put_series(const struct series *s, const char *first, int n,
		       double *values, bool keep)
{
	int base = date_month_index(first);
	size_t i;

	for (i = 0; i < s->count; i++) {
		int k = date_month_index(s->points[i].period) - base;

		if (k >= 0 && k < n && !(keep && !isnan(values[k])))
			values[k] = s->points[i].value;
	}
}

int target_load_values(struct store *st, int64_t partner_id, const char *metric,
		       const char *segment, const char *source, const char *first,
		       int n, double *values, struct bpw_error *err)
{
	char from[DATE_LEN], to[DATE_LEN];
	struct series s;
	int i, rc;
	bool any = source == NULL || *source == '\0';

	for (i = 0; i < n; i++)
		values[i] = NAN;
	snprintf(from, sizeof(from), "%.7s-01", first);
	period_add(from, n - 1, to);
	/* Any source: the client's figure where there is one, else the partner's. */
	rc = observation_series(st, partner_id, metric, segment ? segment : "",
				any || strcmp(source, "client") == 0 ? OBS_CLIENT :
				OBS_PARTNER, from, to, &s, err);
	if (rc != 0)
		return rc;
	put_series(&s, from, n, values, false);
	series_free(&s);
	if (!any)
		return 0;
	rc = observation_series(st, partner_id, metric, segment ? segment : "",
				OBS_PARTNER, from, to, &s, err);
	if (rc == 0)
		put_series(&s, from, n, values, true);
	series_free(&s);
	return rc;
}
