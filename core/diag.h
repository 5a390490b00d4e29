/* diag.h: the problems found while reading files (configuration, rules,
 * themes, QA templates, key bindings): each with its level, file and line,
 * collected in a report that is sorted by file and line and printed as
 * "FILE:LINE: warning|error: msg". Every loader reports through it; none
 * of them needs another loader for it. */
#ifndef BPW_DIAG_H
#define BPW_DIAG_H

#include <stddef.h>

enum diag_level { DIAG_WARNING, DIAG_ERROR };

/* One problem found in a file. */
struct diag {
	enum diag_level level;
	char file[256];
	int line;		/* 0 when the file as a whole is concerned */
	char msg[400];
};

/* Every problem found while loading, in file order. */
struct diag_report {
	struct diag *diags;
	size_t count, errors, warnings;
	char *files[4];		/* files actually read, in order */
	size_t nfiles;
};

/* Adds a problem to rep. */
void diag_add(struct diag_report *rep, enum diag_level level,
		       const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

/* Adds path to the files rep says were read (up to four). */
void diag_file(struct diag_report *rep, const char *path);

/* Orders rep's problems by file (the files read first, in the order read,
 * then others in order of appearance) and line, keeping the order of
 * problems on one line. */
void diag_sort(struct diag_report *rep);

/* Frees what rep holds and empties it. */
void diag_free(struct diag_report *rep);

/* Formats diag as "FILE:LINE: warning|error: msg" into buf; returns buf. */
const char *diag_format(const struct diag *d, char *buf, size_t n);

#endif
