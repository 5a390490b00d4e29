/* words.c: how the reasons are worded: numbers as people write
 * them, units, changes, segments and event kinds, in plain ASCII. */
#include "words.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "event.h"
#include "xalloc.h"

void words_set_reason(struct rule_result *res, const char *fmt, ...)
{
	char buf[512];
	va_list ap;
	char *s;
	int n;

	/* Formatted once into buf (reasons are short; this runs for every
	 * rule of every partner at start-up), twice only when longer. */
	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (n < 0)
		n = 0;
	s = xmalloc((size_t)n + 1);
	if ((size_t)n < sizeof(buf)) {
		memcpy(s, buf, (size_t)n + 1);
	} else {
		va_start(ap, fmt);
		vsnprintf(s, (size_t)n + 1, fmt, ap);
		va_end(ap);
	}
	free(res->reason);
	res->reason = s;
}

/* A number as people write it: 72.8, 5.05, 86.0; counts whole. */
const char *words_num(char *buf, size_t n, double v, const char *unit)
{
	size_t len;

	if (fabs(v) >= 1e9) {	/* not a real figure, but say it readably */
		snprintf(buf, n, "%.3g", v);
		return buf;
	}
	if (unit && strcmp(unit, "count") == 0) {
		snprintf(buf, n, v == floor(v) ? "%.0f" : "%.1f", v);
		return buf;
	}
	/* Two decimals below 10 (churn 2.35 %), one above (CSAT 84.5). */
	snprintf(buf, n, fabs(v) < 10 ? "%.2f" : "%.1f", v);
	len = strlen(buf);
	if (len > 3 && buf[len - 1] == '0' && buf[len - 3] == '.')
		buf[len - 1] = '\0';
	return buf;
}

/* "72.8%", "3.01 EUR", "35", "39.9 h". */
const char *words_value(char *buf, size_t n, double v, const char *unit)
{
	char t[32];

	words_num(t, sizeof(t), v, unit);
	if (unit == NULL || *unit == '\0' || strcmp(unit, "count") == 0)
		snprintf(buf, n, "%s", t);
	else if (strcmp(unit, "%") == 0)
		snprintf(buf, n, "%s%%", t);
	else
		snprintf(buf, n, "%s %s", t, unit);
	return buf;
}

/* A change in the metric's unit: "7.1 pts", "0.82 EUR", "17". */
const char *words_delta(char *buf, size_t n, double v, const char *unit)
{
	char t[32];

	words_num(t, sizeof(t), fabs(v), unit);
	if (unit && strcmp(unit, "%") == 0)
		snprintf(buf, n, "%s pts", t);
	else if (unit == NULL || *unit == '\0' || strcmp(unit, "count") == 0)
		snprintf(buf, n, "%s", t);
	else
		snprintf(buf, n, "%s %s", t, unit);
	return buf;
}

/* " on phone", " in team B", " for region north", "" for the total. */
const char *words_segment(char *buf, size_t n, const char *seg)
{
	const char *eq = strchr(seg, '=');

	if (*seg == '\0' || eq == NULL)
		snprintf(buf, n, "%s%s", *seg ? " for " : "", seg);
	else if (strncmp(seg, "channel=", 8) == 0)
		snprintf(buf, n, " on %s", eq + 1);
	else if (strncmp(seg, "team=", 5) == 0)
		snprintf(buf, n, " in team %s", eq + 1);
	else
		snprintf(buf, n, " for %.*s %s", (int)(eq - seg), seg, eq + 1);
	return buf;
}

static const char *const event_nouns[] = {
	[EVENT_MEETING] = "meetings",
	[EVENT_BEST_PRACTICE] = "best practices",
	[EVENT_IMPROVEMENT_IDEA] = "improvement ideas",
	[EVENT_ESCALATION] = "escalations",
	[EVENT_REPORT_LATE] = "late reports",
	[EVENT_INCIDENT] = "incidents",
	[EVENT_NOTE] = "notes",
};

/* "meetings, best practices or improvement ideas" */
void words_kinds(char *buf, size_t n, unsigned kinds)
{
	int k, total = 0, done = 0;
	size_t len = 0;

	for (k = 0; k < EVENT_KIND_COUNT; k++)
		total += (kinds >> k) & 1;
	buf[0] = '\0';
	for (k = 0; k < EVENT_KIND_COUNT; k++) {
		if (!((kinds >> k) & 1))
			continue;
		done++;
		len += (size_t)snprintf(buf + len, n > len ? n - len : 0, "%s%s",
					done == 1 ? "" : done == total ? " or " : ", ",
					event_nouns[k]);
		if (len >= n)
			return;
	}
}

/* Copies s cut to at most max bytes on a character boundary, with "...". */
void words_cut(char *buf, size_t n, const char *s, size_t max)
{
	size_t len = strlen(s);

	if (len <= max || max < 4) {
		snprintf(buf, n, "%s", s);
		return;
	}
	len = max - 3;
	while (len > 0 && ((unsigned char)s[len] & 0xc0) == 0x80)
		len--;
	snprintf(buf, n, "%.*s...", (int)len, s);
}


/* ------------------------------------------------ against its own normal */

/* The size of an effect: "4.2 pts", "87% (relative)", "0.41 EUR": a
 * change in percent always says it is relative, so it is never read as
 * points of a percentage. */
static const char *own_effect(char *buf, size_t n, const struct own_words *w,
			      double e)
{
	if (w->relative)
		snprintf(buf, n, "%.0f%% (relative)", fabs(e));
	else
		words_delta(buf, n, e, w->unit);
	return buf;
}

/* "below" or "above" its normal, for a change that is worse (or not). */
static const char *own_side(const struct own_words *w, bool worse)
{
	return w->up_is_worse == worse ? "above" : "below";
}

/* "; 0.8 pts of the drop portfolio-wide" when the portfolio's share of
 * the change is worth saying. */
static void own_portfolio(struct strbuf *b, const struct own_words *w)
{
	char d[48];
	double total = w->effect + w->portfolio;

	if (w->portfolio_wide) {
		strbuf_addf(b, ", %s of it portfolio-wide (likely product-driven)",
			    own_effect(d, sizeof(d), w, w->portfolio));
		return;
	}
	if (w->level < 1 || w->portfolio * total <= 0 ||
	    fabs(w->portfolio) < 0.25 * fabs(total))
		return;
	strbuf_addf(b, "; %s of the %s portfolio-wide",
		    own_effect(d, sizeof(d), w, w->portfolio),
		    w->up_is_worse ? "rise" : "drop");
}

void words_shift(struct rule_result *res, const struct own_words *w)
{
	struct strbuf b = { 0 };
	char v[48], base[48], d[48], sp[80];

	words_segment(sp, sizeof(sp), w->seg);
	words_value(v, sizeof(v), w->value, w->unit);
	strbuf_addf(&b, "%s%s %s %s", w->label, sp, v, w->where);
	if (w->level < 0) {
		strbuf_addf(&b, ": %d month%s of figures, too few to know its normal",
			    w->nbase + w->nrecent, w->nbase + w->nrecent == 1 ? "" : "s");
		goto done;
	}
	words_value(base, sizeof(base), w->base, w->unit);
	if (w->level == 0 && !w->portfolio_wide) {
		strbuf_addf(&b, ", normal %s", base);
		if (w->month_common != 0)
			strbuf_addf(&b, "; this month's %s of %s: %s of it portfolio-wide "
				    "(likely product-driven)", w->up_is_worse ? "rise" : "drop",
				    own_effect(d, sizeof(d), w, w->month_change),
				    own_effect(v, sizeof(v), w, w->month_common));
		goto done;
	}
	if (w->nrecent > 1)
		strbuf_addf(&b, ", %d-month mean %s", w->nrecent,
			    words_value(v, sizeof(v), w->recent, w->unit));
	strbuf_addf(&b, ": %s %s its normal %s",
		    own_effect(d, sizeof(d), w, w->effect + w->portfolio),
		    own_side(w, w->effect + w->portfolio > 0), base);
	if (w->onset[0])
		strbuf_addf(&b, " since %s", w->onset);
	if (w->fallback)
		strbuf_addf(&b, " (normal from %d months)", w->nbase);
	own_portfolio(&b, w);
done:
	free(res->reason);
	res->reason = strbuf_take(&b);
}

void words_rate(struct rule_result *res, const struct own_words *w)
{
	struct strbuf b = { 0 };
	char v[48], sp[80];
	bool events = w->unit == NULL;
	bool flagged = w->level > 0;

	if (events) {
		strbuf_addf(&b, "%s: ", w->label);
		if (w->recent == 0 && flagged)
			strbuf_addf(&b, "none in %d months", w->recent_span);
		else
			strbuf_addf(&b, "%.0f in %d months", w->recent, w->recent_span);
	} else {
		words_segment(sp, sizeof(sp), w->seg);
		words_value(v, sizeof(v), w->value, w->unit);
		strbuf_addf(&b, "%s%s %s %s", w->label, sp, v, w->where);
		if (w->level >= 0 && (flagged || w->portfolio_wide))
			strbuf_addf(&b, ": %.0f in %d months", w->recent, w->recent_span);
	}
	if (w->level < 0) {
		strbuf_addf(&b, "%s%d month%s on record, too few to know the usual rate",
			    events ? "; " : ": ", w->nbase + w->nrecent,
			    w->nbase + w->nrecent == 1 ? "" : "s");
	} else if (!flagged && !w->portfolio_wide) {
		if (w->base == 0)
			strbuf_add(&b, "; usually none");
		else
			strbuf_addf(&b, "; usually %s a month",
				    words_num(v, sizeof(v), w->base, ""));
	} else {
		char d[48];

		strbuf_addf(&b, " where %s %s usual (%s a month)",
			    words_num(v, sizeof(v), w->expected, ""),
			    w->expected == 1 ? "was" : "were",
			    words_num(d, sizeof(d), w->base, ""));
		if (!(w->recent == 0 && events))
			strbuf_addf(&b, ", %.0f%% %s", fabs(w->effect + w->portfolio),
				    (w->effect + w->portfolio > 0) == w->up_is_worse ?
				    "more" : "fewer");
		if (w->onset[0])
			strbuf_addf(&b, " since %s", w->onset);
		if (w->portfolio_wide)
			strbuf_add(&b, ", mostly portfolio-wide (likely product-driven)");
	}
	if (events && w->last[0])
		strbuf_addf(&b, "; last on %s", w->last);
	free(res->reason);
	res->reason = strbuf_take(&b);
}

void words_balance_own(struct rule_result *res, const struct own_words *eff,
		       const struct own_words *q)
{
	struct strbuf b = { 0 };
	char v[48], base[48], d[48];

	/* The changes as reported (the partner's own and the portfolio's
	 * together), as the metric's own shift rule says them. */
	if (q == NULL || q->level < 1) {
		words_value(v, sizeof(v), eff->recent, eff->unit);
		words_value(base, sizeof(base), eff->base, eff->unit);
		strbuf_addf(&b, "%s %s, %s better than its normal %s; quality held",
			    eff->label, v, own_effect(d, sizeof(d), eff,
						      eff->effect + eff->portfolio), base);
		goto done;
	}
	strbuf_add(&b, "efficiency at the expense of quality: ");
	words_value(v, sizeof(v), eff->recent, eff->unit);
	words_value(base, sizeof(base), eff->base, eff->unit);
	strbuf_addf(&b, "%s %s, %s %s its normal %s, while ", eff->label, v,
		    own_effect(d, sizeof(d), eff, eff->effect + eff->portfolio),
		    own_side(eff, false), base);
	words_value(v, sizeof(v), q->recent, q->unit);
	words_value(base, sizeof(base), q->base, q->unit);
	strbuf_addf(&b, "%s %s, %s %s its normal %s (%d-month means)", q->label, v,
		    own_effect(d, sizeof(d), q, q->effect + q->portfolio),
		    own_side(q, true), base, q->recent_span);
done:
	free(res->reason);
	res->reason = strbuf_take(&b);
}
