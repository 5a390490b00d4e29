/* error.h: the error record that every fallible core function fills in.
 * core never prints and never exits; tui/main.c turns these into messages. */
#ifndef BPW_ERROR_H
#define BPW_ERROR_H

#include <stddef.h>

enum bpw_code {
	BPW_OK = 0,
	BPW_EINVAL = -1,	/* bad argument or bad input value */
	BPW_ENOENT = -2,	/* file or row not found */
	BPW_EIO = -3,		/* operating system error */
	BPW_ENOTDB = -4,	/* file is not a bpowatch database */
	BPW_ENEWER = -5,	/* schema newer than this build */
	BPW_EREADONLY = -6,	/* database opened read-only */
	BPW_ESQL = -7,		/* SQLite reported an error */
	BPW_EBUSY = -8,		/* database locked by another process */
	BPW_ECONFIG = -9,	/* configuration file is invalid */
	BPW_EEXIST = -10,	/* already exists */
	BPW_ENOMEM = -11,	/* out of memory */
	BPW_ECONSTRAINT = -12,	/* a value violates a rule of the schema */
};

struct bpw_error {
	int code;		/* one of enum bpw_code, 0 when clear */
	char file[256];		/* file the problem is in, "" when none */
	int line;		/* 1-based line in file, 0 when unknown */
	int column;		/* 1-based column, 0 when unknown */
	char msg[512];		/* what went wrong, one line, no trailing period */
};

/* Empties err (NULL is allowed and ignored). */
void bpw_error_clear(struct bpw_error *err);

/* Fills err with code and a printf-style message; returns code so callers can
 * write `return bpw_error_set(err, BPW_EINVAL, "...")`. err may be NULL. */
int bpw_error_set(struct bpw_error *err, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Like bpw_error_set, with the file, line and column the problem is at. */
int bpw_error_set_at(struct bpw_error *err, int code, const char *file,
		     int line, int column, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));

/* Formats err as "file:line:column: msg" (parts left out when unknown) into
 * buf of size n; returns buf. */
const char *bpw_error_format(const struct bpw_error *err, char *buf, size_t n);

#endif
