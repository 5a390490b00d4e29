/* lineedit.h: the text of a one-line editor and its cursor, UTF-8 aware:
 * bytes come in one at a time (as curses delivers them) and only whole,
 * valid characters reach the text; the cursor moves by character. No
 * curses here, so the unit tests drive it directly. */
#ifndef BPW_LINEEDIT_H
#define BPW_LINEEDIT_H

#include <stdbool.h>
#include <stddef.h>

struct lineedit {
	char *buf;		/* NUL-terminated UTF-8 */
	size_t len, cap;
	size_t cur;		/* byte offset of the cursor, on a character start */
	size_t max;		/* most bytes the text may hold */
	unsigned char part[4];	/* a character arriving byte by byte */
	int npart, need;
};

/* Starts editing text (NULL: empty) with the cursor at its end; max is
 * the most bytes the text may take. Free with lineedit_free. */
void lineedit_init(struct lineedit *e, const char *text, size_t max);
void lineedit_free(struct lineedit *e);

/* The text so far (owned by e). */
const char *lineedit_text(const struct lineedit *e);

/* Feeds one byte of typed input: printable ASCII and the bytes of UTF-8
 * characters; control bytes and invalid sequences are dropped. True when
 * the text changed. */
bool lineedit_byte(struct lineedit *e, int byte);

/* Editing keys; each returns true when the text (not just the cursor)
 * changed. */
bool lineedit_left(struct lineedit *e);
bool lineedit_right(struct lineedit *e);
bool lineedit_home(struct lineedit *e);
bool lineedit_end(struct lineedit *e);
bool lineedit_backspace(struct lineedit *e);	/* the character before */
bool lineedit_delete(struct lineedit *e);	/* the character under */
bool lineedit_kill_start(struct lineedit *e);	/* C-u: up to the cursor */
bool lineedit_kill_word(struct lineedit *e);	/* C-w: the word before */

/* What of the text shows in a field of cols columns: the byte range
 * [*from, *to) that keeps the cursor in view, and the cursor's column in
 * the field. Wide characters count two columns. */
void lineedit_window(const struct lineedit *e, int cols, size_t *from,
		     size_t *to, int *cursor_col);

#endif
