/* test_config.c: defaults, file precedence, and the diagnostics of the
 * configuration loader (file, line, warning or error). */
#include "testutil.h"

#include "config.h"

/* The n-th diagnostic formatted, for comparing whole lines. */
static const char *diag(const struct config_report *rep, size_t n)
{
	static char buf[1024];

	assert_true(n < rep->count);
	return config_diag_format(&rep->diags[n], buf, sizeof(buf));
}

static void test_defaults(void **state)
{
	struct config c;

	config_defaults(&c);
	assert_string_equal(c.database, "");
	assert_string_equal(c.theme, "dark");
	assert_int_equal(c.sparkline_length, 24);
	assert_false(c.ascii);
	config_free(&c);
}

static void test_precedence(void **state)
{
	char *dir = tu_tempdir();
	const char *inst = tu_path(dir, "installed.conf");
	const char *user = tu_path(dir, "user.conf");
	struct config_report rep = { 0 };
	struct bpw_error err;
	struct config c;

	tu_write(inst, "theme = \"light\";\nsparkline_length = 36;\n");
	tu_write(user, "# mine\ntheme = \"high-contrast\";\nascii = true;\n");
	config_defaults(&c);
	assert_int_equal(config_merge_file(&c, inst, false, &rep, &err), 0);
	assert_int_equal(config_merge_file(&c, user, false, &rep, &err), 0);
	assert_string_equal(c.theme, "high-contrast");	/* user wins */
	assert_int_equal(c.sparkline_length, 36);	/* from installed */
	assert_true(c.ascii);				/* user only */
	assert_string_equal(c.database, "");		/* built-in */
	assert_int_equal(rep.count, 0);
	assert_int_equal(rep.nfiles, 2);
	config_free(&c);
	config_report_free(&rep);
	tu_rmdir(dir);
}

static void test_missing_files(void **state)
{
	char *dir = tu_tempdir();
	const char *path = tu_path(dir, "nope.conf");
	struct config_report rep = { 0 };
	struct bpw_error err;
	struct config c;

	config_defaults(&c);
	assert_int_equal(config_merge_file(&c, path, false, &rep, &err), 0);
	assert_int_equal(rep.count, 0);
	assert_int_equal(config_merge_file(&c, path, true, &rep, &err), BPW_ECONFIG);
	assert_int_equal(rep.errors, 1);
	assert_non_null(strstr(diag(&rep, 0), "nope.conf: error: cannot read: "
					       "No such file or directory"));
	config_free(&c);
	config_report_free(&rep);
	tu_rmdir(dir);
}

static void test_type_and_unknown_diagnostics(void **state)
{
	char *dir = tu_tempdir();
	const char *path = tu_path(dir, "bad.conf");
	struct config_report rep = { 0 };
	struct bpw_error err;
	struct config c;
	char want[4200];

	tu_write(path,
		 "# a user file with four problems\n"
		 "theme = \"light\";\n"
		 "sparkline_length = \"twelve\";\n"
		 "themme = \"dark\";\n"
		 "ascii = 1;\n"
		 "colour_mode = 3;\n");
	config_defaults(&c);
	bpw_error_clear(&err);
	assert_int_equal(config_merge_file(&c, path, true, &rep, &err), BPW_ECONFIG);
	assert_int_equal(rep.errors, 2);
	assert_int_equal(rep.warnings, 2);
	snprintf(want, sizeof(want), "%s:3: error: 'sparkline_length' must be an "
		 "integer, not a string", path);
	assert_string_equal(diag(&rep, 0), want);
	snprintf(want, sizeof(want), "%s:4: warning: unknown setting 'themme' "
		 "(ignored; did you mean 'theme'?)", path);
	assert_string_equal(diag(&rep, 1), want);
	snprintf(want, sizeof(want), "%s:5: error: 'ascii' must be true or false, "
		 "not an integer", path);
	assert_string_equal(diag(&rep, 2), want);
	snprintf(want, sizeof(want), "%s:6: warning: unknown setting "
		 "'colour_mode' (ignored)", path);
	assert_string_equal(diag(&rep, 3), want);
	/* err names the first error; the file left no value behind. */
	assert_int_equal(err.line, 3);
	assert_string_equal(err.file, path);
	assert_string_equal(c.theme, "dark");
	config_free(&c);
	config_report_free(&rep);
	tu_rmdir(dir);
}

static void test_syntax_error_line(void **state)
{
	char *dir = tu_tempdir();
	const char *path = tu_path(dir, "syntax.conf");
	struct config_report rep = { 0 };
	struct bpw_error err;
	struct config c;

	tu_write(path, "theme = \"dark\";\n\nsparkline_length = 12\nascii = ;\n");
	config_defaults(&c);
	assert_int_equal(config_merge_file(&c, path, true, &rep, &err), BPW_ECONFIG);
	assert_int_equal(rep.errors, 1);
	assert_int_equal(rep.diags[0].line, 4);
	assert_string_equal(rep.diags[0].file, path);
	assert_non_null(strstr(rep.diags[0].msg, "syntax error"));
	config_free(&c);
	config_report_free(&rep);
	tu_rmdir(dir);
}

static void test_ranges(void **state)
{
	char *dir = tu_tempdir();
	const char *path = tu_path(dir, "range.conf");
	struct config_report rep = { 0 };
	struct bpw_error err;
	struct config c;

	/* libconfig 1.5 wraps 3000000000 to a negative int: still refused. */
	tu_write(path, "sparkline_length = 3000000000;\ntheme = \"../../etc\";\n"
		       "database = \"~/bpw.db\";\n");
	config_defaults(&c);
	assert_int_equal(config_merge_file(&c, path, true, &rep, &err), BPW_ECONFIG);
	assert_int_equal(rep.errors, 2);
	assert_int_equal(rep.diags[0].line, 1);
	assert_non_null(strstr(rep.diags[0].msg, "'sparkline_length' is"));
	assert_non_null(strstr(rep.diags[0].msg, "outside 4..120"));
	assert_int_equal(rep.diags[1].line, 2);
	assert_non_null(strstr(rep.diags[1].msg, "'theme' has an invalid value"));
	config_free(&c);
	config_report_free(&rep);

	tu_write(path, "sparkline_length = 120;\n");
	config_defaults(&c);
	assert_int_equal(config_merge_file(&c, path, true, &rep, &err), 0);
	assert_int_equal(c.sparkline_length, 120);
	config_free(&c);
	config_report_free(&rep);
	tu_rmdir(dir);
}

static void test_known_groups_and_key_table(void **state)
{
	char *dir = tu_tempdir();
	const char *path = tu_path(dir, "groups.conf");
	struct config_report rep = { 0 };
	struct bpw_error err;
	struct config c;
	size_t i;
	bool seen_theme = false;

	tu_write(path, "keys = { quit = \"q\"; };\n");
	config_defaults(&c);
	assert_int_equal(config_merge_file(&c, path, true, &rep, &err), 0);
	assert_int_equal(rep.count, 0);
	for (i = 0; i < config_key_count(); i++) {
		assert_non_null(config_key_help(i));
		seen_theme |= strcmp(config_key_name(i), "theme") == 0;
	}
	assert_true(seen_theme);
	assert_null(config_key_name(config_key_count()));
	config_free(&c);
	config_report_free(&rep);
	tu_rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_precedence),
		cmocka_unit_test(test_missing_files),
		cmocka_unit_test(test_type_and_unknown_diagnostics),
		cmocka_unit_test(test_syntax_error_line),
		cmocka_unit_test(test_ranges),
		cmocka_unit_test(test_known_groups_and_key_table),
	};

	return cmocka_run_group_tests_name("config", tests, NULL, NULL);
}
