/* outfile.c: complete-or-absent output files: mkstemp beside the target,
 * write, fsync, the old file's mode (a new one: the umask's), rename. What
 * is not a regular file (a device such as /dev/null, a fifo, /dev/stdout
 * on a pipe or a terminal) is never replaced: it is written as a stream. */
#include "outfile.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "xalloc.h"

static int fail(struct bpw_error *err, const char *path, const char *what,
		int e)
{
	return bpw_error_set(err, BPW_EIO, "cannot %s %s: %s", what, path,
			     strerror(e));
}

bool outfile_is_stream(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && !S_ISREG(st.st_mode);
}

/* Writes data[0..n) to fd; 0 or the errno of the failed write. */
static int write_all(int fd, const char *data, size_t n)
{
	size_t done = 0;

	while (done < n) {
		ssize_t w = write(fd, data + done, n - done);

		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			return errno;
		done += (size_t)w;
	}
	return 0;
}

/* path written as a stream: opened as it is (no create, no truncate of
 * what is not a file), written, closed. */
static int write_stream(const char *path, const char *data, size_t n,
			struct bpw_error *err)
{
	int fd = open(path, O_WRONLY | O_NOCTTY | O_CLOEXEC), e;

	if (fd < 0)
		return fail(err, path, "open", errno);
	e = write_all(fd, data, n);
	if (close(fd) != 0 && e == 0 && errno != EINTR)
		e = errno;
	return e ? fail(err, path, "write", e) : 0;
}

/* The files staged and not yet renamed or removed, for a signal that ends
 * the process between the two (outfile_unlink_staged). A slot's name is
 * written whole before its flag says it is in use, and the flag cleared
 * before the name is touched again: a signal in between never finds half
 * a name (a prefix of one could be the target itself). */
#define STAGED_MAX 4
static char staged[STAGED_MAX][PATH_MAX + 8];
static volatile sig_atomic_t staged_used[STAGED_MAX];

static void staged_set(const char *tmp, bool on)
{
	size_t i;

	for (i = 0; i < STAGED_MAX; i++) {
		if (on && !staged_used[i]) {
			snprintf(staged[i], sizeof(staged[i]), "%s", tmp);
			staged_used[i] = 1;
			return;
		}
		if (!on && staged_used[i] && strcmp(staged[i], tmp) == 0) {
			staged_used[i] = 0;
			return;
		}
	}
}

void outfile_unlink_staged(void)
{
	size_t i;

	for (i = 0; i < STAGED_MAX; i++)
		if (staged_used[i])
			unlink(staged[i]);	/* async-signal-safe */
}

int outfile_stage(const char *path, const char *data, size_t n, char **tmp_out,
		  struct bpw_error *err)
{
	size_t len;
	char *tmp, real[PATH_MAX];
	struct stat st;
	mode_t mode;
	int fd, e;

	*tmp_out = NULL;
	/* A symbolic link to a file: the file it names is replaced, the link
	 * stays. An existing file keeps its mode. */
	if (stat(path, &st) == 0) {
		if (!S_ISREG(st.st_mode))
			return bpw_error_set(err, BPW_EIO, "cannot write %s: not a regular "
					     "file", path);
		if (realpath(path, real))
			path = real;
		mode = st.st_mode & 07777;
	} else {
		mode_t mask = umask(0);

		umask(mask);
		mode = 0666 & ~mask;
	}
	len = strlen(path);
	tmp = xmalloc(len + 8);
	snprintf(tmp, len + 8, "%s.XXXXXX", path);
	fd = mkstemp(tmp);
	if (fd < 0) {
		e = errno;
		free(tmp);
		return fail(err, path, "create a file beside", e);
	}
	staged_set(tmp, true);
	e = write_all(fd, data, n);
	if (e == 0 && fchmod(fd, mode) != 0)
		e = errno;
	if (e == 0 && fsync(fd) != 0)
		e = errno;
	if (close(fd) != 0 && e == 0)
		e = errno;
	if (e != 0) {
		unlink(tmp);
		staged_set(tmp, false);
		free(tmp);
		return fail(err, path, "write", e);
	}
	*tmp_out = tmp;
	return 0;
}

/* Set once an output file is in place: what a stopped command says. */
static volatile sig_atomic_t put_any;

bool outfile_put_any(void) { return put_any != 0; }

int outfile_commit(char *tmp, const char *path, struct bpw_error *err)
{
	/* tmp is the target's name (a link resolved) and ".XXXXXX" */
	char *target = xstrdup(tmp);
	int e = 0;

	target[strlen(target) - 7] = '\0';

	if (rename(tmp, target) != 0) {
		e = errno;
		unlink(tmp);
	} else {
		put_any = 1;
	}
	staged_set(tmp, false);
	free(target);
	free(tmp);
	return e ? fail(err, path, "write", e) : 0;
}

void outfile_discard(char *tmp)
{
	if (tmp) {
		unlink(tmp);
		staged_set(tmp, false);
		free(tmp);
	}
}

int outfile_write(const char *path, const char *data, size_t n,
		  struct bpw_error *err)
{
	char *tmp;

	if (outfile_is_stream(path))
		return write_stream(path, data, n, err);
	if (outfile_stage(path, data, n, &tmp, err) != 0)
		return BPW_EIO;
	return outfile_commit(tmp, path, err);
}

int outfile_flush(FILE *f, struct bpw_error *err)
{
	/* errno is read as the failing write left it: a flush with nothing
	 * left to write does not set it again. */
	if (fflush(f) == 0 && !ferror(f))
		return 0;
	if (errno == EPIPE)
		return 0;
	return bpw_error_set(err, BPW_EIO, "cannot write the output: %s",
			     strerror(errno ? errno : EIO));
}
