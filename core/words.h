/* words.h: wording the reasons of the rule kinds (private to the
 * indicator engine). */
#ifndef BPW_WORDS_H
#define BPW_WORDS_H

#include <stdbool.h>
#include <stddef.h>

#include "indicator.h"

/* Replaces res->reason with the formatted text (allocated). */
void words_set_reason(struct rule_result *res, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* A number as people write it into buf: 72.8, 5.05, 86.0; counts whole. */
const char *words_num(char *buf, size_t n, double v, const char *unit);

/* A value with its unit: "72.8%", "3.01 EUR", "35", "39.9 h". */
const char *words_value(char *buf, size_t n, double v, const char *unit);

/* The size of a change: "7.1 pts" for percentages, else with the unit. */
const char *words_delta(char *buf, size_t n, double v, const char *unit);

/* " on phone", " in team B", " for region north", or "" for the total. */
const char *words_segment(char *buf, size_t n, const char *seg);

/* "meetings, best practices or improvement ideas" for a set of kinds. */
void words_kinds(char *buf, size_t n, unsigned kinds);

/* s cut to at most max bytes on a character boundary, ending in "...". */
void words_cut(char *buf, size_t n, const char *s, size_t max);

/* A judgement against the partner's own normal, as its reason says it.
 * Values are in the metric's unit, effects in its unit (relative: in
 * percent); an effect is positive when worse. */
struct own_words {
	const char *label, *unit;	/* the metric's (or the events' noun) */
	const char *seg;		/* segment ("" the total) */
	const char *where;		/* "(client)", "(partner, 2026-09)" */
	bool relative;			/* effects in percent */
	bool up_is_worse;
	int level;			/* -1 too short, 0 OK, 1 WATCH, 2 ALERT */
	double value;			/* the latest value (rate: count) */
	double recent;			/* the recent months' mean (rate: count) */
	int nrecent, recent_span;	/* months with values; months judged */
	double base;			/* the normal (rate: usual a month) */
	double expected;		/* rate: usual count over the recent span */
	int nbase;
	bool fallback;			/* the spread is the portfolio's */
	double effect, portfolio;	/* own effect; the portfolio's share */
	bool portfolio_wide;		/* the common movement explains a flag */
	double month_change;		/* the latest month's change on the
					 * normal (worse: positive) ... */
	double month_common;		/* ... and the portfolio's part of it,
					 * when that is most of a change that
					 * matters (else both 0) */
	char onset[8];			/* YYYY-MM the shift began, or "" */
	char last[DATE_LEN];		/* events: the last one, or "" */
};

/* The reason of a shift rule. */
void words_shift(struct rule_result *res, const struct own_words *w);

/* The reason of a rate rule (a count metric, or events when w->unit is
 * NULL). */
void words_rate(struct rule_result *res, const struct own_words *w);

/* The reason of a balance judged on the partners' normals: eff and q are
 * the efficiency metric that gained most and the quality metric that lost
 * most (q NULL: none did beyond its noise). */
void words_balance_own(struct rule_result *res, const struct own_words *eff,
		       const struct own_words *q);

#endif
