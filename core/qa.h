/* qa.h: quality-audit scoring: the weighted percentage of a review's
 * answers, N/A left out, and the failed critical items. */
#ifndef BPW_QA_H
#define BPW_QA_H

#include <stdbool.h>
#include <stddef.h>

/* One checklist item with the answer given to it. */
struct qa_scored_item {
	double weight;
	bool critical;
	bool scale;		/* 0-5 scale; else pass/fail */
	const char *answer;	/* "pass", "fail", "na", "0".."5"; NULL unanswered */
};

struct qa_score {
	double earned, possible;	/* weighted points */
	double score;			/* 100 * earned / possible; NaN if none */
	size_t answered, na, unanswered;
	size_t critical_fails;
	long first_critical_fail;	/* index of the first, -1 when none */
};

/* Scores n items: pass earns the weight, fail nothing, a scale answer k
 * earns weight * k / 5; N/A and unanswered items leave the denominator.
 * A critical item fails when answered "fail" (or 0 on a scale). */
void qa_score_items(const struct qa_scored_item *items, size_t n,
		    struct qa_score *out);

#endif
