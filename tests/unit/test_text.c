/* test_text.c: the neutraliser every untrusted string passes through, and
 * the string pool the loaders keep one copy of each text in. */
#include "testutil.h"

#include <locale.h>

#include "strpool.h"
#include "text.h"

static void expect(const char *in, unsigned flags, int cols, const char *want)
{
	char *got = text_clean(in, flags, cols);

	assert_string_equal(got, want);
	free(got);
}

static void test_plain_text_passes(void **state)
{
	expect("Nordlicht Kundenservice", 0, -1, "Nordlicht Kundenservice");
	expect("Krak\xc3\xb3w", 0, -1, "Krak\xc3\xb3w");
	expect(NULL, 0, -1, "");
}

static void test_controls_become_visible(void **state)
{
	/* CSI clear screen, OSC 52 clipboard write, bell, DEL. */
	expect("a\x1b[2Jb", 0, -1, "a\\x1b[2Jb");
	expect("\x1b]52;c;aGk=\x07", 0, -1, "\\x1b]52;c;aGk=\\x07");
	expect("x\x7fy", 0, -1, "x\\x7fy");
	expect("line1\nline2\tend", 0, -1, "line1\\nline2\\tend");
	expect("line1\nline2", TEXT_NEWLINES, -1, "line1\nline2");
	/* C1 CSI (U+009B) as UTF-8, and as a raw byte (invalid UTF-8). */
	expect("a\xc2\x9b" "31mb", 0, -1, "a\\u009b31mb");
	expect("a\x9b" "31mb", 0, -1, "a\\x9b31mb");
}

static void test_bidi_and_invalid_utf8(void **state)
{
	expect("abc\xe2\x80\xae" "fdp.exe", 0, -1, "abc\\u202efdp.exe");
	expect("\xe2\x81\xa6x\xe2\x81\xa9", 0, -1, "\\u2066x\\u2069");
	expect("\xff\xfe", 0, -1, "\\xff\\xfe");
	expect("\xc0\xaf", 0, -1, "\\xc0\\xaf");		/* overlong '/' */
	expect("\xed\xa0\x80", 0, -1, "\\xed\\xa0\\x80");	/* surrogate */
	expect("ok\xe2\x82", 0, -1, "ok\\xe2\\x82");		/* truncated */
}

static void test_ascii_mode(void **state)
{
	expect("Krak\xc3\xb3w", TEXT_ASCII, -1, "Krakow");
	expect("Stra\xc3\x9f" "e", TEXT_ASCII, -1, "Strasse");
	expect("\xe2\x82\xac 5", TEXT_ASCII, -1, "EUR 5");
	expect("\xe4\xb8\xad", TEXT_ASCII, -1, "?");
	expect("\x1b[0m", TEXT_ASCII, -1, "\\x1b[0m");
}

static void test_width_cut(void **state)
{
	expect("abcdef", 0, 6, "abcdef");
	expect("abcdef", 0, 5, "abcd\xe2\x80\xa6");
	expect("abcdef", TEXT_ASCII, 5, "abcd~");
	expect("abcdef", 0, 1, "\xe2\x80\xa6");
	expect("abcdef", 0, 0, "");
	/* Wide characters take two columns; an escape is never split. */
	expect("\xe4\xb8\xad\xe6\x96\x87\xe5\xad\x97", 0, 4, "\xe4\xb8\xad\xe2\x80\xa6");
	expect("ab\x1b" "cd", 0, 6, "ab\xe2\x80\xa6");
	assert_int_equal(text_width("\xe4\xb8\xad\xe6\x96\x87"), 4);
	assert_int_equal(text_width("Krak\xc3\xb3w"), 6);
}

static int utf8_locale(void **state)
{
	if (setlocale(LC_ALL, "C.UTF-8") == NULL)
		return -1;
	return 0;
}

/* Equal texts share one copy, different ones do not, and copies stay put
 * while the table grows past its first size. */
/* Wrapping keeps a line's indent on its continuations (explain's
 * blocks), counts columns, not bytes, and leaves a long word whole. */
static void test_wrap(void **state)
{
	char *w;

	(void)state;
	w = text_wrap("  the normal is made of the 12 months", 20);
	assert_string_equal(w, "  the normal is made\n  of the 12 months");
	free(w);
	w = text_wrap("no indent here at all", 10);
	assert_string_equal(w, "no indent\nhere at\nall");
	free(w);
	w = text_wrap("  Kraków Łódź Gdańsk", 14);	/* 14 columns, 17 bytes */
	assert_string_equal(w, "  Kraków Łódź\n  Gdańsk");
	free(w);
	w = text_wrap("  a /very/long/path/to/bpowatch.conf:140 b", 12);
	assert_string_equal(w, "  a\n  /very/long/path/to/bpowatch.conf:140\n  b");
	free(w);
	w = text_wrap("fits", 80);
	assert_string_equal(w, "fits");
	free(w);
	w = text_wrap("          deep indent wraps", 12);	/* no room left: none */
	assert_string_equal(w, "          deep\nindent wraps");
	free(w);
}

static void fold_is(const char *in, const char *want)
{
	char buf[64];

	assert_string_equal(text_fold(in, buf, sizeof(buf)), want);
}

/* Folding for the filter: case and the diacritics of Latin letters go. */
static void test_fold(void **state)
{
	fold_is("Krak\xc3\xb3w", "krakow");			/* ó */
	fold_is("KRAK\xc3\x93W", "krakow");			/* Ó */
	fold_is("\xc5\x81\xc3\xb3\x64\xc5\xba", "lodz");	/* Łódź */
	fold_is("Stra\xc3\x9f" "e", "strasse");		/* ß */
	fold_is("M\xc3\xbcller", "muller");			/* ü */
	fold_is("Caf\xc3\xa9", "cafe");				/* é */
	fold_is("\xc3\x98resund", "oresund");			/* Ø */
	fold_is("\xc3\x86r\xc3\xb8", "aero");			/* Æø */
	fold_is("\xc5\x92uvre", "oeuvre");			/* Œ */
	fold_is("Bra\xc8\x99ov", "brasov");			/* ș */
	fold_is("\xc4\x8c" "esk\xc3\xbd", "cesky");		/* Č ý */
	fold_is("\xc5\xb0r", "ur");				/* Ű */
	fold_is("\xc4\xb0stanbul", "istanbul");			/* İ */
	/* Greek and Cyrillic capitals as small letters, accents kept. */
	fold_is("\xd0\x9c\xd0\x9e\xd0\xa1\xd0\x9a\xd0\x92\xd0\x90",
		"\xd0\xbc\xd0\xbe\xd1\x81\xd0\xba\xd0\xb2\xd0\xb0");	/* МОСКВА */
	fold_is("\xce\x91\xce\x98", "\xce\xb1\xce\xb8");	/* ΑΘ */
	/* Not letters: as they are. */
	fold_is("3\xc3\x97" "4 \xe2\x82\xac !ok", "3\xc3\x97" "4 \xe2\x82\xac !ok");
	fold_is("a\xff" "b", "a\xff" "b");				/* invalid UTF-8 */
	fold_is(NULL, "");
	{	/* cut at a whole character */
		char small[5];

		assert_string_equal(text_fold("ab\xc3\x9f", small, sizeof(small)), "abss");
		assert_string_equal(text_fold("abc\xd0\x9c", small, sizeof(small)), "abc");
	}
	assert_true(text_fold_contains("Vistula, Krak\xc3\xb3w", "KRAKOW"));
	assert_true(text_fold_contains("Vistula, Krak\xc3\xb3w", "krak\xc3\xb3"));
	assert_true(text_fold_contains("Gro\xc3\x9f", "ss"));
	assert_true(text_fold_contains("anything", ""));
	assert_false(text_fold_contains("Krakau", "krakow"));
	assert_false(text_fold_contains(NULL, "x"));
}

static void test_strpool(void **state)
{
	struct strpool p = { 0 };
	const char *first[200];
	char buf[32];
	int i;

	(void)state;
	for (i = 0; i < 200; i++) {
		snprintf(buf, sizeof(buf), "item %d", i);
		first[i] = strpool_intern(&p, buf);
		assert_string_equal(first[i], buf);
		assert_ptr_not_equal(first[i], buf);
	}
	assert_int_equal(p.n, 200);
	for (i = 0; i < 200; i++) {
		snprintf(buf, sizeof(buf), "item %d", i);
		assert_ptr_equal(strpool_intern(&p, buf), first[i]);
	}
	assert_ptr_equal(strpool_intern(&p, ""), strpool_intern(&p, ""));
	assert_int_equal(p.n, 201);
	strpool_free(&p);
	assert_int_equal(p.n, 0);
	assert_null(p.slot);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain_text_passes),
		cmocka_unit_test(test_controls_become_visible),
		cmocka_unit_test(test_bidi_and_invalid_utf8),
		cmocka_unit_test(test_ascii_mode),
		cmocka_unit_test(test_width_cut),
		cmocka_unit_test(test_fold),
		cmocka_unit_test(test_strpool),
		cmocka_unit_test(test_wrap),
	};

	return cmocka_run_group_tests_name("text", tests, utf8_locale, NULL);
}
