/* snapshot_rendering.c: a frozen QBR pack as it was written, in every
 * format and style: the variants and their keys, rendered at the freeze,
 * stored with the snapshot and read back byte for byte. A new style
 * option is one line of STYLE_OPTIONS: its field of struct report_style,
 * the formats it changes and its values, the default first. */
#include "snapshot_rendering.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

static const char sql_rendering[] =
	"INSERT INTO snapshot_rendering(snapshot_id, format, style, body)"
	" VALUES (?1, ?2, ?3, ?4)";
static const char sql_get_rendering[] =
	"SELECT body FROM snapshot_rendering WHERE snapshot_id = ?1 AND format = ?2"
	" AND style = ?3";
static const char sql_count_renderings[] =
	"SELECT count(*) FROM snapshot_rendering WHERE snapshot_id = ?1";

#define FMT(e) (1u << REPORT_##e)
#define EXPL (1u << SNAPSHOT_EXPLANATIONS)

/* Each option: its field, the outputs it changes, its values. */
#define STYLE_OPTIONS(X) \
	X(appendix, FMT(MD) | FMT(HTML), "no", "yes") \
	X(paper, FMT(HTML), "a4", "letter") \
	X(excel, FMT(CSV) | EXPL, "no", "yes")

/* The outputs: the pack in each format, then its explanations' CSV. */
static const char *const output_names[SNAPSHOT_OUTPUTS] = {
#define X(e, n, fn) [REPORT_##e] = n,
	REPORT_FORMATS(X)
#undef X
	[SNAPSHOT_EXPLANATIONS] = "explanations",
};


const char *snapshot_output_name(int output)
{
	return output >= 0 && output < SNAPSHOT_OUTPUTS ? output_names[output] : "";
}

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

void snapshot_style_key(int f, const struct report_style *s, char *buf, size_t n)
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

int snapshot_style_each(int (*fn)(int output, const struct report_style *s,
				  const char *key, void *ctx),
			void *ctx)
{
	char key[SNAPSHOT_STYLE_KEY];
	int f, rc;

	for (f = 0; f < SNAPSHOT_OUTPUTS; f++) {
		int value[NOPTIONS] = { 0 };

		for (;;) {	/* each combination: a counter over the options */
			struct report_style s;
			size_t i;

			memset(&s, 0, sizeof(s));
			for (i = 0; i < NOPTIONS; i++)
				options[i].set(&s, value[i]);
			snapshot_style_key(f, &s, key, sizeof(key));
			rc = fn(f, &s, key, ctx);
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

struct snapshot_rendering {
	int output;
	char key[SNAPSHOT_STYLE_KEY];
	struct strbuf body;
};

static int render_one(int f, const struct report_style *style, const char *key, void *ctx)
{
	struct snapshot_renderings *rs = ctx;
	struct snapshot_rendering *x;

	rs->v = xrealloc(rs->v, (rs->n + 1) * sizeof(*rs->v));
	x = &rs->v[rs->n++];
	memset(x, 0, sizeof(*x));
	x->output = f;
	snprintf(x->key, sizeof(x->key), "%s", key);
	rs->r->style = *style;
	if (f == SNAPSHOT_EXPLANATIONS)
		report_write_explanations(rs->r, &x->body);
	else
		report_write(rs->r, (enum report_format)f, &x->body);
	return 0;
}

void snapshot_renderings_render(struct report *r, struct snapshot_renderings *out)
{
	struct report_style keep = r->style;

	out->r = r;
	snapshot_style_each(render_one, out);
	r->style = keep;
}

void snapshot_renderings_free(struct snapshot_renderings *rs)
{
	size_t i;

	for (i = 0; i < rs->n; i++)
		strbuf_free(&rs->v[i].body);
	free(rs->v);
	memset(rs, 0, sizeof(*rs));
}

int snapshot_renderings_store(struct store *st, int64_t id, const struct snapshot_renderings *rs,
			    struct bpw_error *err)
{
	sqlite3_stmt *q;
	size_t i;
	int rc = store_cached(st, sql_rendering, &q, err);

	for (i = 0; rc == 0 && i < rs->n; i++) {
		const struct snapshot_rendering *x = &rs->v[i];

		sqlite3_bind_int64(q, 1, id);
		sqlite3_bind_text(q, 2, output_names[x->output], -1, SQLITE_STATIC);
		sqlite3_bind_text(q, 3, x->key, -1, SQLITE_STATIC);
		sqlite3_bind_blob(q, 4, x->body.s ? x->body.s : "", (int)x->body.len,
				  SQLITE_STATIC);
		rc = sqlite3_step(q);
		sqlite3_reset(q);
		rc = rc == SQLITE_DONE ? 0 : store_fail(st, rc, err, "cannot store the snapshot");
	}
	return rc;
}

int snapshot_renderings_count(struct store *st, int64_t id, int *n, struct bpw_error *err)
{
	sqlite3_stmt *q;
	int rc = store_cached(st, sql_count_renderings, &q, err);

	if (rc != 0)
		return rc;
	sqlite3_bind_int64(q, 1, id);
	rc = sqlite3_step(q);
	*n = rc == SQLITE_ROW ? sqlite3_column_int(q, 0) : 0;
	sqlite3_reset(q);
	return rc == SQLITE_ROW ? 0 : store_fail(st, rc, err, "cannot read the snapshot");
}

int snapshot_get_rendering(struct store *st, const char *quarter, int f,
			   const struct report_style *style, struct snapshot_info *info,
			   struct strbuf *out, struct bpw_error *err)
{
	char key[SNAPSHOT_STYLE_KEY];
	struct strbuf pack = { 0 };
	sqlite3_stmt *q;
	int rc, n = 0;

	snapshot_style_key(f, style, key, sizeof(key));
	rc = snapshot_get(st, quarter, info, &pack, err);
	if (rc == 0)
		rc = snapshot_renderings_count(st, info->id, &n, err);
	if (rc == 0 && n == 0) {
		if (f == REPORT_MD && key[0] == '\0')
			strbuf_addn(out, pack.s ? pack.s : "", pack.len);
		else
			rc = bpw_error_set(err, BPW_EINVAL, "%s was frozen before renderings "
					   "were kept; only --format md is available%s",
					   info->quarter, f == REPORT_MD ?
					   ", as it was frozen (without other options)" : "");
	}
	strbuf_free(&pack);
	if (rc != 0 || n == 0)
		return rc;
	rc = store_cached(st, sql_get_rendering, &q, err);
	if (rc != 0)
		return rc;
	sqlite3_bind_int64(q, 1, info->id);
	sqlite3_bind_text(q, 2, snapshot_output_name(f), -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 3, key, -1, SQLITE_STATIC);
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW) {
		strbuf_addn(out, sqlite3_column_blob(q, 0) ? sqlite3_column_blob(q, 0) : "",
			    (size_t)sqlite3_column_bytes(q, 0));
		rc = 0;
	} else {
		rc = rc == SQLITE_DONE ? bpw_error_set(err, BPW_EINVAL, "%s was frozen before "
			"the %s rendering with %s was kept", info->quarter, snapshot_output_name(f), key)
			: store_fail(st, rc, err, "cannot read the snapshot");
	}
	sqlite3_reset(q);
	return rc;
}
