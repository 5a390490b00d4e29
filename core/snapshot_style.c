/* snapshot_style.c: the format x style variants of a QBR pack and their
 * keys. A new style option is one line of STYLE_OPTIONS: its field of
 * struct report_style, the formats it changes and its values, the default
 * first. */
#include "snapshot_style.h"

#include <stdio.h>
#include <string.h>

#define FMT(e) (1u << REPORT_##e)
#define ALL_FORMATS ((1u << REPORT_FORMAT_COUNT) - 1)

#define STYLE_OPTIONS(X) \
	X(appendix, ALL_FORMATS, "no", "yes") \
	X(paper, FMT(HTML), "a4", "letter") \
	X(excel, FMT(CSV), "no", "yes")

struct style_option {
	const char *name;
	unsigned formats;		/* the formats it changes */
	const char *const *values;	/* NULL-terminated, the default first */
	int (*get)(const struct report_style *s);
	void (*set)(struct report_style *s, int v);
};

#define X(field, formats, ...) \
	static int get_##field(const struct report_style *s) { return (int)s->field; } \
	static void set_##field(struct report_style *s, int v) { s->field = v; }
STYLE_OPTIONS(X)
#undef X

static const struct style_option options[] = {
#define X(field, formats, ...) \
	{ #field, formats, (const char *const[]){ __VA_ARGS__, NULL }, get_##field, \
	  set_##field },
	STYLE_OPTIONS(X)
#undef X
};

#define NOPTIONS (sizeof(options) / sizeof(options[0]))

static int nvalues(const struct style_option *o)
{
	int n = 0;

	while (o->values[n])
		n++;
	return n;
}

void snapshot_style_key(enum report_format f, const struct report_style *s,
			char *buf, size_t n)
{
	size_t i, len = 0;

	if (n == 0)
		return;
	buf[0] = '\0';
	for (i = 0; i < NOPTIONS; i++) {
		const struct style_option *o = &options[i];
		int v = o->get(s);

		if (!(o->formats & (1u << f)) || v <= 0 || v >= nvalues(o))
			continue;
		len += (size_t)snprintf(buf + len, len < n ? n - len : 0, "%s%s=%s",
					len ? " " : "", o->name, o->values[v]);
		if (len >= n)
			len = n - 1;
	}
}

int snapshot_style_each(int (*fn)(enum report_format f, const struct report_style *s,
				  const char *key, void *ctx),
			void *ctx)
{
	char key[SNAPSHOT_STYLE_KEY];
	int f, rc;

	for (f = 0; f < REPORT_FORMAT_COUNT; f++) {
		int value[NOPTIONS] = { 0 };

		for (;;) {	/* each combination: a counter over the options */
			struct report_style s;
			size_t i;

			memset(&s, 0, sizeof(s));
			for (i = 0; i < NOPTIONS; i++)
				options[i].set(&s, value[i]);
			snapshot_style_key((enum report_format)f, &s, key, sizeof(key));
			rc = fn((enum report_format)f, &s, key, ctx);
			if (rc != 0)
				return rc;
			for (i = 0; i < NOPTIONS; i++) {
				if (!(options[i].formats & (1u << f)))
					continue;
				if (++value[i] < nvalues(&options[i]))
					break;
				value[i] = 0;
			}
			if (i == NOPTIONS)
				break;
		}
	}
	return 0;
}
