/* snapshot_style.h: every way a QBR pack can be written (each format, and
 * each combination of the style options that change it), each named by a
 * key, so that a snapshot keeps one rendering of each and --frozen finds
 * the one asked for. */
#ifndef BPW_SNAPSHOT_STYLE_H
#define BPW_SNAPSHOT_STYLE_H

#include <stddef.h>

#include "report.h"

/* Room for a key. */
#define SNAPSHOT_STYLE_KEY 128

/* The key of style s in format f: each option that changes f and is not
 * at its default, as "name=value", separated by spaces ("appendix=yes
 * paper=letter"); "" when all are at their defaults. */
void snapshot_style_key(enum report_format f, const struct report_style *s,
			char *buf, size_t n);

/* Calls fn once for each format and each combination of the options that
 * change it, with the style set and its key; returns the first non-zero
 * fn returns, or 0. */
int snapshot_style_each(int (*fn)(enum report_format f, const struct report_style *s,
				  const char *key, void *ctx),
			void *ctx);

#endif
