/* replay.c: runs a fuzz target once over files and directories of inputs
 * (the seed corpus, the kept crashers), as a TAP test: a crash or an
 * abort fails the test run. Built in every configuration. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"

static int n;

static void run_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	unsigned char *buf = NULL;
	size_t len = 0, cap = 0, got;

	if (f == NULL) {
		printf("not ok %d - %s: cannot read\n", ++n, path);
		return;
	}
	do {
		if (len + 4096 > cap) {
			cap = (len + 4096) * 2;
			buf = realloc(buf, cap);
			if (buf == NULL)
				abort();
		}
		got = fread(buf + len, 1, cap - len, f);
		len += got;
	} while (got > 0);
	fclose(f);
	LLVMFuzzerTestOneInput(buf, len);
	free(buf);
	printf("ok %d - %s\n", ++n, path);
	fflush(stdout);
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void run(const char *path)
{
	struct stat sb;
	struct dirent *e;
	char **names = NULL;
	size_t count = 0, i;
	DIR *d;

	if (stat(path, &sb) != 0)
		return;		/* an absent directory: nothing kept yet */
	if (!S_ISDIR(sb.st_mode)) {
		run_file(path);
		return;
	}
	d = opendir(path);
	if (d == NULL)
		return;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		names = realloc(names, (count + 1) * sizeof(*names));
		if (names == NULL || (names[count] = malloc(strlen(path) + strlen(e->d_name) + 2)) == NULL)
			abort();
		sprintf(names[count++], "%s/%s", path, e->d_name);
	}
	closedir(d);
	qsort(names, count, sizeof(*names), by_name);
	for (i = 0; i < count; i++) {
		run(names[i]);
		free(names[i]);
	}
	free(names);
}

int main(int argc, char **argv)
{
	int i;

	for (i = 1; i < argc; i++)
		run(argv[i]);
	printf("1..%d\n", n);
	return 0;
}
