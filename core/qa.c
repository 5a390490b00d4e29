/* qa.c: quality-audit scoring. */
#include "qa.h"

#include <math.h>
#include <string.h>

void qa_score_items(const struct qa_scored_item *items, size_t n,
		    struct qa_score *out)
{
	size_t i;

	memset(out, 0, sizeof(*out));
	out->first_critical_fail = -1;
	for (i = 0; i < n; i++) {
		const struct qa_scored_item *it = &items[i];
		const char *a = it->answer;
		double got;
		bool failed;

		if (a == NULL || *a == '\0') {
			out->unanswered++;
			continue;
		}
		if (strcmp(a, "na") == 0) {
			out->na++;
			continue;
		}
		if (strcmp(a, "pass") == 0) {
			got = 1;
		} else if (strcmp(a, "fail") == 0) {
			got = 0;
		} else if (a[0] >= '0' && a[0] <= '5' && a[1] == '\0') {
			got = (a[0] - '0') / 5.0;
		} else {
			out->unanswered++;	/* not an answer the schema allows */
			continue;
		}
		failed = got == 0;
		out->answered++;
		out->earned += it->weight * got;
		out->possible += it->weight;
		if (it->critical && failed) {
			if (out->critical_fails++ == 0)
				out->first_critical_fail = (long)i;
		}
	}
	out->score = out->possible > 0 ? 100.0 * out->earned / out->possible : NAN;
}
