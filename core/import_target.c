/* import_target.c: one row of a contract targets file: partner, metric,
 * segment, source, target, alert, valid from/until (months), credit %,
 * note; checked like the figures (the metric's plausible range), a target
 * given twice refused, and an overlapping validity refused by the store. */
#include "import_run.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "strbuf.h"
#include "target.h"

/* Reads the month of column c into out; false, with the error, when the
 * cell is neither empty (allowed when optional) nor a month. */
static bool row_month(struct run *u, enum col c, bool optional, int line,
		      char out[TARGET_MONTH_LEN])
{
	const char *v = import_field(u, c);
	char *q;

	out[0] = '\0';
	if (*v == '\0' && optional)
		return true;
	if (target_month_parse(v, out))
		return true;
	q = import_quote(v);
	import_error(u, line, import_column(u, c), "%s '%s' is not a month "
		     "(YYYY-MM or MM.YYYY)", import_col_name(c), q);
	free(q);
	return false;
}

/* Reads optional number column c into *v; *has says whether it was given. */
static bool row_optional(struct run *u, enum col c, int line, bool *has, double *v)
{
	const char *s = import_field(u, c);

	*has = s[strspn(s, " \t")] != '\0';
	return !*has || import_number(u, s, line, import_column(u, c), v);
}

/* Checks the numbers of t against metric m, each error at its column. */
static bool row_plausible(struct run *u, const struct target *t,
			  const struct metric *m, int line)
{
	struct bpw_error err;
	bool ok = true;

	if (metric_range_check(&m->range, m->key, t->value, &err) != 0) {
		import_error(u, line, import_column(u, C_TARGET), "%s", err.msg);
		ok = false;
	}
	if (t->has_alert && metric_range_check(&m->range, m->key, t->alert, &err) != 0) {
		import_error(u, line, import_column(u, C_ALERT), "%s", err.msg);
		ok = false;
	}
	if (t->has_credit && !(t->credit_pct >= 0 && t->credit_pct <= 100)) {
		import_error(u, line, import_column(u, C_CREDIT), "credit %g %% is not "
			     "between 0 and 100", t->credit_pct);
		ok = false;
	}
	if (t->until[0] && strcmp(t->until, t->from) < 0) {
		import_error(u, line, import_column(u, C_VALID_UNTIL), "valid until %s "
			     "is before valid from %s", t->until, t->from);
		ok = false;
	}
	if (ok && target_check(t, m, &err) != 0) {
		import_error(u, line, import_column(u, t->has_alert ? C_ALERT : C_TARGET),
			     "%s", err.msg);
		ok = false;
	}
	return ok;
}

/* False, with the error, when the run has read this target before. */
static bool row_first(struct run *u, const struct target *t, int line)
{
	struct strbuf key = { 0 }, what = { 0 };
	char *q = import_quote(import_field(u, C_PARTNER));
	bool first;

	strbuf_addf(&key, "%s\x1f%s\x1f%s\x1f%s", t->metric, t->segment, t->source,
		    t->from);
	strbuf_addf(&what, "the %s target of '%s'", t->metric, q);
	if (*t->segment)
		strbuf_addf(&what, " for %s", t->segment);
	if (*t->source)
		strbuf_addf(&what, " (%s)", t->source);
	strbuf_addf(&what, " from %s", t->from);
	first = import_first_record(u, t->partner_id, TAG_TARGET, strbuf_str(&key),
				    strbuf_str(&what), import_column(u, C_VALID_FROM),
				    line);
	strbuf_free(&key);
	strbuf_free(&what);
	free(q);
	return first;
}

void import_target_row(struct run *u, int line)
{
	struct target t = { 0 };
	enum upsert_result res;
	struct bpw_error err;
	const struct metric *m;
	int mi, errors = (int)u->rep->total_errors;
	bool ok;

	t.partner_id = import_row_partner(u, line);
	mi = import_row_metric(u, line);
	t.segment = import_field(u, C_SEGMENT);
	t.source = import_field(u, C_SOURCE);
	t.note = import_field(u, C_NOTE);
	if (!observation_segment_valid(t.segment))
		import_error(u, line, import_column(u, C_SEGMENT), "segment is not "
			     "name=value (e.g. channel=chat; empty for all)");
	if (*t.source && strcmp(t.source, "partner") != 0 &&
	    strcmp(t.source, "client") != 0)
		import_error(u, line, import_column(u, C_SOURCE), "source '%.30s' is "
			     "neither partner nor client (empty for any)", t.source);
	ok = import_number(u, import_field(u, C_TARGET), line,
			   import_column(u, C_TARGET), &t.value);
	ok &= row_optional(u, C_ALERT, line, &t.has_alert, &t.alert);
	ok &= row_optional(u, C_CREDIT, line, &t.has_credit, &t.credit_pct);
	ok &= row_month(u, C_VALID_FROM, false, line, t.from);
	ok &= row_month(u, C_VALID_UNTIL, true, line, t.until);
	if (mi < 0 || !ok || (int)u->rep->total_errors != errors)
		return;
	m = &u->metrics.items[mi];
	t.metric = m->key;
	if (!row_plausible(u, &t, m, line) || t.partner_id == 0 ||
	    !row_first(u, &t, line) || !import_writes(u))
		return;
	if (target_upsert(u->st, &t, &res, &err) != 0)
		import_error(u, line, import_column(u, err.code == BPW_EEXIST ?
						   C_VALID_FROM : C_TARGET), "%s", err.msg);
	else
		import_count(u, res);
}
