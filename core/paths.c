/* paths.c: resolving XDG locations and the program's own data files. */
#include "paths.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef BPW_PKGDATADIR
#error "BPW_PKGDATADIR must be defined by the build"
#endif

/* Writes a, sep and b one after the other into buf. */
static int join(char *buf, size_t n, struct bpw_error *err, const char *a,
		const char *sep, const char *b)
{
	int len = snprintf(buf, n, "%s%s%s", a, sep, b);

	if (len < 0 || (size_t)len >= n)
		return bpw_error_set(err, BPW_EINVAL, "path too long: %s%s%s",
				     a, sep, b);
	return 0;
}

/* True when the running executable is the one in this build tree. */
static bool running_from_build_tree(void)
{
#if defined(BPW_ABS_BUILDDIR)
	char exe[PATH_MAX], want[PATH_MAX], *slash;
	ssize_t len = readlink("/proc/self/exe", exe, sizeof(exe) - 1);

	if (len <= 0)
		return false;
	exe[len] = '\0';
	slash = strrchr(exe, '/');
	if (slash == NULL)
		return false;
	*slash = '\0';
	slash = strrchr(exe, '/');	/* drop tui/ or tests/unit/ */
	if (slash == NULL)
		return false;
	*slash = '\0';
	if (realpath(BPW_ABS_BUILDDIR, want) == NULL)
		return false;
	return strcmp(exe, want) == 0;
#else
	return false;
#endif
}

int paths_data_file(const char *name, char *buf, size_t n, struct bpw_error *err)
{
	const char *env = getenv("BPOWATCH_DATADIR");

	if (env && *env)
		return join(buf, n, err, env, "/", name);
#if defined(BPW_ABS_BUILDDIR) && defined(BPW_ABS_SRCDIR)
	if (running_from_build_tree()) {
		if (strcmp(name, "sample.db") == 0)
			return join(buf, n, err, BPW_ABS_BUILDDIR, "/sample-db/", name);
		if (strcmp(name, "themes") == 0)
			return join(buf, n, err, BPW_ABS_SRCDIR, "/", name);
		return join(buf, n, err, BPW_ABS_SRCDIR, "/data/", name);
	}
#endif
	return join(buf, n, err, BPW_PKGDATADIR, "/", name);
}

/* $var, or $HOME/fallback when var is unset or empty (XDG rules). */
static int xdg_dir(const char *var, const char *fallback, const char *leaf,
		   char *buf, size_t n, struct bpw_error *err)
{
	const char *v = getenv(var), *home;
	char base[PATH_MAX];
	int rc;

	if (v && v[0] == '/') {
		rc = join(base, sizeof(base), err, v, "", "");
	} else {
		home = getenv("HOME");
		if (home == NULL || *home == '\0')
			return bpw_error_set(err, BPW_ENOENT,
					     "neither $%s nor $HOME is set", var);
		rc = join(base, sizeof(base), err, home, "/", fallback);
	}
	if (rc != 0)
		return rc;
	return join(buf, n, err, base, "/", leaf);
}

int paths_user_config(char *buf, size_t n, struct bpw_error *err)
{
	return xdg_dir("XDG_CONFIG_HOME", ".config", "bpowatch/bpowatch.conf",
		       buf, n, err);
}

int paths_default_db(char *buf, size_t n, struct bpw_error *err)
{
	return xdg_dir("XDG_DATA_HOME", ".local/share", "bpowatch/bpowatch.db",
		       buf, n, err);
}

int paths_expand_home(const char *path, char *buf, size_t n, struct bpw_error *err)
{
	const char *home = getenv("HOME");

	if (strncmp(path, "~/", 2) == 0) {
		if (home == NULL || *home == '\0')
			return bpw_error_set(err, BPW_ENOENT,
					     "cannot expand ~ in %s: $HOME is not set",
					     path);
		return join(buf, n, err, home, "/", path + 2);
	}
	return join(buf, n, err, path, "", "");
}

int paths_make_parents(const char *path, struct bpw_error *err)
{
	char dir[PATH_MAX], *p;

	if (snprintf(dir, sizeof(dir), "%s", path) >= (int)sizeof(dir))
		return bpw_error_set(err, BPW_EINVAL, "path too long: %s", path);
	p = strrchr(dir, '/');
	if (p == NULL || p == dir)
		return 0;
	*p = '\0';
	for (p = dir + 1; ; p++) {
		if (*p == '/' || *p == '\0') {
			char c = *p;

			*p = '\0';
			if (mkdir(dir, 0700) != 0 && errno != EEXIST)
				return bpw_error_set(err, BPW_EIO,
						     "cannot create directory %s: %s",
						     dir, strerror(errno));
			*p = c;
			if (c == '\0')
				break;
		}
	}
	return 0;
}
