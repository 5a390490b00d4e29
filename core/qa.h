/* qa.h: quality-audit scoring: the weighted percentage of a review's
 * answers, N/A left out, and the failed critical items. */
#ifndef BPW_QA_H
#define BPW_QA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "date.h"
#include "error.h"
#include "store.h"

/* One checklist item with the answer given to it. */
struct qa_scored_item {
	double weight;
	bool critical;
	bool scale;		/* 0-5 scale; else pass/fail */
	const char *answer;	/* "pass", "fail", "na", "0".."5"; NULL unanswered */
};

/* A partner's last final audit, scored: what the indicator pass has read
 * already and the overview shows (so it is read once per load). */
struct qa_last_audit {
	bool present;
	int64_t id;			/* the audit (qa_review.id) */
	char date[DATE_LEN];		/* YYYY-MM-DD */
	double score;			/* NaN if nothing scored */
	size_t critical_fails;
};

struct qa_score {
	double earned, possible;	/* weighted points */
	double score;			/* 100 * earned / possible; NaN if none */
	size_t answered, na, unanswered;
	size_t critical_fails;
	long first_critical_fail;	/* index of the first, -1 when none */
};

/* The calibration gap between two sets of answers to the same items (ours
 * in items[].answer, the partner's in theirs[]): on the items both
 * answered (N/A on either side left out), 100 x (their weighted points -
 * ours) / the weights; NaN when there is no such item. *n gets how many
 * items it rests on (may be NULL). */
double qa_calibration_gap(const struct qa_scored_item *items, const char *const *theirs,
			  size_t count, size_t *n);

/* The share of an item's weight an answer earns: pass 1, fail 0, k of 5
 * on a scale k/5; NaN for N/A, none or anything else. */
double qa_answer_points(const char *a);

/* True when answer a ("pass", "fail", "na", "0".."5") fits an item of
 * that kind (scale: 0-5 and na; else pass, fail and na). */
bool qa_answer_fits(const char *a, bool scale);

/* True when answer a fails its item ("fail", or 0 on a scale): a critical
 * item answered so fails the audit. */
bool qa_answer_fails(const char *a);

/* How answer a is shown: "-" unanswered, "N/A", "pass", "FAIL", the scale
 * value (on a scale item), "?" for anything else. Static text or a. */
const char *qa_answer_label(const char *a, bool scale);

/* A score as "66.7%", or "-" when there is none (NaN), into buf. */
void qa_score_text(double score, char *buf, size_t n);

/* How far an audit is answered, in the one wording the CLI, the dashboard
 * and explain share: "answered 16 of 16, 1 n/a" (N/A counts as answered,
 * the total is every item), into buf. */
void qa_answered_text(const struct qa_score *s, char *buf, size_t n);

/* Scores n items: pass earns the weight, fail nothing, a scale answer k
 * earns weight * k / 5; N/A and unanswered items leave the denominator.
 * A critical item fails when answered "fail" (or 0 on a scale). */
void qa_score_items(const struct qa_scored_item *items, size_t n,
		    struct qa_score *out);

/* The next audit's due date: the last final audit's date plus days ("" when
 * last is not a date or days <= 0). */
void qa_next_due(const char *last, int days, char out[DATE_LEN]);

/* The last final audit in one line of at most width columns, as the
 * overview's pane says it: its score and date, a failed critical item,
 * and when the next one was due and is not done, how overdue it is
 * ("QA 86.4% 2025-10-20, 45 days overdue (due 2026-10-20)"), shortened
 * step by step as the width asks ("QA 77.0% 2025-06-17 CRIT 5mo overdue");
 * the score and date always stay. due "" when no interval; today
 * YYYY-MM-DD. */
void qa_audit_line(double score, const char *date, size_t critical_fails,
		   const char *due, const char *today, int width, char *buf,
		   size_t n);

/* One answered (or unanswered) item of a partner's last final audit. The
 * strings live until the callback returns. */
struct qa_final_row {
	int64_t partner_id, review_id;
	const char *date;		/* YYYY-MM-DD */
	double passing;			/* the template's passing score */
	const char *section, *text;	/* section key, item text */
	struct qa_scored_item it;	/* answer NULL when unanswered */
};

typedef void (*qa_final_fn)(const struct qa_final_row *row, void *ctx);

/* Calls fn for every item of every partner's last final audit dated on or
 * before until (YYYY-MM-DD), partner by partner, items in template order:
 * one query for the whole portfolio. */
int qa_last_finals(struct store *st, const char *until, qa_final_fn fn,
		   void *ctx, struct bpw_error *err);

#endif
