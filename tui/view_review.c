/* view_review.c: one QA audit: its checklist by section, answered with
 * single keys (pass, fail, N/A, 0-5), notes per item and on the whole
 * audit typed in the bottom line, the live score and critical fails, and
 * finalising. Every answer and every note (as it is typed) is committed at
 * once; a final audit is read-only. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "draw.h"
#include "listnav.h"
#include "qa_review.h"
#include "view.h"
#include "xalloc.h"

#define LIST_TOP 4
#define DETAIL_ROWS 4
#define NOTE_MAX 4000

enum { TAG_NOTE = 1, TAG_REVIEW_NOTES, TAG_FINALISE };

/* A line of the checklist: a section heading or an item. */
struct line {
	size_t sec;
	long item;		/* index in the section, -1 for the heading */
	size_t k;		/* the item's index in answer[] and note[] */
};

struct review_view {
	int64_t id;
	struct qa_review rv;
	struct line *lines;
	size_t nlines;
	size_t sel, top;	/* lines; sel is always an item when any */
	char *orig;		/* a note as it was before the prompt opened */
	int64_t note_item;	/* the item the prompt edits, 0: the audit */
	bool theirs;		/* answer keys give the partner's own answers */
	char hints[200];
};

/* The partner's answers show once there are any, or while given. */
static bool show_theirs(const struct review_view *r)
{
	size_t k;

	if (r->theirs)
		return true;
	for (k = 0; k < r->rv.nitems; k++)
		if (r->rv.theirs[k][0])
			return true;
	return false;
}

static const struct qa_tpl_item *line_item(const struct review_view *r,
					   const struct line *l)
{
	return l->item < 0 ? NULL : &r->rv.tpl.sections[l->sec].items[l->item];
}

static void build_lines(struct review_view *r)
{
	size_t s, i, n = 0, k = 0;

	free(r->lines);
	for (s = 0; s < r->rv.tpl.nsections; s++)
		n += 1 + r->rv.tpl.sections[s].nitems;
	r->lines = xcalloc(n + 1, sizeof(*r->lines));
	r->nlines = 0;
	for (s = 0; s < r->rv.tpl.nsections; s++) {
		r->lines[r->nlines++] = (struct line){ s, -1, 0 };
		for (i = 0; i < r->rv.tpl.sections[s].nitems; i++)
			r->lines[r->nlines++] = (struct line){ s, (long)i, k++ };
	}
}

static int review_view_load(struct view *v)
{
	struct review_view *r = v->data;
	struct qa_review rv;
	struct bpw_error err;

	bpw_error_clear(&err);
	if (qa_review_load(v->app->store, r->id, v->app->cfg->critical_fail_cap,
			   &rv, &err) != 0) {
		app_message(v->app, "%.250s", err.msg);
		return -1;
	}
	qa_review_clear(&r->rv);
	r->rv = rv;
	build_lines(r);
	if (r->sel >= r->nlines)
		r->sel = r->nlines ? r->nlines - 1 : 0;
	/* Never rest on a heading. */
	while (r->sel + 1 < r->nlines && r->lines[r->sel].item < 0)
		r->sel++;
	return 0;
}

static int list_rows(const struct app *a)
{
	int n = a->rows - 1 - LIST_TOP - DETAIL_ROWS;

	return n > 1 ? n : 1;
}

static void review_view_scroll(struct view *v)
{
	struct review_view *r = v->data;
	size_t n = (size_t)list_rows(v->app);

	/* Keep the selected item's heading in view when it fits. */
	if (r->sel < r->top + 1 && r->sel > 0 && r->lines[r->sel - 1].item < 0)
		r->top = r->sel - 1;
	r->top = listnav_top(r->top, r->sel, n, r->nlines);
}

/* An answer as the list shows it. */
static const char *answer_label(const char *a, bool scale, char *buf, size_t n)
{
	if (a == NULL || a[0] == '\0')
		return scale ? "__/5" : "____";
	if (strcmp(a, "pass") == 0)
		return "pass";
	if (strcmp(a, "fail") == 0)
		return "FAIL";
	if (strcmp(a, "na") == 0)
		return "n/a";
	snprintf(buf, n, "%s/5", a);
	return buf;
}

static void draw_line(struct view *v, size_t i)
{
	struct review_view *r = v->data;
	struct app *a = v->app;
	const struct line *l = &r->lines[i];
	const struct qa_tpl_item *it = line_item(r, l);
	int y = LIST_TOP + (int)(i - r->top);
	bool sel = i == r->sel;
	enum theme_role base = sel ? ROLE_SELECTED : ROLE_TEXT;
	const char *ans;
	char buf[32];
	int x = 0;

	if (i < r->top || y >= LIST_TOP + list_rows(a))
		return;
	if (it == NULL) {
		draw_field(y, 0, "", 1, ROLE_TEXT);
		draw_field(y, 1, r->rv.tpl.sections[l->sec].title, a->cols - 1,
			   ROLE_PANE_TITLE);
		return;
	}
	ans = r->rv.answer[l->k];
	draw_field(y, 0, sel ? ">" : " ", 1, base);
	draw_field(y, 1, " ", 1, base);
	draw_field(y, 2, answer_label(ans, it->scale, buf, sizeof(buf)), 6,
		   qa_answer_fails(ans) ? ROLE_ALERT : ans[0] ? base : ROLE_DIM);
	if (show_theirs(r)) {	/* the partner's own answer, = when the same */
		const char *t = r->rv.theirs[l->k];
		char mark = !t[0] || !ans[0] ? ' ' : strcmp(t, ans) == 0 ? '=' : '#';

		snprintf(buf, sizeof(buf), "%c", mark);
		draw_field(y, 8, buf, 1, base);
		draw_field(y, 9, answer_label(t, it->scale, buf, sizeof(buf)), 6,
			   t[0] ? base : ROLE_DIM);
		x = 7;
	}
	draw_field(y, 8 + x, it->critical ? (qa_answer_fails(ans) ? "!" : "C") : " ", 2,
		   it->critical && qa_answer_fails(ans) ? ROLE_ALERT : base);
	snprintf(buf, sizeof(buf), "%g", it->weight);
	draw_field(y, 10 + x, buf, 4, base);
	draw_field(y, 14 + x, r->rv.note[l->k] && r->rv.note[l->k][0] ? "*" : " ", 2,
		   base);
	draw_field(y, 16 + x, it->text, a->cols - 16 - x, base);
}

static void draw_header(struct view *v)
{
	struct review_view *r = v->data;
	struct app *a = v->app;
	const struct qa_review *rv = &r->rv;
	char buf[400], score[32], done[80];

	snprintf(buf, sizeof(buf), " (%s) > QA audit #%lld", rv->partner_code,
		 (long long)rv->id);
	draw_title_named(a, "bpowatch > ", rv->partner_name, buf);
	snprintf(buf, sizeof(buf), "%s v%d   %s   reviewer %s   %s", rv->tpl.name,
		 rv->tpl.version, rv->date, rv->reviewer,
		 rv->final ? "FINAL (read-only)" : "DRAFT: saved as you type");
	draw_field(1, 1, buf, a->cols - 2, rv->final ? ROLE_DIM : ROLE_TEXT);
	if (isnan(rv->shown))
		snprintf(score, sizeof(score), "-");
	else
		snprintf(score, sizeof(score), "%.1f%%", rv->shown);
	qa_answered_text(&rv->score, done, sizeof(done));
	snprintf(buf, sizeof(buf), "Score %s   passing %g%%   %s", score,
		 rv->tpl.passing, done);
	draw_field(2, 1, buf, a->cols - 2, ROLE_TEXT);
	if (rv->failed) {
		int x = 1 + (int)strlen(buf) + 3;

		snprintf(buf, sizeof(buf), "! %zu CRITICAL FAIL%s", rv->score.critical_fails,
			 rv->score.critical_fails == 1 ? "" : "S");
		if (x < a->cols - 4)
			draw_field(2, x, buf, a->cols - 1 - x, ROLE_ALERT);
	}
	if (!isnan(rv->gap) || r->theirs) {
		char gap[48] = "-", own[24] = "-";

		if (!isnan(rv->gap))
			snprintf(gap, sizeof(gap), "%+.1f pts on %zu items", rv->gap, rv->gap_items);
		if (!isnan(rv->their_score.score))
			snprintf(own, sizeof(own), "%.1f%%", rv->their_score.score);
		snprintf(buf, sizeof(buf), "Partner's own score %s   calibration gap %s%s",
			 own, gap, r->theirs ? "   ANSWERING FOR THE PARTNER (o: ours)" : "");
		draw_field(3, 1, buf, a->cols - 2, r->theirs ? ROLE_WATCH : ROLE_TEXT);
	} else {
		draw_field(3, 1, show_theirs(r) ? "Answer  Theirs C Wt   * Item"
			   : "Answer  C Wt   * Item", a->cols - 2, ROLE_DIM);
	}
}

/* The selected item in full, its note, and the audit's notes. */
static void draw_detail(struct view *v)
{
	struct review_view *r = v->data;
	struct app *a = v->app;
	int y = LIST_TOP + list_rows(a), i;
	const struct line *l = r->nlines ? &r->lines[r->sel] : NULL;
	const struct qa_tpl_item *it = l ? line_item(r, l) : NULL;
	char buf[300];

	for (i = 0; i < DETAIL_ROWS; i++)
		draw_field(y + i, 0, "", a->cols, ROLE_TEXT);
	if (it) {
		snprintf(buf, sizeof(buf), "%s: weight %g%s, %s", r->rv.tpl.sections[l->sec].title,
			 it->weight, it->critical ? ", CRITICAL" : "",
			 it->scale ? "0-5 or n/a (keys 0-5, n)" :
			 "pass, fail or n/a (keys p, f, n)");
		draw_field(y, 1, buf, a->cols - 2, ROLE_DIM);
		draw_text(y + 1, 1, "Note: ", 6, ROLE_DIM);
		draw_wrap(y + 1, 7, a->cols - 8, 2,
			  r->rv.note[l->k] && r->rv.note[l->k][0] ? r->rv.note[l->k]
			  : r->rv.final ? "-" : "(none: e adds one)", ROLE_TEXT);
	}
	draw_text(y + 3, 1, "Audit notes: ", 13, ROLE_DIM);
	draw_field(y + 3, 14, r->rv.notes && r->rv.notes[0] ? r->rv.notes :
		   r->rv.final ? "-" : "(none: N adds them)", a->cols - 15, ROLE_TEXT);
}

static void review_view_draw(struct view *v)
{
	struct review_view *r = v->data;
	size_t i;

	review_view_scroll(v);
	draw_header(v);
	for (i = r->top; i < r->nlines; i++)
		draw_line(v, i);
	draw_list_marks(LIST_TOP - 1, 1, v->app->cols - 2, r->top,
			(size_t)list_rows(v->app), r->nlines);
	draw_detail(v);
}

/* Moves the selection by delta items (headings skipped). */
static int move(struct view *v, long delta, bool to_end)
{
	struct review_view *r = v->data;
	size_t i = r->sel;
	long step = delta < 0 ? -1 : 1, left = delta < 0 ? -delta : delta;

	if (to_end)
		left = (long)r->nlines;
	while (left > 0) {
		size_t j = i;

		/* The next item in that direction. */
		do {
			if ((step < 0 && j == 0) || (step > 0 && j + 1 >= r->nlines)) {
				j = i;
				break;
			}
			j = (size_t)((long)j + step);
		} while (r->lines[j].item < 0);
		if (j == i)
			break;
		i = j;
		left--;
	}
	if (i == r->sel && !(to_end && step < 0))
		return VIEW_HANDLED;
	r->sel = i;
	if (to_end && step < 0)
		r->top = 0;
	return VIEW_HANDLED | VIEW_REDRAW;
}

static bool read_only(struct view *v)
{
	struct review_view *r = v->data;

	if (!r->rv.final)
		return false;
	app_message(v->app, "audit #%lld is final: read-only", (long long)r->id);
	return true;
}

static int answer(struct view *v, const char *ans)
{
	struct review_view *r = v->data;
	const struct line *l = r->nlines ? &r->lines[r->sel] : NULL;
	const struct qa_tpl_item *it = l ? line_item(r, l) : NULL;
	struct bpw_error err;

	if (it == NULL || read_only(v))
		return VIEW_HANDLED;
	if (ans && !qa_answer_fits(ans, it->scale)) {
		app_message(v->app, it->scale ? "this item is scored 0-5 (n: n/a)"
			    : "this item is pass, fail or n/a (p, f, n)");
		return VIEW_HANDLED;
	}
	bpw_error_clear(&err);
	if ((r->theirs ? qa_review_set_partner_answer : qa_review_set_answer)
	    (v->app->store, r->id, it->id, ans, &err) != 0) {
		app_message(v->app, "%.250s", err.msg);
		review_view_load(v);
		return VIEW_HANDLED | VIEW_REDRAW;
	}
	review_view_load(v);
	if (ans)
		move(v, 1, false);	/* on to the next item */
	return VIEW_HANDLED | VIEW_REDRAW;
}

static int edit_note(struct view *v, bool whole)
{
	struct review_view *r = v->data;
	const struct line *l = r->nlines ? &r->lines[r->sel] : NULL;
	const struct qa_tpl_item *it = l ? line_item(r, l) : NULL;
	const char *now;

	if (read_only(v) || (!whole && it == NULL))
		return VIEW_HANDLED;
	now = whole ? r->rv.notes : r->rv.note[l->k];
	free(r->orig);
	r->orig = xstrdup(now ? now : "");
	r->note_item = whole ? 0 : it->id;
	app_prompt(v->app, whole ? TAG_REVIEW_NOTES : TAG_NOTE,
		   whole ? "Audit notes: " : "Note: ", r->orig, NOTE_MAX, true);
	return VIEW_HANDLED;
}

static int finalise(struct view *v)
{
	struct review_view *r = v->data;
	const struct qa_review *rv = &r->rv;
	char q[240], score[24];

	if (read_only(v))
		return VIEW_HANDLED;
	if (isnan(rv->shown))
		snprintf(score, sizeof(score), "no score");
	else
		snprintf(score, sizeof(score), "%.1f%%", rv->shown);
	snprintf(q, sizeof(q), "Finalise audit #%lld (%s%s, %zu unanswered)? "
		 "Read-only after. y/N ", (long long)rv->id, score,
		 rv->failed ? ", FAILED" : "", rv->score.unanswered);
	app_confirm(v->app, TAG_FINALISE, q);
	return VIEW_HANDLED;
}

static int review_view_key(struct view *v, enum action act, int ch)
{
	static const char *const scale[] = { "0", "1", "2", "3", "4", "5" };
	struct review_view *r = v->data;
	long page = list_rows(v->app);

	(void)ch;
	switch (act) {
	case ACT_UP:
		return move(v, -1, false);
	case ACT_DOWN:
		return move(v, 1, false);
	case ACT_PAGE_UP:
		return move(v, -page, false);
	case ACT_PAGE_DOWN:
		return move(v, page, false);
	case ACT_HOME:
		return move(v, -1, true);
	case ACT_END:
		return move(v, 1, true);
	case ACT_ANSWER_PASS:
		return answer(v, "pass");
	case ACT_ANSWER_FAIL:
		return answer(v, "fail");
	case ACT_ANSWER_NA:
		return answer(v, "na");
	case ACT_ANSWER_0: case ACT_ANSWER_1: case ACT_ANSWER_2:
	case ACT_ANSWER_3: case ACT_ANSWER_4: case ACT_ANSWER_5:
		return answer(v, scale[act - ACT_ANSWER_0]);
	case ACT_ANSWER_CLEAR:
		return answer(v, NULL);
	case ACT_NOTE: case ACT_OPEN:
		if (act == ACT_OPEN && app_refuse_edit(v->app))
			return VIEW_HANDLED;	/* Enter edits the note here */
		return edit_note(v, false);
	case ACT_REVIEW_NOTES:
		return edit_note(v, true);
	case ACT_FINALISE:
		return finalise(v);
	case ACT_PARTNER_SIDE:
		r->theirs = !r->theirs;
		app_message(v->app, r->theirs ? "answer keys now give the partner's own "
			    "answers (o: ours again)" : "answer keys give our answers again");
		return VIEW_HANDLED | VIEW_REDRAW;
	case ACT_EDIT_TEMPLATE:
		app_push(v->app, view_template_new(v->app, r->rv.tpl.id));
		return VIEW_HANDLED | VIEW_REDRAW;
	default:
		return VIEW_IGNORED;
	}
}

static int save_note(struct view *v, const char *text)
{
	struct review_view *r = v->data;
	struct bpw_error err;

	bpw_error_clear(&err);
	if (qa_review_set_note(v->app->store, r->id, r->note_item, text, &err) != 0) {
		app_message(v->app, "note not saved: %.230s", err.msg);
		return -1;
	}
	return 0;
}

static int review_view_prompt(struct view *v, int tag, const char *text,
		     enum prompt_event ev)
{
	struct review_view *r = v->data;
	struct bpw_error err;

	if (tag == TAG_FINALISE) {
		if (ev != PROMPT_ENTER) {
			app_message(v->app, "still a draft");
			return VIEW_REDRAW;
		}
		bpw_error_clear(&err);
		if (qa_review_finalise(v->app->store, r->id, &err) != 0) {
			app_message(v->app, "%.250s", err.msg);
			return VIEW_REDRAW;
		}
		/* The dashboard's QA figures change with a final audit. */
		app_reload(v->app);
		app_message(v->app, "audit #%lld is final", (long long)r->id);
		return VIEW_REDRAW;
	}
	switch (ev) {
	case PROMPT_CHANGED:
		save_note(v, text);
		return 0;
	case PROMPT_ENTER:
		if (save_note(v, text) == 0)
			app_message(v->app, "note saved");
		break;
	case PROMPT_CANCEL:
		if (save_note(v, r->orig) == 0)
			app_message(v->app, "note unchanged");
		break;
	}
	review_view_load(v);
	return VIEW_REDRAW;
}

static void review_view_resume(struct view *v)
{
	review_view_load(v);
}

static int review_view_reload(struct view *v)
{
	return review_view_load(v);
}

static const char *review_view_hints(struct view *v)
{
	struct review_view *r = v->data;
	char h[4][40];

	if (r->rv.final) {
		snprintf(r->hints, sizeof(r->hints), "final: read-only  %s %s",
			 keymap_hint(ACT_BACK, "back", h[0], sizeof(h[0])),
			 keymap_hint(ACT_HELP, "help", h[1], sizeof(h[1])));
		return r->hints;
	}
	snprintf(r->hints, sizeof(r->hints), "p/f/n 0-5:answer %s %s %s %s",
		 keymap_hint(ACT_NOTE, "note", h[0], sizeof(h[0])),
		 keymap_hint(ACT_REVIEW_NOTES, "audit notes", h[1], sizeof(h[1])),
		 keymap_hint(ACT_FINALISE, "finalise", h[2], sizeof(h[2])),
		 keymap_hint(ACT_HELP, "help", h[3], sizeof(h[3])));
	return r->hints;
}

static void review_view_destroy(struct view *v)
{
	struct review_view *r = v->data;

	qa_review_clear(&r->rv);
	free(r->lines);
	free(r->orig);
	free(r);
	free(v);
}

static const struct view_ops review_ops = {
	.name = "review",
	.keys = KC_REVIEW,
	.draw = review_view_draw,
	.key = review_view_key,
	.reload = review_view_reload,
	.resume = review_view_resume,
	.hints = review_view_hints,
	.destroy = review_view_destroy,
	.prompt = review_view_prompt,
};

struct view *view_review_new(struct app *app, int64_t review_id)
{
	struct review_view *r;
	struct view *v = xcalloc(1, sizeof(*v));

	r = xcalloc(1, sizeof(*r));
	r->id = review_id;
	v->ops = &review_ops;
	v->app = app;
	v->data = r;
	if (review_view_load(v) != 0) {
		review_view_destroy(v);
		return NULL;
	}
	/* Open on the first unanswered item of a draft. */
	if (!r->rv.final) {
		size_t i;

		for (i = 0; i < r->nlines; i++)
			if (r->lines[i].item >= 0 && r->rv.answer[r->lines[i].k][0] == '\0') {
				r->sel = i;
				break;
			}
	}
	return v;
}

/* Whether section key is one of the n keys (n 0: every section counts). */
static bool section_in(const char *key, const char *const *keys, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(key, keys[i]) == 0)
			return true;
	return n == 0;
}

struct view *view_review_at_failed(struct app *app, int64_t review_id,
				   const char *const *sections, size_t nsections)
{
	struct view *v = view_review_new(app, review_id);
	struct review_view *r;
	size_t i, failed = 0;
	bool first = true;

	if (v == NULL)
		return NULL;
	r = v->data;
	for (i = 0; i < r->nlines; i++) {
		const struct line *l = &r->lines[i];

		if (l->item < 0 ||
		    !section_in(r->rv.tpl.sections[l->sec].key, sections, nsections))
			continue;
		if (first && nsections)		/* else the first judged item */
			r->sel = i;
		first = false;
		if (!qa_answer_fails(r->rv.answer[l->k]))
			continue;
		if (failed++ == 0)
			r->sel = i;
	}
	if (failed)
		app_message(app, "%zu failed item%s%s; the first is selected", failed,
			    failed == 1 ? "" : "s", nsections ? " in the sections judged" : "");
	else if (nsections)
		app_message(app, "no failed item in the sections judged; the first of "
			    "them is selected");
	else
		app_message(app, "no failed item in this audit");
	return v;
}
