/* indicator.h: the indicator engine: every active partner judged as of a
 * month, per indicator OK / WATCH / ALERT / NO DATA with one-line reasons
 * and the figures behind them, the overall status and a health score. The
 * dashboard, the reports and `bpowatch check` all read this. */
#ifndef BPW_INDICATOR_H
#define BPW_INDICATOR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "date.h"
#include "error.h"
#include "observation.h"
#include "qa.h"
#include "rules.h"
#include "status.h"
#include "store.h"
#include "strbuf.h"

/* The named numbers behind a reason, as the JSON and the drill-down spell
 * them. A result keeps a figure as this small number and its value: a
 * result is kept for every rule of every partner, so it is kept small. */
#define FIGURE_LIST(X) \
	X(VALUE, "value") \
	X(WARN, "warn") \
	X(ALERT, "alert") \
	X(BASE, "base") \
	X(CHANGE, "change") \
	X(MONTHS, "months") \
	X(MEDIAN, "median") \
	X(PARTNERS, "partners") \
	X(DEVIATION, "deviation") \
	X(PARTNER_VALUE, "partner_value") \
	X(CLIENT_VALUE, "client_value") \
	X(GAP, "gap") \
	X(COUNT, "count") \
	X(WINDOW_MONTHS, "window_months") \
	X(SCORE, "score") \
	X(AGE_DAYS, "age_days") \
	X(CRITICAL_FAILS, "critical_fails") \
	X(PASSING, "passing") \
	X(WARN_DAYS, "warn_days") \
	X(ALERT_DAYS, "alert_days") \
	X(INTERVAL_DAYS, "interval_days") \
	X(DAYS_OVERDUE, "days_overdue") \
	X(EFFICIENCY_GAIN_PCT, "efficiency_gain_pct") \
	X(QUALITY_LOSS_PCT, "quality_loss_pct") \
	X(IMPROVE, "improve") \
	X(MONTHS_OVERDUE, "months_overdue") \
	X(DUE_DAY, "due_day") \
	X(OTHERS, "others") \
	X(OTHERS_FIRING, "others_firing") \
	X(RECENT, "recent") \
	X(RECENT_MONTHS, "recent_months") \
	X(SPREAD, "spread") \
	X(BASE_MONTHS, "base_months") \
	X(BASE_FROM, "base_from") \
	X(BASE_TO, "base_to") \
	X(EFFECT, "effect") \
	X(PORTFOLIO, "portfolio") \
	X(Z, "z") \
	X(ONSET, "onset") \
	X(EXPECTED, "expected") \
	X(QUALITY_LOSS, "quality_loss") \
	X(TARGET, "target") \
	X(MET, "met") \
	X(MISSED, "missed") \
	X(CREDIT_PCT, "credit_pct")

enum figure {
#define X(e, s) FIG_##e,
	FIGURE_LIST(X)
#undef X
	FIGURE_COUNT
};

#define RESULT_MAX_FIGS 16

/* A figure a rule read, kept only when the evaluation explains (see
 * indicator_evaluate_traced): an observation, a portfolio median, an event
 * or an audit item. */
struct rule_input {
	const char *what;		/* static: "judged", "median", "event" ... */
	char period[DATE_LEN];		/* the month or the day, "" for none */
	char segment[68];		/* "" for the total */
	bool has_segment;		/* a figure of a segment (or the total) */
	int source;			/* enum obs_source, -1 for none */
	double value;			/* NaN for none */
	char *text;			/* an event's kind, an item's text: owned */
};

/* One rule's verdict on one partner. Laid out largest first: 1,000
 * partners x 30 rules of these are alive while the dashboard runs. */
struct rule_result {
	const struct rule *rule;
	char *reason;			/* one line, ASCII punctuation */
	const char *segment;		/* segment judged ("" total); the
					 * string belongs to the evaluation */
	double severity;		/* how bad, to pick the worst segment */
	struct rule_input *inputs;	/* traced evaluations only, else NULL */
	size_t ninputs;
	double fig[RESULT_MAX_FIGS];	/* values of the figures ... */
	enum status status;
	enum obs_source source;		/* source of the value judged */
	char period[DATE_LEN];		/* month of the value judged, or "" */
	unsigned char fig_name[RESULT_MAX_FIGS]; /* ... and their enum figure */
	unsigned char nfigs;
	bool has_source;
	bool portfolio_wide;		/* the cause check capped it */
	unsigned short vote_others;	/* the cause check's vote: other partners */
	unsigned short vote_firing;	/* with figures, and of them firing too */
};

struct indicator_result {
	const struct indicator *ind;
	enum status status;
	char *reason;			/* the reasons that decided the status */
	struct rule_result *rules;	/* one per rule of the indicator */
	size_t nrules;
};

struct partner_result {
	int64_t id;
	char *code, *name;
	enum status status;		/* worst indicator */
	double health;			/* 0-100 whole, indicator_health */
	struct indicator_result *inds;	/* one per indicator of the ruleset */
	size_t ninds;
	struct qa_last_audit audit;	/* last final audit up to evaluation.until */
	bool pending;			/* read lazily from a stored judgement:
					 * statuses only, inds[].reason and
					 * .rules not yet (judgement_detail) */
};

struct evaluation {
	char as_of[DATE_LEN];		/* YYYY-MM-01 */
	char today[DATE_LEN];
	char until[DATE_LEN];		/* events and audits counted up to this day */
	const struct ruleset *rs;	/* not owned */
	struct partner_result *partners;	/* by code */
	size_t count;
	size_t counts[STATUS_COUNT];	/* partners by overall status */
	bool traced;			/* rule results hold their inputs */
	char **segments;		/* the names rule_result.segment points to */
	size_t nsegments;
	int64_t judgement;		/* the stored judgement partners still
					 * pending are read from, 0 none */
};

/* Judges every active partner as of period (YYYY-MM-01; NULL: the month
 * the time model judges on today, timemodel_judged) on the rules of rs.
 * today (YYYY-MM-DD) decides whether figures are overdue and, through
 * timemodel_until, up to which day events and audits count. out is freed with indicator_free (also
 * after a failure). */
int indicator_evaluate(struct store *st, const struct ruleset *rs,
		       const char *period, const char *today,
		       struct evaluation *out, struct bpw_error *err);

/* indicator_evaluate that also keeps, in each rule result of the partner
 * with code `trace` (NULL: of every partner), the figures the rule read
 * (rule_result.inputs): what `explain` shows. */
int indicator_evaluate_traced(struct store *st, const struct ruleset *rs,
			      const char *period, const char *today,
			      const char *trace, struct evaluation *out,
			      struct bpw_error *err);

/* The name of a figure ("value"), and figure f of r: true and its value in
 * *v, false when r has none. */
const char *indicator_figure_name(enum figure f);

/* Whether figure f counts something whole (events, days, months,
 * partners): shown without decimals. */
bool indicator_figure_is_count(enum figure f);
bool indicator_result_figure(const struct rule_result *r, enum figure f, double *v);

/* Whether the event of kind on date (YYYY-MM-DD) is one r counted: an
 * events or rate rule, one of its kinds, and in the months it counted
 * (its window_months, or the recent_months a rate compared, ending with
 * the judged month as_of; a later event, up to the day the judgement
 * counted to, belongs to the last of them). False for any other rule. */
bool indicator_result_counts_event(const struct rule_result *r, const char *as_of,
				   int kind, const char *date);

/* Frees what ev holds and empties it; NULL is allowed. */
void indicator_free(struct evaluation *ev);

/* Index of the partner with this code (case-insensitive), or -1. */
long indicator_find(const struct evaluation *ev, const char *code);

/* The one default order of partners, for check, the reports and the
 * dashboard: worst status first, then lower health (none last), then name
 * and code. NULL (a partner without a judgement) sorts last. */
int indicator_partner_cmp(const struct partner_result *a,
			  const struct partner_result *b);

/* Sorts n partner results into indicator_partner_cmp's order. */
void indicator_partner_sort(const struct partner_result **v, size_t n);

/* The health score as every screen, report and JSON shows it: the
 * weighted mean (sum / wsum) rounded to a whole number, halves up; NaN
 * when wsum is 0. */
double indicator_health(double sum, double wsum);

/* Appends ev as the JSON document of `bpowatch check` (see the README):
 * all partners, or only the one at index only when only >= 0. */
void indicator_json(const struct evaluation *ev, long only, struct strbuf *b);

/* Adds members to a partner's object (each starting with a comma). */
typedef void (*indicator_json_fn)(struct strbuf *b, const struct partner_result *pr,
				  void *ctx);

/* indicator_json with extra called at the end of every partner's
 * object (the contract targets of `check`). */
void indicator_json_with(const struct evaluation *ev, long only,
			     indicator_json_fn extra, void *ctx, struct strbuf *b);

/* Something done to the partner at index of an evaluation the caller
 * holds (ctx): 0, or an error code. */
typedef int (*indicator_partner_fn)(size_t index, void *ctx);

/* indicator_json_with written to f partner by partner, so that what is
 * held is one partner's text: need (NULL: none) makes each partner whole
 * first (its detail read from a stored judgement; an error stops the
 * document there and is returned), done (NULL: none) lets it go after
 * its text is written. */
int indicator_json_write(const struct evaluation *ev, long only, indicator_json_fn extra,
			 void *ctx, indicator_partner_fn need, indicator_partner_fn done,
			 void *pctx, FILE *f);

#endif
