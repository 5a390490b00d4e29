/* error.c: filling and formatting struct bpw_error. */
#include "error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void bpw_error_clear(struct bpw_error *err)
{
	if (err == NULL)
		return;
	memset(err, 0, sizeof(*err));
}

static void error_vset(struct bpw_error *err, int code, const char *file,
		       int line, int column, const char *fmt, va_list ap)
	__attribute__((format(printf, 6, 0)));

static void error_vset(struct bpw_error *err, int code, const char *file,
		       int line, int column, const char *fmt, va_list ap)
{
	err->code = code;
	snprintf(err->file, sizeof(err->file), "%s", file ? file : "");
	err->line = line;
	err->column = column;
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
}

int bpw_error_set(struct bpw_error *err, int code, const char *fmt, ...)
{
	va_list ap;

	if (err == NULL)
		return code;
	va_start(ap, fmt);
	error_vset(err, code, NULL, 0, 0, fmt, ap);
	va_end(ap);
	return code;
}

int bpw_error_set_at(struct bpw_error *err, int code, const char *file,
		     int line, int column, const char *fmt, ...)
{
	va_list ap;

	if (err == NULL)
		return code;
	va_start(ap, fmt);
	error_vset(err, code, file, line, column, fmt, ap);
	va_end(ap);
	return code;
}

const char *bpw_error_format(const struct bpw_error *err, char *buf, size_t n)
{
	if (err->file[0] == '\0')
		snprintf(buf, n, "%s", err->msg);
	else if (err->line <= 0)
		snprintf(buf, n, "%s: %s", err->file, err->msg);
	else if (err->column <= 0)
		snprintf(buf, n, "%s:%d: %s", err->file, err->line, err->msg);
	else
		snprintf(buf, n, "%s:%d:%d: %s", err->file, err->line,
			 err->column, err->msg);
	return buf;
}
