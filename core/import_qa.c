/* import_qa.c: QA audits from the CSV `qa export` writes: one row per
 * checklist item, an audit's rows together under one review key. The
 * template is found by name and version (created from the rows when the
 * database lacks it); an audit by partner, date, template and reviewer.
 * A final audit in the database is never changed. */
#include <stdlib.h>
#include <string.h>

#include "import_run.h"
#include "qa.h"
#include "qa_review.h"
#include "qa_template.h"
#include "xalloc.h"

/* The audit-level columns: every row of an audit must repeat them. */
static const enum col head_cols[] = {
	C_PARTNER, C_DATE, C_REVIEWER, C_STATUS, C_TEMPLATE, C_VERSION,
	C_REVIEW_NOTES,
};
#define NHEAD (sizeof(head_cols) / sizeof(head_cols[0]))
enum { H_PARTNER, H_DATE, H_REVIEWER, H_STATUS, H_TEMPLATE, H_VERSION, H_NOTES };

/* One checklist row of the audit being read. */
struct qa_row {
	int line;
	int col_item, col_answer, col_theirs;	/* for messages */
	char *section, *item, *answer, *theirs, *note;
	double weight;
	bool critical, scale;
};

struct qa_batch {
	char *key;		/* the audit being read (NULL: none) */
	int line;		/* its first row */
	char *head[NHEAD];	/* its audit-level fields as in the first row */
	int64_t partner_id;
	char date[DATE_LEN];
	int version;		/* 0: not a version */
	bool final;
	struct qa_row *rows;
	size_t nrows;
	char **seen;		/* keys of the audits done in this file */
	size_t nseen;
};

static void clear_audit(struct qa_batch *b)
{
	size_t i;

	for (i = 0; i < b->nrows; i++) {
		free(b->rows[i].section);
		free(b->rows[i].item);
		free(b->rows[i].answer);
		free(b->rows[i].theirs);
		free(b->rows[i].note);
	}
	free(b->rows);
	b->rows = NULL;
	b->nrows = 0;
	for (i = 0; i < NHEAD; i++) {
		free(b->head[i]);
		b->head[i] = NULL;
	}
	if (b->key) {
		b->seen = xrealloc(b->seen, (b->nseen + 1) * sizeof(*b->seen));
		b->seen[b->nseen++] = b->key;
		b->key = NULL;
	}
}

static bool seen(const struct qa_batch *b, const char *key)
{
	size_t i;

	for (i = 0; i < b->nseen; i++)
		if (strcmp(b->seen[i], key) == 0)
			return true;
	return false;
}

/* The first row of an audit: its key and the fields that name it. */
static void begin_audit(struct run *u, struct qa_batch *b, const char *key,
			int line)
{
	const char *v;
	size_t i;

	b->key = xstrdup(key);
	b->line = line;
	for (i = 0; i < NHEAD; i++)
		b->head[i] = xstrdup(import_field(u, head_cols[i]));
	if (seen(b, key))
		import_error(u, line, import_column(u, C_REVIEW), "review %.20s "
			     "appeared further up: the rows of an audit must be "
			     "together", key);
	b->partner_id = import_row_partner(u, line);
	if (!csv_date(v = import_field(u, C_DATE), b->date))
		import_error(u, line, import_column(u, C_DATE), "'%.30s' is not a "
			     "date (YYYY-MM-DD or DD.MM.YYYY)", v);
	v = import_field(u, C_STATUS);
	b->final = strcmp(v, "final") == 0;
	if (!b->final && *v && strcmp(v, "draft") != 0)
		import_error(u, line, import_column(u, C_STATUS), "status '%.20s' is "
			     "neither draft nor final", v);
	if (*import_field(u, C_TEMPLATE) == '\0')
		import_error(u, line, import_column(u, C_TEMPLATE), "no template name");
	v = import_field(u, C_VERSION);
	b->version = (int)strtol(v, NULL, 10);
	if (strspn(v, "0123456789") != strlen(v) || strlen(v) > 6 || b->version < 1) {
		import_error(u, line, import_column(u, C_VERSION), "version '%.20s' "
			     "is not a number from 1", v);
		b->version = 0;
	}
}

/* A later row of the audit: its audit-level fields must be the first's. */
static void check_head(struct run *u, struct qa_batch *b, int line)
{
	size_t i;

	for (i = 0; i < NHEAD; i++)
		if (strcmp(import_field(u, head_cols[i]), b->head[i]) != 0)
			import_error(u, line, import_column(u, head_cols[i]),
				     "the %s differs from the first row of review "
				     "%.20s (line %d)", import_col_name(head_cols[i]),
				     b->key, b->line);
}

/* Adds the checklist item of the current row. */
static void add_row(struct run *u, struct qa_batch *b, int line)
{
	const char *kind = import_field(u, C_KIND), *v;
	struct qa_row *r;

	if (*import_field(u, C_SECTION) == '\0' && *import_field(u, C_ITEM) == '\0' &&
	    *import_field(u, C_ANSWER) == '\0')
		return;		/* an audit without items */
	b->rows = xrealloc(b->rows, (b->nrows + 1) * sizeof(*b->rows));
	r = &b->rows[b->nrows++];
	memset(r, 0, sizeof(*r));
	r->line = line;
	r->col_item = import_column(u, C_ITEM);
	r->col_answer = import_column(u, C_ANSWER);
	r->col_theirs = import_column(u, C_PARTNER_ANSWER);
	r->section = xstrdup(import_field(u, C_SECTION));
	r->item = xstrdup(import_field(u, C_ITEM));
	r->answer = xstrdup(import_field(u, C_ANSWER));
	r->theirs = xstrdup(import_field(u, C_PARTNER_ANSWER));
	r->note = xstrdup(import_field(u, C_ITEM_NOTE));
	if (*r->section == '\0')
		import_error(u, line, import_column(u, C_SECTION), "no section title");
	if (*r->item == '\0')
		import_error(u, line, r->col_item, "the item has no text");
	r->scale = strcmp(kind, "scale") == 0;
	if (!r->scale && *kind && strcmp(kind, "pass_fail") && strcmp(kind, "passfail"))
		import_error(u, line, import_column(u, C_KIND), "kind '%.20s' is "
			     "neither pass_fail nor scale", kind);
	r->weight = 1;
	v = import_field(u, C_WEIGHT);
	if (*v && (!csv_number(v, csv_reader_decimal(u->r), &r->weight) ||
		   r->weight < 0 || r->weight > 1000))
		import_error(u, line, import_column(u, C_WEIGHT), "weight '%.20s' is "
			     "not a number from 0 to 1000", v);
	if (!import_yes_no(v = import_field(u, C_CRITICAL), &r->critical))
		import_error(u, line, import_column(u, C_CRITICAL), "critical is yes "
			     "or no, not '%.20s'", v);
}

/* The template of the audit from its rows, sections in order. */
static void template_of_rows(const struct qa_batch *b, const char *name,
			     struct qa_template *t)
{
	size_t i;

	memset(t, 0, sizeof(*t));
	t->name = xstrdup(name);
	t->passing = 80;
	t->sections = xcalloc(b->nrows + 1, sizeof(*t->sections));
	for (i = 0; i < b->nrows; i++) {
		const struct qa_row *r = &b->rows[i];
		struct qa_tpl_section *s;

		if (i == 0 || strcmp(r->section, b->rows[i - 1].section) != 0) {
			s = &t->sections[t->nsections++];
			s->key = xstrdup("");
			s->title = xstrdup(r->section);
			s->items = xcalloc(b->nrows, sizeof(*s->items));
		}
		s = &t->sections[t->nsections - 1];
		s->items[s->nitems++] = (struct qa_tpl_item){
			.text = xstrdup(r->item), .weight = r->weight,
			.critical = r->critical, .scale = r->scale };
	}
}

/* Checks the rows against template t: the same section titles and item
 * texts in the same order; takes the kinds from t. */
static bool rows_match(struct run *u, struct qa_batch *b,
		       const struct qa_template *t)
{
	size_t s, i, k = 0;

	for (s = 0; s < t->nsections; s++)
		for (i = 0; i < t->sections[s].nitems; i++, k++) {
			const struct qa_tpl_item *it = &t->sections[s].items[i];
			struct qa_row *r = k < b->nrows ? &b->rows[k] : NULL;

			if (r == NULL) {
				import_error(u, k ? b->rows[k - 1].line : b->line, 1,
					     "review %.20s has %zu items, but %.40s v%d "
					     "in the database has %zu", b->key, b->nrows,
					     t->name, t->version, t->items);
				return false;
			}
			if (strcmp(r->section, t->sections[s].title) != 0 ||
			    strcmp(r->item, it->text) != 0) {
				import_error(u, r->line, r->col_item, "item %zu is '%.40s' "
					     "in section '%.40s', but in %.40s v%d in the "
					     "database it is '%.40s' in '%.40s'", k + 1,
					     r->item, r->section, t->name, t->version,
					     it->text, t->sections[s].title);
				return false;
			}
			r->scale = it->scale;
		}
	if (k < b->nrows) {
		import_error(u, b->rows[k].line, b->rows[k].col_item, "%.40s v%d in "
			     "the database has only %zu items", t->name, t->version, k);
		return false;
	}
	return true;
}

/* Finds the audit's template by name and version, or stores it from the
 * rows (when the run has no errors: else nothing will be stored); loads it
 * into t. 0 when the rows do not fit it (an error is recorded). */
static int resolve_template(struct run *u, struct qa_batch *b,
			    struct qa_template *t)
{
	const char *name = b->head[H_TEMPLATE];
	struct qa_template made;
	struct bpw_error err;
	int64_t id;
	int rc;

	rc = qa_template_find(u->st, name, b->version, &id, &err);
	if (rc == BPW_ENOENT) {
		if (!import_writes(u))
			return 1;	/* nothing is stored now: check the answers only */
		template_of_rows(b, name, &made);
		rc = qa_template_add_version(u->st, &made, b->version, &id, &err);
		qa_template_clear(&made);
	}
	if (rc == 0)
		rc = qa_template_load(u->st, id, t, &err);
	if (rc != 0) {
		import_error(u, b->line, 1, "%s", err.msg);
		return 0;
	}
	return rows_match(u, b, t);
}

/* The row whose answer or note differs from review r, or NULL. */
static const struct qa_row *first_change(const struct qa_batch *b,
					 const struct qa_review *r)
{
	size_t k;

	for (k = 0; k < b->nrows && k < r->nitems; k++)
		if (strcmp(b->rows[k].answer, r->answer[k]) != 0 ||
		    strcmp(b->rows[k].theirs, r->theirs[k]) != 0 ||
		    strcmp(b->rows[k].note, r->note[k]) != 0)
			return &b->rows[k];
	return NULL;
}

/* Writes the answers, notes and status of the rows into draft review id
 * (old: what it holds now, NULL for a new one). */
static int write_review(struct run *u, struct qa_batch *b, int64_t id,
			const struct qa_template *t, const struct qa_review *old,
			struct bpw_error *err)
{
	const char *notes = b->head[H_NOTES];
	size_t s, i, k = 0;
	int rc = 0;

	for (s = 0; rc == 0 && s < t->nsections; s++)
		for (i = 0; rc == 0 && i < t->sections[s].nitems; i++, k++) {
			const struct qa_row *r = &b->rows[k];
			int64_t item = t->sections[s].items[i].id;

			if (strcmp(r->answer, old ? old->answer[k] : "") != 0)
				rc = qa_review_set_answer(u->st, id, item, r->answer, err);
			if (rc == 0 && strcmp(r->theirs, old ? old->theirs[k] : "") != 0)
				rc = qa_review_set_partner_answer(u->st, id, item, r->theirs,
								  err);
			if (rc == 0 && strcmp(r->note, old ? old->note[k] : "") != 0)
				rc = qa_review_set_note(u->st, id, item, r->note, err);
		}
	if (rc == 0 && strcmp(notes, old ? old->notes : "") != 0)
		rc = qa_review_set_note(u->st, id, 0, notes, err);
	if (rc == 0 && b->final)
		rc = qa_review_finalise(u->st, id, err);
	return rc;
}

/* Stores the audit (template t) as a new review or into the one it
 * names. */
static void store_audit(struct run *u, struct qa_batch *b,
			const struct qa_template *t)
{
	const struct qa_row *ch;
	struct qa_review old;
	struct bpw_error err;
	int64_t id;
	int rc;

	rc = qa_review_find(u->st, b->partner_id, t->id, b->date, b->head[H_REVIEWER], &id, &err);
	if (rc == BPW_ENOENT) {
		rc = qa_review_start(u->st, b->partner_id, t->id, b->date, b->head[H_REVIEWER],
				     &id, &err);
		if (rc == 0)
			rc = write_review(u, b, id, t, NULL, &err);
		if (rc == 0)
			import_count(u, UPSERT_INSERTED);
	} else if (rc == 0 && (rc = qa_review_load(u->st, id, 100, &old, &err)) == 0) {
		ch = first_change(b, &old);
		if (!ch && old.final == b->final && strcmp(old.notes, b->head[H_NOTES]) == 0) {
			import_count(u, UPSERT_UNCHANGED);
		} else if (old.final) {
			import_error(u, ch ? ch->line : b->line, ch ? ch->col_answer : 1,
				     "the audit of %.20s on %s by %.40s is final in the "
				     "database and cannot be changed (%s%.40s%s)",
				     old.partner_code, b->date, b->head[H_REVIEWER],
				     ch ? "the answer or note of '" : !b->final ?
				     "the file makes it a draft" : "the file changes "
				     "its notes", ch ? ch->item : "", ch ? "' differs" : "");
		} else {
			rc = write_review(u, b, id, t, &old, &err);
			if (rc == 0)
				import_count(u, UPSERT_UPDATED);
		}
		qa_review_clear(&old);
	}
	if (rc != 0)
		import_error(u, b->line, 1, "%s", err.msg);
}

/* The audit is read: checks its template and answers, then stores it. */
static void end_audit(struct run *u, struct qa_batch *b)
{
	struct qa_template t = { 0 };
	size_t k;

	if (b->key == NULL)
		return;
	if (b->version == 0 || !resolve_template(u, b, &t))
		goto out;
	for (k = 0; k < b->nrows; k++) {
		const struct qa_row *r = &b->rows[k];

		if (*r->answer && (strlen(r->answer) > 7 ||
				   !qa_answer_fits(r->answer, r->scale)))
			import_error(u, r->line, r->col_answer, "'%.20s' is not an "
				     "answer to a %s item (%s, or empty)", r->answer,
				     r->scale ? "scale" : "pass/fail", r->scale ?
				     "0-5 or na" : "pass, fail or na");
		if (*r->theirs && (strlen(r->theirs) > 7 ||
				   !qa_answer_fits(r->theirs, r->scale)))
			import_error(u, r->line, r->col_theirs, "'%.20s' is not an "
				     "answer to a %s item (%s, or empty)", r->theirs,
				     r->scale ? "scale" : "pass/fail", r->scale ?
				     "0-5 or na" : "pass, fail or na");
	}
	if (b->partner_id != 0 && import_writes(u))
		store_audit(u, b, &t);
out:
	qa_template_clear(&t);
	clear_audit(b);
}

void import_qa_row(struct run *u, int line)
{
	const char *key = import_field(u, C_REVIEW);
	struct qa_batch *b;

	if (u->qa == NULL)
		u->qa = xcalloc(1, sizeof(*u->qa));
	b = u->qa;
	if (*key == '\0') {
		import_error(u, line, import_column(u, C_REVIEW), "no review key (the "
			     "rows of one audit share it)");
		return;
	}
	if (b->key && strcmp(b->key, key) != 0)
		end_audit(u, b);
	if (b->key == NULL)
		begin_audit(u, b, key, line);
	else
		check_head(u, b, line);
	add_row(u, b, line);
}

void import_qa_end(struct run *u)
{
	size_t i;

	if (u->qa == NULL)
		return;
	end_audit(u, u->qa);
	for (i = 0; i < u->qa->nseen; i++)
		free(u->qa->seen[i]);
	free(u->qa->seen);
	u->qa->seen = NULL;
	u->qa->nseen = 0;
}

void import_qa_free(struct run *u)
{
	if (u->qa == NULL)
		return;
	clear_audit(u->qa);
	import_qa_end(u);
	free(u->qa);
	u->qa = NULL;
}
