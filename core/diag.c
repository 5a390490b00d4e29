/* diag.c: the problem report of diag.h: adding, sorting by file and
 * line, formatting and freeing. */
#include "diag.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

void diag_free(struct diag_report *rep)
{
	size_t i;

	if (rep == NULL)
		return;
	free(rep->diags);
	for (i = 0; i < rep->nfiles; i++)
		free(rep->files[i]);
	memset(rep, 0, sizeof(*rep));
}

void diag_add(struct diag_report *rep, enum diag_level level,
		       const char *file, int line, const char *fmt, ...)
{
	struct diag *d;
	va_list ap;

	rep->diags = xrealloc(rep->diags, (rep->count + 1) * sizeof(*rep->diags));
	d = &rep->diags[rep->count++];
	d->level = level;
	snprintf(d->file, sizeof(d->file), "%s", file);
	d->line = line;
	va_start(ap, fmt);
	vsnprintf(d->msg, sizeof(d->msg), fmt, ap);
	va_end(ap);
	if (level == DIAG_ERROR)
		rep->errors++;
	else
		rep->warnings++;
}

void diag_file(struct diag_report *rep, const char *path)
{
	if (rep->nfiles < sizeof(rep->files) / sizeof(rep->files[0]))
		rep->files[rep->nfiles++] = xstrdup(path);
}

/* The rank of file among those read; unread files after them, in order of
 * their first problem. */
static size_t file_rank(const struct diag_report *rep, const char *file,
			size_t upto)
{
	size_t i;

	for (i = 0; i < rep->nfiles; i++)
		if (strcmp(rep->files[i], file) == 0)
			return i;
	for (i = 0; i < upto; i++)
		if (strcmp(rep->diags[i].file, file) == 0)
			break;
	return rep->nfiles + i;
}

void diag_sort(struct diag_report *rep)
{
	struct diag tmp;
	size_t i, j, *rank;

	if (rep->count < 2)
		return;
	/* Insertion sort: stable, and reports are short. */
	rank = xcalloc(rep->count, sizeof(*rank));
	for (i = 0; i < rep->count; i++)
		rank[i] = file_rank(rep, rep->diags[i].file, i);
	for (i = 1; i < rep->count; i++) {
		size_t r = rank[i];

		tmp = rep->diags[i];
		for (j = i; j > 0 && (rank[j - 1] > r || (rank[j - 1] == r &&
		     rep->diags[j - 1].line > tmp.line)); j--) {
			rep->diags[j] = rep->diags[j - 1];
			rank[j] = rank[j - 1];
		}
		rep->diags[j] = tmp;
		rank[j] = r;
	}
	free(rank);
}

const char *diag_format(const struct diag *d, char *buf, size_t n)
{
	const char *lvl = d->level == DIAG_ERROR ? "error" : "warning";

	if (d->line > 0)
		snprintf(buf, n, "%s:%d: %s: %s", d->file, d->line, lvl, d->msg);
	else if (d->file[0] == '\0')
		snprintf(buf, n, "%s: %s", lvl, d->msg);
	else
		snprintf(buf, n, "%s: %s: %s", d->file, lvl, d->msg);
	return buf;
}
