/* listnav.c: the list arithmetic of listnav.h. */
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
