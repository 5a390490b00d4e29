/* quarter.c: the quarters of quarter.h. */
#include "quarter.h"

#include <ctype.h>
#include <stdio.h>

#include "error.h"

static void quarter_fill(int year, int q, struct quarter *out)
{
	out->year = year;
	out->q = q;
	snprintf(out->first, sizeof(out->first), "%04u-%02u-01",
		 (unsigned)year % 10000u, ((unsigned)(q - 1) & 3u) * 3u + 1u);
	period_add(out->first, 2, out->last);
	period_last_day(out->last, out->end);
}

int quarter_parse(const char *s, struct quarter *q)
{
	int year = 0, n = 0, digits = 0, quarter = 0;
	const char *p = s ? s : "";

	/* "2026Q3", "2026-Q3", "2026 q3" or "Q3/2026", "Q3 2026" */
	if (toupper((unsigned char)*p) == 'Q' && p[1] >= '1' && p[1] <= '4') {
		quarter = p[1] - '0';
		p += 2;
		if (*p == '/' || *p == ' ' || *p == '-')
			p++;
		for (; isdigit((unsigned char)*p) && digits < 5; p++, digits++)
			year = year * 10 + (*p - '0');
	} else {
		for (; isdigit((unsigned char)*p) && digits < 5; p++, digits++)
			year = year * 10 + (*p - '0');
		if (*p == '-' || *p == ' ')
			p++;
		if (toupper((unsigned char)*p) == 'Q' && p[1] >= '1' && p[1] <= '4') {
			quarter = p[1] - '0';
			p += 2;
		}
	}
	n = *p == '\0' && digits == 4 && quarter && year >= 1900 && year <= 9998;
	if (!n)
		return bpw_error_set(NULL, BPW_EINVAL, "bad quarter");
	quarter_fill(year, quarter, q);
	return 0;
}

void quarter_add(const struct quarter *q, int n, struct quarter *out)
{
	int i = q->year * 4 + (q->q - 1) + n;

	quarter_fill(i / 4, i % 4 + 1, out);
}

const char *quarter_label(const struct quarter *q, char *buf, size_t n)
{
	snprintf(buf, n, "%04d Q%d", q->year, q->q);
	return buf;
}

const char *quarter_months(const struct quarter *q, char *buf, size_t n)
{
	static const char *const first[] = { "January", "April", "July", "October" };
	static const char *const last[] = { "March", "June", "September", "December" };

	snprintf(buf, n, "%s to %s %04d", first[q->q - 1], last[q->q - 1], q->year);
	return buf;
}
