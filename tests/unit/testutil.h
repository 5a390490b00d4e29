/* testutil.h: helpers shared by the unit tests: scratch directories and
 * whole-file reads for "left byte-identical" checks. */
#ifndef BPW_TESTUTIL_H
#define BPW_TESTUTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* A fresh private directory under $TMPDIR (or /tmp); caller frees. */
static inline char *tu_tempdir(void)
{
	const char *t = getenv("TMPDIR");
	char *d = malloc(4096);

	snprintf(d, 4096, "%s/bpw-test-XXXXXX", t && *t ? t : "/tmp");
	if (mkdtemp(d) == NULL)
		fail_msg("mkdtemp failed");
	return d;
}

/* dir/name in a static rotating buffer. */
static inline const char *tu_path(const char *dir, const char *name)
{
	static char buf[4][4096];
	static int i;

	i = (i + 1) % 4;
	snprintf(buf[i], sizeof(buf[i]), "%s/%s", dir, name);
	return buf[i];
}

/* Removes dir and the files in it (no subdirectories). */
static inline void tu_rmdir(char *dir)
{
	char cmd[4200];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", dir);
	free(dir);
}

/* Writes text to path. */
static inline void tu_write(const char *path, const char *text)
{
	FILE *fp = fopen(path, "wb");

	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
}

/* Whole file in a malloc'd buffer, its size in *n; NULL if unreadable. */
static inline char *tu_read(const char *path, size_t *n)
{
	FILE *fp = fopen(path, "rb");
	char *buf;
	long len;

	if (fp == NULL)
		return NULL;
	fseek(fp, 0, SEEK_END);
	len = ftell(fp);
	fseek(fp, 0, SEEK_SET);
	buf = malloc((size_t)len + 1);
	*n = fread(buf, 1, (size_t)len, fp);
	buf[*n] = '\0';
	fclose(fp);
	return buf;
}

#endif
