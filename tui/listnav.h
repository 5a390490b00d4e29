/* listnav.h: the selection and scrolling every list of the dashboard
 * shares (audits, an audit's items, indicators, rules, the drill-down's
 * panels, the portfolio): a step, a page or a jump to an end that never
 * leaves the list, and a first row shown that keeps the selection in
 * view. No curses: the unit tests drive it directly. */
#ifndef BPW_LISTNAV_H
#define BPW_LISTNAV_H

#include <stdbool.h>
#include <stddef.h>

/* The row delta rows from cur among n (to_end: the first row when delta
 * is negative, else the last), kept within 0..n-1; 0 when n is 0. */
size_t listnav_step(size_t cur, size_t n, long delta, bool to_end);

/* The first row to show of count when rows fit: top moved as little as
 * possible so that sel is shown, and never so far that the end of the
 * list leaves rows empty that earlier rows could fill. */
size_t listnav_top(size_t top, size_t sel, size_t rows, size_t count);

/* The rows of a list hidden above and below when rows from top are shown
 * of count. */
void listnav_hidden(size_t top, size_t shown, size_t count, size_t *above,
		    size_t *below);

/* The marks that say so, "↑ 2 more  ↓ 3 more" (ASCII "^ 2 more  v 3
 * more"; terse: "↑ 2 ↓ 3"), into buf; an empty string when nothing is
 * hidden. Returns buf. */
char *listnav_marks(size_t above, size_t below, bool ascii, bool terse, char *buf,
		    size_t n);

/* "1–6 of 8" (ASCII "1-6 of 8"): the rows shown from top, numbered from
 * one, into buf; "0 of 0" for an empty list. Returns buf. */
char *listnav_range(size_t top, size_t shown, size_t count, bool ascii, char *buf,
		    size_t n);

#endif
