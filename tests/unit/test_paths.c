/* test_paths.c: where the program looks for its files: XDG locations,
 * $BPOWATCH_DATADIR, and the data directory of a moved or staged install. */
#include "testutil.h"

#include "paths.h"

/* paths_relocate(dir, bindir, pkgdatadir) into a buffer; "" when false. */
static const char *moved(const char *dir, const char *bindir, const char *data)
{
	static char buf[256];

	if (!paths_relocate(dir, bindir, data, buf, sizeof(buf)))
		buf[0] = '\0';
	return buf;
}

static void test_relocate(void **state)
{
	char small[16];

	/* make install DESTDIR=/tmp/root, then run from there. */
	assert_string_equal(moved("/tmp/root/usr/local/bin", "/usr/local/bin",
				  "/usr/local/share/bpowatch"),
			    "/tmp/root/usr/local/share/bpowatch");
	/* Where it was installed: the configured directory itself. */
	assert_string_equal(moved("/usr/local/bin", "/usr/local/bin",
				  "/usr/local/share/bpowatch"),
			    "/usr/local/share/bpowatch");
	/* A prefix renamed: /opt/a became /opt/b. */
	assert_string_equal(moved("/opt/b/bin", "/opt/a/bin", "/opt/a/share/bpowatch"),
			    "/opt/b/share/bpowatch");
	/* A prefix given with a trailing slash (//bin in the Makefile). */
	assert_string_equal(moved("/tmp/p/bin", "/tmp/p//bin", "/tmp/p//share/bpowatch"),
			    "/tmp/p/share/bpowatch");
	/* bindir several levels below the common part. */
	assert_string_equal(moved("/r/usr/lib/x/bin", "/usr/lib/x/bin",
				  "/usr/share/bpowatch"), "/r/usr/share/bpowatch");
	/* Nothing in common but the root. */
	assert_string_equal(moved("/stage/bin", "/bin", "/data/bpowatch"),
			    "/stage/data/bpowatch");
	/* Not a bin directory of that name: no guess. */
	assert_string_equal(moved("/x/sbin", "/usr/bin", "/usr/share/bpowatch"), "");
	assert_string_equal(moved("/x/tui", "/usr/local/bin",
				  "/usr/local/share/bpowatch"), "");
	/* Too long for the buffer. */
	assert_false(paths_relocate("/a/very/long/stage/usr/bin", "/usr/bin",
				    "/usr/share/bpowatch", small, sizeof(small)));
}

static void test_data_file_env(void **state)
{
	char path[4096];
	struct bpw_error err;

	setenv("BPOWATCH_DATADIR", "/somewhere/data", 1);
	assert_int_equal(paths_data_file("themes", path, sizeof(path), &err), 0);
	assert_string_equal(path, "/somewhere/data/themes");
	assert_int_equal(paths_data_file("sample.db", path, sizeof(path), &err), 0);
	assert_string_equal(path, "/somewhere/data/sample.db");
	unsetenv("BPOWATCH_DATADIR");
	/* This test program runs from the build tree: the sample is built
	 * there, the rest comes from the source tree. */
	assert_int_equal(paths_data_file("sample.db", path, sizeof(path), &err), 0);
	assert_non_null(strstr(path, "/sample-db/sample.db"));
	assert_int_equal(paths_data_file("bpowatch.conf", path, sizeof(path), &err), 0);
	assert_non_null(strstr(path, "/data/bpowatch.conf"));
}

static void test_xdg(void **state)
{
	char path[4096];
	struct bpw_error err;

	setenv("HOME", "/home/vm", 1);
	setenv("XDG_CONFIG_HOME", "/cfg", 1);
	setenv("XDG_DATA_HOME", "/dat", 1);
	assert_int_equal(paths_user_config(path, sizeof(path), &err), 0);
	assert_string_equal(path, "/cfg/bpowatch/bpowatch.conf");
	assert_int_equal(paths_default_db(path, sizeof(path), &err), 0);
	assert_string_equal(path, "/dat/bpowatch/bpowatch.db");
	/* A relative XDG directory is ignored, as the specification says. */
	setenv("XDG_CONFIG_HOME", "cfg", 1);
	unsetenv("XDG_DATA_HOME");
	assert_int_equal(paths_user_config(path, sizeof(path), &err), 0);
	assert_string_equal(path, "/home/vm/.config/bpowatch/bpowatch.conf");
	assert_int_equal(paths_default_db(path, sizeof(path), &err), 0);
	assert_string_equal(path, "/home/vm/.local/share/bpowatch/bpowatch.db");
	unsetenv("HOME");
	assert_int_equal(paths_default_db(path, sizeof(path), &err), BPW_ENOENT);
	assert_non_null(strstr(err.msg, "$HOME"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_relocate),
		cmocka_unit_test(test_data_file_env),
		cmocka_unit_test(test_xdg),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
