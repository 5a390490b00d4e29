/* listnav.c: the list arithmetic of listnav.h. */
#include <stdio.h>

#include "listnav.h"

size_t listnav_step(size_t cur, size_t n, long delta, bool to_end)
{
	size_t d;

	if (n == 0)
		return 0;
	if (to_end)
		return delta < 0 ? 0 : n - 1;
	if (cur >= n)
		cur = n - 1;
	if (delta < 0) {
		d = (size_t)-(delta + 1) + 1;	/* no overflow at LONG_MIN */
		return cur >= d ? cur - d : 0;
	}
	d = (size_t)delta;
	return d < n - cur ? cur + d : n - 1;
}

size_t listnav_top(size_t top, size_t sel, size_t rows, size_t count)
{
	if (rows == 0)
		rows = 1;
	if (sel < top)
		top = sel;
	if (sel >= top + rows)
		top = sel - rows + 1;
	if (top + rows > count)
		top = count > rows ? count - rows : 0;
	return top;
}

void listnav_hidden(size_t top, size_t shown, size_t count, size_t *above,
		    size_t *below)
{
	if (top > count)
		top = count;
	if (shown > count - top)
		shown = count - top;
	*above = top;
	*below = count - top - shown;
}

char *listnav_marks(size_t above, size_t below, bool ascii, bool terse, char *buf,
		    size_t n)
{
	const char *more = terse ? "" : " more";
	int k = 0;

	if (n == 0)
		return buf;
	buf[0] = '\0';
	if (above)
		k = snprintf(buf, n, "%s %zu%s", ascii ? "^" : "\xe2\x86\x91", above, more);
	if (below && k >= 0 && (size_t)k < n)
		snprintf(buf + k, n - (size_t)k, "%s%s %zu%s", !above ? "" : terse ? " " : "  ",
			 ascii ? "v" : "\xe2\x86\x93", below, more);
	return buf;
}

char *listnav_range(size_t top, size_t shown, size_t count, bool ascii, char *buf,
		    size_t n)
{
	size_t above, below;

	listnav_hidden(top, shown, count, &above, &below);
	if (count == 0 || count - above - below == 0)
		snprintf(buf, n, "0 of %zu", count);
	else if (count - above - below == 1)
		snprintf(buf, n, "%zu of %zu", above + 1, count);
	else
		snprintf(buf, n, "%zu%s%zu of %zu", above + 1, ascii ? "-" : "\xe2\x80\x93",
			 count - below, count);
	return buf;
}
