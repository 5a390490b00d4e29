/* rule_eval.h: the rule kinds, each judging one partner on the loaded
 * data (private to the indicator engine). */
#ifndef BPW_RULE_EVAL_H
#define BPW_RULE_EVAL_H

#include "evaldata.h"
#include "indicator.h"

struct rule_ctx {
	const struct evaldata *d;
	const struct ruleset *rs;
	long today;			/* date_days(today) */
	long ref_day;			/* as-of month's last day, or today if earlier */
	/* vs_portfolio: medians per segment and month, computed on demand */
	double *med;
	int *med_n;
	size_t med_size;
	/* Explaining: keep the inputs of partner trace_p (-1: of every one;
	 * -2: of none); p is the partner being judged. */
	long trace_p;
	size_t p;
};

/* Judges partner p on rule r into out (zeroed by the caller); out->reason
 * is allocated. */
void rule_eval(struct rule_ctx *c, const struct rule *r, size_t p,
	       struct rule_result *out);

/* Adds a figure to res (ignored beyond RESULT_MAX_FIGS). */
void result_fig(struct rule_result *res, enum figure f, double v);

#endif
