/* target_book.c: a portfolio's contract targets, each judged over a span
 * of months, loaded at once for the JSON of `check`, the QBR pack and the
 * partner view. */
#include "target_book.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "json.h"
#include "xalloc.h"

static const struct metric *find_metric(const struct metric_list *l, const char *key)
{
	size_t i;

	for (i = 0; i < l->count; i++)
		if (strcmp(l->items[i].key, key) == 0)
			return &l->items[i];
	return NULL;
}

/* True when t is valid some month of the span first .. first + n - 1. */
static bool overlaps(const struct target *t, const char *first, int n)
{
	char d[DATE_LEN], last[DATE_LEN];

	snprintf(d, sizeof(d), "%.7s-01", first);
	period_add(d, n - 1, last);
	return strncmp(t->from, last, 7) <= 0 &&
	       (!t->until[0] || strncmp(t->until, first, 7) >= 0);
}

/* Judges row r of b over its span (the figures read only when it
 * overlaps). */
static int judge_row(struct store *st, struct target_book *b, struct target_row *r,
		     struct bpw_error *err)
{
	double v[TARGET_MAX_MONTHS];
	int i, rc = 0;

	for (i = 0; i < b->n; i++)
		v[i] = NAN;
	r->in_span = overlaps(r->t, b->first, b->n);
	if (r->in_span)
		rc = target_load_values(st, r->t->partner_id, r->t->metric, r->t->segment,
					r->t->source, b->first, b->n, v, err);
	target_attain(&b->list, r->t->partner_id, r->t->metric, r->t->segment,
		      r->t->source, r->better, b->first, b->n, v, r->t, &r->a);
	return rc;
}

int target_book_load(struct store *st, int64_t partner_id, const char *first,
		     int n, struct target_book *out, struct bpw_error *err)
{
	size_t i;
	int rc;

	memset(out, 0, sizeof(*out));
	snprintf(out->first, sizeof(out->first), "%.7s", first);
	out->n = n < 1 ? 1 : n > TARGET_MAX_MONTHS ? TARGET_MAX_MONTHS : n;
	rc = target_list(st, partner_id, &out->list, err);
	if (rc == 0 && out->list.count)
		rc = metric_list(st, &out->metrics, err);
	if (rc != 0)
		return rc;
	out->rows = xcalloc(out->list.count + 1, sizeof(*out->rows));
	for (i = 0; rc == 0 && i < out->list.count; i++) {
		struct target_row *r = &out->rows[i];
		const struct metric *m = find_metric(&out->metrics, out->list.items[i].metric);

		r->t = &out->list.items[i];
		r->label = target_label(r->t->metric, m ? m->name : NULL);
		r->unit = m ? m->unit : "";
		r->better = m ? m->better : METRIC_HIGHER;
		rc = judge_row(st, out, r, err);
	}
	return rc;
}

const struct target_row *target_book_partner(const struct target_book *b,
					     int64_t partner_id, size_t *count)
{
	size_t i, j;

	for (i = 0; i < b->list.count && b->list.items[i].partner_id != partner_id; i++)
		;
	for (j = i; j < b->list.count && b->list.items[j].partner_id == partner_id; j++)
		;
	*count = j - i;
	return j > i ? &b->rows[i] : NULL;
}

int target_quarter_start(const char *m, char out[TARGET_MONTH_LEN])
{
	int mi = date_month_index(m), q = mi - mi % 3;
	char d[DATE_LEN];

	date_from_month_index(q, d);
	snprintf(out, TARGET_MONTH_LEN, "%.7s", d);
	return mi - q + 1;
}

const char *target_row_summary(const struct target_row *r, bool ascii, char *buf,
			       size_t n)
{
	char text[120], att[80];

	target_text(r->t, r->label, r->unit, r->better, ascii, text, sizeof(text));
	snprintf(buf, n, "%s: %s", text, target_attain_text(&r->a, att, sizeof(att)));
	return buf;
}

const char *target_verdict_name(enum target_verdict v)
{
	switch (v) {
	case TARGET_MET:
		return "met";
	case TARGET_MISSED:
		return "missed";
	case TARGET_NOFIG:
		return "no figure";
	default:
		return "";
	}
}

/* The "attainment" object of row r. */
static void attain_json(const struct target_row *r, const char *quarter,
			struct strbuf *b)
{
	const struct target_attain *a = &r->a;
	bool first = true;
	int i;

	strbuf_add(b, "{");
	json_key(b, true, "quarter");
	json_string(b, quarter);
	json_key(b, false, "months_judged");
	strbuf_addf(b, "%d", a->judged);
	json_key(b, false, "met");
	strbuf_addf(b, "%d", a->met);
	json_key(b, false, "missed");
	strbuf_addf(b, "%d", a->missed);
	json_key(b, false, "months");
	strbuf_add(b, "[");
	for (i = 0; i < a->n; i++) {
		if (a->m[i].t == NULL)
			continue;
		strbuf_add(b, first ? "{" : ",{");
		first = false;
		json_key(b, true, "month");
		json_string(b, a->m[i].month);
		json_key(b, false, "value");
		json_number(b, a->m[i].value);
		json_key(b, false, "verdict");
		json_string(b, a->m[i].verdict == TARGET_NOFIG ? "no_figure" :
			    target_verdict_name(a->m[i].verdict));
		strbuf_add(b, "}");
	}
	strbuf_add(b, "]");
	json_key(b, false, "credit_owed_pct");
	if (r->t->has_credit)
		json_number(b, a->credit);
	else
		strbuf_add(b, "null");
	strbuf_add(b, "}");
}

void target_book_json(const struct target_book *b, int64_t partner_id,
		      const char *quarter, struct strbuf *out)
{
	const struct target_row *r;
	size_t n, i;
	char text[120];

	r = target_book_partner(b, partner_id, &n);
	strbuf_add(out, "[");
	for (i = 0; i < n; i++) {
		const struct target *t = r[i].t;

		strbuf_add(out, i ? ",{" : "{");
		json_key(out, true, "metric");
		json_string(out, t->metric);
		json_key(out, false, "segment");
		json_string(out, t->segment);
		json_key(out, false, "source");
		json_string(out, t->source);
		json_key(out, false, "target");
		json_number(out, t->value);
		json_key(out, false, "alert");
		json_number(out, t->has_alert ? t->alert : NAN);
		json_key(out, false, "valid_from");
		json_string(out, t->from);
		json_key(out, false, "valid_until");
		json_string(out, t->until[0] ? t->until : NULL);
		json_key(out, false, "credit_pct");
		json_number(out, t->has_credit ? t->credit_pct : NAN);
		json_key(out, false, "text");
		json_string(out, target_text(t, r[i].label, r[i].unit, r[i].better, false,
					     text, sizeof(text)));
		json_key(out, false, "attainment");
		attain_json(&r[i], quarter, out);
		strbuf_add(out, "}");
	}
	strbuf_add(out, "]");
}

int target_months_load(struct store *st, int64_t partner_id, const char *metric,
		       const char *first, int n, const double *values, double *tv,
		       enum target_verdict *verdict, bool *found,
		       struct bpw_error *err)
{
	struct target_list l;
	struct metric m;
	char start[DATE_LEN], p[DATE_LEN];
	int i, rc;

	*found = false;
	for (i = 0; i < n; i++) {
		tv[i] = NAN;
		verdict[i] = TARGET_NONE;
	}
	rc = target_list(st, partner_id, &l, err);
	if (rc != 0 || l.count == 0) {
		target_list_free(&l);
		return rc;
	}
	rc = metric_find(st, metric, &m, err);
	if (rc != 0) {
		target_list_free(&l);
		return rc == BPW_ENOENT ? 0 : rc;
	}
	snprintf(start, sizeof(start), "%.7s-01", first);
	for (i = 0; i < n; i++) {
		const struct target *t;

		period_add(start, i, p);
		t = target_find(&l, partner_id, metric, "", "", p);
		if (t == NULL)
			continue;
		*found = true;
		tv[i] = t->value;
		verdict[i] = target_judge(t, m.better, values[i]);
	}
	metric_clear(&m);
	target_list_free(&l);
	return 0;
}

void target_book_free(struct target_book *b)
{
	if (b == NULL)
		return;
	target_list_free(&b->list);
	metric_list_free(&b->metrics);
	free(b->rows);
	b->rows = NULL;
	b->n = 0;
}
