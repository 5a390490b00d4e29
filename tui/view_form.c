/* view_form.c: the modal form of form.h: a framed box over the screen
 * below, one line per field, scrolling when the terminal is short; typed
 * text stays in the form (nothing is written) until Enter has parsed every
 * field and the owner's save function has run. */
#include "form.h"

#include <ctype.h>
#include <stdarg.h>
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "app.h"
#include "csv.h"
#include "date.h"
#include "draw.h"
#include "lineedit.h"
#include "text.h"
#include "view.h"
#include "xalloc.h"

#define FORM_TEXT_MAX 400
#define FORM_MAX_WIDTH 76

enum { TAG_DISCARD = 1 };

struct form_field {
	enum form_kind kind;
	char *label;
	unsigned flags;
	struct lineedit le;		/* the text as typed (not FORM_CHOICE) */
	const char *const *choices;
	size_t nchoices, choice;
	/* Parsed on Enter. */
	char *text;			/* trimmed */
	char day[DATE_LEN];		/* FORM_DATE, FORM_MONTH; "" empty */
	double number;
	bool empty;
};

struct form {
	char *title;
	struct form_field *fields;
	size_t n, cap;
	size_t focus, top;
	bool dirty, focused;		/* focused: form_focus chose the field */
	int err_field;			/* the field the message is about, -1 */
	char err[320];
	form_save_fn save;
	form_change_fn changed;
	void *ctx;
	void (*ctx_free)(void *);
	/* Where the terminal cursor goes, from the last draw. */
	bool has_cursor;
	int cur_y, cur_x;
	char hints[160];
};

static char *dupn(const char *s, size_t n)
{
	char *d = xmalloc(n + 1);

	memcpy(d, s, n);
	d[n] = '\0';
	return d;
}

struct form *form_new(const char *title, form_save_fn save, void *ctx,
		      void (*ctx_free)(void *))
{
	struct form *f = xcalloc(1, sizeof(*f));

	f->title = xstrdup(title);
	f->save = save;
	f->ctx = ctx;
	f->ctx_free = ctx_free;
	f->err_field = -1;
	return f;
}

static struct form_field *field_new(struct form *f, enum form_kind kind,
				    const char *label, unsigned flags)
{
	struct form_field *fl;

	if (f->n == f->cap) {
		f->cap = f->cap ? f->cap * 2 : 8;
		f->fields = xrealloc(f->fields, f->cap * sizeof(*f->fields));
	}
	fl = &f->fields[f->n++];
	memset(fl, 0, sizeof(*fl));
	fl->kind = kind;
	fl->label = xstrdup(label);
	fl->flags = flags;
	return fl;
}

int form_add(struct form *f, enum form_kind kind, const char *label,
	     const char *text, unsigned flags)
{
	struct form_field *fl = field_new(f, kind, label, flags);

	lineedit_init(&fl->le, text, FORM_TEXT_MAX);
	return (int)f->n - 1;
}

int form_add_choice(struct form *f, const char *label,
		    const char *const *labels, size_t n, size_t choice)
{
	struct form_field *fl = field_new(f, FORM_CHOICE, label, 0);

	fl->choices = labels;
	fl->nchoices = n;
	fl->choice = choice < n ? choice : 0;
	lineedit_init(&fl->le, NULL, 0);
	return (int)f->n - 1;
}

void form_focus(struct form *f, int field)
{
	if (field >= 0 && (size_t)field < f->n)
		f->focus = (size_t)field;
	f->focused = true;
}

void form_on_change(struct form *f, form_change_fn fn)
{
	f->changed = fn;
}

void form_set(struct form *f, int field, const char *text)
{
	struct lineedit *le = &f->fields[field].le;
	size_t max = le->max;

	lineedit_free(le);
	lineedit_init(le, text, max);
}

void form_set_choice(struct form *f, int field, size_t choice)
{
	struct form_field *fl = &f->fields[field];

	if (choice < fl->nchoices)
		fl->choice = choice;
}

void form_set_max(struct form *f, int field, size_t max)
{
	struct lineedit *le = &f->fields[field].le;
	char *keep = xstrdup(lineedit_text(le));

	if (strlen(keep) > max)
		keep[max] = '\0';	/* initial texts are ASCII where this cuts */
	lineedit_free(le);
	lineedit_init(le, keep, max);
	free(keep);
}

const char *form_text(const struct form *f, int field)
{
	const struct form_field *fl = &f->fields[field];

	/* A fixed field is never parsed: its text is what it was given. */
	return fl->text ? fl->text : lineedit_text(&fl->le);
}

const char *form_raw(const struct form *f, int field)
{
	return lineedit_text(&f->fields[field].le);
}

const char *form_date(const struct form *f, int field)
{
	return f->fields[field].day;
}

double form_number(const struct form *f, int field, bool *empty)
{
	if (empty)
		*empty = f->fields[field].empty;
	return f->fields[field].number;
}

size_t form_choice(const struct form *f, int field)
{
	return f->fields[field].choice;
}

bool form_dirty(const struct form *f)
{
	return f->dirty;
}

void form_free(struct form *f)
{
	size_t i;

	if (f == NULL)
		return;
	for (i = 0; i < f->n; i++) {
		free(f->fields[i].label);
		free(f->fields[i].text);
		lineedit_free(&f->fields[i].le);
	}
	if (f->ctx_free)
		f->ctx_free(f->ctx);
	free(f->fields);
	free(f->title);
	free(f);
}

/* ---- parsing ---- */

/* Sets the form's message about field i (printf-style, after its label). */
static void __attribute__((format(printf, 3, 4)))
field_error(struct form *f, size_t i, const char *fmt, ...)
{
	va_list ap;
	int n;

	n = snprintf(f->err, sizeof(f->err), "%s: ", f->fields[i].label);
	va_start(ap, fmt);
	vsnprintf(f->err + n, sizeof(f->err) - (size_t)n, fmt, ap);
	va_end(ap);
	f->err_field = (int)i;
}

/* Parses field i into its value; false with the message set. */
static bool field_parse(struct form *f, size_t i)
{
	struct form_field *fl = &f->fields[i];
	const char *s = lineedit_text(&fl->le), *e;
	char *q;
	bool ok = true;

	if (fl->kind == FORM_CHOICE || fl->kind == FORM_FIXED)
		return true;
	while (*s == ' ')
		s++;
	for (e = s + strlen(s); e > s && e[-1] == ' '; e--)
		;
	free(fl->text);
	fl->text = dupn(s, (size_t)(e - s));
	fl->day[0] = '\0';
	fl->empty = fl->text[0] == '\0';
	fl->number = 0;
	if (fl->empty) {
		if (fl->flags & FORM_REQUIRED) {
			field_error(f, i, "required");
			return false;
		}
		return true;
	}
	q = text_clean(fl->text, 0, 30);
	switch (fl->kind) {
	case FORM_DATE:
		if (!csv_date(fl->text, fl->day)) {
			field_error(f, i, "'%s' is not a date (dd.mm.yyyy or yyyy-mm-dd)", q);
			ok = false;
		}
		break;
	case FORM_MONTH:
		if (!csv_period(fl->text, fl->day)) {
			field_error(f, i, "'%s' is not a month (yyyy-mm or mm.yyyy)", q);
			ok = false;
		}
		break;
	case FORM_NUMBER:
		switch (csv_number_typed(fl->text, &fl->number)) {
		case CSV_NUM_OK:
			break;
		case CSV_NUM_GROUPED:
			field_error(f, i, "'%s' has a thousands separator; they are "
				    "not accepted", q);
			ok = false;
			break;
		default:
			field_error(f, i, "'%s' is not a number", q);
			ok = false;
			break;
		}
		break;
	default:
		break;
	}
	free(q);
	return ok;
}

/* ---- drawing ---- */

struct box {
	int y, x, h, w;		/* the frame */
	int lw, vx, vw;		/* label width, value column and width */
	int rows;		/* field lines that fit */
};

static void form_layout(const struct app *a, const struct form *f, struct box *b)
{
	size_t i;
	int need = (int)f->n + 4;

	b->w = a->cols - 2 < FORM_MAX_WIDTH ? a->cols - 2 : FORM_MAX_WIDTH;
	b->h = a->rows - 2 < need ? a->rows - 2 : need;
	b->x = (a->cols - b->w) / 2;
	b->y = (a->rows - 1 - b->h) / 2;
	if (b->y < 1)
		b->y = 1;
	b->lw = 0;
	for (i = 0; i < f->n; i++) {
		int lw = text_width(f->fields[i].label) + 1;

		if (lw > b->lw)
			b->lw = lw;
	}
	if (b->lw > b->w / 3)
		b->lw = b->w / 3;
	b->vx = b->x + 3 + b->lw;
	b->vw = b->w - 5 - b->lw;
	b->rows = b->h - 4;
	if (b->rows < 1)
		b->rows = 1;
}

static const char *placeholder(const struct form_field *fl)
{
	switch (fl->kind) {
	case FORM_DATE: return "dd.mm.yyyy or yyyy-mm-dd";
	case FORM_MONTH: return "yyyy-mm or mm.yyyy";
	case FORM_NUMBER: return fl->flags & FORM_REQUIRED ? "a number" : "(none)";
	default: return fl->flags & FORM_REQUIRED ? "" : "(optional)";
	}
}

/* The value of field i on row y; the cursor goes into the focused one. */
static void draw_value(struct form *f, const struct box *b, size_t i, int y)
{
	const struct form_field *fl = &f->fields[i];
	bool focus = i == f->focus;
	char buf[200];

	if (fl->kind == FORM_CHOICE) {
		snprintf(buf, sizeof(buf), focus ? "< %s >" : "  %s", fl->nchoices ?
			 fl->choices[fl->choice] : "");
		draw_field(y, b->vx, buf, b->vw, focus ? ROLE_INPUT : ROLE_TEXT);
	} else if (fl->kind == FORM_FIXED) {
		draw_field(y, b->vx, lineedit_text(&fl->le), b->vw, ROLE_DIM);
	} else if (!focus) {
		const char *t = lineedit_text(&fl->le);

		draw_field(y, b->vx, *t ? t : placeholder(fl), b->vw,
			   *t ? ROLE_TEXT : ROLE_DIM);
	} else {
		size_t from, to;
		int col;
		char *part;

		lineedit_window(&fl->le, b->vw, &from, &to, &col);
		part = dupn(lineedit_text(&fl->le) + from, to - from);
		draw_field(y, b->vx, part, b->vw, ROLE_INPUT);
		free(part);
		f->has_cursor = true;
		f->cur_y = y;
		f->cur_x = b->vx + col;
	}
}

static void form_draw(struct view *v)
{
	struct form *f = v->data;
	struct app *a = v->app;
	struct box b;
	char label[32], buf[120];
	int r;

	form_layout(a, f, &b);
	if (f->focus < f->top)
		f->top = f->focus;
	if (f->focus >= f->top + (size_t)b.rows)
		f->top = f->focus - (size_t)b.rows + 1;
	f->has_cursor = false;
	if ((int)f->n > b.rows)
		snprintf(label, sizeof(label), "%zu/%zu", f->focus + 1, f->n);
	else
		label[0] = '\0';
	draw_box(b.y, b.x, b.h, b.w, ROLE_FRAME, f->title, ROLE_PANE_TITLE, label,
		 ROLE_DIM);
	for (r = 1; r < b.h - 1; r++)
		draw_field(b.y + r, b.x + 1, "", b.w - 2, ROLE_TEXT);
	for (r = 0; r < b.rows && f->top + (size_t)r < f->n; r++) {
		size_t i = f->top + (size_t)r;
		int y = b.y + 1 + r;
		bool bad = (int)i == f->err_field;

		draw_field(y, b.x + 1, bad ? "!" : i == f->focus ? ">" : "", 1,
			   bad ? ROLE_ALERT : ROLE_PANE_TITLE);
		snprintf(buf, sizeof(buf), "%s:", f->fields[i].label);
		draw_field(y, b.x + 2, buf, b.lw, i == f->focus ? ROLE_PANE_TITLE : ROLE_TEXT);
		draw_value(f, &b, i, y);
	}
	if (f->err[0])
		draw_field(b.y + b.h - 3, b.x + 2, f->err, b.w - 4, ROLE_ALERT);
	snprintf(buf, sizeof(buf), "%sTab/Down next  Up back  Enter save  Esc cancel",
		 f->n && f->fields[f->focus].kind == FORM_CHOICE ? "Left/Right choose  " : "");
	draw_field(b.y + b.h - 2, b.x + 2, buf, b.w - 4, ROLE_DIM);
}

static bool form_cursor(struct view *v, int *y, int *x)
{
	struct form *f = v->data;

	*y = f->cur_y;
	*x = f->cur_x;
	return f->has_cursor;
}

/* ---- keys ---- */

static bool focusable(const struct form *f, size_t i)
{
	return f->fields[i].kind != FORM_FIXED;
}

static void move_focus(struct form *f, int delta)
{
	size_t i = f->focus, k;

	for (k = 0; k < f->n; k++) {
		i = (i + f->n + (size_t)(delta < 0 ? -1 : 1)) % f->n;
		if (focusable(f, i))
			break;
	}
	f->focus = i;
}

/* Enter: parse everything, then save; the form closes on success. */
static int form_submit(struct view *v)
{
	struct form *f = v->data;
	struct bpw_error err;
	int field = -1;
	size_t i;

	f->err[0] = '\0';
	f->err_field = -1;
	for (i = 0; i < f->n; i++)
		if (!field_parse(f, i)) {
			f->focus = i;
			return VIEW_REDRAW;
		}
	bpw_error_clear(&err);
	if (f->save(f, f->ctx, &field, &err) != 0) {
		if (field >= 0 && (size_t)field < f->n) {
			field_error(f, (size_t)field, "%s", err.msg);
			f->focus = (size_t)field;
		} else {
			snprintf(f->err, sizeof(f->err), "not saved: %.280s", err.msg);
		}
		return VIEW_REDRAW;
	}
	v->app->reload_after_back = true;
	return VIEW_BACK;
}

/* A letter on a choice: the next choice that starts with it. */
static bool choice_letter(struct form_field *fl, int ch)
{
	size_t k;

	if (ch > 127 || !isalnum(ch))
		return false;
	for (k = 1; k <= fl->nchoices; k++) {
		size_t c = (fl->choice + k) % fl->nchoices;

		if (tolower((unsigned char)fl->choices[c][0]) == tolower(ch)) {
			fl->choice = c;
			return true;
		}
	}
	return false;
}

static int form_key(struct view *v, enum action act, int ch)
{
	struct form *f = v->data;
	struct form_field *fl = f->n ? &f->fields[f->focus] : NULL;
	bool changed = false;

	(void)act;
	switch (ch) {
	case '\r': case '\n': case KEY_ENTER:
		return form_submit(v);
	case 27:
		if (!f->dirty)
			return VIEW_BACK;
		app_confirm(v->app, TAG_DISCARD, "Discard what was typed? y discards, "
			    "any other key goes back to the form");
		return VIEW_HANDLED;
	case '\t': case KEY_DOWN: case 14:	/* C-n */
		move_focus(f, 1);
		break;
	case KEY_BTAB: case KEY_UP: case 16:	/* C-p */
		move_focus(f, -1);
		break;
	case 12:				/* C-l: the app repaints */
		return VIEW_IGNORED;
	case KEY_RESIZE:
		return VIEW_REDRAW;
	default:
		if (fl == NULL || fl->kind == FORM_FIXED)
			break;
		if (fl->kind == FORM_CHOICE) {
			size_t was = fl->choice;

			if (fl->nchoices == 0)
				break;
			if (ch == KEY_RIGHT || ch == ' ')
				fl->choice = (fl->choice + 1) % fl->nchoices;
			else if (ch == KEY_LEFT)
				fl->choice = (fl->choice + fl->nchoices - 1) % fl->nchoices;
			else if (!choice_letter(fl, ch))
				break;
			if (fl->choice == was)
				break;	/* a choice of one: nothing changed */
			changed = true;
			if (f->changed)
				f->changed(f, f->ctx, (int)f->focus);
		} else {
			app_line_key(&fl->le, ch, &changed);
		}
		break;
	}
	if (changed)
		f->dirty = true;
	form_draw(v);
	return VIEW_HANDLED;
}

static int form_prompt(struct view *v, int tag, const char *text,
		       enum prompt_event ev)
{
	(void)v;
	(void)text;
	if (tag == TAG_DISCARD && ev == PROMPT_ENTER)
		return VIEW_BACK;
	return VIEW_REDRAW;
}

static const char *form_hints(struct view *v)
{
	struct form *f = v->data;

	snprintf(f->hints, sizeof(f->hints), "Enter save  Esc cancel");
	return f->hints;
}

static void form_destroy(struct view *v)
{
	form_free(v->data);
	free(v);
}

static const struct view_ops form_ops = {
	.name = "form",
	.keys = KC_ALL,
	.overlay = 1,
	.draw = form_draw,
	.key = form_key,
	.prompt = form_prompt,
	.hints = form_hints,
	.cursor = form_cursor,
	.destroy = form_destroy,
};

struct view *view_form_new(struct app *app, struct form *f)
{
	struct view *v;

	if (f == NULL)
		return NULL;
	v = xcalloc(1, sizeof(*v));
	v->ops = &form_ops;
	v->app = app;
	v->data = f;
	if (f->n && !f->focused && !focusable(f, 0))
		move_focus(f, 1);
	return v;
}
