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

/* A temporary file beside the regular file (or new path) path, with the
 * mode the file will have (an existing file's; a new one's from the
 * umask), registered as staged: its descriptor, its name in *tmp_out
 * (owned); -1 with err set. */
static int stage_create(const char *path, char **tmp_out, struct bpw_error *err)
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
		if (!S_ISREG(st.st_mode)) {
			bpw_error_set(err, BPW_EIO, "cannot write %s: not a regular file", path);
			return -1;
		}
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
		fail(err, path, "create a file beside", e);
		return -1;
	}
	staged_set(tmp, true);
	if (fchmod(fd, mode) != 0) {
		e = errno;
		close(fd);
		unlink(tmp);
		staged_set(tmp, false);
		free(tmp);
		fail(err, path, "write", e);
		return -1;
	}
	*tmp_out = tmp;
	return fd;
}

int outfile_stage(const char *path, const char *data, size_t n, char **tmp_out,
		  struct bpw_error *err)
{
	char *tmp;
	int fd = stage_create(path, &tmp, err), e;

	*tmp_out = NULL;
	if (fd < 0)
		return BPW_EIO;
	e = write_all(fd, data, n);
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

int outfile_open(const char *path, struct outfile *of, struct bpw_error *err)
{
	int fd;

	memset(of, 0, sizeof(*of));
	if (outfile_is_stream(path)) {
		fd = open(path, O_WRONLY | O_NOCTTY | O_CLOEXEC);
		if (fd < 0)
			return fail(err, path, "open", errno);
	} else {
		fd = stage_create(path, &of->tmp, err);
		if (fd < 0)
			return BPW_EIO;
	}
	of->f = fdopen(fd, "w");
	if (of->f == NULL) {
		int e = errno;

		close(fd);
		outfile_discard(of->tmp);
		of->tmp = NULL;
		return fail(err, path, "open", e);
	}
	of->path = xstrdup(path);
	return 0;
}

int outfile_close(struct outfile *of, bool keep, struct bpw_error *err)
{
	int e = 0, rc = 0;

	if (of->f == NULL)
		return 0;
	if (fflush(of->f) != 0 || ferror(of->f))
		e = errno ? errno : EIO;
	if (e == 0 && of->tmp && keep && fsync(fileno(of->f)) != 0)
		e = errno;
	if (fclose(of->f) != 0 && e == 0 && errno != EINTR)
		e = errno;
	of->f = NULL;
	if (of->tmp == NULL && e == EPIPE)
		e = 0;	/* a fifo's reader went away: the rest is not wanted */
	if (keep && e != 0)
		rc = fail(err, of->path, "write", e);
	if (of->tmp) {
		if (keep && rc == 0)
			rc = outfile_commit(of->tmp, of->path, err);
		else
			outfile_discard(of->tmp);
		of->tmp = NULL;
	}
	free(of->path);
	of->path = NULL;
	return rc;
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
