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

#endif
