/* transcode.h: reading a file written in another character set (e.g.
 * Windows-1252) as UTF-8, converted with iconv(3) through fixed buffers,
 * so memory does not grow with the file. The CSV reader uses it for
 * `import --encoding`. */
#ifndef BPW_TRANSCODE_H
#define BPW_TRANSCODE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "error.h"

struct transcoder;

/* True when iconv can convert from the character set called name. */
bool transcode_known(const char *name);

/* A converter from the character set name to UTF-8; BPW_EINVAL when
 * iconv does not know the name. Free with transcode_close. */
int transcode_open(const char *name, struct transcoder **out,
		   struct bpw_error *err);

/* Reads from f and writes up to n bytes of UTF-8 into buf: the number of
 * bytes (0 at the end of the input), or a negative code with the reason
 * in err (a byte that is not text in that character set, a character cut
 * off by the end of the file, a read error, n too small for the next
 * character). The bytes before a bad one are returned first; the error
 * comes with the next call. */
long transcode_read(struct transcoder *tc, FILE *f, unsigned char *buf,
		    size_t n, struct bpw_error *err);

/* Bytes read from the input so far. */
long long transcode_consumed(const struct transcoder *tc);

/* Frees tc; NULL is allowed. */
void transcode_close(struct transcoder *tc);

#endif
