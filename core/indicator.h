/* indicator.h: the indicator engine: every active partner judged as of a
 * month, per indicator OK / WATCH / ALERT / NO DATA with one-line reasons
 * and the figures behind them, the overall status and a health score. The
 * dashboard, the reports and `bpowatch check` all read this. */
#ifndef BPW_INDICATOR_H
#define BPW_INDICATOR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "date.h"
#include "error.h"
#include "observation.h"
#include "qa.h"
#include "rules.h"
#include "store.h"
#include "strbuf.h"

/* The statuses from best to worst: enum name, JSON spelling, label, and
 * the one-character mark that tells them apart where colour cannot. NA is
 * a rule that does not apply (e.g. a metric the partner never reports);
 * it never decides a status. NO DATA ranks above OK: it is never a silent
 * OK. */
#define STATUS_LIST(X) \
	X(NA, "n/a", "n/a", '-') \
	X(OK, "ok", "OK", '+') \
	X(NODATA, "no_data", "NO DATA", '?') \
	X(WATCH, "watch", "WATCH", '~') \
	X(ALERT, "alert", "ALERT", '!')

enum status {
#define X(e, s, l, m) STATUS_##e,
	STATUS_LIST(X)
#undef X
	STATUS_COUNT
};

/* A named number behind a reason (name is a static string). */
struct figure {
	const char *name;
	double value;
};

#define RESULT_MAX_FIGS 12

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

struct rule_result {
	const struct rule *rule;
	enum status status;
	char *reason;			/* one line, ASCII punctuation */
	char period[DATE_LEN];		/* month of the value judged, or "" */
	char segment[68];		/* segment judged ("" total) */
	bool has_source;
	enum obs_source source;		/* source of the value judged */
	bool portfolio_wide;		/* the cause check capped it */
	double severity;		/* how bad, to pick the worst segment */
	struct figure figs[RESULT_MAX_FIGS];
	size_t nfigs;
	struct rule_input *inputs;	/* traced evaluations only, else NULL */
	size_t ninputs;
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
	double health;			/* 0-100, weighted by the indicators */
	struct indicator_result *inds;	/* one per indicator of the ruleset */
	size_t ninds;
	struct qa_last_audit audit;	/* last final audit by the month's end */
};

struct evaluation {
	char as_of[DATE_LEN];		/* YYYY-MM-01 */
	char today[DATE_LEN];
	const struct ruleset *rs;	/* not owned */
	struct partner_result *partners;	/* by code */
	size_t count;
	size_t counts[STATUS_COUNT];	/* partners by overall status */
	bool traced;			/* rule results hold their inputs */
};

/* Judges every active partner as of period (YYYY-MM-01; NULL: the latest
 * month with figures) on the rules of rs. today (YYYY-MM-DD) decides
 * whether figures are overdue. out is freed with evaluation_free (also
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

/* Frees the reason and the inputs of r. */
void rule_result_clear(struct rule_result *r);

/* Frees what ev holds and empties it; NULL is allowed. */
void evaluation_free(struct evaluation *ev);

/* Index of the partner with this code (case-insensitive), or -1. */
long evaluation_find(const struct evaluation *ev, const char *code);

/* The JSON spelling ("no_data") and the label ("NO DATA") of a status. */
const char *status_name(enum status s);
const char *status_label(enum status s);

/* The status whose JSON spelling is the n bytes at name ("alert"), or -1. */
int status_parse(const char *name, size_t n);

/* The points a status gives in the health score: OK 100, ALERT 0, WATCH
 * and NO DATA 50 (the score is the indicators' weighted mean). */
double status_points(enum status s);

/* The one-character mark of a status ('!' for ALERT). */
char status_mark(enum status s);

/* Appends ev as the JSON document of `bpowatch check` (see the README):
 * all partners, or only the one at index only when only >= 0. */
void evaluation_to_json(const struct evaluation *ev, long only, struct strbuf *b);

#endif
