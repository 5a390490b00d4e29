/* metric.c: the metric catalogue. */
#include "metric.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "sheet.h"
#include "xalloc.h"

#define METRIC_COLUMNS \
	"key, name, unit, better, aggregation, description, question, builtin," \
	" min_value, max_value"

static const char sql_set_range[] =
	"UPDATE metric SET min_value = ?1, max_value = ?2 WHERE key = ?3";

static const char sql_insert[] =
	"INSERT INTO metric(key, name, unit, better, aggregation, description,"
	" question, builtin, min_value, max_value)"
	" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 0, ?8, ?9)";
static const char sql_find[] =
	"SELECT " METRIC_COLUMNS " FROM metric WHERE key = ?1";
static const char sql_list[] =
	"SELECT " METRIC_COLUMNS " FROM metric ORDER BY key";

const struct metric_builtin metric_builtins[] = {
	{ "csat", "Customer satisfaction", "CSAT", "%", METRIC_HIGHER, METRIC_AVG },
	{ "churn_after_contact", "Churn after contact", "churn after contact", "%",
	  METRIC_LOWER, METRIC_AVG },
	{ "escalations", "Escalations", "escalations", "count", METRIC_LOWER, METRIC_SUM },
	{ "attrition", "Agent attrition", "attrition", "%", METRIC_LOWER, METRIC_AVG },
	{ "absenteeism", "Absenteeism", "absenteeism", "%", METRIC_LOWER, METRIC_AVG },
	{ "cost_per_contact", "Cost per contact", "cost per contact", "EUR",
	  METRIC_LOWER, METRIC_AVG },
	{ "sla_adherence", "SLA adherence", "SLA adherence", "%", METRIC_HIGHER, METRIC_AVG },
	{ "fcr", "First-contact resolution", "first-contact resolution", "%",
	  METRIC_HIGHER, METRIC_AVG },
	/* its label names it apart from an audit's checklist score */
	{ "qa_score", "QA score", "QA score (monthly metric)", "%", METRIC_HIGHER,
	  METRIC_AVG },
	{ "report_on_time", "Reports on time", "reports on time", "%",
	  METRIC_HIGHER, METRIC_AVG },
	{ "response_hours", "Response time", "response time", "h", METRIC_LOWER, METRIC_AVG },
	{ "qa_calibration_gap", "QA calibration gap", "QA calibration gap", "pts",
	  METRIC_LOWER, METRIC_LAST },
};
const size_t metric_builtin_count = sizeof(metric_builtins) / sizeof(metric_builtins[0]);

static const char *const better_names[] = { "higher", "lower" };
static const char *const agg_names[] = { "avg", "sum", "last" };

const char *metric_better_name(enum metric_better b) { return better_names[b]; }
const char *metric_agg_name(enum metric_agg a) { return agg_names[a]; }

int metric_better_parse(const char *s, enum metric_better *out)
{
	int i;

	for (i = 0; i < 2; i++)
		if (s && strcmp(s, better_names[i]) == 0) {
			*out = (enum metric_better)i;
			return 0;
		}
	return BPW_EINVAL;
}

int metric_agg_parse(const char *s, enum metric_agg *out)
{
	int i;

	for (i = 0; i < 3; i++)
		if (s && strcmp(s, agg_names[i]) == 0) {
			*out = (enum metric_agg)i;
			return 0;
		}
	return BPW_EINVAL;
}

bool metric_key_valid(const char *key)
{
	const char *c;

	if (key == NULL || key[0] < 'a' || key[0] > 'z' || strlen(key) > 32)
		return false;
	for (c = key; *c; c++)
		if (!((*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') || *c == '_'))
			return false;
	return true;
}

int metric_range_check(const struct metric_range *r, const char *key, double v,
		       struct bpw_error *err)
{
	char val[32], lim[32];

	if (r->has_min && v < r->min) {
		sheet_format_number(v, '.', val, sizeof(val));
		sheet_format_number(r->min, '.', lim, sizeof(lim));
		return bpw_error_set(err, BPW_EINVAL, "%s %s is below its plausible "
				     "minimum %s", key, val, lim);
	}
	if (r->has_max && v > r->max) {
		sheet_format_number(v, '.', val, sizeof(val));
		sheet_format_number(r->max, '.', lim, sizeof(lim));
		return bpw_error_set(err, BPW_EINVAL, "%s %s is above its plausible "
				     "maximum %s", key, val, lim);
	}
	return 0;
}

/* Binds a bound of a range: the number, or NULL for none. */
static void bind_bound(sqlite3_stmt *q, int i, bool has, double v)
{
	if (has)
		sqlite3_bind_double(q, i, v);
	else
		sqlite3_bind_null(q, i);
}

int metric_add(struct store *st, const struct metric *m, struct bpw_error *err)
{
	sqlite3_stmt *q;
	bool own;
	int rc;

	if (!metric_key_valid(m->key))
		return bpw_error_set(err, BPW_EINVAL,
				     "metric key must start with a-z and hold "
				     "only a-z, 0-9 and '_' (at most 32)");
	if (m->name == NULL || *m->name == '\0')
		return bpw_error_set(err, BPW_EINVAL, "metric %s has no name", m->key);
	if (m->range.has_min && m->range.has_max && m->range.min > m->range.max)
		return bpw_error_set(err, BPW_EINVAL, "metric %s: its minimum is above "
				     "its maximum", m->key);
	rc = store_tx_enter(st, &own, err);
	if (rc != 0)
		return rc;
	rc = store_cached(st, sql_insert, &q, err);
	if (rc == 0) {
		store_bind_text(q, 1, m->key, false);
		store_bind_text(q, 2, m->name, false);
		store_bind_text(q, 3, m->unit ? m->unit : "", false);
		store_bind_text(q, 4, metric_better_name(m->better), false);
		store_bind_text(q, 5, metric_agg_name(m->agg), false);
		store_bind_text(q, 6, m->description ? m->description : "", false);
		store_bind_text(q, 7, m->question ? m->question : "", false);
		bind_bound(q, 8, m->range.has_min, m->range.min);
		bind_bound(q, 9, m->range.has_max, m->range.max);
		rc = sqlite3_step(q);
		if (rc == SQLITE_DONE)
			rc = audit_appendf(st, "metric", 0, NULL, m->name, err, "%s", m->key);
		else if (rc == SQLITE_CONSTRAINT_UNIQUE)
			rc = bpw_error_set(err, BPW_EEXIST,
					   "a metric with key %s already exists", m->key);
		else
			rc = store_fail(st, rc, err, "cannot save metric");
		sqlite3_reset(q);
	}
	return store_tx_leave(st, own, rc, err);
}

static bool same_bound(bool ha, double a, bool hb, double b)
{
	return ha == hb && (!ha || a == b);
}

/* A declared metric already in the catalogue: its range follows the
 * declaration (a built-in's never). */
static int declare_range(struct store *st, const struct metric *m,
			 const struct metric *have, struct bpw_error *err)
{
	sqlite3_stmt *q;
	char before[80];
	int rc;

	if (have->builtin ||
	    (same_bound(m->range.has_min, m->range.min, have->range.has_min,
			have->range.min) &&
	     same_bound(m->range.has_max, m->range.max, have->range.has_max,
			have->range.max)))
		return 0;
	rc = store_cached(st, sql_set_range, &q, err);
	if (rc != 0)
		return rc;
	bind_bound(q, 1, m->range.has_min, m->range.min);
	bind_bound(q, 2, m->range.has_max, m->range.max);
	store_bind_text(q, 3, m->key, false);
	rc = sqlite3_step(q);
	sqlite3_reset(q);
	if (rc != SQLITE_DONE)
		return store_fail(st, rc, err, "cannot save a metric's range");
	snprintf(before, sizeof(before), "range %g..%g",
		 have->range.has_min ? have->range.min : -INFINITY,
		 have->range.has_max ? have->range.max : INFINITY);
	return audit_appendf(st, "metric", 0, before, NULL, err, "%s range %g..%g",
			     m->key, m->range.has_min ? m->range.min : -INFINITY,
			     m->range.has_max ? m->range.max : INFINITY);
}

int metric_declare(struct store *st, const struct metric *m, size_t n,
		   size_t *added, struct bpw_error *err)
{
	struct metric have;
	size_t i;
	bool own;
	int rc;

	*added = 0;
	rc = store_tx_enter(st, &own, err);
	for (i = 0; rc == 0 && i < n; i++) {
		memset(&have, 0, sizeof(have));
		rc = metric_find(st, m[i].key, &have, err);
		if (rc == BPW_ENOENT) {
			bpw_error_clear(err);
			rc = metric_add(st, &m[i], err);
			*added += rc == 0;
		} else if (rc == 0) {
			rc = declare_range(st, &m[i], &have, err);
		}
		metric_clear(&have);
	}
	if (rc != 0 && err->msg[0] == '\0')
		bpw_error_set(err, rc, "cannot declare the configuration's metrics");
	return store_tx_leave(st, own, rc, err);
}

static void read_row(sqlite3_stmt *q, void *elem)
{
	struct metric *m = elem;
	const struct store_text_col texts[] = {
		{ 0, &m->key, false }, { 1, &m->name, false },
		{ 2, &m->unit, false }, { 5, &m->description, false },
		{ 6, &m->question, false },
	};

	m->strings = store_column_texts(q, texts, sizeof(texts) / sizeof(texts[0]));
	m->better = metric_better_parse((const char *)sqlite3_column_text(q, 3),
					&m->better) == 0 ? m->better : METRIC_HIGHER;
	m->agg = metric_agg_parse((const char *)sqlite3_column_text(q, 4),
				  &m->agg) == 0 ? m->agg : METRIC_AVG;
	m->builtin = sqlite3_column_int(q, 7) != 0;
	m->range.has_min = sqlite3_column_type(q, 8) != SQLITE_NULL;
	m->range.min = sqlite3_column_double(q, 8);
	m->range.has_max = sqlite3_column_type(q, 9) != SQLITE_NULL;
	m->range.max = sqlite3_column_double(q, 9);
}

int metric_find(struct store *st, const char *key, struct metric *out,
		struct bpw_error *err)
{
	sqlite3_stmt *q;
	int rc;

	memset(out, 0, sizeof(*out));
	rc = store_cached(st, sql_find, &q, err);
	if (rc != 0)
		return rc;
	store_bind_text(q, 1, key, false);
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW) {
		read_row(q, out);
		rc = 0;
	} else if (rc == SQLITE_DONE) {
		rc = bpw_error_set(err, BPW_ENOENT, "no metric with key %s", key);
	} else {
		rc = store_fail(st, rc, err, "cannot read metric");
	}
	sqlite3_reset(q);
	return rc;
}

int metric_list(struct store *st, struct metric_list *out, struct bpw_error *err)
{
	sqlite3_stmt *q;
	int rc;

	memset(out, 0, sizeof(*out));
	rc = store_cached(st, sql_list, &q, err);
	if (rc != 0)
		return rc;
	rc = store_fetch_rows(st, q, sizeof(*out->items), read_row,
			      (void **)&out->items, &out->count, err,
			      "cannot list metrics");
	if (rc != 0)
		metric_list_free(out);
	return rc;
}

void metric_clear(struct metric *m)
{
	if (m == NULL)
		return;
	free(m->strings);
	memset(m, 0, sizeof(*m));
}

void metric_list_free(struct metric_list *list)
{
	XLIST_FREE(list, metric_clear);
}
