/* quarter.h: calendar quarters (2026 Q3): parsed from what people type,
 * stepped, and spelt for titles. */
#ifndef BPW_QUARTER_H
#define BPW_QUARTER_H

#include <stddef.h>

#include "date.h"

/* A quarter, e.g. 2026 Q3: its months and days. */
struct quarter {
	int year, q;			/* q is 1-4 */
	char first[DATE_LEN];		/* first month, YYYY-MM-01 */
	char last[DATE_LEN];		/* last month, YYYY-MM-01 */
	char end[DATE_LEN];		/* last day, YYYY-MM-DD */
};

/* Parses "2026Q3" (also "2026-Q3", "Q3/2026", "q3 2026") into q; 0 or
 * BPW_EINVAL. */
int quarter_parse(const char *s, struct quarter *q);

/* The quarter n quarters after q (n may be negative). */
void quarter_add(const struct quarter *q, int n, struct quarter *out);

/* "2026 Q3", and "July to September 2026". */
const char *quarter_label(const struct quarter *q, char *buf, size_t n);
const char *quarter_months(const struct quarter *q, char *buf, size_t n);

#endif
