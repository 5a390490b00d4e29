/* theme.c: the UI roles, the built-in dark and monochrome styles, and
 * reading a theme file with libconfig (every number range-checked: 1.5
 * wraps big integers). */
#include "theme.h"

#include <ctype.h>
#include <errno.h>
#include <libconfig.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "config_file.h"
#include "diag.h"
#include "paths.h"
#include "text.h"

bool theme_name_valid(const char *v)
{
	if (*v == '\0' || strlen(v) > 64)
		return false;
	for (; *v; v++)
		if (!isalnum((unsigned char)*v) && *v != '-' && *v != '_')
			return false;
	return true;
}

static const char *const role_names[ROLE_COUNT] = {
#define X(e, n, h) n,
	THEME_ROLES(X)
#undef X
};
static const char *const role_help[ROLE_COUNT] = {
#define X(e, n, h) h,
	THEME_ROLES(X)
#undef X
};

const char *theme_role_name(enum theme_role r)
{
	return (unsigned)r < ROLE_COUNT ? role_names[r] : "";
}

const char *theme_role_help(enum theme_role r)
{
	return (unsigned)r < ROLE_COUNT ? role_help[r] : "";
}

enum { D = -1, BLACK, RED, GREEN, YELLOW, BLUE, MAGENTA, CYAN, WHITE };

static const char *const color8_names[] = {
	"black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
};

static const struct { const char *name; unsigned bit; } attr_names[] = {
	{ "bold", THEME_BOLD }, { "dim", THEME_DIM },
	{ "underline", THEME_UNDERLINE }, { "reverse", THEME_REVERSE },
};

#define S(f256, b256, f8, b8, at) { f256, b256, f8, b8, at }

/* The built-in dark theme (themes/dark.conf says the same). */
static const struct theme_style dark[ROLE_COUNT] = {
	[ROLE_FRAME] = S(243, D, D, D, 0),
	[ROLE_TITLE] = S(255, 24, WHITE, BLUE, THEME_BOLD),
	[ROLE_STATUS_BAR] = S(252, 237, WHITE, BLUE, 0),
	[ROLE_PANE_TITLE] = S(117, D, CYAN, D, THEME_BOLD),
	[ROLE_SELECTED] = S(231, 24, BLACK, CYAN, THEME_BOLD),
	[ROLE_TEXT] = S(D, D, D, D, 0),
	[ROLE_DIM] = S(246, D, D, D, 0),
	[ROLE_OK] = S(114, D, GREEN, D, 0),
	[ROLE_WATCH] = S(214, D, YELLOW, D, THEME_BOLD),
	[ROLE_ALERT] = S(203, D, RED, D, THEME_BOLD),
	[ROLE_NO_DATA] = S(177, D, MAGENTA, D, 0),
	[ROLE_SPARK] = S(110, D, CYAN, D, 0),
	[ROLE_AXIS] = S(246, D, D, D, 0),
	[ROLE_VALUE] = S(110, D, CYAN, D, 0),
	[ROLE_WARN_LINE] = S(214, D, YELLOW, D, 0),
	[ROLE_ALERT_LINE] = S(203, D, RED, D, THEME_BOLD),
	[ROLE_HELP] = S(252, 236, WHITE, BLUE, 0),
	[ROLE_HELP_KEY] = S(117, 236, CYAN, BLUE, THEME_BOLD),
	[ROLE_INPUT] = S(16, 222, BLACK, YELLOW, 0),
	[ROLE_MESSAGE] = S(16, 222, BLACK, YELLOW, 0),
};

static const unsigned mono[ROLE_COUNT] = {
	[ROLE_TITLE] = THEME_REVERSE | THEME_BOLD,
	[ROLE_STATUS_BAR] = THEME_REVERSE,
	[ROLE_PANE_TITLE] = THEME_BOLD,
	[ROLE_SELECTED] = THEME_REVERSE,
	[ROLE_DIM] = THEME_DIM,
	[ROLE_WATCH] = THEME_UNDERLINE,
	[ROLE_ALERT] = THEME_BOLD,
	[ROLE_NO_DATA] = THEME_DIM,
	[ROLE_AXIS] = THEME_DIM,
	[ROLE_ALERT_LINE] = THEME_BOLD,
	[ROLE_HELP_KEY] = THEME_BOLD,
	[ROLE_INPUT] = THEME_REVERSE,
	[ROLE_MESSAGE] = THEME_REVERSE | THEME_BOLD,
};

void theme_defaults(struct theme *t)
{
	memset(t, 0, sizeof(*t));
	snprintf(t->name, sizeof(t->name), "dark");
	memcpy(t->roles, dark, sizeof(dark));
}

void theme_monochrome(struct theme *t)
{
	int r;

	memset(t, 0, sizeof(*t));
	snprintf(t->name, sizeof(t->name), "monochrome");
	for (r = 0; r < ROLE_COUNT; r++) {
		t->roles[r] = (struct theme_style)S(D, D, D, D, mono[r]);
	}
}

/* Where problems of the theme file being read go. */
struct tread {
	const char *file;
	struct diag_report *rep;
	const config_t *lc;
};

static int fail(struct tread *tr, const config_setting_t *s, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Reports a problem at s's line; returns -1 for the caller to pass on. */
static int fail(struct tread *tr, const config_setting_t *s, const char *fmt, ...)
{
	char msg[400], where[4096];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	diag_add(tr->rep, DIAG_ERROR,
		 config_file_source(tr->lc, tr->file,
				    s ? config_setting_source_file(s) : NULL,
				    where, sizeof(where)),
			  s ? (int)config_setting_source_line(s) : 0, "%s", msg);
	return -1;
}

/* A role's name closest to name, for "did you mean". */
static const char *closest(const char *name, const char *const *names, size_t n)
{
	const char *best = NULL;
	size_t i, bd = 3, d;

	for (i = 0; i < n; i++) {
		d = text_edit_distance(name, names[i]);
		if (d < bd) {
			bd = d;
			best = names[i];
		}
	}
	return best;
}

static int read_256(struct tread *tr, config_setting_t *s, short *out)
{
	long long v;

	if (config_setting_type(s) != CONFIG_TYPE_INT &&
	    config_setting_type(s) != CONFIG_TYPE_INT64)
		return fail(tr, s, "'%s' must be a colour number from -1 "
			    "(the terminal's own) to 255", config_setting_name(s));
	v = config_setting_get_int64(s);
	if (v < -1 || v > 255)
		return fail(tr, s, "'%s' must be from -1 (the terminal's own) "
			    "to 255; a larger number may have wrapped around",
			    config_setting_name(s));
	*out = (short)v;
	return 0;
}

static int read_8(struct tread *tr, config_setting_t *s, short *out)
{
	const char *v = config_setting_get_string(s);
	size_t i;

	if (v == NULL)
		return fail(tr, s, "'%s' must be a colour name in quotes "
			    "(default, black, red, green, yellow, blue, magenta, "
			    "cyan, white)", config_setting_name(s));
	if (strcmp(v, "default") == 0) {
		*out = -1;
		return 0;
	}
	for (i = 0; i < 8; i++)
		if (strcmp(v, color8_names[i]) == 0) {
			*out = (short)i;
			return 0;
		}
	return fail(tr, s, "'%s' is not a colour name (default, black, "
		    "red, green, yellow, blue, magenta, cyan, white)", v);
}

static int read_attrs(struct tread *tr, config_setting_t *s, unsigned *out)
{
	const char *v = config_setting_get_string(s);
	char word[32];
	int rc = 0;

	if (v == NULL)
		return fail(tr, s, "'%s' must be a string of attributes "
			    "(bold, dim, underline, reverse)", config_setting_name(s));
	*out = 0;
	while (*v) {
		size_t len, i;
		bool known = false;

		v += strspn(v, " ,");
		len = strcspn(v, " ,");
		if (len == 0)
			break;
		snprintf(word, sizeof(word), "%.*s", (int)(len < 31 ? len : 31), v);
		v += len;
		for (i = 0; i < sizeof(attr_names) / sizeof(*attr_names); i++)
			if (strcmp(word, attr_names[i].name) == 0) {
				*out |= attr_names[i].bit;
				known = true;
			}
		if (!known)
			rc = fail(tr, s, "'%s' is not an attribute (bold, dim, "
				  "underline, reverse)", word);
	}
	return rc;
}

/* One role's group; every problem in it is reported. */
static int read_role(struct tread *tr, config_setting_t *g, struct theme_style *st)
{
	static const char *const keys[] = { "fg256", "bg256", "fg8", "bg8", "attr" };
	int n, i, rc = 0;

	if (config_setting_type(g) != CONFIG_TYPE_GROUP)
		return fail(tr, g, "role '%s' must be a group: "
			    "%s = { fg256 = 114; fg8 = \"green\"; };",
			    config_setting_name(g), config_setting_name(g));
	n = config_setting_length(g);
	for (i = 0; i < n; i++) {
		config_setting_t *s = config_setting_get_elem(g, (unsigned)i);
		const char *k = config_setting_name(s), *near;

		if (strcmp(k, "fg256") == 0)
			rc |= read_256(tr, s, &st->fg256);
		else if (strcmp(k, "bg256") == 0)
			rc |= read_256(tr, s, &st->bg256);
		else if (strcmp(k, "fg8") == 0)
			rc |= read_8(tr, s, &st->fg8);
		else if (strcmp(k, "bg8") == 0)
			rc |= read_8(tr, s, &st->bg8);
		else if (strcmp(k, "attr") == 0)
			rc |= read_attrs(tr, s, &st->attrs);
		else if ((near = closest(k, keys, 5)) != NULL)
			rc = fail(tr, s, "unknown setting '%s' in a role (did you "
				  "mean '%s'?)", k, near);
		else
			rc = fail(tr, s, "unknown setting '%s' in a role (fg256, "
				  "bg256, fg8, bg8, attr)", k);
	}
	return rc;
}

/* The `roles` group; every role is read, right or wrong. */
static int read_roles(struct tread *tr, config_setting_t *s, struct theme *t)
{
	int m = config_setting_length(s), j, r, rc = 0;

	if (config_setting_type(s) != CONFIG_TYPE_GROUP)
		return fail(tr, s, "'roles' must be a group");
	for (j = 0; j < m; j++) {
		config_setting_t *g = config_setting_get_elem(s, (unsigned)j);
		const char *rn = config_setting_name(g);

		for (r = 0; r < ROLE_COUNT; r++)
			if (strcmp(rn, role_names[r]) == 0)
				break;
		if (r < ROLE_COUNT) {
			rc |= read_role(tr, g, &t->roles[r]);
			continue;
		}
		rn = closest(rn, role_names, ROLE_COUNT);
		rc = rn ? fail(tr, g, "unknown role '%s' (did you mean '%s'?)",
			       config_setting_name(g), rn)
			: fail(tr, g, "unknown role '%s' (see themes/dark.conf for "
			       "the roles)", config_setting_name(g));
	}
	return rc;
}

static int read_root(struct tread *tr, config_setting_t *root, struct theme *t)
{
	static const char *const top[] = { "name", "roles" };
	int n = config_setting_length(root), i, rc = 0;

	for (i = 0; i < n; i++) {
		config_setting_t *s = config_setting_get_elem(root, (unsigned)i);
		const char *k = config_setting_name(s), *near;

		if (strcmp(k, "name") == 0) {
			const char *v = config_setting_get_string(s);

			if (v == NULL)
				rc = fail(tr, s, "'name' must be a string");
			else
				snprintf(t->name, sizeof(t->name), "%s", v);
		} else if (strcmp(k, "roles") == 0) {
			rc |= read_roles(tr, s, t);
		} else if ((near = closest(k, top, 2)) != NULL) {
			rc = fail(tr, s, "unknown setting '%s' (did you mean '%s'?)",
				  k, near);
		} else {
			rc = fail(tr, s, "unknown setting '%s' (a theme has 'name' "
				  "and 'roles')", k);
		}
	}
	return rc;
}

int theme_read(const char *path, struct theme *t, struct diag_report *rep)
{
	struct tread tr = { path, rep, NULL };
	struct theme work = *t;
	char dir[4096], where[4096];
	config_t lc;
	FILE *fp;
	int rc;

	if (access(path, F_OK) == 0 && config_file_check(path, rep) != 0)
		return BPW_ECONFIG;
	fp = fopen(path, "r");
	if (fp == NULL) {
		rc = errno == ENOENT ? BPW_ENOENT : BPW_EIO;
		diag_add(rep, DIAG_ERROR, path, 0, "cannot read the "
				  "theme: %s", strerror(errno));
		return rc;
	}
	config_init(&lc);
	config_file_include_dir(&lc, path, dir, sizeof(dir));
	tr.lc = &lc;
	if (config_read(&lc, fp) != CONFIG_TRUE) {
		diag_add(rep, DIAG_ERROR, config_file_source(&lc, path, config_error_file(&lc),
							     where, sizeof(where)),
			 config_error_line(&lc),
				  "%s", config_error_text(&lc));
		config_destroy(&lc);
		fclose(fp);
		return BPW_ECONFIG;
	}
	fclose(fp);
	rc = read_root(&tr, config_root_setting(&lc), &work);
	config_destroy(&lc);
	if (rc != 0)
		return BPW_ECONFIG;
	*t = work;
	return 0;
}

int theme_load(const char *path, struct theme *t, struct bpw_error *err)
{
	struct diag_report rep = { 0 };
	int rc = theme_read(path, t, &rep);

	if (rc != 0 && rep.count > 0)
		bpw_error_set_at(err, rc, rep.diags[0].file, rep.diags[0].line, 0,
				 "%s", rep.diags[0].msg);
	diag_free(&rep);
	return rc;
}

int theme_use(const char *name, const char *from, int line, struct theme *t,
	      struct diag_report *rep)
{
	char path[4096];
	struct bpw_error err;
	int rc;

	theme_defaults(t);
	bpw_error_clear(&err);
	rc = theme_find(name, path, sizeof(path), &err);
	if (rc == BPW_ENOENT) {
		diag_add(rep, DIAG_WARNING, from, line, "%s; using the "
				  "built-in dark theme instead", err.msg);
		return 0;
	}
	if (rc != 0) {
		diag_add(rep, DIAG_ERROR, from, line, "%s", err.msg);
		return BPW_ECONFIG;
	}
	diag_file(rep, path);
	return theme_read(path, t, rep) == 0 ? 0 : BPW_ECONFIG;
}

int theme_find(const char *name, char *buf, size_t n, struct bpw_error *err)
{
	const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
	char user[4096], dir[4096];
	int rc;

	if (!theme_name_valid(name))
		return bpw_error_set(err, BPW_EINVAL, "'%s' is not a theme name "
				     "(letters, digits, '-' and '_')", name);
	user[0] = '\0';
	if (xdg && *xdg == '/')
		snprintf(user, sizeof(user), "%s/bpowatch/themes/%s.conf", xdg, name);
	else if (home && *home)
		snprintf(user, sizeof(user), "%s/.config/bpowatch/themes/%s.conf",
			 home, name);
	if (user[0] && access(user, F_OK) == 0) {
		if ((size_t)snprintf(buf, n, "%s", user) >= n)
			return bpw_error_set(err, BPW_EINVAL, "theme path too long");
		return 0;
	}
	rc = paths_data_file("themes", dir, sizeof(dir), err);
	if (rc != 0)
		return rc;
	if ((size_t)snprintf(buf, n, "%s/%s.conf", dir, name) >= n)
		return bpw_error_set(err, BPW_EINVAL, "theme path too long");
	if (access(buf, F_OK) == 0)
		return 0;
	return bpw_error_set(err, BPW_ENOENT, "theme '%s' not found: there is no "
			     "%s%s%s", name, user[0] ? user : "", user[0] ? " and no " : "",
			     buf);
}
