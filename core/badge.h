/* badge.h: the indicators' short codes on the overview: two letters on a
 * pane ("CS!"), one letter in the list's column, each unique in the
 * ruleset, and the legend that spells them out. */
#ifndef BPW_BADGE_H
#define BPW_BADGE_H

#include <stddef.h>

#include "rules.h"

struct badge {
	char code[3];		/* "CS": the pane's badge */
	char letter;		/* 'C': the list's column, one of code's when free */
};

/* The codes of rs's first max indicators, in their order, into out;
 * returns how many (rs->count, at most max). */
size_t badge_codes(const struct ruleset *rs, struct badge *out, size_t max);

/* The legend of rs's indicators in one line into buf:
 * "CS Customer satisfaction  WS Workforce stability ..." (letters: the
 * list's letters instead of the codes), the titles shortened to their
 * first word when whole ones do not fit width columns (what still does
 * not fit is for the screen to cut). Returns its width. */
int badge_legend(const struct ruleset *rs, int letters, int width, char *buf,
		 size_t n);

/* Item i of the legend, "CS Customer satisfaction" (letters: "C ..."). */
void badge_legend_item(const struct ruleset *rs, const struct badge *codes,
		       size_t i, int letters, char *buf, size_t n);

#endif
