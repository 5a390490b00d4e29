/* fuzz_config.c: any bytes as a configuration file (over the shipped
 * defaults, rules checked and compiled) and as a theme file: problems are
 * reported with a line, nothing crashes, nothing leaks. */
#include <stdlib.h>

#include "config.h"
#include "fuzz.h"
#include "theme.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = fuzz_file(data, size);
	struct config_report rep = { 0 };
	struct bpw_error err;
	struct config cfg;
	struct theme t;

	if (path == NULL)
		return 0;
	config_defaults(&cfg);
	if (config_merge_file(&cfg, BPW_FUZZ_SRCDIR "/data/bpowatch.conf", true,
			      &rep, &err) != 0)
		abort();		/* the shipped file itself must load */
	if (config_merge_file(&cfg, path, true, &rep, &err) == 0)
		config_finish(&cfg, &rep, &err);
	config_free(&cfg);
	config_report_free(&rep);
	theme_load(path, &t, &err);
	return 0;
}
