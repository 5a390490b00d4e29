/* outfile.h: writing a whole output file (a report, an export) so that it
 * is either complete or not there: a temporary file beside it, renamed
 * over it once every byte is on disk. */
#ifndef BPW_OUTFILE_H
#define BPW_OUTFILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "error.h"

/* Replaces path with the n bytes of data, atomically; an existing file
 * keeps its content when anything fails, and its mode; a new file's mode
 * follows the umask as a plain open(2) would. A symbolic link stays and
 * the file it names is replaced. A path that is there but not a regular
 * file (a device, a fifo, /dev/stdout) is written as a stream, never
 * replaced. 0, or BPW_EIO with the reason in err. */
int outfile_write(const char *path, const char *data, size_t n,
		  struct bpw_error *err);

/* Whether path is there and not a regular file (written as a stream). */
bool outfile_is_stream(const char *path);

/* outfile_write in two steps, so that two files are replaced only when
 * both could be written: outfile_stage writes data to a temporary file
 * beside the regular file (or new path) path (its name, owned, in *tmp;
 * a stream is refused: see outfile_is_stream); outfile_commit renames it
 * over path (and frees tmp); outfile_discard removes it (NULL: nothing). */
int outfile_stage(const char *path, const char *data, size_t n, char **tmp,
		  struct bpw_error *err);
int outfile_commit(char *tmp, const char *path, struct bpw_error *err);
void outfile_discard(char *tmp);

/* outfile_write for output too large to hold: outfile_open gives of->f
 * to write to (a temporary file beside path, or path itself when it is
 * a stream); outfile_close(keep) puts every byte in place as
 * outfile_write would, or, without keep (or when a write failed: then
 * BPW_EIO naming path), removes the temporary file and leaves path as
 * it was. */
struct outfile {
	FILE *f;
	char *tmp;	/* the staged file; NULL: path is written as a stream */
	char *path;
};
int outfile_open(const char *path, struct outfile *of, struct bpw_error *err);
int outfile_close(struct outfile *of, bool keep, struct bpw_error *err);

/* Whether this process has put an output file in place (safe to read in
 * a signal handler). */
bool outfile_put_any(void);

/* Removes every file staged and not yet committed or discarded; safe in a
 * signal handler (a command stopped between the two leaves none behind). */
void outfile_unlink_staged(void);

/* Flushes f, a stream the output went to (stdout or a file): 0 when every
 * byte reached it, or when its reader went away (EPIPE: `| head` closed
 * the pipe; the rest is not wanted, which is not an error), else BPW_EIO
 * with the reason ("cannot write the output: No space left on device").
 * Needs SIGPIPE ignored, as the program does. */
int outfile_flush(FILE *f, struct bpw_error *err);

#endif
