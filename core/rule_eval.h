/* rule_eval.h: the rule kinds, each judging one partner on the loaded
 * data (private to the indicator engine). */
#ifndef BPW_RULE_EVAL_H
#define BPW_RULE_EVAL_H

#include "evaldata.h"
#include "indicator.h"

struct rule_panel;

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
	/* The portfolio panels the kinds judged against a partner's own
	 * normal read (rule_own.c), built on first use, kept for the whole
	 * evaluation; and room for one partner's series while judging. */
	struct rule_panel *panels;
	size_t npanels;
	double *scratch;		/* 3 x nmonths */
};

/* Judges partner p on rule r into out (zeroed by the caller); out->reason
 * is allocated. */
void rule_eval(struct rule_ctx *c, const struct rule *r, size_t p,
	       struct rule_result *out);

/* Frees the reason and the inputs of r. */
void rule_result_clear(struct rule_result *r);

/* Adds a figure to res (ignored beyond RESULT_MAX_FIGS). */
void result_fig(struct rule_result *res, enum figure f, double v);

/* Frees what the evaluation kept in c (its panels and scratch), or only
 * its panels. */
void rule_ctx_clear(struct rule_ctx *c);
void rule_ctx_clear_panels(struct rule_ctx *c);

/* Helpers the kinds share (rule_eval.c). */

/* True when the figures read are kept for partner c->p (explaining). */
bool rule_tracing(const struct rule_ctx *c);
/* A new input of out (NULL when not explaining this partner). */
struct rule_input *rule_trace_add(const struct rule_ctx *c, struct rule_result *out,
				  const char *what);
/* Keeps an observation: month idx of the window, segment, source, value. */
void rule_trace_obs(const struct rule_ctx *c, struct rule_result *out,
		    const char *what, int idx, const char *seg, int src, double v);
/* Keeps a dated text (an event, an audit item) with a value or NaN. */
void rule_trace_text(const struct rule_ctx *c, struct rule_result *out,
		     const char *what, const char *date, const char *text, double v);
/* The first day of month idx of the window. */
void rule_month_of(const struct rule_ctx *c, int idx, char out[DATE_LEN]);
/* "(client)" or "(partner, 2026-09)": the source, and the month unless it
 * is the as-of month. */
const char *rule_where(char *buf, size_t n, const struct rule_ctx *c,
		       enum obs_source src, int idx);
/* The index of the last value of v (n months), or -1; the same no older
 * than max_age months, or -1. */
int rule_last_value(const double *v, int n);
int rule_latest(const double *v, int n, int max_age);
/* The series of partner p a rule with source rs reads (NULL: none), and
 * the source it came from. */
const double *rule_pick(const struct rule_ctx *c, const struct ed_metric *em,
			size_t p, int seg, enum rule_source rs, enum obs_source *used);
/* NO DATA with the month of the last value, or n/a when v has none. */
void rule_no_recent(const struct rule_ctx *c, const struct metric_info *m,
		    const double *v, const char *seg, struct rule_result *out);

/* The kinds judged against the partner's own normal (rule_own.c). */

/* shift and rate (of a count metric) on segment seg of metric em. */
void rule_eval_own_metric(struct rule_ctx *c, const struct rule *r,
			  const struct metric_info *m, const struct ed_metric *em,
			  int seg, size_t p, struct rule_result *out);
/* rate of events of the rule's kinds. */
void rule_eval_own_events(struct rule_ctx *c, const struct rule *r, size_t p,
			  struct rule_result *out);
/* balance with a baseline: efficiency gained on the partner's normal while
 * quality fell below it. */
void rule_eval_own_balance(struct rule_ctx *c, const struct rule *r, size_t p,
			   struct rule_result *out);
/* The portfolio's common movement of the partner-client gap of segment seg,
 * averaged over the n months at idx (0 when too few others have both). */
double rule_gap_common(struct rule_ctx *c, const struct rule *r,
		       const struct ed_metric *em, int seg, size_t p,
		       const int *idx, int n);

/* The kind target (rule_target.c): the metric against the partner's own
 * contract target valid in each month of the window. */
void rule_eval_target(struct rule_ctx *c, const struct rule *r, size_t p,
		      struct rule_result *out);

#endif
