/* fuzz_rules.c: any bytes as a configuration merged over the shipped one;
 * when its rules compile, the indicator pass runs them over the sample
 * portfolio. Whatever the rules say, the evaluation ends with a status and
 * a reason for every partner and indicator, and nothing crashes. */
#include <stdlib.h>

#include "config.h"
#include "fuzz.h"
#include "indicator.h"
#include "store.h"

static struct store *st;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = fuzz_file(data, size);
	struct diag_report rep = { 0 };
	struct bpw_error err;
	struct config cfg;
	size_t p, i;

	if (st == NULL && store_open(BPW_FUZZ_BUILDDIR "/sample-db/sample.db",
				     STORE_READONLY, &st, &err) != 0)
		abort();
	if (path == NULL)
		return 0;
	config_defaults(&cfg);
	if (config_merge_file(&cfg, BPW_FUZZ_SRCDIR "/data/bpowatch.conf", true,
			      &rep, &err) != 0)
		abort();
	if (config_merge_file(&cfg, path, true, &rep, &err) == 0 &&
	    config_finish(&cfg, &rep, &err) == 0 && cfg.rules) {
		struct evaluation ev;

		if (indicator_evaluate(st, cfg.rules, "2026-10-01", "2026-11-01",
				       &ev, &err) == 0) {
			for (p = 0; p < ev.count; p++)
				for (i = 0; i < ev.partners[p].ninds; i++)
					if (ev.partners[p].inds[i].status >= STATUS_COUNT)
						abort();
		}
		indicator_free(&ev);
	}
	config_free(&cfg);
	diag_free(&rep);
	return 0;
}
