/* draw.h: the drawing pieces every screen uses: bars, boxes, status
 * badges, sparklines and charts, all through the theme's roles and the one
 * text neutraliser (term_put). */
#ifndef BPW_DRAW_H
#define BPW_DRAW_H

#include <stdbool.h>
#include <stddef.h>

#include "chart.h"
#include "indicator.h"
#include "portfolio.h"
#include "theme.h"

/* The role that colours a status. */
enum theme_role draw_status_role(enum status s);

/* Writes untrusted text at (y, x) in role r, neutralised and cut to cols
 * columns; returns the columns used. */
int draw_text(int y, int x, const char *s, int cols, enum theme_role r);

/* Writes text at (y, x) in role r and pads with spaces to cols columns. */
void draw_field(int y, int x, const char *s, int cols, enum theme_role r);

/* A full-width bar on row y: left text, right text (cut first). */
void draw_bar(int y, enum theme_role r, const char *left, const char *right);

/* The top bar of a screen: where we are, and the as-of month. */
struct app;
void draw_title(const struct app *a, const char *where);

/* draw_title of before + name + after, the name (data: a partner's or a
 * checklist's) shortened so the rest, which says what screen this is,
 * always shows. */
void draw_title_named(const struct app *a, const char *before, const char *name,
		      const char *after);

/* A frame of h rows and w columns at (y, x), with an optional title (cut
 * to fit) and a right-hand label; line drawing or ASCII. */
void draw_box(int y, int x, int h, int w, enum theme_role r, const char *title,
	      enum theme_role title_role, const char *label,
	      enum theme_role label_role);

/* A status as its mark and label ("! ALERT"), padded to cols. */
void draw_status(int y, int x, enum status s, int cols);

/* A sparkline of the last width values of v (NaN gaps); returns the
 * columns used. */
int draw_spark(int y, int x, const double *v, size_t n, int width,
	       enum theme_role r);
/* The same on the scale lo..hi (a series' portfolio scale; NaN: its own
 * range). */
int draw_spark_on(int y, int x, const double *v, size_t n, int width,
		  double lo, double hi, enum theme_role r);

/* Draws a laid-out chart with its top-left corner at (y, x). */
void draw_chart(int y, int x, const struct chart *c);

/* Writes untrusted text s word-wrapped into w columns from (y, x), at most
 * maxlines lines (the last one cut with an ellipsis); returns the lines
 * used. */
int draw_wrap(int y, int x, int w, int maxlines, const char *s,
	      enum theme_role r);

/* The lines draw_wrap would use for s, without drawing. */
int draw_wrap_count(int w, int maxlines, const char *s);

/* The marks of a cut list ("↑ 2 more  ↓ 3 more", ASCII "^ 2 more  v 3
 * more") right-aligned in the w columns from (y, x), dim; returns the
 * columns they took (a space before them included), 0 when nothing is
 * hidden; y < 0 only measures them. */
int draw_more(int y, int x, int w, size_t above, size_t below);

/* draw_more for a list of count rows that shows shown rows from top. */
int draw_list_marks(int y, int x, int w, size_t top, size_t shown, size_t count);

/* Formats a value for a table: "72.5", "-", "1.2e+06". */
void draw_fmt(double v, char *buf, size_t n);

/* Formats a change with its sign: "+2.5", "-0.3", "" for NaN. */
void draw_fmt_change(double v, char *buf, size_t n);

/* The latest value of a pane's series and what goes beside it: its change,
 * or "(Sep)" when the value is not from the month shown (as_of), so an old
 * value never looks current. */
void draw_fmt_latest(const struct pf_series_data *s, const char *as_of,
		     char *val, size_t vn, char *side, size_t sn);

#endif
