/* paths.c: resolving XDG locations and the program's own data files. */
#include "paths.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#if !defined(BPW_PKGDATADIR) || !defined(BPW_BINDIR)
#error "BPW_PKGDATADIR and BPW_BINDIR must be defined by the build"
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

/* The directory of the running executable (symbolic links resolved). */
static bool exe_dir(char *buf, size_t n)
{
	ssize_t len = readlink("/proc/self/exe", buf, n - 1);
	char *slash;

	if (len <= 0)
		return false;
	buf[len] = '\0';
	slash = strrchr(buf, '/');
	if (slash == NULL)
		return false;
	*slash = '\0';
	return true;
}

/* True when the running executable is one built in this build tree: the
 * program in tui/, or a test program in tests/unit/ or tests/fuzz/. */
static bool running_from_build_tree(void)
{
#if defined(BPW_ABS_BUILDDIR)
	static const char *const dirs[] = { "/tui", "/tests/unit", "/tests/fuzz" };
	char exe[PATH_MAX], top[PATH_MAX];
	size_t i, len;

	if (!exe_dir(exe, sizeof(exe)) || realpath(BPW_ABS_BUILDDIR, top) == NULL)
		return false;
	len = strlen(top);
	if (strncmp(exe, top, len) != 0)
		return false;
	for (i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++)
		if (strcmp(exe + len, dirs[i]) == 0)
			return true;
	return false;
#else
	return false;
#endif
}

bool paths_relocate(const char *dir, const char *bindir, const char *pkgdatadir,
		    char *buf, size_t n)
{
	size_t i = 0, cut = 0, dlen = strlen(dir), blen;
	int len;

	/* The longest common leading directory of bindir and pkgdatadir. */
	while (bindir[i] && bindir[i] == pkgdatadir[i]) {
		if (bindir[i] == '/')
			cut = i;
		i++;
	}
	if (bindir[i] == '\0' && pkgdatadir[i] == '/')
		cut = i;	/* pkgdatadir inside bindir */
	blen = strlen(bindir + cut);
	/* dir must end in bindir's own part, at a directory boundary. */
	if (dlen < blen || strcmp(dir + dlen - blen, bindir + cut) != 0 ||
	    (blen > 0 && bindir[cut] != '/'))
		return false;
	len = snprintf(buf, n, "%.*s%s", (int)(dlen - blen), dir, pkgdatadir + cut);
	return len > 0 && (size_t)len < n;
}

/* The installed data directory: pkgdatadir as configured, or, when the
 * program runs from a prefix that was copied or staged elsewhere (make
 * install DESTDIR=..., a moved /opt tree, a stow link), the same place
 * relative to where it now is, if that directory exists. */
static void installed_datadir(char *buf, size_t n)
{
	char dir[PATH_MAX], moved[PATH_MAX];
	struct stat sb;

	if (exe_dir(dir, sizeof(dir)) &&
	    paths_relocate(dir, BPW_BINDIR, BPW_PKGDATADIR, moved, sizeof(moved)) &&
	    stat(moved, &sb) == 0 && S_ISDIR(sb.st_mode) &&
	    (size_t)snprintf(buf, n, "%s", moved) < n)
		return;
	snprintf(buf, n, "%s", BPW_PKGDATADIR);
}

int paths_data_file(const char *name, char *buf, size_t n, struct bpw_error *err)
{
	const char *env = getenv("BPOWATCH_DATADIR");
	char dir[PATH_MAX];

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
	installed_datadir(dir, sizeof(dir));
	return join(buf, n, err, dir, "/", name);
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
