/* fuzz_config.c: any bytes as a configuration file (over the shipped
 * defaults, rules checked and compiled, even after an error) and as a
 * theme file: problems are reported with a line, nothing crashes, nothing
 * leaks. */
#include <stdlib.h>

#include "config.h"
#include "fuzz.h"
#include "theme.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = fuzz_file(data, size);
	struct diag_report rep = { 0 };
	struct bpw_error err;
	struct config cfg;
	struct theme t;

	if (path == NULL)
		return 0;
	config_defaults(&cfg);
	if (config_merge_file(&cfg, BPW_FUZZ_SRCDIR "/data/bpowatch.conf", true,
			      &rep, &err) != 0)
		abort();		/* the shipped file itself must load */
	/* Compiled even after an error in the file, as `config check` does. */
	config_merge_file(&cfg, path, true, &rep, &err);
	config_finish(&cfg, &rep, &err);
	diag_sort(&rep);
	config_free(&cfg);
	diag_free(&rep);
	theme_defaults(&t);
	theme_read(path, &t, &rep);
	diag_free(&rep);
	return 0;
}
