/* report.h: the quarterly business review (QBR) pack: the portfolio at a
 * quarter's end and, per partner, the indicators with their reasons, the
 * key metrics against the previous quarter and the same quarter a year
 * before, the quarter's audits, events and the open actions. report_load
 * builds the model; report_write renders it as Markdown, HTML or CSV. */
#ifndef BPW_REPORT_H
#define BPW_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "target_book.h"
#include "date.h"
#include "error.h"
#include "event.h"
#include "action.h"
#include "indicator.h"
#include "meeting.h"
#include "metric.h"
#include "partner.h"
#include "qa_review.h"
#include "quarter.h"
#include "store.h"
#include "strbuf.h"

/* Months in each sparkline: two years, so both compared quarters show. */
#define REPORT_SPARK_MONTHS 24

/* The formats: enum name, --format spelling, writer. */
#define REPORT_FORMATS(X) \
	X(MD, "md", report_write_md) \
	X(HTML, "html", report_write_html) \
	X(CSV, "csv", report_write_csv)

enum report_format {
#define X(e, n, fn) REPORT_##e,
	REPORT_FORMATS(X)
#undef X
	REPORT_FORMAT_COUNT
};

/* One metric over the three quarters compared. A quarter's value combines
 * its months as the metric says (average, sum or last); months counts the
 * months with figures (a quarter with fewer than 3 is partial). */
struct report_metric {
	const struct metric *m;		/* in report.metrics */
	double now, prev, year_ago;	/* NaN: no figures */
	int months[3];			/* now, prev, year_ago */
	/* Each REPORT_SPARK_MONTHS long, in the report's window (shared by
	 * the pack, not copied: at 10,000 partners the copies were 90 MB). */
	const double *spark;		/* up to the quarter's last month */
	double spark_lo, spark_hi;	/* its scale: sparkline.h's rule, one span
					 * per metric across the pack, placed by
					 * report_chart_fit */
	int decimals;			/* of the scale's labels */
	/* What the chart draws beside spark (NaN: no figure that month). */
	const double *partner;		/* partner-reported */
	const double *client;		/* client-measured */
	const double *median;		/* the portfolio's, as spark */
	double target[REPORT_SPARK_MONTHS];	/* the contract target then */
	double warn, alert;		/* the rule's levels; NaN: none */
	bool own_normal;		/* warn/alert are the partner's normal
					 * moved by a relative rule's effect */
	const struct quarter *q;	/* report.q: the last 3 months */
};

struct report_partner {
	struct partner partner;
	const struct partner_result *now;	/* in report.eval */
	const struct partner_result *prev;	/* in report.eval_prev, or NULL */
	struct report_metric *metrics;	/* metrics with figures in the window */
	size_t nmetrics;
	struct qa_review *audits;	/* final audits of the quarter, by date */
	size_t naudits;
	struct event_list events;	/* events of the quarter, by date */
	struct action_list actions;	/* open actions, by due date */
	size_t overdue;			/* open actions due before report.date */
	struct meeting_list meetings;	/* meetings held in the dashboard that
					 * began or closed in the quarter */
	struct action_list history;	/* actions raised or closed in the quarter */
};

/* The paper the HTML pack is laid out for when printed. */
enum report_paper { REPORT_A4, REPORT_LETTER };

/* How the pack is written (not what it holds): chosen per output, so a
 * frozen snapshot keeps one rendering of each. */
struct report_style {
	bool appendix;			/* the explanations of every status */
	enum report_paper paper;	/* HTML's @page size */
	bool excel;			/* CSV for German Excel (; , BOM CRLF) */
};

struct report {
	struct quarter q, prev, year_ago;
	struct report_style style;	/* set by the caller before writing */
	char date[DATE_LEN];		/* the day the pack is for */
	char judged[DATE_LEN];		/* statuses as of: the quarter's end or
					 * date, whichever is earlier */
	struct evaluation eval;		/* at the quarter's end */
	struct evaluation eval_prev;	/* at the previous quarter's end */
	struct metric_list metrics;
	struct target_book targets;	/* contract targets over the quarter */
	struct report_partner *partners;	/* worst status first, then name */
	size_t count;
	double *window[4];		/* what report_metric's series point
					 * into: shown, partner's, client's
					 * figures, the portfolio's medians */
};

struct report_opts {
	const char *quarter;		/* "2026Q3" */
	const char *partner;		/* one partner's code, or NULL for all */
	const char *date;		/* YYYY-MM-DD; NULL: today */
	double qa_cap;			/* score cap after a critical fail */
	bool untraced;			/* no appendix nor explanations will
					 * be written: the figures each rule
					 * read are not kept (most of a large
					 * portfolio's memory) */
};

/* Loads the pack for o->quarter judged on the rules of rs. The statuses
 * are those at the quarter's end (or at o->date when it is earlier);
 * actions are overdue when due before o->date. BPW_EINVAL for a quarter
 * that has not ended today (date_today) when o->date is NULL, and for an
 * o->date before the quarter begins; BPW_ENOENT for an unknown partner
 * code. report_free releases out (also after a failure). */
int report_load(struct store *st, const struct ruleset *rs,
		const struct report_opts *o, struct report *out,
		struct bpw_error *err);

/* Appends the pack to b in format f. Every text from the database is
 * neutralised and escaped for the format. */
void report_write(const struct report *r, enum report_format f,
		  struct strbuf *b);

/* report_write to out as it goes: what is held is a partner's text, not
 * the pack's (a 10,000-partner HTML pack is 500 MB). A failed write is
 * found with ferror(out). */
void report_write_to(const struct report *r, enum report_format f, FILE *out);

/* The writers behind report_write (report_md.c, report_html.c,
 * report_csv.c): into b (f NULL), or to f as they go. */
void report_write_md(const struct report *r, struct strbuf *b, FILE *f);
void report_write_html(const struct report *r, struct strbuf *b, FILE *f);
void report_write_csv(const struct report *r, struct strbuf *b, FILE *f);

/* Appends the explanations of the pack as CSV (report_explain_csv.c): per
 * partner its health score and each rule that is not OK, a row per line,
 * in the dialect r->style.excel says. */
void report_write_explanations(const struct report *r, struct strbuf *b);

/* The format by its --format spelling, or -1; and its spelling. */
int report_format_parse(const char *s);
const char *report_format_name(enum report_format f);

/* Which quarter of a report_metric: this one, the one before, a year
 * before. */
enum report_when { WHEN_NOW, WHEN_PREV, WHEN_YEAR_AGO };

/* The figure of quarter w as people write it ("75.7%", "3.01 EUR") into
 * buf, "" when there is none; returns buf. */
const char *report_value(const struct report_metric *rm, enum report_when w,
			 char *buf, size_t n);

/* The figure of quarter w rounded as report_value shows it; NaN when
 * there is none. */
double report_shown(const struct report_metric *rm, enum report_when w);

/* True when quarter w has figures for only one or two of its months. */
bool report_partial(const struct report_metric *rm, enum report_when w);

/* The change from quarter w to this quarter, signed ("+1.2 pts", "-3"),
 * "" when either is missing; *verdict is 1 when better (by the metric's
 * direction), -1 when worse, 0 when the same or unknown. */
const char *report_change(const struct report_metric *rm, enum report_when w,
			  int *verdict, char *buf, size_t n);

/* The metric with this key of a partner, or NULL when it has no figures. */
const struct report_metric *report_metric_find(const struct report_partner *rp,
					       const char *key);

/* Partners with status s at the quarter's end and at the previous one's. */
void report_count(const struct report *r, enum status s, size_t *now,
		  size_t *prev);

/* A failed item of an audit: fail, or 0 on a scale. */
struct report_failed {
	const struct qa_tpl_section *section;
	const struct qa_tpl_item *item;
	const char *answer, *note;
};

/* Calls fn for each failed item of a in checklist order; returns how many
 * there were. */
size_t report_failed_items(const struct qa_review *a,
			   void (*fn)(const struct report_failed *f, void *ctx),
			   void *ctx);

/* True when the audit passed: scored at least the passing score and no
 * critical item failed. */
bool report_audit_passed(const struct qa_review *a);

/* "better", "worse" or "same" for a verdict. */
const char *report_verdict_word(int verdict);

/* Frees what r holds and empties it; NULL is allowed. */
void report_free(struct report *r);

#endif
