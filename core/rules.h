/* rules.h: the health indicators and their rules as the configuration
 * defines them: read from each file into a mergeable tree (a later file
 * overrides single parameters), then checked and compiled into a ruleset. */
#ifndef BPW_RULES_H
#define BPW_RULES_H

#include <stdbool.h>
#include <stddef.h>

#include "metric.h"

struct diag_report;
struct config_setting_t;

/* The rule kinds: enum name, config spelling. */
#define RULE_KINDS(X) \
	X(LEVEL, "level") \
	X(TREND, "trend") \
	X(STREAK, "streak") \
	X(VS_PORTFOLIO, "vs_portfolio") \
	X(DIVERGENCE, "divergence") \
	X(EVENTS, "events") \
	X(QA, "qa") \
	X(BALANCE, "balance") \
	X(FRESHNESS, "freshness") \
	X(SHIFT, "shift") \
	X(RATE, "rate") \
	X(TARGET, "target")

enum rule_kind {
#define X(e, s) RULE_##e,
	RULE_KINDS(X)
#undef X
	RULE_KIND_COUNT
};

/* Which source of a metric a rule reads. ANY: the client-measured value
 * where there is one, else the partner-reported one. */
enum rule_source { RSRC_ANY, RSRC_PARTNER, RSRC_CLIENT };

/* Where a setting came from (file owned by the ruleset). */
struct rule_origin {
	char *file;
	int line;
};

/* A metric known to the rules: built in, or declared under `metrics`. */
struct metric_info {
	char *key, *name, *label, *unit;
	enum metric_better better;
	enum metric_agg agg;
	struct metric_range range;	/* declared min/max (built-ins: none here) */
	bool builtin;
	struct rule_origin origin;	/* file 0 for built-ins */
};

#define RULE_MAX_LIST 8

struct rule {
	char *key;			/* its name in the config */
	enum rule_kind kind;
	struct rule_origin origin;

	int metric;			/* index into ruleset.metrics, -1 none */
	char *segment;			/* "", "name=value", "name=*" or "*" */
	enum rule_source source;
	int periods;			/* trend, balance: months compared */
	int average;			/* trend: months averaged at each end */
	int max_age;			/* months the latest value may lag */
	bool relative;			/* trend, vs_portfolio: thresholds in % */
	bool cause_check;		/* level, trend, streak */
	double share;			/* cause check: share of other partners */
	int min_partners;		/* vs_portfolio, cause check */
	double min_step;		/* streak: smallest decline that counts */

	bool has_score;			/* warn/alert given (optional for qa) */
	double warn, alert;
	struct rule_origin warn_at, alert_at;

	unsigned event_kinds;		/* events: bit per enum event_kind */
	int window;			/* events: months counted */
	bool fewer_is_better;		/* events: better = "fewer" */

	int efficiency[RULE_MAX_LIST], quality[RULE_MAX_LIST];
	size_t n_efficiency, n_quality;	/* balance: metric indexes */
	double improve;			/* balance: % an efficiency metric gains */

	char *sections[RULE_MAX_LIST];	/* qa: section keys (none: whole audit) */
	size_t n_sections;
	bool critical;			/* qa: a failed critical item alerts */
	int warn_days, alert_days;	/* qa: audit age; 0 when not checked */
	int overdue_days;		/* qa: days past the next audit's due date
					 * for ALERT (WATCH once due); -1: not
					 * checked */
	struct rule_origin warn_days_at, alert_days_at;

	int due_day;			/* freshness: day of the next month */

	/* Judged against the partner's own normal (shift, rate, and balance
	 * or divergence when asked): see baseline.h. */
	int baseline;			/* months of the normal; 0: not used */
	int min_baseline;		/* fewer: the portfolio's spread helps */
	int recent;			/* months judged together */
	int memory;			/* months a shift holds the normal back */
	double z_warn, z_alert;		/* how sure, in standard errors */
	double min_count;		/* rate: events above the usual needed */
};

struct indicator {
	char *key, *title;
	double weight;			/* share in the health score */
	struct rule_origin origin;
	struct rule *rules;
	size_t nrules;
};

struct ruleset {
	struct indicator *items;
	size_t count;
	int audit_interval_days;	/* qa: global audit interval (config) */
	int due_day;			/* figures_due_day (config): the time model's */
	struct metric_info *metrics;
	size_t nmetrics;
};

/* The merge tree of the indicators and metrics read so far. */
struct rules_spec;

/* An empty tree; rules_spec_free releases it. */
struct rules_spec *rules_spec_new(void);

/* A deep copy of sp. */
struct rules_spec *rules_spec_copy(const struct rules_spec *sp);

/* Frees sp; NULL is allowed. */
void rules_spec_free(struct rules_spec *sp);

/* Merges the `indicators` or `metrics` group s of file into sp: an entry
 * with a known key overrides its parameters one by one (a rule that sets
 * `kind` is replaced whole); new ones are appended. Shape errors go to rep. */
void rules_spec_read(struct rules_spec *sp, const struct config_setting_t *s,
		     bool metrics, const char *file, struct diag_report *rep);

/* Checks the merged tree and compiles it. Every problem goes to rep with
 * its file and line; returns 0, or BPW_ECONFIG (and *out NULL) on errors.
 * *out is freed with ruleset_free. */
int rules_compile(const struct rules_spec *sp, struct ruleset **out,
		  struct diag_report *rep);

/* Frees rs; NULL is allowed. */
void ruleset_free(struct ruleset *rs);

/* The day of the next month by which a freshness rule r expects a
 * month's figures: its own due_day, else the config's figures_due_day. */
int ruleset_due_day(const struct ruleset *rs, const struct rule *r);

/* The metrics the configuration declares (not the built-ins), as catalogue
 * entries for metric_declare; their texts are rs's (out must not outlive
 * it); metric_list_free releases out. */
void ruleset_declared_metrics(const struct ruleset *rs, struct metric_list *out);

/* Index of the metric with this key in rs, or -1. */
int ruleset_metric_index(const struct ruleset *rs, const char *key);

/* The config spelling of a kind. */
const char *rule_kind_name(enum rule_kind k);

/* What a rule's cause check does: nothing (off, or a kind it does not
 * change), the vote of the fixed-threshold kinds (level, trend, streak:
 * portfolio-wide when most others fire too, capped at WATCH), or taking
 * the portfolio's common movement out before judging (shift, rate,
 * divergence, balance with a baseline). */
enum rule_cause { RULE_CAUSE_NONE, RULE_CAUSE_VOTE, RULE_CAUSE_COMMON };
enum rule_cause rule_cause(const struct rule *r);

/* The rule parameters the loader accepts, with their help (for the man
 * page test and `config check`). */
size_t rule_param_count(void);
const char *rule_param_name(size_t i);
const char *rule_param_help(size_t i);

#endif
