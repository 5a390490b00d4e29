/* form.h: a modal form of labelled fields (text, date, month, number,
 * choice, fixed) over the screen that opened it. Nothing is written while
 * the user types: Enter checks every field, then calls the owner's save
 * function once (one transaction in core); Esc leaves, asking first when
 * something was typed. The form closes on a successful save and the
 * dashboard reloads, so every indicator shows the change at once.
 *
 * Building one:
 *	struct form *f = form_new("Log an event", save_fn, ctx, free);
 *	int kind = form_add_choice(f, "Kind", labels, n, 0);
 *	int day = form_add(f, FORM_DATE, "Date", today, FORM_REQUIRED);
 *	int title = form_add(f, FORM_TEXT, "Title", "", FORM_REQUIRED);
 *	app_push(app, view_form_new(app, f));
 * and in save_fn read form_choice(f, kind), form_date(f, day),
 * form_text(f, title). */
#ifndef BPW_FORM_H
#define BPW_FORM_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"

enum form_kind {
	FORM_TEXT,	/* free text, one line */
	FORM_DATE,	/* a day: dd.mm.yyyy or yyyy-mm-dd -> YYYY-MM-DD */
	FORM_MONTH,	/* a month: yyyy-mm, mm.yyyy, mm/yyyy or a day -> YYYY-MM-01 */
	FORM_NUMBER,	/* decimal comma or point; no thousands separator */
	FORM_CHOICE,	/* one of a list: Left/Right/Space, or its first letter */
	FORM_FIXED,	/* shown, not editable (what the form is about) */
};

enum form_flags {
	FORM_REQUIRED = 1 << 0,	/* empty is refused ("Title is required") */
};

struct form;

/* Called on Enter once every field parsed: writes what the form says (in
 * one transaction). Returns 0, or a negative code with err's message and
 * *field (preset to -1: the form as a whole) the index of the field it is
 * about; the form stays open then and shows the message by that field. */
typedef int (*form_save_fn)(struct form *f, void *ctx, int *field,
			    struct bpw_error *err);

/* Called when the user moves a choice field to another entry (field is
 * its index), before the form is drawn again: the owner may fill other
 * fields from the choice (form_set, form_set_choice). */
typedef void (*form_change_fn)(struct form *f, void *ctx, int field);

/* A new empty form titled title; ctx goes to save, and to ctx_free (may be
 * NULL) when the form is freed. */
struct form *form_new(const char *title, form_save_fn save, void *ctx,
		      void (*ctx_free)(void *));

/* Adds a field of kind (not FORM_CHOICE) starting from text (NULL: empty);
 * flags are enum form_flags. Returns its index. */
int form_add(struct form *f, enum form_kind kind, const char *label,
	     const char *text, unsigned flags);

/* Adds a choice among n labels (kept by pointer: they must outlive the
 * form), starting at choice. Returns its index. */
int form_add_choice(struct form *f, const char *label,
		    const char *const *labels, size_t n, size_t choice);

/* Puts the cursor on field (at first: the first editable field). */
void form_focus(struct form *f, int field);

/* Calls fn when a choice changes (one hook per form). */
void form_on_change(struct form *f, form_change_fn fn);

/* Replaces the text of a field that is not a choice (NULL: empty), the
 * cursor at its end; sets a choice field to entry choice. */
void form_set(struct form *f, int field, const char *text);
void form_set_choice(struct form *f, int field, size_t choice);

/* Sets the most bytes a text field takes (default 400). */
void form_set_max(struct form *f, int field, size_t max);

/* What a field holds once Enter parsed it (valid inside save): the text
 * with outer spaces trimmed, "" for empty; a date as YYYY-MM-DD or a
 * month as YYYY-MM-01 ("" empty); a number (*empty says whether one was
 * given; may be NULL); a choice's index. Owned by the form. */
const char *form_text(const struct form *f, int field);
const char *form_date(const struct form *f, int field);
double form_number(const struct form *f, int field, bool *empty);
size_t form_choice(const struct form *f, int field);

/* The text of a field as typed so far, not parsed (for a change hook). */
const char *form_raw(const struct form *f, int field);

/* True once the user changed anything. */
bool form_dirty(const struct form *f);

/* Frees the form; NULL is allowed. view_form_new takes ownership. */
void form_free(struct form *f);

/* The form as a modal view (tui/view_form.c); NULL when f is NULL. */
struct app;
struct view *view_form_new(struct app *app, struct form *f);

#endif
