/* rule_words.c: how the reasons are worded: numbers as people write
 * them, units, changes, segments and event kinds, in plain ASCII. */
#include "rule_words.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "event.h"
#include "xalloc.h"

void set_reason(struct rule_result *res, const char *fmt, ...)
{
	char buf[512];
	va_list ap;
	char *s;
	int n;

	/* Formatted once into buf (reasons are short; this runs for every
	 * rule of every partner at start-up), twice only when longer. */
	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (n < 0)
		n = 0;
	s = xmalloc((size_t)n + 1);
	if ((size_t)n < sizeof(buf)) {
		memcpy(s, buf, (size_t)n + 1);
	} else {
		va_start(ap, fmt);
		vsnprintf(s, (size_t)n + 1, fmt, ap);
		va_end(ap);
	}
	free(res->reason);
	res->reason = s;
}

/* A number as people write it: 72.8, 5.05, 86.0; counts whole. */
const char *words_num(char *buf, size_t n, double v, const char *unit)
{
	size_t len;

	if (fabs(v) >= 1e9) {	/* not a real figure, but say it readably */
		snprintf(buf, n, "%.3g", v);
		return buf;
	}
	if (unit && strcmp(unit, "count") == 0) {
		snprintf(buf, n, v == floor(v) ? "%.0f" : "%.1f", v);
		return buf;
	}
	snprintf(buf, n, "%.2f", v);
	len = strlen(buf);
	if (len > 3 && buf[len - 1] == '0' && buf[len - 3] == '.')
		buf[len - 1] = '\0';
	return buf;
}

/* "72.8%", "3.01 EUR", "35", "39.9 h". */
const char *words_value(char *buf, size_t n, double v, const char *unit)
{
	char t[32];

	words_num(t, sizeof(t), v, unit);
	if (unit == NULL || *unit == '\0' || strcmp(unit, "count") == 0)
		snprintf(buf, n, "%s", t);
	else if (strcmp(unit, "%") == 0)
		snprintf(buf, n, "%s%%", t);
	else
		snprintf(buf, n, "%s %s", t, unit);
	return buf;
}

/* A change in the metric's unit: "7.1 pts", "0.82 EUR", "17". */
const char *words_delta(char *buf, size_t n, double v, const char *unit)
{
	char t[32];

	words_num(t, sizeof(t), fabs(v), unit);
	if (unit && strcmp(unit, "%") == 0)
		snprintf(buf, n, "%s pts", t);
	else if (unit == NULL || *unit == '\0' || strcmp(unit, "count") == 0)
		snprintf(buf, n, "%s", t);
	else
		snprintf(buf, n, "%s %s", t, unit);
	return buf;
}

/* " on phone", " in team B", " for region north", "" for the total. */
const char *words_segment(char *buf, size_t n, const char *seg)
{
	const char *eq = strchr(seg, '=');

	if (*seg == '\0' || eq == NULL)
		snprintf(buf, n, "%s%s", *seg ? " for " : "", seg);
	else if (strncmp(seg, "channel=", 8) == 0)
		snprintf(buf, n, " on %s", eq + 1);
	else if (strncmp(seg, "team=", 5) == 0)
		snprintf(buf, n, " in team %s", eq + 1);
	else
		snprintf(buf, n, " for %.*s %s", (int)(eq - seg), seg, eq + 1);
	return buf;
}

static const char *const event_nouns[] = {
	[EVENT_MEETING] = "meetings",
	[EVENT_BEST_PRACTICE] = "best practices",
	[EVENT_IMPROVEMENT_IDEA] = "improvement ideas",
	[EVENT_ESCALATION] = "escalations",
	[EVENT_REPORT_LATE] = "late reports",
	[EVENT_INCIDENT] = "incidents",
	[EVENT_NOTE] = "notes",
};

/* "meetings, best practices or improvement ideas" */
void words_kinds(char *buf, size_t n, unsigned kinds)
{
	int k, total = 0, done = 0;
	size_t len = 0;

	for (k = 0; k < EVENT_KIND_COUNT; k++)
		total += (kinds >> k) & 1;
	buf[0] = '\0';
	for (k = 0; k < EVENT_KIND_COUNT; k++) {
		if (!((kinds >> k) & 1))
			continue;
		done++;
		len += (size_t)snprintf(buf + len, n > len ? n - len : 0, "%s%s",
					done == 1 ? "" : done == total ? " or " : ", ",
					event_nouns[k]);
		if (len >= n)
			return;
	}
}

/* Copies s cut to at most max bytes on a character boundary, with "...". */
void words_cut(char *buf, size_t n, const char *s, size_t max)
{
	size_t len = strlen(s);

	if (len <= max || max < 4) {
		snprintf(buf, n, "%s", s);
		return;
	}
	len = max - 3;
	while (len > 0 && ((unsigned char)s[len] & 0xc0) == 0x80)
		len--;
	snprintf(buf, n, "%.*s...", (int)len, s);
}

