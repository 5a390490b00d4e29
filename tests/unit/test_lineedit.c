/* test_lineedit.c: the line editor of notes and prompts: UTF-8 typed a
 * byte at a time, cursor keys by character, the kill keys, and the window
 * that keeps the cursor in view. */
#include "testutil.h"

#include <locale.h>

#include "lineedit.h"

/* Types s byte by byte, as curses delivers it. */
static void type(struct lineedit *e, const char *s)
{
	for (; *s; s++)
		lineedit_byte(e, (unsigned char)*s);
}

static void test_typing_utf8(void **state)
{
	struct lineedit e;

	lineedit_init(&e, NULL, 100);
	type(&e, "Gr\xc3\xbc\xc3\x9f" "e aus K\xc3\xb6ln \xe2\x82\xac \xf0\x9f\x99\x82");
	assert_string_equal(lineedit_text(&e),
			    "Gr\xc3\xbc\xc3\x9f" "e aus K\xc3\xb6ln \xe2\x82\xac \xf0\x9f\x99\x82");
	assert_int_equal(e.cur, e.len);
	lineedit_free(&e);
}

static void test_controls_and_bad_bytes_refused(void **state)
{
	struct lineedit e;

	lineedit_init(&e, "", 100);
	/* ESC, BEL, DEL, a C1 CSI, a right-to-left override, a stray
	 * continuation byte, an overlong '/', a lead byte cut short. */
	type(&e, "a\x1b[31m\x07\x7f" "b\xc2\x9b" "c\xe2\x80\xae" "d\x80" "e\xc0\xaf" "f\xc3" "g");
	assert_string_equal(lineedit_text(&e), "a[31mbcdefg");
	lineedit_free(&e);
}

static void test_cursor_moves_by_character(void **state)
{
	struct lineedit e;

	lineedit_init(&e, "a\xc3\xa9\xe4\xb8\xad" "b", 100);
	lineedit_left(&e);
	assert_int_equal(e.cur, 6);	/* before b */
	lineedit_left(&e);
	assert_int_equal(e.cur, 3);	/* before the CJK character */
	lineedit_left(&e);
	assert_int_equal(e.cur, 1);	/* before é */
	assert_true(lineedit_delete(&e));
	assert_string_equal(lineedit_text(&e), "a\xe4\xb8\xad" "b");
	lineedit_right(&e);
	assert_true(lineedit_backspace(&e));
	assert_string_equal(lineedit_text(&e), "ab");
	type(&e, "\xc3\xb6");
	assert_string_equal(lineedit_text(&e), "a\xc3\xb6" "b");
	lineedit_home(&e);
	assert_false(lineedit_backspace(&e));	/* nothing before the start */
	lineedit_end(&e);
	assert_false(lineedit_delete(&e));	/* nothing under the end */
	lineedit_right(&e);
	assert_int_equal(e.cur, e.len);
	lineedit_free(&e);
}

static void test_kill_keys(void **state)
{
	struct lineedit e;

	lineedit_init(&e, "call listening  r\xc3\xa9sum\xc3\xa9  ", 100);
	assert_true(lineedit_kill_word(&e));	/* trailing spaces and the word */
	assert_string_equal(lineedit_text(&e), "call listening  ");
	assert_true(lineedit_kill_word(&e));
	assert_string_equal(lineedit_text(&e), "call ");
	type(&e, "centre");
	lineedit_left(&e);
	lineedit_left(&e);
	assert_true(lineedit_kill_start(&e));	/* C-u keeps what is after */
	assert_string_equal(lineedit_text(&e), "re");
	assert_int_equal(e.cur, 0);
	assert_false(lineedit_kill_start(&e));
	assert_false(lineedit_kill_word(&e));
	lineedit_free(&e);
}

static void test_max_bytes(void **state)
{
	struct lineedit e;

	/* The initial text is cut on a character boundary. */
	lineedit_init(&e, "ab\xc3\xa9", 3);
	assert_string_equal(lineedit_text(&e), "ab");
	type(&e, "\xc3\xa9");		/* two bytes do not fit in one */
	assert_string_equal(lineedit_text(&e), "ab");
	type(&e, "cd");
	assert_string_equal(lineedit_text(&e), "abc");
	lineedit_free(&e);
}

static void test_window_keeps_cursor_visible(void **state)
{
	struct lineedit e;
	size_t from, to;
	int col;

	lineedit_init(&e, "0123456789", 100);
	lineedit_window(&e, 6, &from, &to, &col);
	assert_int_equal(from, 5);	/* "56789" and the cursor after it */
	assert_int_equal(to, 10);
	assert_int_equal(col, 5);
	lineedit_home(&e);
	lineedit_window(&e, 6, &from, &to, &col);
	assert_int_equal(from, 0);
	assert_int_equal(to, 6);
	assert_int_equal(col, 0);
	lineedit_free(&e);
	/* Wide characters count two columns. */
	lineedit_init(&e, "\xe4\xb8\xad\xe6\x96\x87\xe5\xad\x97", 100);
	lineedit_window(&e, 5, &from, &to, &col);
	assert_int_equal(from, 3);	/* two wide characters, then the cursor */
	assert_int_equal(col, 4);
	lineedit_free(&e);
}

static int utf8_locale(void **state)
{
	return setlocale(LC_ALL, "C.UTF-8") ? 0 : -1;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_typing_utf8),
		cmocka_unit_test(test_controls_and_bad_bytes_refused),
		cmocka_unit_test(test_cursor_moves_by_character),
		cmocka_unit_test(test_kill_keys),
		cmocka_unit_test(test_max_bytes),
		cmocka_unit_test(test_window_keeps_cursor_visible),
	};

	return cmocka_run_group_tests_name("lineedit", tests, utf8_locale, NULL);
}
