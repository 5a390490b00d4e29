/* test_listnav.c: the list arithmetic every screen's lists share: steps,
 * pages and jumps never leave the list, and the first row shown keeps the
 * selection in view without leaving rows empty at the end. */
#include "testutil.h"

#include <limits.h>

#include "listnav.h"

static void test_step(void **state)
{
	(void)state;
	assert_int_equal(listnav_step(3, 10, 1, false), 4);
	assert_int_equal(listnav_step(3, 10, -1, false), 2);
	assert_int_equal(listnav_step(0, 10, -1, false), 0);	/* the top holds */
	assert_int_equal(listnav_step(9, 10, 1, false), 9);	/* the bottom holds */
	assert_int_equal(listnav_step(3, 10, 8, false), 9);	/* a page past the end */
	assert_int_equal(listnav_step(3, 10, -8, false), 0);
	assert_int_equal(listnav_step(3, 10, -1, true), 0);	/* Home */
	assert_int_equal(listnav_step(3, 10, 1, true), 9);	/* End */
	assert_int_equal(listnav_step(5, 0, 1, false), 0);	/* an empty list */
	assert_int_equal(listnav_step(12, 10, 0, false), 9);	/* a list that shrank */
	assert_int_equal(listnav_step(3, 10, LONG_MIN, false), 0);
	assert_int_equal(listnav_step(3, 10, LONG_MAX, false), 9);
}

static void test_top(void **state)
{
	(void)state;
	/* 5 rows fit of 20: moving down past the last shown scrolls by one. */
	assert_int_equal(listnav_top(0, 4, 5, 20), 0);
	assert_int_equal(listnav_top(0, 5, 5, 20), 1);
	/* Up above the first shown. */
	assert_int_equal(listnav_top(6, 3, 5, 20), 3);
	/* A jump to the end shows the last five. */
	assert_int_equal(listnav_top(0, 19, 5, 20), 15);
	/* A list that shrank below the rows shown: back to the top. */
	assert_int_equal(listnav_top(15, 2, 5, 3), 0);
	/* A taller screen: no empty rows at the end. */
	assert_int_equal(listnav_top(15, 19, 10, 20), 10);
	assert_int_equal(listnav_top(0, 0, 0, 0), 0);
}

static void test_marks(void **state)
{
	char buf[64];
	size_t above, below;

	(void)state;
	/* Rows 3..7 of 10 shown: 2 above, 3 below. */
	listnav_hidden(2, 5, 10, &above, &below);
	assert_int_equal(above, 2);
	assert_int_equal(below, 3);
	assert_string_equal(listnav_marks(above, below, true, false, buf, sizeof(buf)),
			    "^ 2 more  v 3 more");
	assert_string_equal(listnav_marks(0, 3, false, false, buf, sizeof(buf)),
			    "\xe2\x86\x93 3 more");
	assert_string_equal(listnav_marks(0, 0, false, false, buf, sizeof(buf)), "");
	assert_string_equal(listnav_marks(2, 3, true, true, buf, sizeof(buf)), "^ 2 v 3");
	/* More rows than the list has: nothing hidden. */
	listnav_hidden(0, 9, 4, &above, &below);
	assert_int_equal(above + below, 0);
	assert_string_equal(listnav_range(0, 6, 8, false, buf, sizeof(buf)),
			    "1\xe2\x80\x93" "6 of 8");
	assert_string_equal(listnav_range(6, 6, 8, true, buf, sizeof(buf)), "7-8 of 8");
	assert_string_equal(listnav_range(7, 6, 8, true, buf, sizeof(buf)), "8 of 8");
	assert_string_equal(listnav_range(0, 6, 0, true, buf, sizeof(buf)), "0 of 0");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_step),
		cmocka_unit_test(test_top),
		cmocka_unit_test(test_marks),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
