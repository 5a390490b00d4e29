/* test_theme.c: the shipped themes load, broken theme files are refused
 * with file and line, and the user's themes directory wins. */
#include "testutil.h"

#include <sys/stat.h>

#include "diag.h"
#include "theme.h"

static const char *const shipped[] = {
	"dark", "light", "high-contrast", "monochrome", "colorblind",
};

static const char *srcdir(void)
{
	const char *s = getenv("SRCDIR");

	return s && *s ? s : ".";
}

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

/* Counts the roles a file names (each shipped theme names them all). */
static int roles_named(const char *path)
{
	char line[512];
	int n = 0, r;
	FILE *f = fopen(path, "r");

	assert_non_null(f);
	while (fgets(line, sizeof(line), f))
		for (r = 0; r < ROLE_COUNT; r++) {
			char want[64];

			snprintf(want, sizeof(want), "  %s ", theme_role_name((enum theme_role)r));
			if (strncmp(line, want, strlen(want)) == 0)
				n++;
		}
	fclose(f);
	return n;
}

static void test_shipped_themes_load(void **state)
{
	char path[4096];
	struct theme t, def;
	struct bpw_error err;
	size_t i;

	theme_defaults(&def);
	for (i = 0; i < sizeof(shipped) / sizeof(*shipped); i++) {
		snprintf(path, sizeof(path), "%s/themes/%s.conf", srcdir(), shipped[i]);
		theme_defaults(&t);
		bpw_error_clear(&err);
		if (theme_load(path, &t, &err) != 0)
			fail_msg("%s: %s:%d: %s", shipped[i], err.file, err.line, err.msg);
		assert_string_equal(t.name, shipped[i]);
		assert_int_equal(roles_named(path), ROLE_COUNT);
	}
	/* dark.conf says what the built-in default says. */
	snprintf(path, sizeof(path), "%s/themes/dark.conf", srcdir());
	theme_defaults(&t);
	assert_int_equal(theme_load(path, &t, &err), 0);
	assert_memory_equal(t.roles, def.roles, sizeof(t.roles));
	/* The light theme paints no yellow or white letters on white. */
	snprintf(path, sizeof(path), "%s/themes/light.conf", srcdir());
	assert_int_equal(theme_load(path, &t, &err), 0);
	for (i = 0; i < ROLE_COUNT; i++)
		if (t.roles[i].bg8 == -1)
			assert_true(t.roles[i].fg8 != 3 && t.roles[i].fg8 != 7);
	/* Monochrome: no colour at all. */
	snprintf(path, sizeof(path), "%s/themes/monochrome.conf", srcdir());
	assert_int_equal(theme_load(path, &t, &err), 0);
	for (i = 0; i < ROLE_COUNT; i++) {
		assert_int_equal(t.roles[i].fg256, -1);
		assert_int_equal(t.roles[i].bg8, -1);
	}
	assert_true(t.roles[ROLE_SELECTED].attrs & THEME_REVERSE);
}

/* Loads text as a theme; expects failure at line with msg in the text. */
static void refused(const char *dir, const char *text, int line, const char *msg)
{
	const char *path = tu_path(dir, "t.conf");
	struct theme t, before;
	struct bpw_error err;

	write_file(path, text);
	theme_defaults(&t);
	before = t;
	bpw_error_clear(&err);
	assert_int_equal(theme_load(path, &t, &err), BPW_ECONFIG);
	assert_string_equal(err.file, path);
	if (err.line != line || strstr(err.msg, msg) == NULL)
		fail_msg("got %d: %s; want %d: %s", err.line, err.msg, line, msg);
	assert_memory_equal(&t, &before, sizeof(t));	/* unchanged */
}

static void test_broken_themes(void **state)
{
	char *dir = tu_tempdir();
	struct theme t;
	struct bpw_error err;

	refused(dir, "roles = {\n alrt = { fg8 = \"red\"; };\n};\n", 2,
		"unknown role 'alrt' (did you mean 'alert'?)");
	refused(dir, "roles = { ok = { fg8 = \"green\"; };\n watch = { fg8 = \"orange\"; }; };\n",
		2, "'orange' is not a colour name");
	refused(dir, "roles = {\n\n ok = { fg256 = 300; }; };\n", 3, "must be from -1");
	/* libconfig 1.5 reads 3000000000 as a negative number: still refused. */
	refused(dir, "roles = { ok = { fg256 = 3000000000; }; };\n", 1, "must be from -1");
	refused(dir, "roles = { ok = { fg256 = \"red\"; }; };\n", 1, "must be a colour number");
	refused(dir, "roles = { ok = { attr = \"blink\"; }; };\n", 1,
		"'blink' is not an attribute");
	refused(dir, "roles = { ok = { fg = 3; }; };\n", 1, "unknown setting 'fg'");
	refused(dir, "name = \"x\";\nrole = {};\n", 2, "did you mean 'roles'?");
	refused(dir, "name = \"x\"\nroles = ;\n", 2, "syntax error");
	/* A missing file names itself and the reason. */
	theme_defaults(&t);
	assert_int_equal(theme_load(tu_path(dir, "none.conf"), &t, &err), BPW_ENOENT);
	assert_non_null(strstr(err.msg, "No such file"));
	assert_string_equal(err.file, tu_path(dir, "none.conf"));
	unlink(tu_path(dir, "t.conf"));
	tu_rmdir(dir);
}

static void test_partial_theme_keeps_defaults(void **state)
{
	char *dir = tu_tempdir();
	struct theme t, def;
	struct bpw_error err;

	write_file(tu_path(dir, "p.conf"),
		   "name = \"p\";\nroles = { ok = { fg256 = 33; attr = \"bold, underline\"; }; };\n");
	theme_defaults(&t);
	theme_defaults(&def);
	assert_int_equal(theme_load(tu_path(dir, "p.conf"), &t, &err), 0);
	assert_int_equal(t.roles[ROLE_OK].fg256, 33);
	assert_int_equal(t.roles[ROLE_OK].fg8, def.roles[ROLE_OK].fg8);
	assert_int_equal(t.roles[ROLE_OK].attrs, THEME_BOLD | THEME_UNDERLINE);
	assert_memory_equal(&t.roles[ROLE_ALERT], &def.roles[ROLE_ALERT],
			    sizeof(t.roles[0]));
	unlink(tu_path(dir, "p.conf"));
	tu_rmdir(dir);
}

static void test_find(void **state)
{
	char *dir = tu_tempdir(), path[4096], want[4096];
	struct bpw_error err;

	setenv("BPOWATCH_DATADIR", srcdir(), 1);
	setenv("XDG_CONFIG_HOME", dir, 1);
	assert_int_equal(theme_find("light", path, sizeof(path), &err), 0);
	snprintf(want, sizeof(want), "%s/themes/light.conf", srcdir());
	assert_string_equal(path, want);
	/* The user's own file wins. */
	snprintf(want, sizeof(want), "%s/bpowatch", dir);
	mkdir(want, 0700);
	snprintf(want, sizeof(want), "%s/bpowatch/themes", dir);
	mkdir(want, 0700);
	snprintf(want, sizeof(want), "%s/bpowatch/themes/light.conf", dir);
	write_file(want, "name = \"mine\";\n");
	assert_int_equal(theme_find("light", path, sizeof(path), &err), 0);
	assert_string_equal(path, want);
	assert_int_equal(theme_find("nosuch", path, sizeof(path), &err), BPW_ENOENT);
	assert_non_null(strstr(err.msg, "theme 'nosuch' not found"));
	assert_int_equal(theme_find("../x", path, sizeof(path), &err), BPW_EINVAL);
	unlink(want);
	snprintf(want, sizeof(want), "%s/bpowatch/themes", dir);
	rmdir(want);
	snprintf(want, sizeof(want), "%s/bpowatch", dir);
	rmdir(want);
	tu_rmdir(dir);
}

/* Every problem of a theme file is reported, not just the first. */
static void test_every_problem_reported(void **state)
{
	char *dir = tu_tempdir();
	const char *path = tu_path(dir, "t.conf");
	struct diag_report rep = { 0 };
	struct theme t, before;

	(void)state;
	write_file(path, "name = \"x\";\nroles = {\n ok = { fg256 = 300; fg8 = \"orange\"; };\n"
		   " alrt = { fg8 = \"red\"; };\n watch = { attr = \"blink, bold\"; };\n};\n"
		   "colour = 1;\n");
	theme_defaults(&t);
	before = t;
	assert_int_equal(theme_read(path, &t, &rep), BPW_ECONFIG);
	assert_int_equal(rep.errors, 5);
	assert_int_equal(rep.diags[0].line, 3);
	assert_non_null(strstr(rep.diags[0].msg, "'fg256' must be from -1"));
	assert_int_equal(rep.diags[1].line, 3);
	assert_non_null(strstr(rep.diags[1].msg, "'orange' is not a colour name"));
	assert_int_equal(rep.diags[2].line, 4);
	assert_non_null(strstr(rep.diags[2].msg, "did you mean 'alert'?"));
	assert_int_equal(rep.diags[3].line, 5);
	assert_non_null(strstr(rep.diags[3].msg, "'blink' is not an attribute"));
	assert_int_equal(rep.diags[4].line, 7);
	assert_non_null(strstr(rep.diags[4].msg, "unknown setting 'colour'"));
	assert_string_equal(rep.diags[4].file, path);
	assert_memory_equal(&t, &before, sizeof(t));	/* unchanged */
	diag_free(&rep);
	unlink(path);
	tu_rmdir(dir);
}

/* A theme that is not found: a warning where it was named, the built-in
 * theme used; a broken one: errors, the built-in theme. */
static void test_use_falls_back(void **state)
{
	char *dir = tu_tempdir(), want[4096];
	struct diag_report rep = { 0 };
	struct theme t, def;

	(void)state;
	setenv("BPOWATCH_DATADIR", srcdir(), 1);
	setenv("XDG_CONFIG_HOME", dir, 1);
	theme_defaults(&def);
	memset(&t, 0, sizeof(t));
	assert_int_equal(theme_use("nosuch", "my.conf", 4, &t, &rep), 0);
	assert_memory_equal(&t, &def, sizeof(t));
	assert_int_equal(rep.errors, 0);
	assert_int_equal(rep.warnings, 1);
	assert_string_equal(rep.diags[0].file, "my.conf");
	assert_int_equal(rep.diags[0].line, 4);
	assert_non_null(strstr(rep.diags[0].msg, "theme 'nosuch' not found"));
	assert_non_null(strstr(rep.diags[0].msg, "using the built-in dark theme"));
	assert_int_equal(rep.nfiles, 0);
	diag_free(&rep);

	assert_int_equal(theme_use("light", "my.conf", 4, &t, &rep), 0);
	assert_int_equal(rep.count, 0);
	assert_int_equal(rep.nfiles, 1);
	snprintf(want, sizeof(want), "%s/themes/light.conf", srcdir());
	assert_string_equal(rep.files[0], want);
	assert_string_equal(t.name, "light");
	diag_free(&rep);

	snprintf(want, sizeof(want), "%s/bpowatch", dir);
	mkdir(want, 0700);
	snprintf(want, sizeof(want), "%s/bpowatch/themes", dir);
	mkdir(want, 0700);
	snprintf(want, sizeof(want), "%s/bpowatch/themes/bad.conf", dir);
	write_file(want, "roles = { ok = { fg8 = \"orange\"; }; };\n");
	assert_int_equal(theme_use("bad", "my.conf", 4, &t, &rep), BPW_ECONFIG);
	assert_memory_equal(&t, &def, sizeof(t));
	assert_int_equal(rep.errors, 1);
	assert_string_equal(rep.diags[0].file, want);
	diag_free(&rep);
	unlink(want);
	snprintf(want, sizeof(want), "%s/bpowatch/themes", dir);
	rmdir(want);
	snprintf(want, sizeof(want), "%s/bpowatch", dir);
	rmdir(want);
	tu_rmdir(dir);
}

static void test_roles_table(void **state)
{
	int r;

	for (r = 0; r < ROLE_COUNT; r++) {
		assert_true(strlen(theme_role_name((enum theme_role)r)) > 0);
		assert_true(strlen(theme_role_help((enum theme_role)r)) > 0);
	}
	assert_string_equal(theme_role_name(ROLE_ALERT), "alert");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_shipped_themes_load),
		cmocka_unit_test(test_broken_themes),
		cmocka_unit_test(test_partial_theme_keeps_defaults),
		cmocka_unit_test(test_find),
		cmocka_unit_test(test_every_problem_reported),
		cmocka_unit_test(test_use_falls_back),
		cmocka_unit_test(test_roles_table),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
