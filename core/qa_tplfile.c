/* qa_tplfile.c: QA templates as files (libconfig) for sharing between
 * teams: reading one with every problem tied to its line, and writing one
 * back. */
#include "qa_template.h"

#include <ctype.h>
#include <errno.h>
#include <libconfig.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config_file.h"
#include "diag.h"
#include "text.h"
#include "xalloc.h"

static int bad(struct bpw_error *err, const char *path, const config_setting_t *s,
	       const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static int bad(struct bpw_error *err, const char *path, const config_setting_t *s,
	       const char *fmt, ...)
{
	char msg[400], where[4096];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	/* The file the setting is in: an @include's, by its real path. */
	return bpw_error_set_at(err, BPW_ECONFIG,
				s ? config_file_source(s->config, path,
						       config_setting_source_file(s),
						       where, sizeof(where)) : path,
				s ? (int)config_setting_source_line(s) : 0, 0, "%s", msg);
}

/* Checks that group g holds only the settings in allowed. */
static int only(struct bpw_error *err, const char *path, const config_setting_t *g,
		const char *const *allowed, size_t n)
{
	int len = config_setting_length(g), i;

	for (i = 0; i < len; i++) {
		const config_setting_t *s = config_setting_get_elem(g, (unsigned)i);
		const char *name = config_setting_name(s), *near = NULL;
		size_t k, best = 3;

		for (k = 0; k < n; k++) {
			size_t d = text_edit_distance(name, allowed[k]);

			if (d == 0)
				break;
			if (d < best) {
				best = d;
				near = allowed[k];
			}
		}
		if (k < n)
			continue;
		if (near)
			return bad(err, path, s, "unknown setting '%s' (did you mean "
				   "'%s'?)", name, near);
		return bad(err, path, s, "unknown setting '%s'", name);
	}
	return 0;
}

static int get_text(struct bpw_error *err, const char *path, const config_setting_t *g,
		    const char *name, bool required, const char **out)
{
	const config_setting_t *s = config_setting_get_member(g, name);

	*out = NULL;
	if (s == NULL)
		return required ? bad(err, path, g, "'%s' is missing", name) : 0;
	*out = config_setting_get_string(s);
	if (*out == NULL)
		return bad(err, path, s, "'%s' must be a string in quotes", name);
	if (required && **out == '\0')
		return bad(err, path, s, "'%s' must not be empty", name);
	return 0;
}

static int get_number(struct bpw_error *err, const char *path,
		      const config_setting_t *g, const char *name, double lo,
		      double hi, double *out)
{
	const config_setting_t *s = config_setting_get_member(g, name);
	int type;

	if (s == NULL)
		return 0;
	type = config_setting_type(s);
	if (type == CONFIG_TYPE_FLOAT)
		*out = config_setting_get_float(s);
	else if (type == CONFIG_TYPE_INT || type == CONFIG_TYPE_INT64)
		*out = (double)config_setting_get_int64(s);
	else
		return bad(err, path, s, "'%s' must be a number", name);
	if (!(*out >= lo && *out <= hi))
		return bad(err, path, s, "'%s' must be from %g to %g", name, lo, hi);
	return 0;
}

static int read_item(struct bpw_error *err, const char *path,
		     const config_setting_t *g, struct qa_tpl_item *it)
{
	static const char *const keys[] = { "text", "weight", "critical", "answer" };
	const config_setting_t *s;
	const char *text, *kind;
	int rc;

	if (config_setting_type(g) != CONFIG_TYPE_GROUP)
		return bad(err, path, g, "an item is a group: { text = \"...\"; }");
	rc = only(err, path, g, keys, 4);
	if (rc == 0)
		rc = get_text(err, path, g, "text", true, &text);
	it->weight = 1;
	if (rc == 0)
		rc = get_number(err, path, g, "weight", 0, 1000, &it->weight);
	if (rc == 0 && (s = config_setting_get_member(g, "critical")) != NULL) {
		if (config_setting_type(s) != CONFIG_TYPE_BOOL)
			return bad(err, path, s, "'critical' must be true or false");
		it->critical = config_setting_get_bool(s) != 0;
	}
	if (rc == 0)
		rc = get_text(err, path, g, "answer", false, &kind);
	if (rc == 0 && kind) {
		if (strcmp(kind, "scale") != 0 && strcmp(kind, "passfail") != 0)
			return bad(err, path, config_setting_get_member(g, "answer"),
				   "'answer' is \"passfail\" (pass/fail/N-A) or "
				   "\"scale\" (0-5/N-A), not \"%s\"", kind);
		it->scale = strcmp(kind, "scale") == 0;
	}
	if (rc == 0)
		it->text = xstrdup(text);
	return rc;
}

static int read_section(struct bpw_error *err, const char *path,
			const config_setting_t *g, struct qa_tpl_section *sec)
{
	static const char *const keys[] = { "key", "title", "items" };
	const config_setting_t *items;
	const char *title, *key;
	const char *k;
	int rc, n, i;

	if (config_setting_type(g) != CONFIG_TYPE_GROUP)
		return bad(err, path, g, "a section is a group: { title = \"...\"; "
			   "items = ( ... ); }");
	rc = only(err, path, g, keys, 3);
	if (rc == 0)
		rc = get_text(err, path, g, "title", true, &title);
	if (rc == 0)
		rc = get_text(err, path, g, "key", false, &key);
	if (rc != 0)
		return rc;
	for (k = key; k && *k; k++)
		if (!(islower((unsigned char)*k) || isdigit((unsigned char)*k) || *k == '_'))
			return bad(err, path, config_setting_get_member(g, "key"),
				   "a section key holds a-z, 0-9 and _ only");
	items = config_setting_get_member(g, "items");
	if (items == NULL || (config_setting_type(items) != CONFIG_TYPE_LIST &&
			      config_setting_type(items) != CONFIG_TYPE_ARRAY))
		return bad(err, path, items ? items : g, "a section needs a list of "
			   "items: items = ( { text = \"...\"; } );");
	sec->title = xstrdup(title);
	sec->key = xstrdup(key ? key : "");
	n = config_setting_length(items);
	sec->items = xcalloc((size_t)n + 1, sizeof(*sec->items));
	for (i = 0; i < n && rc == 0; i++) {
		rc = read_item(err, path, config_setting_get_elem(items, (unsigned)i),
			       &sec->items[i]);
		if (rc == 0)
			sec->nitems++;
	}
	return rc;
}

/* Reads and checks the file into t (name, passing score, sections). */
static int read_file(const char *path, struct qa_template *t, struct bpw_error *err)
{
	static const char *const keys[] = { "name", "passing_score", "sections" };
	const config_setting_t *root, *secs;
	struct diag_report rep = { 0 };
	const char *name;
	char dir[4096];
	config_t lc;
	FILE *fp;
	int rc, n, i;
	size_t items = 0;

	if (access(path, F_OK) == 0 && config_file_check(path, &rep) != 0) {
		rc = rep.count > 0
			? bpw_error_set_at(err, BPW_ECONFIG, rep.diags[0].file,
					   rep.diags[0].line, 0, "%s", rep.diags[0].msg)
			: bpw_error_set_at(err, BPW_ECONFIG, path, 0, 0, "cannot read");
		diag_free(&rep);
		return rc;
	}
	diag_free(&rep);
	fp = fopen(path, "r");
	if (fp == NULL)
		return bpw_error_set_at(err, errno == ENOENT ? BPW_ENOENT : BPW_EIO, path,
					0, 0, "cannot read: %s", strerror(errno));
	config_init(&lc);
	config_file_include_dir(&lc, path, dir, sizeof(dir));
	if (config_read(&lc, fp) != CONFIG_TRUE) {
		char where[4096];

		rc = bpw_error_set_at(err, BPW_ECONFIG,
				      config_file_source(&lc, path, config_error_file(&lc),
							 where, sizeof(where)),
				      config_error_line(&lc), 0, "%s", config_error_text(&lc));
		config_destroy(&lc);
		fclose(fp);
		return rc;
	}
	fclose(fp);
	root = config_root_setting(&lc);
	rc = only(err, path, root, keys, 3);
	if (rc == 0)
		rc = get_text(err, path, root, "name", true, &name);
	t->passing = 80;
	if (rc == 0)
		rc = get_number(err, path, root, "passing_score", 0, 100, &t->passing);
	secs = config_setting_get_member(root, "sections");
	if (rc == 0 && (secs == NULL || (config_setting_type(secs) != CONFIG_TYPE_LIST &&
					 config_setting_type(secs) != CONFIG_TYPE_ARRAY)))
		rc = bad(err, path, secs ? secs : root, "a template needs a list of "
			 "sections: sections = ( { title = \"...\"; items = ( ... ); } );");
	if (rc == 0) {
		t->name = xstrdup(name);
		n = config_setting_length(secs);
		t->sections = xcalloc((size_t)n + 1, sizeof(*t->sections));
		for (i = 0; i < n && rc == 0; i++) {
			rc = read_section(err, path, config_setting_get_elem(secs, (unsigned)i),
					  &t->sections[i]);
			t->nsections++;
			items += t->sections[i].nitems;
		}
	}
	if (rc == 0 && items == 0)
		rc = bad(err, path, secs, "the template has no items");
	config_destroy(&lc);
	return rc;
}

int qa_template_import(struct store *st, const char *path, int64_t *id,
		       struct bpw_error *err)
{
	struct qa_template t;
	int rc;

	memset(&t, 0, sizeof(t));
	rc = read_file(path, &t, err);
	if (rc == 0)
		rc = qa_template_add(st, &t, id, err);
	qa_template_clear(&t);
	return rc;
}

/* A libconfig string: quotes, backslashes and controls escaped. */
static void put_string(struct strbuf *b, const char *s)
{
	strbuf_addn(b, "\"", 1);
	for (; s && *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\')
			strbuf_addf(b, "\\%c", c);
		else if (c == '\n')
			strbuf_add(b, "\\n");
		else if (c == '\t')
			strbuf_add(b, "\\t");
		else if (c < 0x20 || c == 0x7f)
			strbuf_addf(b, "\\x%02x", c);
		else
			strbuf_addn(b, s, 1);
	}
	strbuf_addn(b, "\"", 1);
}

void qa_template_export(const struct qa_template *t, struct strbuf *b)
{
	size_t s, i;

	strbuf_addf(b, "# QA template, version %d (bpowatch). Import it with\n"
		    "# `bpowatch qa template import FILE`.\n", t->version);
	strbuf_add(b, "name = ");
	put_string(b, t->name);
	strbuf_addf(b, ";\npassing_score = %.1f;\nsections = (\n", t->passing);
	for (s = 0; s < t->nsections; s++) {
		const struct qa_tpl_section *sec = &t->sections[s];

		strbuf_add(b, "  { key = ");
		put_string(b, sec->key);
		strbuf_add(b, "; title = ");
		put_string(b, sec->title);
		strbuf_add(b, ";\n    items = (\n");
		for (i = 0; i < sec->nitems; i++) {
			const struct qa_tpl_item *it = &sec->items[i];

			strbuf_add(b, "      { text = ");
			put_string(b, it->text);
			strbuf_addf(b, ";\n        weight = %.2f; critical = %s; "
				    "answer = \"%s\"; }%s\n", it->weight,
				    it->critical ? "true" : "false",
				    it->scale ? "scale" : "passfail",
				    i + 1 < sec->nitems ? "," : "");
		}
		strbuf_addf(b, "    ); }%s\n", s + 1 < t->nsections ? "," : "");
	}
	strbuf_add(b, ");\n");
}
