/* config_file.h: a configuration or theme file checked before libconfig
 * reads it (a regular file, not too large, no overlong line, and the same
 * for every file it @includes), and a number read back as it was written. */
#ifndef BPW_CONFIG_FILE_H
#define BPW_CONFIG_FILE_H

#include <stdbool.h>
#include <stddef.h>
#include <libconfig.h>

#include "diag.h"

#define CONFIG_FILE_MAX_BYTES (256 * 1024)	/* the shipped file: 13 KB; libconfig
						 * takes 0.7 s at 240 KB */
#define CONFIG_FILE_MAX_LINE 65536

/* 0 when path and every file it @includes (recursively) is a regular file
 * of at most CONFIG_FILE_MAX_BYTES with no line longer than
 * CONFIG_FILE_MAX_LINE; else BPW_ECONFIG with each problem in rep, named
 * by file and line (a fifo, a device or a directory is never opened for
 * reading, so it cannot hang the read). */
int config_file_check(const char *path, struct diag_report *rep);

/* Makes lc resolve @include as config_file_check does: every name (a
 * nested include's too) relative to the directory of path, the file read
 * first; buf (n bytes, at least PATH_MAX) holds that directory as long
 * as lc reads. */
void config_file_include_dir(config_t *lc, const char *path, char *buf, size_t n);

/* The file a setting or an error of lc came from, as a person finds it:
 * top (the file read first) when libconfig names none, else the name an
 * @include wrote (which is all libconfig keeps) under lc's include
 * directory, into buf. */
const char *config_file_source(const config_t *lc, const char *top,
			       const char *name, char *buf, size_t n);

/* The value of setting name as written on line of file (e.g.
 * "99999999999999999999999"), into out; false when it cannot be found. */
bool config_file_literal(const char *file, int line, const char *name,
			 char *out, size_t n);

/* Whether an integer as written does not fit in 64 bits (libconfig 1.5
 * then reads it as -1 or 0). */
bool config_int_overflows(const char *literal);

#endif
