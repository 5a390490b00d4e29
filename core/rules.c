/* rules.c: checking and compiling the merged indicator rules (see
 * rules_spec.c for the merging): every parameter against its kind, the
 * thresholds against the metric's direction, each problem at its file and
 * line. */
#include "rules.h"
#include "rules_spec.h"

#include <ctype.h>
#include <libconfig.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "baseline.h"
#include "diag.h"
#include "error.h"
#include "event.h"
#include "text.h"
#include "timemodel.h"
#include "xalloc.h"

/* ------------------------------------------------------------- compile */

static const char *const kind_names[] = {
#define X(e, s) s,
	RULE_KINDS(X)
#undef X
};

const char *rule_kind_name(enum rule_kind k)
{
	return (unsigned)k < RULE_KIND_COUNT ? kind_names[k] : "?";
}

enum rule_cause rule_cause(const struct rule *r)
{
	if (!r->cause_check)
		return RULE_CAUSE_NONE;
	switch (r->kind) {
	case RULE_LEVEL: case RULE_TREND: case RULE_STREAK:
		return RULE_CAUSE_VOTE;
	case RULE_SHIFT: case RULE_RATE: case RULE_DIVERGENCE:
		return RULE_CAUSE_COMMON;
	case RULE_BALANCE:
		return r->baseline > 0 ? RULE_CAUSE_COMMON : RULE_CAUSE_NONE;
	default:
		return RULE_CAUSE_NONE;
	}
}

#define K(k) (1u << RULE_##k)
#define K_METRIC (K(LEVEL) | K(TREND) | K(STREAK) | K(VS_PORTFOLIO) | K(DIVERGENCE) | \
		  K(SHIFT))
#define K_ALL ((1u << RULE_KIND_COUNT) - 1)
/* Kinds judged against the partner's own normal, and those that take the
 * portfolio's common movement out (or vote on it). */
#define K_OWN (K(SHIFT) | K(RATE) | K(BALANCE))
#define K_CAUSE (K(LEVEL) | K(TREND) | K(STREAK) | K_OWN | K(DIVERGENCE))

enum ptype {
	PT_KIND, PT_BOOL, PT_NUM, PT_INT, PT_METRIC, PT_METRICS, PT_SEGMENT,
	PT_SOURCE, PT_EVKINDS, PT_SECTIONS, PT_BETTER
};

struct pdef {
	const char *name;
	enum ptype type;
	size_t off;		/* into struct rule, for BOOL/NUM/INT */
	unsigned allowed, required;
	double min, max;
	const char *help;
};

#define OFF(f) offsetof(struct rule, f)

/* Every parameter a rule may have: the one list the loader, the error
 * messages and the documentation test read. */
static const struct pdef pdefs[] = {
	{ "kind", PT_KIND, 0, K_ALL, K_ALL, 0, 0,
	  "shift, rate, level, trend, streak, vs_portfolio, divergence, events, qa, "
	  "balance, freshness or target" },
	{ "enabled", PT_BOOL, 0, K_ALL, 0, 0, 0,
	  "false switches the rule off (default true)" },
	{ "metric", PT_METRIC, 0, K_METRIC | K(FRESHNESS) | K(RATE) | K(TARGET),
	  K_METRIC | K(TARGET), 0, 0,
	  "the metric key the rule reads (rate: a count metric, or `kinds`)" },
	{ "segment", PT_SEGMENT, 0, K_METRIC | K(RATE) | K(TARGET), 0, 0, 0,
	  "\"\" the total (default), \"channel=phone\" one segment, \"channel=*\" "
	  "each channel (the worst counts), \"*\" every segment" },
	{ "source", PT_SOURCE, 0, (K_METRIC & ~K(DIVERGENCE)) | K(BALANCE) | K(RATE), 0, 0, 0,
	  "\"client\", \"partner\" or \"any\" (default: client-measured where "
	  "there is a value, else partner-reported)" },
	{ "warn", PT_NUM, OFF(warn), K_ALL & ~K(FRESHNESS),
	  K_METRIC | K(EVENTS) | K(BALANCE) | K(RATE), -1e9, 1e9,
	  "threshold for WATCH (see the rule kind for its meaning)" },
	{ "alert", PT_NUM, OFF(alert), K_ALL & ~K(FRESHNESS),
	  K_METRIC | K(EVENTS) | K(BALANCE) | K(RATE), -1e9, 1e9,
	  "threshold for ALERT" },
	{ "periods", PT_INT, OFF(periods), K(TREND) | K(BALANCE), 0, 1, 60,
	  "months between the two values compared (default 3)" },
	{ "average", PT_INT, OFF(average), K(TREND) | K(DIVERGENCE), 0, 1, 12,
	  "months averaged at each end of a trend, or of a divergence's gap "
	  "(default 1)" },
	{ "relative", PT_BOOL, OFF(relative), K(TREND) | K(VS_PORTFOLIO) | K(SHIFT), 0, 0, 0,
	  "thresholds are percent of the earlier value, the median or the "
	  "normal (default false)" },
	{ "max_age", PT_INT, OFF(max_age), K_METRIC | K(BALANCE) | K(RATE), 0, 0, 24,
	  "months the latest value may lag the as-of month before the rule "
	  "says no data (default 2)" },
	{ "cause_check", PT_BOOL, OFF(cause_check), K_CAUSE, 0, 0, 0,
	  "shift, rate, balance, divergence: take the portfolio's common movement "
	  "out before judging (default true); level, trend, streak: when most "
	  "other partners show the same, say portfolio-wide and cap at WATCH "
	  "(default false)" },
	{ "portfolio_share", PT_NUM, OFF(share), K(LEVEL) | K(TREND) | K(STREAK), 0, 0.01, 1,
	  "cause check of level, trend, streak: share of the other partners "
	  "that counts as most (default 0.6)" },
	{ "min_partners", PT_INT, OFF(min_partners), K(VS_PORTFOLIO) | K_CAUSE, 0, 2, 100000,
	  "partners with data needed for a median or a cause check, and other "
	  "partners needed for a common movement (default 3)" },
	{ "min_step", PT_NUM, OFF(min_step), K(STREAK), 0, 0, 1e9,
	  "streak: smallest month-on-month decline that counts (default 0)" },
	{ "kinds", PT_EVKINDS, 0, K(EVENTS) | K(RATE), K(EVENTS), 0, 0,
	  "event kinds counted: " },	/* the kinds' names follow (param_help) */
	{ "window", PT_INT, OFF(window), K(EVENTS) | K(TARGET), 0, 1, 24,
	  "months counted, the as-of month included (events: default 6; "
	  "target: 3)" },
	{ "better", PT_BETTER, 0, K(EVENTS) | K(RATE), 0, 0, 0,
	  "events: \"more\" (default: few events are the problem) or \"fewer\"" },
	{ "efficiency", PT_METRICS, 0, K(BALANCE), K(BALANCE), 0, 0,
	  "cost and efficiency metrics whose gain is checked" },
	{ "quality", PT_METRICS, 0, K(BALANCE), K(BALANCE), 0, 0,
	  "quality metrics whose loss is checked" },
	{ "improve", PT_NUM, OFF(improve), K(BALANCE), 0, 0, 1000,
	  "percent an efficiency metric must gain to count (default 3)" },
	{ "sections", PT_SECTIONS, 0, K(QA), 0, 0, 0,
	  "QA checklist section keys scored together (default: the whole audit)" },
	{ "critical", PT_BOOL, OFF(critical), K(QA), 0, 0, 0,
	  "a failed critical item means ALERT (default true)" },
	{ "warn_days", PT_INT, OFF(warn_days), K(QA), 0, 1, 3650,
	  "days since the last final audit for WATCH" },
	{ "alert_days", PT_INT, OFF(alert_days), K(QA), 0, 1, 3650,
	  "days since the last final audit for ALERT" },
	{ "overdue_days", PT_INT, OFF(overdue_days), K(QA), 0, 0, 3650,
	  "WATCH once the next audit is due (last final audit + the partner's "
	  "audit interval, else audit_interval_days), ALERT this many days "
	  "after" },
	{ "due_day", PT_INT, OFF(due_day), K(FRESHNESS), 0, 1, 28,
	  "day of the next month by which a month's figures are due (default: "
	  "figures_due_day)" },
	{ "baseline", PT_INT, OFF(baseline), K_OWN, 0, 0, BASELINE_MAX,
	  "months that make the partner's own normal, before the recent ones "
	  "(shift, rate: default 12; balance: 0 compares over `periods` "
	  "instead)" },
	{ "min_baseline", PT_INT, OFF(min_baseline), K_OWN, 0, 3, BASELINE_MAX,
	  "fewer months of history than this: the spread is at least the "
	  "portfolio's typical one (default 6; under 3 months: no data)" },
	{ "recent", PT_INT, OFF(recent), K_OWN, 0, 1, 24,
	  "the latest months judged together against the normal (default 3)" },
	{ "memory", PT_INT, OFF(memory), K_OWN, 0, 0, BASELINE_MAX,
	  "months a shift already flagged keeps the normal anchored before it "
	  "(default 12)" },
	{ "z_warn", PT_NUM, OFF(z_warn), K_OWN, 0, 0, 8.5,
	  "how sure a change must be for WATCH, in standard errors of the "
	  "partner's own noise (shift default 3, rate 2.5)" },
	{ "z_alert", PT_NUM, OFF(z_alert), K_OWN, 0, 0, 8.5,
	  "the same for ALERT (shift default 4, rate 3)" },
	{ "min_count", PT_NUM, OFF(min_count), K(RATE), 0, 0, 1e6,
	  "rate, when more is worse: how many more than usual at least "
	  "(default 1)" },
};

#define NPDEFS (sizeof(pdefs) / sizeof(pdefs[0]))

size_t rule_param_count(void) { return NPDEFS; }
const char *rule_param_name(size_t i) { return i < NPDEFS ? pdefs[i].name : NULL; }
const char *rule_param_help(size_t i)
{
	static char kinds[200];

	if (i >= NPDEFS)
		return NULL;
	if (pdefs[i].type != PT_EVKINDS)
		return pdefs[i].help;
	snprintf(kinds, sizeof(kinds), "%s%s", pdefs[i].help, event_kind_names());
	return kinds;
}

static const struct pdef *pdef_find(const char *name)
{
	size_t i;

	for (i = 0; i < NPDEFS; i++)
		if (strcmp(pdefs[i].name, name) == 0)
			return &pdefs[i];
	return NULL;
}

static const char *pdef_closest(const char *name)
{
	size_t i, best = 3, d;
	const char *hit = NULL;

	for (i = 0; i < NPDEFS; i++) {
		d = text_edit_distance(name, pdefs[i].name);
		if (d < best) {
			best = d;
			hit = pdefs[i].name;
		}
	}
	return hit;
}

static void rule_clear(struct rule *r)
{
	size_t k;

	free(r->key);
	free(r->segment);
	free(r->origin.file);
	free(r->warn_at.file);
	free(r->alert_at.file);
	free(r->warn_days_at.file);
	free(r->alert_days_at.file);
	for (k = 0; k < r->n_sections; k++)
		free(r->sections[k]);
	memset(r, 0, sizeof(*r));
}

static void indicator_clear(struct indicator *ind)
{
	size_t j;

	for (j = 0; j < ind->nrules; j++)
		rule_clear(&ind->rules[j]);
	free(ind->rules);
	free(ind->key);
	free(ind->title);
	free(ind->origin.file);
	memset(ind, 0, sizeof(*ind));
}

void ruleset_free(struct ruleset *rs)
{
	size_t i;

	if (rs == NULL)
		return;
	for (i = 0; i < rs->count; i++)
		indicator_clear(&rs->items[i]);
	free(rs->items);
	for (i = 0; i < rs->nmetrics; i++) {
		free(rs->metrics[i].key);
		free(rs->metrics[i].name);
		free(rs->metrics[i].label);
		free(rs->metrics[i].unit);
		free(rs->metrics[i].origin.file);
	}
	free(rs->metrics);
	free(rs);
}

void ruleset_declared_metrics(const struct ruleset *rs, struct metric_list *out)
{
	size_t i;

	memset(out, 0, sizeof(*out));
	out->items = xcalloc(rs->nmetrics + 1, sizeof(*out->items));
	for (i = 0; i < rs->nmetrics; i++) {
		const struct metric_info *mi = &rs->metrics[i];
		struct metric *m;

		if (mi->builtin)
			continue;
		m = &out->items[out->count++];
		m->key = mi->key;
		m->name = mi->name;
		m->unit = mi->unit;
		m->better = mi->better;
		m->agg = mi->agg;
		m->description = "";
		m->question = "";
		m->range = mi->range;
	}
}

int ruleset_due_day(const struct ruleset *rs, const struct rule *r)
{
	if (r && r->due_day > 0)
		return r->due_day;
	return rs->due_day > 0 ? rs->due_day : TIMEMODEL_DUE_DAY;
}

int ruleset_metric_index(const struct ruleset *rs, const char *key)
{
	size_t i;

	for (i = 0; i < rs->nmetrics; i++)
		if (strcmp(rs->metrics[i].key, key) == 0)
			return (int)i;
	return -1;
}

static struct rule_origin origin_of(const char *file, int line)
{
	struct rule_origin o = { xstrdup(file), line };

	return o;
}

/* The metrics: built-ins, then those declared under `metrics`. */
static void compile_metrics(const struct rules_spec *sp, struct ruleset *rs,
			    struct diag_report *rep)
{
	size_t i, j;

	rs->metrics = xcalloc(metric_builtin_count + sp->metrics.nkids,
			      sizeof(*rs->metrics));
	for (i = 0; i < metric_builtin_count; i++) {
		const struct metric_builtin *b = &metric_builtins[i];
		struct metric_info *m = &rs->metrics[rs->nmetrics++];

		m->key = xstrdup(b->key);
		m->name = xstrdup(b->name);
		m->label = xstrdup(b->label);
		m->unit = xstrdup(b->unit);
		m->better = b->better;
		m->agg = b->agg;
		m->builtin = true;
	}
	for (i = 0; i < sp->metrics.nkids; i++) {
		const struct rnode *n = &sp->metrics.kids[i];
		const struct rparam *better = rnode_param(n, "better");
		struct metric_info m;
		bool ok = true;

		if (!metric_key_valid(n->key)) {
			diag_add(rep, DIAG_ERROR, n->file, n->line,
					  "metric key '%s' must be lower-case letters, "
					  "digits and '_', starting with a letter", n->key);
			continue;
		}
		if (ruleset_metric_index(rs, n->key) >= 0) {
			diag_add(rep, DIAG_ERROR, n->file, n->line,
					  "metric '%s' is built in and cannot be "
					  "redefined; choose another key", n->key);
			continue;
		}
		memset(&m, 0, sizeof(m));
		m.agg = METRIC_AVG;
		if (better == NULL) {
			diag_add(rep, DIAG_ERROR, n->file, n->line,
					  "metric '%s' needs better = \"higher\" or "
					  "\"lower\"", n->key);
			continue;
		}
		for (j = 0; j < n->nparams; j++) {
			const struct rparam *p = &n->params[j];
			bool str = p->type == RP_STR;

			if (strcmp(p->name, "better") == 0 && str &&
			    metric_better_parse(p->str, &m.better) == 0)
				continue;
			if (strcmp(p->name, "aggregation") == 0 && str &&
			    metric_agg_parse(p->str, &m.agg) == 0)
				continue;
			if (str && strcmp(p->name, "name") == 0)
				continue;
			if (str && strcmp(p->name, "label") == 0)
				continue;
			if (str && strcmp(p->name, "unit") == 0)
				continue;
			if (p->type == RP_NUM && strcmp(p->name, "min") == 0) {
				m.range.has_min = true;
				m.range.min = p->num;
				continue;
			}
			if (p->type == RP_NUM && strcmp(p->name, "max") == 0) {
				m.range.has_max = true;
				m.range.max = p->num;
				continue;
			}
			if (strcmp(p->name, "min") == 0 || strcmp(p->name, "max") == 0)
				diag_add(rep, DIAG_ERROR, p->file, p->line,
						  "metric '%s': '%s' must be a number "
						  "(the lowest or highest plausible value)",
						  n->key, p->name);
			else if (strcmp(p->name, "better") == 0 ||
			    strcmp(p->name, "aggregation") == 0 ||
			    strcmp(p->name, "name") == 0 ||
			    strcmp(p->name, "label") == 0 ||
			    strcmp(p->name, "unit") == 0)
				diag_add(rep, DIAG_ERROR, p->file, p->line,
						  "metric '%s': '%s' has an invalid value "
						  "(better: \"higher\"/\"lower\"; aggregation: "
						  "\"avg\"/\"sum\"/\"last\"; others: a string)",
						  n->key, p->name);
			else
				diag_add(rep, DIAG_ERROR, p->file, p->line,
						  "metric '%s': unknown parameter '%s' "
						  "(name, label, unit, better, aggregation, "
						  "min, max)", n->key, p->name);
			ok = false;
		}
		if (ok && m.range.has_min && m.range.has_max && m.range.min > m.range.max) {
			diag_add(rep, DIAG_ERROR, n->file, n->line,
					  "metric '%s': min %g is above max %g", n->key,
					  m.range.min, m.range.max);
			ok = false;
		}
		if (!ok)
			continue;
		m.key = xstrdup(n->key);
		m.name = xstrdup(rnode_param(n, "name") ? rnode_param(n, "name")->str : n->key);
		m.label = xstrdup(rnode_param(n, "label") ? rnode_param(n, "label")->str : m.name);
		m.unit = xstrdup(rnode_param(n, "unit") ? rnode_param(n, "unit")->str : "");
		m.origin = origin_of(n->file, n->line);
		rs->metrics[rs->nmetrics++] = m;
	}
}

static bool segment_valid(const char *s)
{
	const char *eq;
	const unsigned char *p;

	if (*s == '\0' || strcmp(s, "*") == 0)
		return true;
	eq = strchr(s, '=');
	if (eq == NULL || eq == s || eq[1] == '\0' || strlen(s) > 64)
		return false;
	for (p = (const unsigned char *)s; *p; p++)
		if (*p < 0x20 || *p == 0x7f)
			return false;
	/* A wildcard only as the whole value: "channel=*". */
	return strchr(s, '*') == NULL || strcmp(eq + 1, "*") == 0;
}

struct cctx {
	const struct rules_spec *sp;
	struct ruleset *rs;
	struct diag_report *rep;
	const struct rnode *n;		/* the rule being compiled */
	const char *ind;		/* its indicator's key */
	bool ok;
	unsigned long long bad;		/* bit per pdef: its value was refused */
};

static void rule_error(struct cctx *c, const struct rparam *p, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void rule_error(struct cctx *c, const struct rparam *p, const char *fmt, ...)
{
	char msg[220];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	diag_add(c->rep, DIAG_ERROR, p ? p->file : c->n->file,
			  p ? p->line : c->n->line, "rule '%s.%s': %s", c->ind,
			  c->n->key, msg);
	c->ok = false;
}

static int metric_param(struct cctx *c, const struct rparam *p, const char *key)
{
	int m = ruleset_metric_index(c->rs, key);

	if (m < 0)
		rule_error(c, p, "unknown metric '%s' (declare it under `metrics`)", key);
	return m;
}

/* Applies one parameter p to r; reported when it is wrong. */
static void apply_one(struct cctx *c, struct rule *r, const struct rparam *p)
{
	const struct pdef *d = pdef_find(p->name);
	size_t i;
	int k;

	if (d == NULL) {
		const char *near = pdef_closest(p->name);

		if (near)
			rule_error(c, p, "unknown parameter '%s' (did you mean '%s'?)",
				   p->name, near);
		else
			rule_error(c, p, "unknown parameter '%s'", p->name);
		return;
	}
	if (!(d->allowed & (1u << r->kind))) {
		rule_error(c, p, "'%s' does not apply to a %s rule", p->name,
			   rule_kind_name(r->kind));
		return;
	}
	switch (d->type) {
	case PT_KIND:
		return;
	case PT_BOOL:
		if (p->type != RP_BOOL) {
			rule_error(c, p, "'%s' must be true or false", p->name);
			return;
		}
		if (strcmp(p->name, "enabled") != 0)
			*(bool *)((char *)r + d->off) = p->b;
		return;
	case PT_NUM:
	case PT_INT:
		if (p->type != RP_NUM || (d->type == PT_INT && !p->is_int)) {
			rule_error(c, p, "'%s' must be %s", p->name,
				   d->type == PT_INT ? "a whole number" : "a number");
			return;
		}
		if (p->num < d->min || p->num > d->max) {
			rule_error(c, p, "'%s' is %g, outside %g..%g", p->name,
				   p->num, d->min, d->max);
			return;
		}
		if (d->type == PT_INT)
			*(int *)((char *)r + d->off) = (int)p->num;
		else
			*(double *)((char *)r + d->off) = p->num;
		if (strcmp(p->name, "warn") == 0)
			r->warn_at = origin_of(p->file, p->line);
		else if (strcmp(p->name, "alert") == 0)
			r->alert_at = origin_of(p->file, p->line);
		else if (strcmp(p->name, "warn_days") == 0)
			r->warn_days_at = origin_of(p->file, p->line);
		else if (strcmp(p->name, "alert_days") == 0)
			r->alert_days_at = origin_of(p->file, p->line);
		return;
	default:
		break;
	}
	if (d->type == PT_EVKINDS || d->type == PT_METRICS || d->type == PT_SECTIONS) {
		if (p->type != RP_LIST && p->type != RP_STR) {
			rule_error(c, p, "'%s' must be a list of strings, e.g. [\"a\", \"b\"]",
				   p->name);
			return;
		}
		if ((p->type == RP_LIST ? p->nlist : 1) > RULE_MAX_LIST ||
		    (p->type == RP_LIST && p->nlist == 0)) {
			rule_error(c, p, "'%s' must list 1 to %d entries", p->name,
				   RULE_MAX_LIST);
			return;
		}
	} else if (p->type != RP_STR) {
		rule_error(c, p, "'%s' must be a string in quotes", p->name);
		return;
	}
	for (i = 0; i < (p->type == RP_LIST ? p->nlist : 1); i++) {
		const char *v = p->type == RP_LIST ? p->list[i] : p->str;
		enum event_kind ek;

		switch (d->type) {
		case PT_METRIC:
			r->metric = metric_param(c, p, v);
			break;
		case PT_SEGMENT:
			if (!segment_valid(v)) {
				rule_error(c, p, "segment '%s' is not \"\", \"*\", "
					   "\"name=value\" or \"name=*\"", v);
				return;
			}
			free(r->segment);
			r->segment = xstrdup(v);
			break;
		case PT_SOURCE:
			if (strcmp(v, "any") == 0)
				r->source = RSRC_ANY;
			else if (strcmp(v, "partner") == 0)
				r->source = RSRC_PARTNER;
			else if (strcmp(v, "client") == 0)
				r->source = RSRC_CLIENT;
			else
				rule_error(c, p, "source must be \"client\", \"partner\" "
					   "or \"any\", not '%s'", v);
			break;
		case PT_BETTER:
			if (strcmp(v, "more") == 0)
				r->fewer_is_better = false;
			else if (strcmp(v, "fewer") == 0)
				r->fewer_is_better = true;
			else
				rule_error(c, p, "better must be \"more\" or \"fewer\", "
					   "not '%s'", v);
			break;
		case PT_EVKINDS:
			if (event_kind_parse(v, &ek) != 0)
				rule_error(c, p, "unknown event kind '%s' (%s)", v,
					   event_kind_names());
			else
				r->event_kinds |= 1u << ek;
			break;
		case PT_METRICS:
			k = metric_param(c, p, v);
			if (k >= 0 && strcmp(p->name, "efficiency") == 0)
				r->efficiency[r->n_efficiency++] = k;
			else if (k >= 0)
				r->quality[r->n_quality++] = k;
			break;
		case PT_SECTIONS:
			r->sections[r->n_sections++] = xstrdup(v);
			break;
		default:
			break;
		}
	}
}

/* Applies p, remembering a refused one so that the checks of several
 * parameters together skip it instead of judging the default left in r. */
static void apply_param(struct cctx *c, struct rule *r, const struct rparam *p)
{
	const struct pdef *d = pdef_find(p->name);
	size_t errors = c->rep->errors;

	apply_one(c, r, p);
	if (d && c->rep->errors > errors)
		c->bad |= 1ull << (d - pdefs);
}

/* True when none of the parameters in names (separated by spaces) was
 * refused. */
static bool params_ok(const struct cctx *c, const char *names)
{
	char name[32];
	const struct pdef *d;

	while (*names) {
		size_t len = strcspn(names, " ");

		snprintf(name, sizeof(name), "%.*s", (int)len, names);
		names += len + (names[len] == ' ');
		d = pdef_find(name);
		if (d && (c->bad & (1ull << (d - pdefs))))
			return false;
	}
	return true;
}

static const char *better_word(const struct metric_info *m)
{
	return m->better == METRIC_HIGHER ? "higher" : "lower";
}

/* Reports a wrong pair of thresholds at the one set later (the override),
 * naming where the other came from when that is another file. */
static void pair_error(struct cctx *c, const struct rparam *w,
		       const struct rparam *a, const char *why)
{
	const struct rparam *at = w && a && w->gen > a->gen ? w : a;
	const struct rparam *other = at == a ? w : a;

	char where[300] = "";

	if (other && strcmp(other->file, at->file) != 0)
		snprintf(where, sizeof(where), " ('%s' set at %s:%d)", other->name,
			 other->file, other->line);
	rule_error(c, at, "'warn' (%g) and 'alert' (%g) are in the wrong order%s: %s",
		   w->num, a->num, where, why);
}

/* The checks of the kinds judged against the partner's own normal. */
static void check_own(struct cctx *c, struct rule *r, const struct metric_info *m)
{
	bool falls = false;

	if (r->kind == RULE_RATE) {
		if (!params_ok(c, "kinds"))
			;	/* counted neither way: nothing to say */
		else if ((r->metric >= 0) == (r->event_kinds != 0))
			rule_error(c, NULL, "a rate rule counts either a metric "
				   "(`metric`) or events (`kinds`), one of the two");
		else if (r->metric >= 0 && rnode_param(c->n, "better"))
			rule_error(c, rnode_param(c->n, "better"), "'better' is for "
				   "events; a metric has its own direction");
		falls = r->metric >= 0 ? m->better == METRIC_HIGHER : !r->fewer_is_better;
	} else if (r->kind == RULE_SHIFT) {
		falls = r->relative && m->better == METRIC_HIGHER;
	}
	if (falls && r->alert >= 100 && params_ok(c, "alert relative better"))
		rule_error(c, rnode_param(c->n, "alert"), "'alert' (%g) must be "
			   "below 100: a fall of 100%% or more would be below zero",
			   r->alert);
	if (r->kind != RULE_BALANCE && r->baseline < 3 && params_ok(c, "baseline"))
		rule_error(c, rnode_param(c->n, "baseline"), "'baseline' (%d) must "
			   "be 3 months or more", r->baseline);
	if (r->z_alert < r->z_warn && params_ok(c, "z_warn z_alert"))
		rule_error(c, rnode_param(c->n, "z_alert"), "'z_alert' (%g) must not "
			   "be below 'z_warn' (%g)", r->z_alert, r->z_warn);
}

/* The thresholds of a kind that measures how far things got worse. */
static void check_worse(struct cctx *c, struct rule *r,
			const struct metric_info *m, const struct rparam *w,
			const struct rparam *a)
{
	char why[160];

	if (!params_ok(c, "warn"))
		;	/* reported already */
	else if (r->warn < 0 || (r->kind != RULE_VS_PORTFOLIO && r->warn <= 0))
		rule_error(c, w, "'warn' (%g) must be %s: it measures how far "
			   "%s got worse", r->warn,
			   r->kind == RULE_VS_PORTFOLIO ? "0 or more" : "above 0",
			   m ? m->key : "quality");
	else if (r->alert < r->warn && params_ok(c, "alert")) {
		snprintf(why, sizeof(why), "both measure how far %s got "
			 "worse, so 'alert' must not be below 'warn'",
			 m ? m->key : "quality");
		pair_error(c, w, a, why);
	}
	if (r->kind == RULE_STREAK && params_ok(c, "warn alert") &&
	    (r->warn != floor(r->warn) || r->alert != floor(r->alert) ||
	     r->alert > 24))
		rule_error(c, a, "a streak counts months: 'warn' and 'alert' "
			   "must be whole numbers up to 24");
	if (r->kind == RULE_SHIFT || r->kind == RULE_RATE ||
	    (r->kind == RULE_BALANCE && r->baseline > 0))
		check_own(c, r, m);
	if (r->kind == RULE_TREND && r->average > r->periods &&
	    params_ok(c, "average periods"))
		rule_error(c, rnode_param(c->n, "average"),
			   "'average' (%d) must not exceed 'periods' (%d): the "
			   "two ends would overlap", r->average, r->periods);
}

static void check_qa(struct cctx *c, struct rule *r, const struct rparam *w,
		     const struct rparam *a)
{
	if (!params_ok(c, "warn alert"))
		;
	else if ((w != NULL) != (a != NULL))
		rule_error(c, w ? w : a, "'warn' and 'alert' go together");
	else if (w && r->alert > r->warn)
		pair_error(c, w, a, "a higher audit score is better, so "
			   "'alert' must not be above 'warn'");
	if (!params_ok(c, "warn_days alert_days"))
		return;
	if ((r->warn_days != 0) != (r->alert_days != 0))
		rule_error(c, NULL, "'warn_days' and 'alert_days' go together");
	else if (r->alert_days < r->warn_days)
		rule_error(c, rnode_param(c->n, "alert_days"),
			   "'alert_days' (%d) must not be below 'warn_days' (%d)",
			   r->alert_days, r->warn_days);
	if (!r->has_score && !r->critical && r->warn_days == 0 &&
	    r->overdue_days < 0 && params_ok(c, "warn alert critical overdue_days"))
		rule_error(c, NULL, "a qa rule needs something to check: "
			   "warn/alert (score), critical = true, "
			   "warn_days/alert_days (audit age) or overdue_days "
			   "(next audit due)");
}

/* The checks of warn and alert (and what goes with them) for r's kind. */
static void check_pairs(struct cctx *c, struct rule *r,
			const struct metric_info *m, const struct rparam *w,
			const struct rparam *a)
{
	char why[160];

	switch (r->kind) {
	case RULE_LEVEL:
		if (!params_ok(c, "warn alert"))
			break;
		snprintf(why, sizeof(why), "for %s %s is better, so 'alert' must "
			 "not be %s 'warn'", m->key, better_word(m),
			 m->better == METRIC_HIGHER ? "above" : "below");
		if ((m->better == METRIC_HIGHER && r->alert > r->warn) ||
		    (m->better == METRIC_LOWER && r->alert < r->warn))
			pair_error(c, w, a, why);
		break;
	case RULE_TREND: case RULE_DIVERGENCE: case RULE_BALANCE:
	case RULE_VS_PORTFOLIO: case RULE_STREAK: case RULE_SHIFT: case RULE_RATE:
		check_worse(c, r, m, w, a);
		break;
	case RULE_EVENTS:
		if (!params_ok(c, "warn alert better"))
			break;
		if (r->warn < 0 || r->alert < 0)
			rule_error(c, w, "event counts cannot be negative");
		else if (!r->fewer_is_better && r->alert > r->warn)
			pair_error(c, w, a, "with better = \"more\" too few events "
				   "are the problem, so 'alert' must not be above 'warn'");
		else if (r->fewer_is_better && r->alert < r->warn)
			pair_error(c, w, a, "with better = \"fewer\" too many events "
				   "are the problem, so 'alert' must not be below 'warn'");
		break;
	case RULE_QA:
		check_qa(c, r, w, a);
		break;
	case RULE_TARGET:
		if (!params_ok(c, "warn alert window"))
			break;
		if (r->warn < 1 || r->warn != floor(r->warn) || r->alert != floor(r->alert))
			rule_error(c, w ? w : a, "a target rule counts missed months: "
				   "'warn' and 'alert' must be whole numbers, 1 or more");
		else if (r->alert < r->warn && w && a)
			pair_error(c, w, a, "both count missed months, so 'alert' "
				   "must not be below 'warn'");
		else if (r->alert < r->warn)
			rule_error(c, w ? w : a, "'alert' (%g) must not be below "
				   "'warn' (%g): both count missed months", r->alert,
				   r->warn);
		else if (r->alert > r->window)
			rule_error(c, a ? a : rnode_param(c->n, "window"), "'alert' (%g) "
				   "counts more missed months than the window (%d) has",
				   r->alert, r->window);
		break;
	default:
		break;
	}
}

/* The checks that need several parameters together. */
static void check_rule(struct cctx *c, struct rule *r)
{
	const struct rparam *w = rnode_param(c->n, "warn");
	const struct rparam *a = rnode_param(c->n, "alert");
	const struct metric_info *m = r->metric >= 0 ? &c->rs->metrics[r->metric] : NULL;
	bool missing = false;
	size_t i;

	for (i = 0; i < NPDEFS; i++)
		if ((pdefs[i].required & (1u << r->kind)) &&
		    rnode_param(c->n, pdefs[i].name) == NULL) {
			rule_error(c, NULL, "a %s rule needs '%s'",
				   rule_kind_name(r->kind), pdefs[i].name);
			missing = true;
		}
	if (missing)
		return;
	r->has_score = w && a;
	/* A refused parameter left its default in r: the checks that read it
	 * are skipped rather than judge the default. */
	if (params_ok(c, "metric"))
		check_pairs(c, r, m, w, a);
	if (r->kind == RULE_DIVERGENCE && strcmp(r->segment, "*") == 0)
		rule_error(c, rnode_param(c->n, "segment"),
			   "a divergence rule needs a segment, \"\" or a name=value");
}

/* The defaults that depend on the kind: the kinds judged against the
 * partner's own normal take the portfolio's common movement out unless
 * told otherwise, and counts are judged with a lower bar of sureness
 * (their test is exact and discrete). */
static void kind_defaults(struct rule *r)
{
	switch (r->kind) {
	case RULE_SHIFT: case RULE_RATE: case RULE_BALANCE: case RULE_DIVERGENCE:
		r->cause_check = true;
		r->baseline = r->kind == RULE_BALANCE ? 0 : 12;
		r->min_baseline = 6;
		r->recent = 3;
		r->memory = 12;
		r->z_warn = r->kind == RULE_RATE ? 2.5 : 3.0;
		r->z_alert = r->kind == RULE_RATE ? 3.0 : 4.0;
		r->min_count = 1;
		break;
	case RULE_TARGET:
		/* 1 missed month of the last 3: WATCH; 2: ALERT. */
		r->window = 3;
		r->warn = 1;
		r->alert = 2;
		break;
	default:
		break;
	}
}

/* Compiles rule node n; false when it is disabled or wrong. */
static bool compile_rule(struct cctx *c, struct rule *r)
{
	const struct rparam *kind = rnode_param(c->n, "kind");
	const struct rparam *en = rnode_param(c->n, "enabled");
	size_t i;
	int k;

	memset(r, 0, sizeof(*r));
	r->metric = -1;
	r->segment = xstrdup("");
	r->periods = 3;
	r->average = 1;
	r->max_age = 2;
	r->share = 0.6;
	r->min_partners = 3;
	r->window = 6;
	r->improve = 3;
	r->critical = true;
	r->due_day = 0;		/* the config's figures_due_day */
	r->overdue_days = -1;
	r->key = xstrdup(c->n->key);
	r->origin = origin_of(c->n->file, c->n->line);
	c->bad = 0;
	if (en && en->type == RP_BOOL && !en->b)
		return false;
	if (kind == NULL) {
		rule_error(c, NULL, "needs kind = \"...\" (%s)", pdefs[0].help);
		return false;
	}
	if (kind->type != RP_STR) {
		rule_error(c, kind, "kind must be a string in quotes");
		return false;
	}
	for (k = 0; k < RULE_KIND_COUNT; k++)
		if (strcmp(kind->str, kind_names[k]) == 0)
			break;
	if (k == RULE_KIND_COUNT) {
		rule_error(c, kind, "unknown rule kind '%s' (%s)", kind->str,
			   pdefs[0].help);
		return false;
	}
	r->kind = (enum rule_kind)k;
	kind_defaults(r);
	/* Every parameter, and then the checks of them together, even after
	 * an error: `config check` reports all of a rule's mistakes at once. */
	for (i = 0; i < c->n->nparams; i++)
		apply_param(c, r, &c->n->params[i]);
	check_rule(c, r);
	return c->ok;
}

/* Compiles indicator node n into ind; false when disabled or wrong. */
static bool compile_indicator(struct cctx *c, const struct rnode *n,
			      struct indicator *ind)
{
	size_t i;
	bool ok = true;

	memset(ind, 0, sizeof(*ind));
	for (i = 0; i < n->nparams; i++) {
		const struct rparam *p = &n->params[i];

		if (strcmp(p->name, "enabled") == 0 && p->type == RP_BOOL) {
			if (!p->b)
				return false;
		} else if (strcmp(p->name, "title") == 0 && p->type == RP_STR) {
			continue;
		} else if (strcmp(p->name, "weight") == 0 && p->type == RP_NUM) {
			if (p->num < 0 || p->num > 1000) {
				diag_add(c->rep, DIAG_ERROR, p->file, p->line,
						  "indicator '%s': 'weight' is %g, "
						  "outside 0..1000", n->key, p->num);
				ok = false;
			}
		} else if (strcmp(p->name, "title") == 0 ||
			   strcmp(p->name, "weight") == 0 ||
			   strcmp(p->name, "enabled") == 0) {
			diag_add(c->rep, DIAG_ERROR, p->file, p->line,
					  "indicator '%s': '%s' must be %s", n->key,
					  p->name, strcmp(p->name, "title") == 0 ?
					  "a string in quotes" : strcmp(p->name, "weight") == 0 ?
					  "a number" : "true or false");
			ok = false;
		} else {
			diag_add(c->rep, DIAG_ERROR, p->file, p->line,
					  "indicator '%s': unknown parameter '%s' "
					  "(title, weight, enabled, rules)", n->key, p->name);
			ok = false;
		}
	}
	ind->key = xstrdup(n->key);
	ind->title = xstrdup(rnode_param(n, "title") && rnode_param(n, "title")->type == RP_STR ?
			     rnode_param(n, "title")->str : n->key);
	ind->weight = rnode_param(n, "weight") && rnode_param(n, "weight")->type == RP_NUM ?
		      rnode_param(n, "weight")->num : 10;
	ind->origin = origin_of(n->file, n->line);
	ind->rules = n->nkids ? xcalloc(n->nkids, sizeof(*ind->rules)) : NULL;
	c->ind = n->key;
	for (i = 0; i < n->nkids; i++) {
		struct rule *r = &ind->rules[ind->nrules];

		c->n = &n->kids[i];
		c->ok = true;
		if (compile_rule(c, r))
			ind->nrules++;
		else {
			ok = ok && c->ok;
			rule_clear(r);
		}
	}
	if (ok && ind->nrules == 0)
		diag_add(c->rep, DIAG_WARNING, n->file, n->line,
				  "indicator '%s' has no enabled rules; it will "
				  "always show NO DATA", n->key);
	return ok;
}

int rules_compile(const struct rules_spec *sp, struct ruleset **out,
		  struct diag_report *rep)
{
	struct ruleset *rs = xcalloc(1, sizeof(*rs));
	struct cctx c;
	size_t errors = rep->errors, i;

	*out = NULL;
	compile_metrics(sp, rs, rep);
	memset(&c, 0, sizeof(c));
	c.sp = sp;
	c.rs = rs;
	c.rep = rep;
	rs->items = sp->inds.nkids ? xcalloc(sp->inds.nkids, sizeof(*rs->items)) : NULL;
	for (i = 0; i < sp->inds.nkids; i++) {
		struct indicator *ind = &rs->items[rs->count];

		if (compile_indicator(&c, &sp->inds.kids[i], ind)) {
			rs->count++;
		} else {
			indicator_clear(ind);	/* disabled or wrong */
		}
	}
	if (rep->errors > errors) {
		ruleset_free(rs);
		return BPW_ECONFIG;
	}
	*out = rs;
	return 0;
}
