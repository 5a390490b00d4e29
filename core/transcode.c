/* transcode.c: another character set to UTF-8 with iconv(3), a buffer-full
 * at a time. */
#include "transcode.h"

#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

#define IN_SIZE (64 * 1024)

struct transcoder {
	iconv_t cd;
	char name[64];
	char in[IN_SIZE];
	size_t inlen;		/* bytes read, not converted yet */
	long long consumed;
	bool eof, flushed;
	int pending;		/* an error to report on the next call */
	unsigned char bad;	/* the byte it is about */
};

bool transcode_known(const char *name)
{
	iconv_t cd = iconv_open("UTF-8", name);

	if (cd == (iconv_t)-1)
		return false;
	iconv_close(cd);
	return true;
}

int transcode_open(const char *name, struct transcoder **out,
		   struct bpw_error *err)
{
	struct transcoder *tc;
	iconv_t cd = iconv_open("UTF-8", name);

	if (cd == (iconv_t)-1)
		return bpw_error_set(err, BPW_EINVAL, "'%.40s' is not a character "
				     "set iconv knows (`iconv -l` lists them)", name);
	tc = xcalloc(1, sizeof(*tc));
	tc->cd = cd;
	snprintf(tc->name, sizeof(tc->name), "%s", name);
	*out = tc;
	return 0;
}

/* Tops up the input buffer from f; false on a read error. */
static bool read_more(struct transcoder *tc, FILE *f)
{
	size_t got;

	if (tc->eof || tc->inlen == sizeof(tc->in))
		return true;
	got = fread(tc->in + tc->inlen, 1, sizeof(tc->in) - tc->inlen, f);
	tc->inlen += got;
	tc->consumed += (long long)got;
	if (got == 0) {
		if (ferror(f))
			return false;
		tc->eof = true;
	}
	return true;
}

static long report(struct transcoder *tc, struct bpw_error *err)
{
	if (tc->pending == EILSEQ)
		return bpw_error_set(err, BPW_EINVAL, "byte 0x%02x is not %s text",
				     tc->bad, tc->name);
	if (tc->pending == EINVAL)
		return bpw_error_set(err, BPW_EINVAL, "the file ends inside a %s "
				     "character", tc->name);
	return bpw_error_set(err, BPW_EIO, "cannot read: %s", strerror(tc->pending));
}

long transcode_read(struct transcoder *tc, FILE *f, unsigned char *buf,
		    size_t n, struct bpw_error *err)
{
	char *out = (char *)buf;
	size_t outleft = n;

	while (outleft == n && tc->pending == 0) {
		char *in = tc->in;
		size_t inleft, r;

		if (!read_more(tc, f)) {
			tc->pending = errno ? errno : EIO;
			break;
		}
		if (tc->inlen == 0) {
			/* The end: a stateful set may still owe a reset. */
			if (!tc->flushed)
				iconv(tc->cd, NULL, NULL, &out, &outleft);
			tc->flushed = true;
			break;
		}
		inleft = tc->inlen;
		r = iconv(tc->cd, &in, &inleft, &out, &outleft);
		memmove(tc->in, in, inleft);
		tc->inlen = inleft;
		if (r != (size_t)-1)
			continue;
		if (errno == E2BIG) {
			if (outleft < n)
				continue;	/* full: the rest on the next call */
			/* Not one character fits: trying again would loop. */
			return bpw_error_set(err, BPW_EINVAL, "the buffer (%zu bytes) "
					     "cannot hold one character", n);
		}
		if (errno == EINVAL && !tc->eof)
			continue;	/* a character cut by the buffer: read on */
		tc->pending = errno == EINVAL ? EINVAL : EILSEQ;
		tc->bad = (unsigned char)tc->in[0];
	}
	if (outleft < n)
		return (long)(n - outleft);	/* the error, if any, comes next */
	return tc->pending ? report(tc, err) : 0;
}

long long transcode_consumed(const struct transcoder *tc)
{
	return tc->consumed;
}

void transcode_close(struct transcoder *tc)
{
	if (tc == NULL)
		return;
	iconv_close(tc->cd);
	free(tc);
}
