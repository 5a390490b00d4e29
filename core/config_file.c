/* config_file.c: what is checked of a configuration (or theme) file before
 * libconfig reads it, and a number read back as it was written. libconfig
 * 1.5 opens what it is given, so a fifo would hang it; its scanner is slow
 * on very long lines (4 MB on one line: 15 s); and it reads a number too
 * large for 64 bits as -1 or 0 without a word. */
#include "config_file.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "error.h"
#include "xalloc.h"

#define MAX_DEPTH 10		/* libconfig's own limit of nested @include */

static const char *kind_of(mode_t m)
{
	return S_ISDIR(m) ? "a directory" : S_ISFIFO(m) ? "a named pipe (fifo)"
		: S_ISCHR(m) ? "a character device" : S_ISBLK(m) ? "a block device"
		: S_ISSOCK(m) ? "a socket" : "not a regular file";
}

/* The file itself is named by the problem's file; an included one in
 * the text, at the line of its @include. */
static void cannot_read(struct diag_report *rep, const char *path, const char *from,
			int line, int e)
{
	if (from)
		diag_add(rep, DIAG_ERROR, from, line, "cannot read %s: %s", path,
			 strerror(e));
	else
		diag_add(rep, DIAG_ERROR, path, 0, "cannot read: %s", strerror(e));
}

/* The whole of a regular file of at most CONFIG_FILE_MAX_BYTES, or NULL
 * with the problem added to rep. */
static char *read_checked(const char *path, const char *from, int from_line,
			  struct diag_report *rep, size_t *len)
{
	const char *file = from ? from : path;
	int line = from ? from_line : 0;
	struct stat sb;
	char *buf;
	ssize_t got;
	size_t n = 0;
	int fd;

	if (stat(path, &sb) != 0) {
		cannot_read(rep, path, from, line, errno);
		return NULL;
	}
	if (!S_ISREG(sb.st_mode)) {
		diag_add(rep, DIAG_ERROR, file, line, "%s is %s, not a configuration "
			 "file", path, kind_of(sb.st_mode));
		return NULL;
	}
	if (sb.st_size > CONFIG_FILE_MAX_BYTES) {
		diag_add(rep, DIAG_ERROR, file, line, "%s is %lld bytes; a configuration "
			 "file is at most %d", path, (long long)sb.st_size,
			 CONFIG_FILE_MAX_BYTES);
		return NULL;
	}
	fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0) {
		cannot_read(rep, path, from, line, errno);
		return NULL;
	}
	buf = xmalloc((size_t)sb.st_size + 1);
	while (n < (size_t)sb.st_size &&
	       (got = read(fd, buf + n, (size_t)sb.st_size - n)) > 0)
		n += (size_t)got;
	close(fd);
	buf[n] = '\0';
	*len = n;
	return buf;
}

/* The file an @include on this line names (libconfig's syntax: the line
 * is `@include "file"`), as libconfig 1.5 opens it: the name appended to
 * dir, the directory of the file first read, whichever file includes it
 * (an absolute name too, which then names no file); false when the line
 * is no @include. */
static bool include_of(const char *line, size_t len, const char *dir,
		       char *out, size_t n, bool *absolute)
{
	const char *p = line, *end = line + len, *q;

	while (p < end && isspace((unsigned char)*p))
		p++;
	if ((size_t)(end - p) < 8 || strncmp(p, "@include", 8) != 0)
		return false;
	p += 8;
	while (p < end && isspace((unsigned char)*p))
		p++;
	if (p == end || *p != '"' || (q = memchr(p + 1, '"', (size_t)(end - p - 1))) == NULL)
		return false;
	*absolute = p[1] == '/';
	snprintf(out, n, "%s/%.*s", dir, (int)(q - p - 1), p + 1);
	return true;
}

static int check(const char *path, const char *dir, const char *from, int from_line,
		 int depth, struct diag_report *rep)
{
	char *text, inc[4200];
	const char *p;
	size_t len = 0;
	int line = 0, rc = 0;
	bool absolute;

	if (depth > MAX_DEPTH) {
		diag_add(rep, DIAG_ERROR, from, from_line, "@include nested more than "
			 "%d deep", MAX_DEPTH);
		return -1;
	}
	text = read_checked(path, from, from_line, rep, &len);
	if (text == NULL)
		return -1;
	for (p = text; rc == 0 && p < text + len; line++) {
		const char *nl = memchr(p, '\n', (size_t)(text + len - p));
		size_t l = nl ? (size_t)(nl - p) : (size_t)(text + len - p);

		if (l > CONFIG_FILE_MAX_LINE) {
			diag_add(rep, DIAG_ERROR, path, line + 1, "a line of %zu bytes; a "
				 "line of a configuration file is at most %d", l,
				 CONFIG_FILE_MAX_LINE);
			rc = -1;
		} else if (include_of(p, l, dir, inc, sizeof(inc), &absolute)) {
			if (absolute) {
				diag_add(rep, DIAG_ERROR, path, line + 1, "@include takes a "
					 "name relative to %s (the directory of the file "
					 "first read), not an absolute path", dir);
				rc = -1;
			} else {
				rc = check(inc, dir, path, line + 1, depth + 1, rep);
			}
		}
		p += l + 1;
	}
	free(text);
	return rc;
}

int config_file_check(const char *path, struct diag_report *rep)
{
	char *copy = xstrdup(path);
	int rc = check(path, dirname(copy), NULL, 0, 0, rep);

	free(copy);
	return rc == 0 ? 0 : BPW_ECONFIG;
}

void config_file_include_dir(config_t *lc, const char *path, char *buf, size_t n)
{
	snprintf(buf, n, "%s", path);
	config_set_include_dir(lc, dirname(buf));
}

const char *config_file_source(const config_t *lc, const char *top,
			       const char *name, char *buf, size_t n)
{
	const char *dir = config_get_include_dir(lc);

	if (name == NULL)
		return top;
	if (dir == NULL || strcmp(dir, ".") == 0 || name[0] == '/')
		return name;
	snprintf(buf, n, "%s/%s", dir, name);
	return buf;
}

bool config_file_literal(const char *file, int line, const char *name,
			 char *out, size_t n)
{
	struct diag_report none = { 0 };
	size_t len = 0, nl = strlen(name);
	char *text, *p, *end;
	const char *hit;
	bool found = false;
	int at = 1;

	if (file == NULL || line < 1 || (text = read_checked(file, NULL, 0, &none, &len)) == NULL) {
		diag_free(&none);
		return false;
	}
	diag_free(&none);
	for (p = text; at < line && (p = strchr(p, '\n')) != NULL; at++)
		p++;
	if (p != NULL) {
		end = strchr(p, '\n');
		if (end)
			*end = '\0';
		for (hit = strstr(p, name); hit && !found; hit = strstr(hit + 1, name)) {
			const char *v = hit + nl;
			size_t k = 0;

			if (hit > p && (isalnum((unsigned char)hit[-1]) || hit[-1] == '_'))
				continue;
			while (isspace((unsigned char)*v))
				v++;
			if (*v != '=' && *v != ':')
				continue;
			v++;
			while (isspace((unsigned char)*v))
				v++;
			while (v[k] && (isalnum((unsigned char)v[k]) || strchr("+-.", v[k])))
				k++;
			if (k > 0 && k < n) {
				snprintf(out, n, "%.*s", (int)k, v);
				found = true;
			}
		}
	}
	free(text);
	return found;
}

bool config_int_overflows(const char *literal)
{
	const char *s = literal + (literal[0] == '-' || literal[0] == '+');
	char *end;

	errno = 0;
	(void)strtoll(literal, &end, s[0] == '0' && (s[1] == 'x' || s[1] == 'X') ? 16 : 10);
	return errno == ERANGE;
}
