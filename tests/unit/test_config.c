/* test_config.c: defaults, file precedence, and the diagnostics of the
 * configuration loader (file, line, warning or error). */
#include "testutil.h"

#include "config.h"

/* The n-th diagnostic formatted, for comparing whole lines. */
static const char *diag(const struct diag_report *rep, size_t n)
{
	static char buf[1024];

	assert_true(n < rep->count);
	return diag_format(&rep->diags[n], buf, sizeof(buf));
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
	struct diag_report rep = { 0 };
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
	diag_free(&rep);
	tu_rmdir(dir);
}

/* read_only: true, false, a path or a list; matched by the real path, with
 * ~/ for the home directory. */
static void test_read_only(void **state)
{
	char *dir = tu_tempdir();
	const char *path = tu_path(dir, "ro.conf");
	const char *db = tu_path(dir, "team.db");
	const char *other = tu_path(dir, "mine.db");
	struct diag_report rep = { 0 };
	struct bpw_error err;
	struct config c;
	char text[4400];

	config_defaults(&c);
	assert_false(config_read_only_for(&c, db));	/* default: none */
	tu_write(path, "read_only = true;\n");
	assert_int_equal(config_merge_file(&c, path, true, &rep, &err), 0);
	assert_true(config_read_only_for(&c, db));
	assert_true(config_read_only_for(&c, other));
	snprintf(text, sizeof(text), "read_only = [\"/nowhere/x.db\", \"%s\"];\n", db);
	tu_write(path, text);
	tu_write(db, "");
	assert_int_equal(config_merge_file(&c, path, true, &rep, &err), 0);
	assert_true(config_read_only_for(&c, db));
	assert_false(config_read_only_for(&c, other));
	/* The same file by another spelling of its path. */
	snprintf(text, sizeof(text), "%s/./team.db", dir);
	assert_true(config_read_only_for(&c, text));
	setenv("HOME", dir, 1);
	tu_write(path, "read_only = \"~/mine.db\";\n");
	assert_int_equal(config_merge_file(&c, path, true, &rep, &err), 0);
	assert_true(config_read_only_for(&c, other));
	assert_false(config_read_only_for(&c, db));
	tu_write(path, "read_only = false;\n");
	assert_int_equal(config_merge_file(&c, path, true, &rep, &err), 0);
	assert_false(config_read_only_for(&c, other));
	assert_int_equal(rep.count, 0);
	tu_write(path, "\nread_only = (\"a.db\", 3);\n");
	assert_int_equal(config_merge_file(&c, path, true, &rep, &err), BPW_ECONFIG);
	assert_non_null(strstr(diag(&rep, 0), "ro.conf:2: error: 'read_only' lists "
					       "database files in quotes, not an integer"));
	config_free(&c);
	diag_free(&rep);
	unlink(db);
	tu_rmdir(dir);
}

static void test_missing_files(void **state)
{
	char *dir = tu_tempdir();
	const char *path = tu_path(dir, "nope.conf");
	struct diag_report rep = { 0 };
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
	diag_free(&rep);
	tu_rmdir(dir);
}

static void test_type_and_unknown_diagnostics(void **state)
{
	char *dir = tu_tempdir();
	const char *path = tu_path(dir, "bad.conf");
	struct diag_report rep = { 0 };
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
	/* err names the first error. The file's good values are merged all
	 * the same (so its theme, rules and keys can be checked too), its bad
	 * ones are not. */
	assert_int_equal(err.line, 3);
	assert_string_equal(err.file, path);
	assert_string_equal(c.theme, "light");
	assert_int_equal(c.theme_line, 2);
	assert_int_equal(c.sparkline_length, 24);
	assert_false(c.ascii);
	config_free(&c);
	diag_free(&rep);
	tu_rmdir(dir);
}

static void test_syntax_error_line(void **state)
{
	char *dir = tu_tempdir();
	const char *path = tu_path(dir, "syntax.conf");
	struct diag_report rep = { 0 };
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
	diag_free(&rep);
	tu_rmdir(dir);
}

static void test_ranges(void **state)
{
	char *dir = tu_tempdir();
	const char *path = tu_path(dir, "range.conf");
	struct diag_report rep = { 0 };
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
	diag_free(&rep);

	tu_write(path, "sparkline_length = 120;\n");
	config_defaults(&c);
	assert_int_equal(config_merge_file(&c, path, true, &rep, &err), 0);
	assert_int_equal(c.sparkline_length, 120);
	config_free(&c);
	diag_free(&rep);
	tu_rmdir(dir);
}

static void test_known_groups_and_key_table(void **state)
{
	char *dir = tu_tempdir();
	const char *path = tu_path(dir, "groups.conf");
	struct diag_report rep = { 0 };
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
	diag_free(&rep);
	tu_rmdir(dir);
}


/* Merges base then user (either may be NULL) and compiles the rules. */
static int load_two(const char *dir, const char *base, const char *user,
		    struct config *c, struct diag_report *rep)
{
	struct bpw_error err;
	int rc = 0;

	config_defaults(c);
	if (base) {
		tu_write(tu_path(dir, "base.conf"), base);
		rc |= config_merge_file(c, tu_path(dir, "base.conf"), true, rep, &err);
	}
	if (user) {
		tu_write(tu_path(dir, "user.conf"), user);
		rc |= config_merge_file(c, tu_path(dir, "user.conf"), true, rep, &err);
	}
	rc |= config_finish(c, rep, &err);
	return rc;
}

/* The diagnostic whose message contains text, or fail. */
static const struct diag *diag_with(const struct diag_report *rep,
					   const char *text)
{
	size_t i;

	for (i = 0; i < rep->count; i++)
		if (strstr(rep->diags[i].msg, text))
			return &rep->diags[i];
	for (i = 0; i < rep->count; i++)
		print_error("%s:%d: %s\n", rep->diags[i].file, rep->diags[i].line,
			    rep->diags[i].msg);
	fail_msg("no diagnostic with '%s'", text);
	return NULL;
}

static const char base_rules[] =
	"indicators = {\n"
	"  cs = {\n"
	"    title = \"Customer satisfaction\";\n"
	"    rules = {\n"
	"      lv = { kind = \"level\"; metric = \"csat\"; warn = 78.0; alert = 74.0; };\n"
	"      tr = { kind = \"trend\"; metric = \"csat\"; warn = 3.0; alert = 6.0; };\n"
	"    };\n"
	"  };\n"
	"};\n";

static void test_rules_override_one_threshold(void **state)
{
	char *dir = tu_tempdir();
	struct diag_report rep = { 0 };
	struct config c;
	const struct rule *lv, *tr;

	(void)state;
	assert_int_equal(load_two(dir, base_rules,
				  "# mine\nindicators = { cs = { rules = {\n"
				  "  lv = { warn = 80.0; };\n"
				  "}; }; };\n"
				  "indicators_extra_is_unknown = 1;\n", &c, &rep), 0);
	assert_int_equal(rep.errors, 0);
	assert_int_equal(c.rules->count, 1);
	assert_string_equal(c.rules->items[0].title, "Customer satisfaction");
	assert_int_equal(c.rules->items[0].nrules, 2);
	lv = &c.rules->items[0].rules[0];
	tr = &c.rules->items[0].rules[1];
	/* Only warn changed; alert and the other rule kept the base values. */
	assert_true(lv->warn == 80.0 && lv->alert == 74.0);
	assert_true(tr->warn == 3.0 && tr->alert == 6.0);
	/* Each threshold knows where it came from. */
	assert_non_null(strstr(lv->warn_at.file, "user.conf"));
	assert_int_equal(lv->warn_at.line, 3);
	assert_non_null(strstr(lv->alert_at.file, "base.conf"));
	assert_int_equal(lv->alert_at.line, 5);
	assert_int_equal(lv->kind, RULE_LEVEL);
	assert_int_equal(tr->periods, 3);	/* the default */
	config_free(&c);
	diag_free(&rep);
	tu_rmdir(dir);
}

static void test_rules_add_indicator_metric_and_replace_kind(void **state)
{
	char *dir = tu_tempdir();
	struct diag_report rep = { 0 };
	struct config c;
	const struct indicator *ind;
	int m;

	(void)state;
	assert_int_equal(load_two(dir, base_rules,
				  "metrics = { nps = { name = \"Net promoter score\"; label = \"NPS\";\n"
				  "  unit = \"\"; better = \"higher\"; }; };\n"
				  "indicators = {\n"
				  "  cs = { rules = { tr = { kind = \"streak\"; metric = \"csat\";\n"
				  "    warn = 3; alert = 5; }; lv = { enabled = false; }; }; };\n"
				  "  loyalty = { title = \"Loyalty\"; weight = 5.0; rules = {\n"
				  "    nps_level = { kind = \"level\"; metric = \"nps\"; warn = 20.0; alert = 0.0; };\n"
				  "  }; };\n"
				  "};\n", &c, &rep), 0);
	assert_int_equal(c.rules->count, 2);
	/* The trend became a streak: nothing of the trend is left. */
	ind = &c.rules->items[0];
	assert_int_equal(ind->nrules, 1);
	assert_int_equal(ind->rules[0].kind, RULE_STREAK);
	assert_true(ind->rules[0].warn == 3);
	ind = &c.rules->items[1];
	assert_string_equal(ind->key, "loyalty");
	assert_true(ind->weight == 5.0);
	m = ruleset_metric_index(c.rules, "nps");
	assert_true(m >= 0);
	assert_int_equal(ind->rules[0].metric, m);
	assert_string_equal(c.rules->metrics[m].label, "NPS");
	assert_int_equal(c.rules->metrics[m].better, METRIC_HIGHER);
	config_free(&c);
	diag_free(&rep);
	tu_rmdir(dir);
}

static void test_rules_errors_name_file_and_line(void **state)
{
	char *dir = tu_tempdir();
	struct diag_report rep = { 0 };
	const struct diag *d;
	struct config c;

	(void)state;
	assert_int_equal(load_two(dir, base_rules,
				  "indicators = {\n"
				  "  cs = { rules = { lv = { warn = 70.0; }; }; };\n"
				  "  x = { rules = {\n"
				  "    a = { kind = \"levle\"; };\n"
				  "    b = { kind = \"level\"; metric = \"nps\"; warn = 1.0; alert = 0.0; };\n"
				  "    c = { kind = \"trend\"; metric = \"csat\"; warn = 2.0; };\n"
				  "    d = { kind = \"events\"; kinds = [\"meeting\", \"party\"]; warn = 2; alert = 1; };\n"
				  "    e = { kind = \"level\"; metric = \"attrition\"; wran = 1.0; warn = 4.0; alert = 5.0; };\n"
				  "    f = { kind = \"level\"; metric = \"attrition\"; warn = 5.0; alert = 4.0; };\n"
				  "    g = { kind = \"level\"; metric = \"attrition\"; warn = 4.0; alert = 5.0; window = 2; };\n"
				  "  }; };\n"
				  "};\n", &c, &rep), BPW_ECONFIG);
	assert_null(c.rules);
	/* The override made warn and alert cross: reported where the user
	 * wrote it, naming where the other came from. */
	d = diag_with(&rep, "'warn' (70) and 'alert' (74) are in the wrong order");
	assert_non_null(strstr(d->file, "user.conf"));
	assert_int_equal(d->line, 2);
	assert_non_null(strstr(d->msg, "base.conf:5"));
	assert_non_null(strstr(d->msg, "higher is better"));
	assert_int_equal(diag_with(&rep, "unknown rule kind 'levle'")->line, 4);
	assert_int_equal(diag_with(&rep, "unknown metric 'nps'")->line, 5);
	assert_int_equal(diag_with(&rep, "a trend rule needs 'alert'")->line, 6);
	assert_int_equal(diag_with(&rep, "unknown event kind 'party'")->line, 7);
	assert_int_equal(diag_with(&rep, "unknown parameter 'wran' (did you mean 'warn'?)")->line, 8);
	d = diag_with(&rep, "rule 'x.f'");
	assert_non_null(strstr(d->msg, "lower is better"));
	assert_int_equal(d->line, 9);
	assert_int_equal(diag_with(&rep, "'window' does not apply to a level rule")->line, 10);
	config_free(&c);
	diag_free(&rep);
	tu_rmdir(dir);
}

static void test_rules_shape_errors(void **state)
{
	char *dir = tu_tempdir();
	struct diag_report rep = { 0 };
	struct config c;

	(void)state;
	assert_int_equal(load_two(dir, NULL,
				  "indicators = { a = 1; b = { rules = 2; }; };\n",
				  &c, &rep), BPW_ECONFIG);
	assert_int_equal(diag_with(&rep, "indicator entry 'a' must be a group")->line, 1);
	assert_int_equal(diag_with(&rep, "'rules' of indicator 'b' must be a group")->line, 1);
	/* The rest of a file with shape errors is still checked (and the
	 * configuration as a whole refused). */
	assert_int_equal(diag_with(&rep, "indicator 'b' has no enabled rules")->line, 1);
	config_free(&c);
	diag_free(&rep);
	assert_int_equal(load_two(dir, NULL,
				  "indicators = {\n"
				  " c = { colour = \"red\"; rules = { r = { kind = \"qa\"; critical = false; }; }; }; };\n"
				  "metrics = { csat = { better = \"higher\"; }; Bad = { better = \"up\"; };\n"
				  " nps = { unit = \"\"; }; };\n", &c, &rep), BPW_ECONFIG);
	assert_int_equal(diag_with(&rep, "unknown parameter 'colour'")->line, 2);
	diag_with(&rep, "a qa rule needs something to check");
	assert_int_equal(diag_with(&rep, "metric 'csat' is built in")->line, 3);
	diag_with(&rep, "metric key 'Bad' must be lower-case");
	assert_int_equal(diag_with(&rep, "metric 'nps' needs better")->line, 4);
	config_free(&c);
	diag_free(&rep);
	tu_rmdir(dir);
}

/* A refused parameter does not stop the rule's other checks, and a check
 * that would read a refused value is skipped rather than judge its default. */
static void test_rules_all_errors_of_one_rule(void **state)
{
	char *dir = tu_tempdir();
	struct diag_report rep = { 0 };
	struct config c;

	(void)state;
	assert_int_equal(load_two(dir, NULL,
				  "indicators = { x = { rules = {\n"
				  "  r = { kind = \"trend\"; metric = \"csat\"; periods = 99;\n"
				  "        average = 5; warn = 4.0; alert = 2.0; };\n"
				  "  s = { kind = \"trend\"; metric = \"csat\"; warn = \"x\"; alert = 2.0; };\n"
				  "  t = { kind = \"level\"; metric = \"nps\"; warn = 1.0; alert = 2.0; };\n"
				  "}; }; };\n", &c, &rep), BPW_ECONFIG);
	assert_int_equal(diag_with(&rep, "'periods' is 99, outside 1..60")->line, 2);
	assert_int_equal(diag_with(&rep, "'warn' (4) and 'alert' (2) are in the "
				   "wrong order")->line, 3);
	assert_int_equal(diag_with(&rep, "rule 'x.s': 'warn' must be a number")->line, 4);
	assert_int_equal(diag_with(&rep, "rule 'x.t': unknown metric 'nps'")->line, 5);
	/* Nothing judged from the defaults left by refused values: periods
	 * (3) against average, warn (0), nps's direction. */
	assert_int_equal(rep.errors, 4);
	config_free(&c);
	diag_free(&rep);
	tu_rmdir(dir);
}

/* Problems come out by file (those read first, in order) and line. */
static void test_report_sort(void **state)
{
	struct diag_report rep = { 0 };

	(void)state;
	diag_file(&rep, "a.conf");
	diag_file(&rep, "b.conf");
	diag_add(&rep, DIAG_ERROR, "b.conf", 3, "b3");
	diag_add(&rep, DIAG_ERROR, "theme.conf", 1, "t1");
	diag_add(&rep, DIAG_WARNING, "a.conf", 7, "a7");
	diag_add(&rep, DIAG_ERROR, "b.conf", 1, "b1");
	diag_add(&rep, DIAG_ERROR, "a.conf", 7, "a7 again");
	diag_add(&rep, DIAG_ERROR, "a.conf", 0, "a0");
	diag_sort(&rep);
	assert_string_equal(rep.diags[0].msg, "a0");
	assert_string_equal(rep.diags[1].msg, "a7");
	assert_string_equal(rep.diags[2].msg, "a7 again");
	assert_string_equal(rep.diags[3].msg, "b1");
	assert_string_equal(rep.diags[4].msg, "b3");
	assert_string_equal(rep.diags[5].msg, "t1");
	assert_int_equal(rep.errors, 5);
	assert_int_equal(rep.warnings, 1);
	diag_free(&rep);
}

/* The shipped default file: the eight indicators of DESIGN section 2. */
static void test_rules_shipped_defaults(void **state)
{
	static const char *const keys[] = {
		"customer_satisfaction", "workforce_stability", "value_balance",
		"proactivity", "communication", "quality_assurance",
		"service_delivery", "partnership_fit",
	};
	char path[4200];
	struct diag_report rep = { 0 };
	struct bpw_error err;
	struct config c;
	size_t i;

	(void)state;
	/* SRCDIR: set by `make check`; "." when run by hand from the tree. */
	snprintf(path, sizeof(path), "%s/data/bpowatch.conf", getenv("SRCDIR") ?
		 getenv("SRCDIR") : ".");
	config_defaults(&c);
	assert_int_equal(config_merge_file(&c, path, true, &rep, &err), 0);
	assert_int_equal(config_finish(&c, &rep, &err), 0);
	assert_int_equal(rep.count, 0);
	assert_int_equal(c.rules->count, 8);
	for (i = 0; i < 8; i++) {
		assert_string_equal(c.rules->items[i].key, keys[i]);
		assert_true(c.rules->items[i].nrules >= 1);
		assert_true(c.rules->items[i].weight > 0);
	}
	config_free(&c);
	diag_free(&rep);
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
		cmocka_unit_test(test_rules_override_one_threshold),
		cmocka_unit_test(test_rules_add_indicator_metric_and_replace_kind),
		cmocka_unit_test(test_rules_errors_name_file_and_line),
		cmocka_unit_test(test_rules_shape_errors),
		cmocka_unit_test(test_rules_all_errors_of_one_rule),
		cmocka_unit_test(test_report_sort),
		cmocka_unit_test(test_rules_shipped_defaults),
		cmocka_unit_test(test_read_only),
	};

	return cmocka_run_group_tests_name("config", tests, NULL, NULL);
}
