/* config.c: loading and checking bpowatch.conf with libconfig 1.5. Files are
 * merged here in C (libconfig 1.5 has no include_dir and rejects duplicate
 * keys), and every number is range-checked because 1.5 wraps big integers. */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <libconfig.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stddef.h>
#include <libgen.h>
#include <limits.h>
#include <unistd.h>

#include "config_file.h"
#include "paths.h"
#include "text.h"
#include "theme.h"
#include "strbuf.h"
#include "xalloc.h"

/* SET_PATHS: true (every database), false, one path or a list of paths;
 * kept as a string of lines ("*" for every database). */
enum setting_type { SET_STRING, SET_INT, SET_BOOL, SET_PATHS };

struct setting_def {
	const char *name;
	enum setting_type type;
	size_t offset;		/* into struct config */
	const char *def_string;
	long long def_int;	/* also the bool default */
	long long min, max;	/* for SET_INT */
	bool (*valid)(const char *value);	/* for SET_STRING, may be NULL */
	const char *help;
};

#define OFF(field) offsetof(struct config, field)

/* The settings table: the one list the loader, `config check`, --help and
 * the man page test read. */
static const struct setting_def settings[] = {
	{ "database", SET_STRING, OFF(database), "", 0, 0, 0, NULL,
	  "database file (\"\": $BPOWATCH_DB, else $XDG_DATA_HOME/bpowatch/bpowatch.db)" },
	{ "theme", SET_STRING, OFF(theme), "dark", 0, 0, 0, theme_name_valid,
	  "colour theme, a file themes/NAME.conf" },
	{ "sparkline_length", SET_INT, OFF(sparkline_length), NULL, 24, 4, 120, NULL,
	  "months shown in a sparkline (4-120)" },
	{ "ascii", SET_BOOL, OFF(ascii), NULL, 0, 0, 1, NULL,
	  "draw with ASCII characters only, even in a UTF-8 locale" },
	{ "audit_interval_days", SET_INT, OFF(audit_interval_days), NULL, 365, 1,
	  3650, NULL, "days from one final QA audit to the next (1-3650); a "
	  "partner's own interval wins" },
	{ "figures_due_day", SET_INT, OFF(figures_due_day), NULL, 10, 1, 28, NULL,
	  "day of the next month by which partners' monthly figures are due "
	  "(1-28): the month judged is the latest one due by today" },
	{ "critical_fail_cap", SET_INT, OFF(critical_fail_cap), NULL, 100, 0, 100,
	  NULL, "highest score an audit with a failed critical item can have (0-100)" },
	{ "read_only", SET_PATHS, OFF(read_only), "", 0, 0, 0, NULL,
	  "open databases read-only: true (every one), or a list of database "
	  "files, e.g. [\"~/team/bpowatch.db\"]" },
};

#define NSETTINGS (sizeof(settings) / sizeof(settings[0]))

size_t config_key_count(void) { return NSETTINGS; }
const char *config_key_name(size_t i) { return i < NSETTINGS ? settings[i].name : NULL; }
const char *config_key_help(size_t i) { return i < NSETTINGS ? settings[i].help : NULL; }

static char **str_field(struct config *cfg, const struct setting_def *d)
{
	return (char **)((char *)cfg + d->offset);
}

static int *int_field(struct config *cfg, const struct setting_def *d)
{
	return (int *)((char *)cfg + d->offset);
}

static bool *bool_field(struct config *cfg, const struct setting_def *d)
{
	return (bool *)((char *)cfg + d->offset);
}

void config_defaults(struct config *cfg)
{
	size_t i;

	memset(cfg, 0, sizeof(*cfg));
	for (i = 0; i < NSETTINGS; i++) {
		const struct setting_def *d = &settings[i];

		switch (d->type) {
		case SET_STRING:
		case SET_PATHS:
			*str_field(cfg, d) = xstrdup(d->def_string);
			break;
		case SET_INT:
			*int_field(cfg, d) = (int)d->def_int;
			break;
		case SET_BOOL:
			*bool_field(cfg, d) = d->def_int != 0;
			break;
		}
	}
	cfg->spec = rules_spec_new();
}

void config_free(struct config *cfg)
{
	size_t i;

	if (cfg == NULL)
		return;
	for (i = 0; i < NSETTINGS; i++)
		if (settings[i].type == SET_STRING || settings[i].type == SET_PATHS) {
			free(*str_field(cfg, &settings[i]));
			*str_field(cfg, &settings[i]) = NULL;
		}
	rules_spec_free(cfg->spec);
	cfg->spec = NULL;
	ruleset_free(cfg->rules);
	cfg->rules = NULL;
	for (i = 0; i < cfg->nkeybinds; i++) {
		free(cfg->keybinds[i].action);
		free(cfg->keybinds[i].keys);
	}
	free(cfg->keybinds);
	cfg->keybinds = NULL;
	cfg->nkeybinds = 0;
}

static void config_copy(struct config *dst, const struct config *src)
{
	size_t i;

	*dst = *src;
	/* dst's string fields are src's pointers until replaced by copies. */
	for (i = 0; i < NSETTINGS; i++)
		if (settings[i].type == SET_STRING || settings[i].type == SET_PATHS) {
			char **f = str_field(dst, &settings[i]);

			*f = xstrdup(*f);
		}
	dst->spec = rules_spec_copy(src->spec);
	dst->rules = NULL;
	dst->keybinds = xcalloc(src->nkeybinds + 1, sizeof(*dst->keybinds));
	for (i = 0; i < src->nkeybinds; i++) {
		dst->keybinds[i] = src->keybinds[i];
		dst->keybinds[i].action = xstrdup(src->keybinds[i].action);
		dst->keybinds[i].keys = xstrdup(src->keybinds[i].keys);
	}
}

/* The `keys` group: action = "KEY KEY..."; kept as written, with its line. */
static void read_keys(struct config *cfg, config_setting_t *g, const char *file,
		      struct diag_report *rep)
{
	int n, i;

	if (config_setting_type(g) != CONFIG_TYPE_GROUP) {
		diag_add(rep, DIAG_ERROR, file,
				  (int)config_setting_source_line(g),
				  "'keys' must be a group: keys = { down = \"j Down\"; };");
		return;
	}
	n = config_setting_length(g);
	for (i = 0; i < n; i++) {
		config_setting_t *k = config_setting_get_elem(g, (unsigned)i);
		int line = (int)config_setting_source_line(k);
		struct config_keybind *b;

		if (config_setting_type(k) != CONFIG_TYPE_STRING) {
			diag_add(rep, DIAG_ERROR, file, line,
					  "keys: '%s' must be a string of key names, "
					  "e.g. \"j Down\"", config_setting_name(k));
			continue;
		}
		cfg->keybinds = xrealloc(cfg->keybinds,
					 (cfg->nkeybinds + 1) * sizeof(*cfg->keybinds));
		b = &cfg->keybinds[cfg->nkeybinds++];
		b->action = xstrdup(config_setting_name(k));
		b->keys = xstrdup(config_setting_get_string(k));
		snprintf(b->file, sizeof(b->file), "%s", file);
		b->line = line;
	}
}

static const char *type_name(int type)
{
	switch (type) {
	case CONFIG_TYPE_GROUP: return "a group";
	case CONFIG_TYPE_INT: case CONFIG_TYPE_INT64: return "an integer";
	case CONFIG_TYPE_FLOAT: return "a number with a fraction";
	case CONFIG_TYPE_STRING: return "a string";
	case CONFIG_TYPE_BOOL: return "true or false";
	case CONFIG_TYPE_ARRAY: return "an array";
	case CONFIG_TYPE_LIST: return "a list";
	default: return "an unknown type";
	}
}

static const char *closest_setting(const char *name)
{
	size_t i, best = 3, d;
	const char *hit = NULL;

	for (i = 0; i < NSETTINGS; i++) {
		d = text_edit_distance(name, settings[i].name);
		if (d < best) {
			best = d;
			hit = settings[i].name;
		}
	}
	return hit;
}

/* A SET_PATHS setting: true, false, a path, or an array or list of paths. */
static void apply_paths(struct config *cfg, const struct setting_def *d,
			config_setting_t *s, const char *file,
			struct diag_report *rep)
{
	int type = config_setting_type(s), line = (int)config_setting_source_line(s);
	struct strbuf lines = { 0 };
	int i, n;

	if (type == CONFIG_TYPE_BOOL) {
		strbuf_add(&lines, config_setting_get_bool(s) ? "*" : "");
	} else if (type == CONFIG_TYPE_STRING) {
		strbuf_add(&lines, config_setting_get_string(s));
	} else if (type == CONFIG_TYPE_ARRAY || type == CONFIG_TYPE_LIST) {
		n = config_setting_length(s);
		for (i = 0; i < n; i++) {
			config_setting_t *e = config_setting_get_elem(s, (unsigned)i);

			if (config_setting_type(e) != CONFIG_TYPE_STRING) {
				diag_add(rep, DIAG_ERROR, file, line,
					   "'%s' lists database files in quotes, not %s",
					   d->name, type_name(config_setting_type(e)));
				strbuf_free(&lines);
				return;
			}
			strbuf_add(&lines, i ? "\n" : "");
			strbuf_add(&lines, config_setting_get_string(e));
		}
	} else {
		diag_add(rep, DIAG_ERROR, file, line,
			   "'%s' must be true, false or a list of database files, "
			   "not %s", d->name, type_name(type));
		return;
	}
	if (strchr(strbuf_str(&lines), '\n') == NULL && lines.len &&
	    strcmp(strbuf_str(&lines), "*") != 0 && strchr(strbuf_str(&lines), '/') == NULL)
		diag_add(rep, DIAG_WARNING, file, line,
			   "'%s': '%s' is not a path (give the database file, "
			   "e.g. \"~/team/bpowatch.db\")", d->name, strbuf_str(&lines));
	free(*str_field(cfg, d));
	*str_field(cfg, d) = strbuf_take(&lines);
	if (*str_field(cfg, d) == NULL)
		*str_field(cfg, d) = xstrdup("");
}

bool config_read_only_for(const struct config *cfg, const char *db_path)
{
	char want[PATH_MAX], have[PATH_MAX], expanded[PATH_MAX];
	const char *p = cfg->read_only ? cfg->read_only : "";

	if (strcmp(p, "*") == 0)
		return true;
	if (realpath(db_path, want) == NULL)
		snprintf(want, sizeof(want), "%s", db_path);
	while (*p) {
		size_t n = strcspn(p, "\n");
		char one[PATH_MAX];

		snprintf(one, sizeof(one), "%.*s", (int)n, p);
		if (paths_expand_home(one, expanded, sizeof(expanded), NULL) != 0)
			snprintf(expanded, sizeof(expanded), "%s", one);
		if (realpath(expanded, have) == NULL)
			snprintf(have, sizeof(have), "%s", expanded);
		if (strcmp(have, want) == 0)
			return true;
		p += n + (p[n] == '\n');
	}
	return false;
}

/* Checks one top-level setting s against its definition and stores it. */
static void apply_setting(struct config *cfg, const struct setting_def *d,
			  config_setting_t *s, const char *file,
			  struct diag_report *rep)
{
	int type = config_setting_type(s), line = (int)config_setting_source_line(s);
	long long v;
	char lit[64];

	switch (d->type) {
	case SET_STRING: {
		const char *str;

		if (type != CONFIG_TYPE_STRING) {
			diag_add(rep, DIAG_ERROR, file, line,
				   "'%s' must be a string in quotes, not %s",
				   d->name, type_name(type));
			return;
		}
		str = config_setting_get_string(s);
		if (d->valid && !d->valid(str)) {
			diag_add(rep, DIAG_ERROR, file, line,
				   "'%s' has an invalid value (%s)", d->name,
				   d->help);
			return;
		}
		free(*str_field(cfg, d));
		*str_field(cfg, d) = xstrdup(str);
		if (str_field(cfg, d) == &cfg->theme) {
			snprintf(cfg->theme_file, sizeof(cfg->theme_file), "%s", file);
			cfg->theme_line = line;
		}
		return;
	}
	case SET_INT:
		if (type != CONFIG_TYPE_INT && type != CONFIG_TYPE_INT64) {
			diag_add(rep, DIAG_ERROR, file, line,
				   "'%s' must be an integer, not %s", d->name,
				   type_name(type));
			return;
		}
		v = config_setting_get_int64(s);
		/* libconfig reads a number past 64 bits as -1 or 0 */
		if ((v == -1 || v == 0) &&
		    config_file_literal(file, line, d->name, lit, sizeof(lit)) &&
		    config_int_overflows(lit)) {
			diag_add(rep, DIAG_ERROR, file, line, "'%s' is %s, outside "
				 "%lld..%lld", d->name, lit, d->min, d->max);
			return;
		}
		if (v < d->min || v > d->max) {
			diag_add(rep, DIAG_ERROR, file, line,
				   "'%s' is %lld, outside %lld..%lld", d->name,
				   v, d->min, d->max);
			return;
		}
		*int_field(cfg, d) = (int)v;
		return;
	case SET_BOOL:
		if (type != CONFIG_TYPE_BOOL) {
			diag_add(rep, DIAG_ERROR, file, line,
				   "'%s' must be true or false, not %s",
				   d->name, type_name(type));
			return;
		}
		*bool_field(cfg, d) = config_setting_get_bool(s) != 0;
		return;
	case SET_PATHS:
		apply_paths(cfg, d, s, file, rep);
		return;
	}
}

static void apply_root(struct config *cfg, const config_t *lc,
		       const char *path, struct diag_report *rep)
{
	config_setting_t *root = config_root_setting(lc);
	int n = config_setting_length(root), i;
	size_t k;

	for (i = 0; i < n; i++) {
		config_setting_t *s = config_setting_get_elem(root, (unsigned)i);
		const char *name = config_setting_name(s);
		const char *sf = config_setting_source_file(s);
		int line = (int)config_setting_source_line(s);
		char where[4096];
		const char *file = config_file_source(lc, path, sf, where, sizeof(where));
		bool known = false;

		if (strcmp(name, "indicators") == 0 || strcmp(name, "metrics") == 0) {
			rules_spec_read(cfg->spec, s, name[0] == 'm', file, rep);
			continue;
		}
		if (strcmp(name, "keys") == 0) {
			read_keys(cfg, s, file, rep);
			continue;
		}
		for (k = 0; k < NSETTINGS; k++)
			if (strcmp(name, settings[k].name) == 0) {
				apply_setting(cfg, &settings[k], s, file, rep);
				known = true;
			}
		if (!known) {
			const char *near = closest_setting(name);

			if (near)
				diag_add(rep, DIAG_WARNING, file, line,
					   "unknown setting '%s' (ignored; did "
					   "you mean '%s'?)", name, near);
			else
				diag_add(rep, DIAG_WARNING, file, line,
					   "unknown setting '%s' (ignored)", name);
		}
	}
}

int config_merge_file(struct config *cfg, const char *path, bool required,
		      struct diag_report *rep, struct bpw_error *err)
{
	config_t lc;
	struct config work;
	size_t errors_before = rep->errors, first = rep->count, i;
	char dir[4096];
	FILE *fp;

	if (access(path, F_OK) == 0 && config_file_check(path, rep) != 0) {
		for (i = first; i < rep->count; i++)
			if (rep->diags[i].level == DIAG_ERROR)
				return bpw_error_set_at(err, BPW_ECONFIG, rep->diags[i].file,
							rep->diags[i].line, 0, "%s",
							rep->diags[i].msg);
		return BPW_ECONFIG;
	}
	fp = fopen(path, "r");
	if (fp == NULL) {
		if (errno == ENOENT && !required)
			return 0;
		diag_add(rep, DIAG_ERROR, path, 0, "cannot read: %s",
			   strerror(errno));
		return bpw_error_set_at(err, BPW_ECONFIG, path, 0, 0,
					"cannot read: %s", strerror(errno));
	}
	config_init(&lc);
	config_file_include_dir(&lc, path, dir, sizeof(dir));
	if (config_read(&lc, fp) != CONFIG_TRUE) {
		char where[4096];
		const char *f = config_file_source(&lc, path, config_error_file(&lc),
						   where, sizeof(where));
		int line = config_error_line(&lc);

		diag_add(rep, DIAG_ERROR, f, line, "%s",
			   config_error_text(&lc));
		bpw_error_set_at(err, BPW_ECONFIG, f, line, 0, "%s",
				 config_error_text(&lc));
		config_destroy(&lc);
		fclose(fp);
		return BPW_ECONFIG;
	}
	fclose(fp);
	diag_file(rep, path);

	config_copy(&work, cfg);
	apply_root(&work, &lc, path, rep);
	config_destroy(&lc);
	/* Merged even after an error: the rules, keys and theme it names are
	 * checked later, and an error keeps the whole cfg from being used. */
	config_free(cfg);
	*cfg = work;
	if (rep->errors > errors_before)
		for (i = first; i < rep->count; i++)
			if (rep->diags[i].level == DIAG_ERROR) {
				const struct diag *d = &rep->diags[i];

				return bpw_error_set_at(err, BPW_ECONFIG, d->file,
							d->line, 0, "%s", d->msg);
			}
	return 0;
}

int config_finish(struct config *cfg, struct diag_report *rep,
		  struct bpw_error *err)
{
	size_t first = rep->count, i;

	ruleset_free(cfg->rules);
	cfg->rules = NULL;
	if (rules_compile(cfg->spec, &cfg->rules, rep) == 0) {
		cfg->rules->audit_interval_days = cfg->audit_interval_days;
		cfg->rules->due_day = cfg->figures_due_day;
		return 0;
	}
	for (i = first; i < rep->count; i++)
		if (rep->diags[i].level == DIAG_ERROR)
			return bpw_error_set_at(err, BPW_ECONFIG, rep->diags[i].file,
						rep->diags[i].line, 0, "%s",
						rep->diags[i].msg);
	return bpw_error_set(err, BPW_ECONFIG, "the indicator rules have errors");
}
