/* qa_review.h: QA audits of a partner against a template version: draft
 * or final, an answer and a note per item, general notes, and the score.
 * Every change is its own committed transaction, so a dropped session
 * loses at most the keystroke in flight; a final review is read-only. */
#ifndef BPW_QA_REVIEW_H
#define BPW_QA_REVIEW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "date.h"
#include "error.h"
#include "qa.h"
#include "qa_template.h"
#include "store.h"

/* A review with its template and answers. answer[k] and note[k] belong to
 * the k-th item in template order (sections, then items). */
struct qa_review {
	int64_t id, partner_id;
	char *partner_code, *partner_name;
	char date[DATE_LEN];
	char *reviewer, *notes;
	bool final;
	struct qa_template tpl;
	size_t nitems;
	char (*answer)[8];		/* "" unanswered */
	char (*theirs)[8];		/* the partner's own answers, "" none */
	char **note;
	struct qa_score score;		/* qa_score_items over the answers */
	struct qa_score their_score;	/* the same over the partner's answers */
	double gap;			/* qa_calibration_gap: theirs - ours, or NaN */
	size_t gap_items;		/* the items the gap rests on */
	bool failed;			/* a critical item failed */
	double shown;			/* the score after the critical-fail cap */
};

/* One line of a review list. */
struct qa_review_row {
	int64_t id;
	char *partner_code, *template_name;
	int version;
	char date[DATE_LEN];
	char *reviewer;
	bool final, failed;
	double score;			/* capped; NaN when nothing scored */
	double gap;			/* calibration gap, NaN when none */
	size_t answered, items;
};

struct qa_review_list {
	struct qa_review_row *items;	/* newest first */
	size_t count;
};

/* Starts a draft review of partner_id on template_id dated date. */
int qa_review_start(struct store *st, int64_t partner_id, int64_t template_id,
		    const char *date, const char *reviewer, int64_t *id,
		    struct bpw_error *err);

/* The review of partner_id on template_id dated date by reviewer (the
 * oldest when there are several) into *id; BPW_ENOENT when none. */
int qa_review_find(struct store *st, int64_t partner_id, int64_t template_id,
		   const char *date, const char *reviewer, int64_t *id,
		   struct bpw_error *err);

/* Loads review id; cap is the score cap after a critical fail (100: none). */
int qa_review_load(struct store *st, int64_t id, double cap,
		   struct qa_review *out, struct bpw_error *err);

/* Sets the answer of an item ("pass", "fail", "na", "0".."5"; NULL or ""
 * takes it back). BPW_EINVAL for an answer the item's kind does not take,
 * BPW_EREADONLY once the review is final. */
int qa_review_set_answer(struct store *st, int64_t review, int64_t item,
			 const char *answer, struct bpw_error *err);

/* Sets the partner's own answer to an item (their self-assessment of the
 * same audit item), as qa_review_set_answer does ours. */
int qa_review_set_partner_answer(struct store *st, int64_t review, int64_t item,
				 const char *answer, struct bpw_error *err);

/* Sets the note of an item, or the review's general notes (item 0). */
int qa_review_set_note(struct store *st, int64_t review, int64_t item,
		       const char *note, struct bpw_error *err);

/* Makes the review final (read-only from then on). */
int qa_review_finalise(struct store *st, int64_t review, struct bpw_error *err);

/* Deletes a draft review. */
int qa_review_delete(struct store *st, int64_t review, struct bpw_error *err);

/* Lists reviews, of one partner or all (partner_id 0), newest first. */
int qa_review_list(struct store *st, int64_t partner_id, double cap,
		   struct qa_review_list *out, struct bpw_error *err);

/* A partner's own audit interval in days into *days (0: none), and
 * setting it (days 0 removes it). */
int qa_interval_get(struct store *st, int64_t partner_id, int *days,
		    struct bpw_error *err);
int qa_interval_set(struct store *st, int64_t partner_id, int days,
		    struct bpw_error *err);

/* Frees what r holds; NULL is allowed. */
void qa_review_clear(struct qa_review *r);
void qa_review_list_free(struct qa_review_list *l);

#endif
