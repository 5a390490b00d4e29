/* test_transcode.c: files in Windows-1252, Latin-1 and Latin-9 read as
 * UTF-8 (the euro sign, umlauts, sharp s), a character cut by the 64 KiB
 * input buffer or by a tiny output buffer, and the errors the header
 * promises: an unknown set, a byte that is no text, a file ending inside
 * a character, each after the good bytes before it. */
#include "testutil.h"

#include "transcode.h"

static char *dir;

static int setup(void **state)
{
	(void)state;
	dir = tu_tempdir();
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	tu_rmdir(dir);
	return 0;
}

/* Writes len bytes of data to a file and opens it for reading. */
static FILE *input(const void *data, size_t len)
{
	const char *path = tu_path(dir, "in.txt");
	FILE *f = fopen(path, "wb");

	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, len, f), len);
	fclose(f);
	f = fopen(path, "rb");
	assert_non_null(f);
	return f;
}

/* The whole of data (len bytes) in charset, converted with an output
 * buffer of bufsize: a malloc'd string, its length in *n; the code of
 * the first error in *rc (0: none) and its message in err. */
static char *convert(const char *charset, const void *data, size_t len,
		     size_t bufsize, size_t *n, int *rc, struct bpw_error *err)
{
	struct transcoder *tc = NULL;
	unsigned char *buf = malloc(bufsize);
	char *out = NULL;
	FILE *f = input(data, len);
	long got;

	*n = 0;
	*rc = 0;
	assert_int_equal(transcode_open(charset, &tc, err), 0);
	while ((got = transcode_read(tc, f, buf, bufsize, err)) > 0) {
		assert_true((size_t)got <= bufsize);
		out = realloc(out, *n + (size_t)got + 1);
		memcpy(out + *n, buf, (size_t)got);
		*n += (size_t)got;
	}
	if (got < 0)
		*rc = (int)got;
	else	/* the end stays the end */
		assert_int_equal(transcode_read(tc, f, buf, bufsize, err), 0);
	if (*rc == 0)
		assert_int_equal(transcode_consumed(tc), (long long)len);
	out = realloc(out, *n + 1);
	out[*n] = '\0';
	transcode_close(tc);
	fclose(f);
	free(buf);
	return out;
}

#define CONVERT(cs, lit, n, rc, err) convert(cs, lit, sizeof(lit) - 1, 4096, n, rc, err)

static void test_windows_1252(void **state)
{
	struct bpw_error err;
	size_t n;
	int rc;
	/* "€ 5, Grüße aus Köln – Ä Ö Ü ß “ok”" */
	char *s = CONVERT("windows-1252", "\x80 5, Gr\xfc\xdf" "e aus K\xf6ln \x96 "
			  "\xc4 \xd6 \xdc \xdf \x93ok\x94", &n, &rc, &err);

	(void)state;
	assert_int_equal(rc, 0);
	assert_string_equal(s, "\xe2\x82\xac 5, Gr\xc3\xbc\xc3\x9f" "e aus K\xc3\xb6ln "
			    "\xe2\x80\x93 \xc3\x84 \xc3\x96 \xc3\x9c \xc3\x9f "
			    "\xe2\x80\x9cok\xe2\x80\x9d");
	assert_int_equal(n, strlen(s));
	free(s);
	/* The other spelling iconv knows is the same set. */
	assert_true(transcode_known("CP1252"));
	s = CONVERT("CP1252", "\x80\xe4", &n, &rc, &err);
	assert_string_equal(s, "\xe2\x82\xac\xc3\xa4");
	free(s);
}

/* Latin-1 has no euro sign: 0xA4 is the currency sign; in Latin-9 it is
 * the euro. The umlauts are where Windows-1252 has them; 0x80 in Latin-1
 * is a C1 control, not a euro. */
static void test_latin1_and_latin9(void **state)
{
	struct bpw_error err;
	size_t n;
	int rc;
	char *s = CONVERT("ISO-8859-1", "\xa4 \xe4\xf6\xfc\xdf \x80", &n, &rc, &err);

	(void)state;
	assert_int_equal(rc, 0);
	assert_string_equal(s, "\xc2\xa4 \xc3\xa4\xc3\xb6\xc3\xbc\xc3\x9f \xc2\x80");
	free(s);
	s = CONVERT("ISO-8859-15", "\xa4 \xe4\xdf", &n, &rc, &err);
	assert_int_equal(rc, 0);
	assert_string_equal(s, "\xe2\x82\xac \xc3\xa4\xc3\x9f");
	free(s);
}

/* Plain ASCII, and an empty file, pass through unchanged. */
static void test_ascii_and_empty(void **state)
{
	struct bpw_error err;
	size_t n;
	int rc;
	char *s = CONVERT("windows-1252", "code;name\r\nATL;Atlas\r\n", &n, &rc, &err);

	(void)state;
	assert_int_equal(rc, 0);
	assert_string_equal(s, "code;name\r\nATL;Atlas\r\n");
	free(s);
	s = convert("latin1", "", 0, 64, &n, &rc, &err);
	assert_int_equal(rc, 0);
	assert_int_equal(n, 0);
	free(s);
}

/* 0x81 is not a character in Windows-1252: the text before it comes
 * first, then the error naming the byte; reading on keeps the error. */
static void test_invalid_byte(void **state)
{
	const char in[] = "M\xfcller;\x81;x";
	struct transcoder *tc = NULL;
	struct bpw_error err;
	unsigned char buf[256];
	FILE *f = input(in, sizeof(in) - 1);
	long got;

	(void)state;
	assert_int_equal(transcode_open("windows-1252", &tc, &err), 0);
	got = transcode_read(tc, f, buf, sizeof(buf), &err);
	assert_int_equal(got, 8);
	assert_memory_equal(buf, "M\xc3\xbcller;", 8);
	assert_int_equal(transcode_read(tc, f, buf, sizeof(buf), &err), BPW_EINVAL);
	assert_string_equal(err.msg, "byte 0x81 is not windows-1252 text");
	assert_int_equal(transcode_read(tc, f, buf, sizeof(buf), &err), BPW_EINVAL);
	transcode_close(tc);
	fclose(f);
}

/* A bad byte first: no text, the error at once. */
static void test_invalid_first_byte(void **state)
{
	struct bpw_error err;
	size_t n;
	int rc;
	char *s = CONVERT("windows-1252", "\x9d" "abc", &n, &rc, &err);

	(void)state;
	assert_int_equal(rc, BPW_EINVAL);
	assert_int_equal(n, 0);
	assert_string_equal(err.msg, "byte 0x9d is not windows-1252 text");
	free(s);
}

/* A file that ends in the middle of a character (the first of the two
 * bytes of a Shift-JIS kanji, the first two of a UTF-8 euro): the text
 * before it, then the error. */
static void test_cut_at_the_end(void **state)
{
	struct bpw_error err;
	size_t n;
	int rc;
	char *s = CONVERT("SHIFT_JIS", "ab\x88", &n, &rc, &err);

	(void)state;
	assert_int_equal(rc, BPW_EINVAL);
	assert_string_equal(s, "ab");
	assert_string_equal(err.msg, "the file ends inside a SHIFT_JIS character");
	free(s);
	s = CONVERT("UTF-8", "x\xe2\x82", &n, &rc, &err);
	assert_int_equal(rc, BPW_EINVAL);
	assert_string_equal(s, "x");
	assert_non_null(strstr(err.msg, "ends inside a UTF-8 character"));
	free(s);
}

static void test_unknown_charset(void **state)
{
	struct transcoder *tc = NULL;
	struct bpw_error err;

	(void)state;
	assert_false(transcode_known("klingon-8"));
	assert_true(transcode_known("windows-1252"));
	assert_int_equal(transcode_open("klingon-8", &tc, &err), BPW_EINVAL);
	assert_null(tc);
	assert_string_equal(err.msg, "'klingon-8' is not a character set iconv knows "
			    "(`iconv -l` lists them)");
	transcode_close(NULL);
}

/* More than the 64 KiB input buffer: in Windows-1252 every byte of
 * 0xE4..0xFF doubles; in UTF-8 with one ASCII byte first, a two-byte
 * character straddles the buffer's end. Nothing is lost or doubled,
 * whatever the size of the output buffer. */
static void test_long_input(void **state)
{
	const size_t len = 150001;
	unsigned char *in = malloc(len);
	char *want = malloc(2 * len), *s;
	static const size_t sizes[] = { 4, 7, 4096, 1 << 20 };
	struct bpw_error err;
	size_t i, k, n, w = 0;
	int rc;

	(void)state;
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)(0xe4 + i % 28);

		in[i] = c;
		want[w++] = (char)(0xc3);
		want[w++] = (char)(c - 0x40);
	}
	for (k = 0; k < sizeof(sizes) / sizeof(sizes[0]); k++) {
		s = convert("ISO-8859-1", in, len, sizes[k], &n, &rc, &err);
		assert_int_equal(rc, 0);
		assert_int_equal(n, w);
		assert_memory_equal(s, want, w);
		free(s);
	}
	/* "x" then UTF-8 "ä" (2 bytes) over and over: byte 65535 starts one. */
	in[0] = 'x';
	for (i = 1; i + 1 < len; i += 2) {
		in[i] = 0xc3;
		in[i + 1] = 0xa4;
	}
	for (k = 0; k < sizeof(sizes) / sizeof(sizes[0]); k++) {
		s = convert("UTF-8", in, len, sizes[k], &n, &rc, &err);
		assert_int_equal(rc, 0);
		assert_int_equal(n, len);
		assert_memory_equal(s, in, len);
		free(s);
	}
	free(in);
	free(want);
}

/* An output buffer too small for the next character is an error, not a
 * loop without end: what fits comes first. */
static void test_tiny_buffer(void **state)
{
	struct transcoder *tc = NULL;
	struct bpw_error err;
	unsigned char buf[4];
	FILE *f = input("a\x80", 2);

	(void)state;
	assert_int_equal(transcode_open("windows-1252", &tc, &err), 0);
	assert_int_equal(transcode_read(tc, f, buf, 2, &err), 1);
	assert_int_equal(buf[0], 'a');
	assert_int_equal(transcode_read(tc, f, buf, 2, &err), BPW_EINVAL);
	assert_string_equal(err.msg, "the buffer (2 bytes) cannot hold one character");
	/* With room the euro still comes: nothing was lost. */
	assert_int_equal(transcode_read(tc, f, buf, 3, &err), 3);
	assert_memory_equal(buf, "\xe2\x82\xac", 3);
	assert_int_equal(transcode_read(tc, f, buf, 3, &err), 0);
	transcode_close(tc);
	fclose(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_windows_1252),
		cmocka_unit_test(test_latin1_and_latin9),
		cmocka_unit_test(test_ascii_and_empty),
		cmocka_unit_test(test_invalid_byte),
		cmocka_unit_test(test_invalid_first_byte),
		cmocka_unit_test(test_cut_at_the_end),
		cmocka_unit_test(test_unknown_charset),
		cmocka_unit_test(test_long_input),
		cmocka_unit_test(test_tiny_buffer),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
