/* outfile.c: complete-or-absent output files: mkstemp beside the target,
 * write, fsync, the umask's mode, rename. */
#include "outfile.h"

#include <errno.h>
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

int outfile_stage(const char *path, const char *data, size_t n, char **tmp_out,
		  struct bpw_error *err)
{
	size_t len = strlen(path), done = 0;
	char *tmp = xmalloc(len + 8);
	mode_t mask;
	int fd, e;

	*tmp_out = NULL;
	snprintf(tmp, len + 8, "%s.XXXXXX", path);
	fd = mkstemp(tmp);
	if (fd < 0) {
		e = errno;
		free(tmp);
		return fail(err, path, "create a file beside", e);
	}
	mask = umask(0);
	umask(mask);
	while (done < n) {
		ssize_t w = write(fd, data + done, n - done);

		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			break;
		done += (size_t)w;
	}
	e = done < n ? errno : 0;
	if (e == 0 && fchmod(fd, 0666 & ~mask) != 0)
		e = errno;
	if (e == 0 && fsync(fd) != 0)
		e = errno;
	if (close(fd) != 0 && e == 0)
		e = errno;
	if (e != 0) {
		unlink(tmp);
		free(tmp);
		return fail(err, path, "write", e);
	}
	*tmp_out = tmp;
	return 0;
}

int outfile_commit(char *tmp, const char *path, struct bpw_error *err)
{
	int e = 0;

	if (rename(tmp, path) != 0) {
		e = errno;
		unlink(tmp);
	}
	free(tmp);
	return e ? fail(err, path, "write", e) : 0;
}

void outfile_discard(char *tmp)
{
	if (tmp) {
		unlink(tmp);
		free(tmp);
	}
}

int outfile_write(const char *path, const char *data, size_t n,
		  struct bpw_error *err)
{
	char *tmp;

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
