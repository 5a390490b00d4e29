/* status.c: the spellings, marks and points of status.h, from its
 * STATUS_LIST. */
#include "status.h"

#include <string.h>

static const char *const status_names[] = {
#define X(e, s, l, m) s,
	STATUS_LIST(X)
#undef X
};
static const char *const status_labels[] = {
#define X(e, s, l, m) l,
	STATUS_LIST(X)
#undef X
};

static const char status_marks[] = {
#define X(e, s, l, m) m,
	STATUS_LIST(X)
#undef X
};

char status_mark(enum status s)
{
	return (unsigned)s < STATUS_COUNT ? status_marks[s] : '?';
}

const char *status_name(enum status s)
{
	return (unsigned)s < STATUS_COUNT ? status_names[s] : "?";
}

int status_parse(const char *name, size_t n)
{
	int s;

	for (s = 0; name && s < STATUS_COUNT; s++)
		if (strlen(status_names[s]) == n && strncmp(status_names[s], name, n) == 0)
			return s;
	return -1;
}

const char *status_label(enum status s)
{
	return (unsigned)s < STATUS_COUNT ? status_labels[s] : "?";
}

double status_points(enum status s)
{
	return s == STATUS_OK ? 100 : s == STATUS_ALERT ? 0 : 50;
}
