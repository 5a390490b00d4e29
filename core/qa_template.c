/* qa_template.c: QA templates: listing, loading, editing with
 * copy-on-write versions, and template files (import and export). */
#include "qa_template.h"

#include <ctype.h>
#include <errno.h>
#include <libconfig.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "audit.h"
#include "sheet.h"
#include "xalloc.h"

#define TPL_COLUMNS \
	"t.id, t.name, t.version, t.passing_score, t.created," \
	" (SELECT max(v.version) FROM qa_template v WHERE v.name = t.name)," \
	" EXISTS (SELECT 1 FROM qa_review r WHERE r.template_id = t.id" \
	"   AND r.status = 'final')," \
	" (SELECT count(*) FROM qa_review r WHERE r.template_id = t.id)," \
	" (SELECT count(*) FROM qa_item i JOIN qa_section s ON s.id = i.section_id" \
	"   WHERE s.template_id = t.id)"

static const char sql_list[] =
	"SELECT " TPL_COLUMNS " FROM qa_template t ORDER BY t.name, t.version";
static const char sql_one[] =
	"SELECT " TPL_COLUMNS " FROM qa_template t WHERE t.id = ?1";
static const char sql_latest_named[] =
	"SELECT id FROM qa_template WHERE name = ?1 ORDER BY version DESC LIMIT 1";
static const char sql_latest_any[] =
	"SELECT id FROM qa_template ORDER BY created DESC, id DESC LIMIT 1";
static const char sql_sections[] =
	"SELECT id, key, title FROM qa_section WHERE template_id = ?1"
	" ORDER BY position";
static const char sql_items[] =
	"SELECT i.id, i.section_id, i.text, i.weight, i.critical, i.answer_kind,"
	" coalesce(i.origin_id, i.id) FROM qa_item i JOIN qa_section s ON s.id = i.section_id"
	" WHERE s.template_id = ?1 ORDER BY s.position, i.position";
static const char sql_named_version[] =
	"SELECT id FROM qa_template WHERE name = ?1 AND version = ?2";
static const char sql_insert_tpl[] =
	"INSERT INTO qa_template(name, version, passing_score, created)"
	" VALUES (?1, coalesce(?4, (SELECT coalesce(max(version), 0) + 1"
	"  FROM qa_template WHERE name = ?1)), ?2, ?3)";
static const char sql_insert_section[] =
	"INSERT INTO qa_section(template_id, position, key, title)"
	" VALUES (?1, ?2, ?3, ?4)";
static const char sql_insert_item[] =
	"INSERT INTO qa_item(section_id, position, text, weight, critical,"
	" answer_kind, origin_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
static const char sql_park_sections[] =
	"UPDATE qa_section SET position = -1 - position WHERE template_id = ?1";
static const char sql_place_section[] =
	"UPDATE qa_section SET position = ?2 WHERE id = ?1";
static const char sql_park_items[] =
	"UPDATE qa_item SET position = -1 - position WHERE section_id = ?1";
static const char sql_place_item[] =
	"UPDATE qa_item SET position = ?2 WHERE id = ?1";
static const char sql_item_to_section[] =
	"UPDATE qa_item SET section_id = ?2, position = -100000 WHERE id = ?1";
static const char sql_rename_section[] =
	"UPDATE qa_section SET title = ?2, key = ?3 WHERE id = ?1";
static const char sql_update_item[] =
	"UPDATE qa_item SET text = ?2, weight = ?3, critical = ?4,"
	" answer_kind = ?5 WHERE id = ?1";
static const char sql_clear_answers[] =
	"DELETE FROM qa_answer WHERE item_id = ?1 AND review_id IN"
	" (SELECT id FROM qa_review WHERE status = 'draft')";
static const char sql_clear_section_answers[] =
	"DELETE FROM qa_answer WHERE item_id IN (SELECT id FROM qa_item"
	" WHERE section_id = ?1) AND review_id IN"
	" (SELECT id FROM qa_review WHERE status = 'draft')";
/* The rows sql_clear_answers and sql_clear_section_answers delete, by
 * draft, unless a final review froze the version (the edit goes to a
 * copy then). Empty rows (an answer taken back) are not counted. */
static const char sql_draft_loss[] =
	"SELECT r.id, p.code, r.date, count(*) FROM qa_answer a"
	" JOIN qa_review r ON r.id = a.review_id"
	" JOIN partner p ON p.id = r.partner_id"
	" JOIN qa_item i ON i.id = a.item_id"
	" WHERE r.status = 'draft' AND (i.id = ?1 OR (?1 = 0 AND i.section_id = ?2))"
	" AND (a.answer IS NOT NULL OR a.note <> '' OR a.partner_answer IS NOT NULL)"
	" AND NOT EXISTS (SELECT 1 FROM qa_review f"
	"   WHERE f.template_id = r.template_id AND f.status = 'final')"
	" GROUP BY r.id ORDER BY r.date, r.id";
static const char sql_delete_item[] = "DELETE FROM qa_item WHERE id = ?1";
static const char sql_delete_section[] = "DELETE FROM qa_section WHERE id = ?1";
static const char sql_rename[] = "UPDATE qa_template SET name = ?2 WHERE id = ?1";
static const char sql_passing[] =
	"UPDATE qa_template SET passing_score = ?2 WHERE id = ?1";

/* ---- reading ---- */

static void read_header(sqlite3_stmt *q, struct qa_template *t)
{
	const char *created = (const char *)sqlite3_column_text(q, 4);

	memset(t, 0, sizeof(*t));
	t->id = sqlite3_column_int64(q, 0);
	t->name = store_column_text(q, 1, true);
	t->version = sqlite3_column_int(q, 2);
	t->passing = sqlite3_column_double(q, 3);
	snprintf(t->created, sizeof(t->created), "%.10s", created ? created : "");
	t->latest = sqlite3_column_int(q, 5);
	t->frozen = sqlite3_column_int(q, 6) != 0;
	t->reviews = (size_t)sqlite3_column_int64(q, 7);
	t->items = (size_t)sqlite3_column_int64(q, 8);
}

static void read_header_elem(sqlite3_stmt *q, void *elem)
{
	read_header(q, elem);
}

int qa_template_list(struct store *st, struct qa_template_list *out,
		     struct bpw_error *err)
{
	sqlite3_stmt *q;
	int rc;

	memset(out, 0, sizeof(*out));
	rc = store_cached(st, sql_list, &q, err);
	if (rc != 0)
		return rc;
	return store_fetch_rows(st, q, sizeof(*out->items), read_header_elem,
				(void **)&out->items, &out->count, err,
				"cannot list the QA templates");
}

int qa_template_latest(struct store *st, const char *name, int64_t *id,
		       struct bpw_error *err)
{
	sqlite3_stmt *q;
	int rc;

	rc = store_cached(st, name ? sql_latest_named : sql_latest_any, &q, err);
	if (rc != 0)
		return rc;
	if (name)
		store_bind_text(q, 1, name, false);
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW) {
		*id = sqlite3_column_int64(q, 0);
		sqlite3_reset(q);
		return 0;
	}
	sqlite3_reset(q);
	if (rc != SQLITE_DONE)
		return store_fail(st, rc, err, "cannot find the QA template");
	return bpw_error_set(err, BPW_ENOENT, name ? "no QA template called '%s'"
			     : "no QA template yet%s", name ? name : "");
}

int qa_template_find(struct store *st, const char *name, int version,
		     int64_t *id, struct bpw_error *err)
{
	sqlite3_stmt *q;
	int rc = store_cached(st, sql_named_version, &q, err);

	if (rc != 0)
		return rc;
	store_bind_text(q, 1, name, false);
	sqlite3_bind_int(q, 2, version);
	rc = store_step_id(st, q, id, err, "cannot find the QA template");
	return rc == BPW_ENOENT ? bpw_error_set(err, rc, "no version %d of QA "
						"template '%s'", version, name) : rc;
}

int qa_template_load(struct store *st, int64_t id, struct qa_template *out,
		     struct bpw_error *err)
{
	sqlite3_stmt *q;
	int rc;

	memset(out, 0, sizeof(*out));
	rc = store_cached(st, sql_one, &q, err);
	if (rc != 0)
		return rc;
	sqlite3_bind_int64(q, 1, id);
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW)
		read_header(q, out);
	sqlite3_reset(q);
	if (rc == SQLITE_DONE)
		return bpw_error_set(err, BPW_ENOENT, "no QA template with id %lld",
				     (long long)id);
	if (rc != SQLITE_ROW)
		return store_fail(st, rc, err, "cannot read the QA template");

	rc = store_cached(st, sql_sections, &q, err);
	if (rc != 0)
		goto fail;
	sqlite3_bind_int64(q, 1, id);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		struct qa_tpl_section *s;

		out->sections = xrealloc(out->sections,
					 (out->nsections + 1) * sizeof(*s));
		s = &out->sections[out->nsections++];
		memset(s, 0, sizeof(*s));
		s->id = sqlite3_column_int64(q, 0);
		s->key = store_column_text(q, 1, true);
		s->title = store_column_text(q, 2, true);
	}
	sqlite3_reset(q);
	if (rc != SQLITE_DONE) {
		rc = store_fail(st, rc, err, "cannot read the template's sections");
		goto fail;
	}
	rc = store_cached(st, sql_items, &q, err);
	if (rc != 0)
		goto fail;
	sqlite3_bind_int64(q, 1, id);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		int64_t sid = sqlite3_column_int64(q, 1);
		const char *kind = (const char *)sqlite3_column_text(q, 5);
		struct qa_tpl_section *s = NULL;
		struct qa_tpl_item *it;
		size_t k;

		for (k = 0; k < out->nsections; k++)
			if (out->sections[k].id == sid)
				s = &out->sections[k];
		if (s == NULL)
			continue;
		s->items = xrealloc(s->items, (s->nitems + 1) * sizeof(*it));
		it = &s->items[s->nitems++];
		it->id = sqlite3_column_int64(q, 0);
		it->text = store_column_text(q, 2, true);
		it->weight = sqlite3_column_double(q, 3);
		it->critical = sqlite3_column_int(q, 4) != 0;
		it->scale = kind && strcmp(kind, "scale") == 0;
		it->stable_id = sqlite3_column_int64(q, 6);
	}
	sqlite3_reset(q);
	if (rc != SQLITE_DONE) {
		rc = store_fail(st, rc, err, "cannot read the template's items");
		goto fail;
	}
	return 0;
fail:
	qa_template_clear(out);
	return rc;
}

static void read_draft_hit(sqlite3_stmt *q, void *elem)
{
	struct qa_draft_hit *h = elem;
	const char *date = (const char *)sqlite3_column_text(q, 2);

	h->review_id = sqlite3_column_int64(q, 0);
	h->partner_code = store_column_text(q, 1, true);
	snprintf(h->date, sizeof(h->date), "%s", date ? date : "");
	h->answers = (size_t)sqlite3_column_int64(q, 3);
}

int qa_template_draft_loss(struct store *st, int64_t section_id, int64_t item_id,
			   struct qa_draft_loss *out, struct bpw_error *err)
{
	sqlite3_stmt *q;
	size_t k;
	int rc;

	memset(out, 0, sizeof(*out));
	rc = store_cached(st, sql_draft_loss, &q, err);
	if (rc != 0)
		return rc;
	sqlite3_bind_int64(q, 1, item_id);
	sqlite3_bind_int64(q, 2, section_id);
	rc = store_fetch_rows(st, q, sizeof(*out->drafts), read_draft_hit,
			      (void **)&out->drafts, &out->ndrafts, err,
			      "cannot count the draft answers");
	if (rc != 0)
		qa_draft_loss_clear(out);
	for (k = 0; k < out->ndrafts; k++)
		out->answers += out->drafts[k].answers;
	return rc;
}

void qa_draft_loss_clear(struct qa_draft_loss *l)
{
	size_t k;

	if (l == NULL)
		return;
	for (k = 0; k < l->ndrafts; k++)
		free(l->drafts[k].partner_code);
	free(l->drafts);
	memset(l, 0, sizeof(*l));
}

/* ---- writing ---- */

static int exec_id(struct store *st, const char *sql, int64_t id,
		   struct bpw_error *err)
{
	sqlite3_stmt *q;
	int rc = store_cached(st, sql, &q, err);

	if (rc != 0)
		return rc;
	sqlite3_bind_int64(q, 1, id);
	rc = sqlite3_step(q);
	sqlite3_reset(q);
	return rc == SQLITE_DONE ? 0 : store_fail(st, rc, err, "cannot change the template");
}

static int exec_id_int(struct store *st, const char *sql, int64_t id, int64_t v,
		       struct bpw_error *err)
{
	sqlite3_stmt *q;
	int rc = store_cached(st, sql, &q, err);

	if (rc != 0)
		return rc;
	sqlite3_bind_int64(q, 1, id);
	sqlite3_bind_int64(q, 2, v);
	rc = sqlite3_step(q);
	sqlite3_reset(q);
	return rc == SQLITE_DONE ? 0 : store_fail(st, rc, err, "cannot change the template");
}

/* Inserts the template row as version (0: the next of its name). */
static int insert_template(struct store *st, const char *name, double passing,
			   int version, int64_t *id, struct bpw_error *err)
{
	char today[DATE_LEN];
	sqlite3_stmt *q;
	int rc = store_cached(st, sql_insert_tpl, &q, err);

	if (rc != 0)
		return rc;
	date_today(today);
	store_bind_text(q, 1, name, false);
	sqlite3_bind_double(q, 2, passing);
	store_bind_text(q, 3, today, false);
	if (version > 0)
		sqlite3_bind_int(q, 4, version);
	rc = sqlite3_step(q);
	sqlite3_reset(q);
	if (rc == SQLITE_CONSTRAINT_UNIQUE)
		return bpw_error_set(err, BPW_EEXIST, "QA template '%s' has a version "
				     "%d already", name, version);
	if (rc != SQLITE_DONE)
		return store_fail(st, rc, err, "cannot store the template");
	*id = sqlite3_last_insert_rowid(store_db(st));
	return 0;
}

static int insert_section(struct store *st, int64_t tpl, int pos, const char *key,
			  const char *title, int64_t *id, struct bpw_error *err)
{
	sqlite3_stmt *q;
	int rc = store_cached(st, sql_insert_section, &q, err);

	if (rc != 0)
		return rc;
	sqlite3_bind_int64(q, 1, tpl);
	sqlite3_bind_int(q, 2, pos);
	store_bind_text(q, 3, key ? key : "", false);
	store_bind_text(q, 4, title, false);
	rc = sqlite3_step(q);
	sqlite3_reset(q);
	if (rc != SQLITE_DONE)
		return store_fail(st, rc, err, "cannot store the section");
	*id = sqlite3_last_insert_rowid(store_db(st));
	return 0;
}

/* Inserts an item; origin is the stable id of the item it copies (0: a
 * new item, its own id is its stable id). */
static int insert_item(struct store *st, int64_t sec, int pos,
		       const struct qa_tpl_item *it, int64_t origin, int64_t *id,
		       struct bpw_error *err)
{
	sqlite3_stmt *q;
	int rc = store_cached(st, sql_insert_item, &q, err);

	if (rc != 0)
		return rc;
	sqlite3_bind_int64(q, 1, sec);
	sqlite3_bind_int(q, 2, pos);
	store_bind_text(q, 3, it->text, false);
	sqlite3_bind_double(q, 4, it->weight);
	sqlite3_bind_int(q, 5, it->critical);
	store_bind_text(q, 6, it->scale ? "scale" : "passfail", false);
	if (origin > 0)
		sqlite3_bind_int64(q, 7, origin);
	else
		sqlite3_bind_null(q, 7);
	rc = sqlite3_step(q);
	sqlite3_reset(q);
	if (rc != SQLITE_DONE)
		return store_fail(st, rc, err, "cannot store the item");
	if (id)
		*id = sqlite3_last_insert_rowid(store_db(st));
	return 0;
}

/* qa_template_add_version; copy: an edit's copy of a frozen version,
 * which makes no audit row of its own (the edit's row stands for it) and
 * whose items keep their stable ids. */
static int add_rows(struct store *st, const struct qa_template *t, int version,
		    bool keep_ids, int64_t *id, struct bpw_error *err)
{
	size_t s, i;
	int rc = insert_template(st, t->name, t->passing, version, id, err);

	for (s = 0; rc == 0 && s < t->nsections; s++) {
		const struct qa_tpl_section *sec = &t->sections[s];
		int64_t sid;

		rc = insert_section(st, *id, (int)s, sec->key, sec->title, &sid, err);
		for (i = 0; rc == 0 && i < sec->nitems; i++)
			rc = insert_item(st, sid, (int)i, &sec->items[i],
					 keep_ids ? sec->items[i].stable_id : 0, NULL, err);
	}
	return rc;
}

static int add_version(struct store *st, const struct qa_template *t, int version,
		       bool copy, int64_t *id, struct bpw_error *err)
{
	bool own;
	int rc = store_tx_enter(st, &own, err);

	if (rc == 0)
		rc = add_rows(st, t, version, copy, id, err);
	if (rc == 0 && !copy)
		rc = audit_appendf(st, "qa_template", 0, NULL, "new version", err,
				   "%s (template %lld)", t->name, (long long)*id);
	return store_tx_leave(st, own, rc, err);
}

int qa_template_add_version(struct store *st, const struct qa_template *t,
			    int version, int64_t *id, struct bpw_error *err)
{
	return add_version(st, t, version, false, id, err);
}

int qa_template_add(struct store *st, const struct qa_template *t, int64_t *id,
		    struct bpw_error *err)
{
	return add_version(st, t, 0, false, id, err);
}

#define NAME_MAX_BYTES 200

int qa_template_create(struct store *st, int64_t from, const char *name,
		       int64_t *id, struct bpw_error *err)
{
	struct qa_template t = { 0 };
	char *nm, *src = NULL;
	size_t len;
	int64_t other;
	int rc, src_version = 0;

	while (*name == ' ' || *name == '\t')
		name++;
	len = strlen(name);
	while (len > 0 && (name[len - 1] == ' ' || name[len - 1] == '\t'))
		len--;
	if (len == 0)
		return bpw_error_set(err, BPW_EINVAL, "a template needs a name");
	if (len > NAME_MAX_BYTES)
		return bpw_error_set(err, BPW_EINVAL, "a template name has at most %d bytes",
				     NAME_MAX_BYTES);
	nm = xmalloc(len + 1);
	memcpy(nm, name, len);
	nm[len] = '\0';
	rc = store_begin(st, err);
	if (rc != 0) {
		free(nm);
		return rc;
	}
	rc = qa_template_latest(st, nm, &other, err);
	if (rc == 0)
		rc = bpw_error_set(err, BPW_EEXIST, "a template called \"%s\" exists; pick "
				   "another name", nm);
	else if (rc == BPW_ENOENT)
		rc = 0;
	if (rc == 0 && from != 0) {
		rc = qa_template_load(st, from, &t, err);
		if (rc == 0) {
			src = t.name;
			src_version = t.version;
		}
	} else {
		t.passing = 80;
	}
	if (rc == 0) {
		t.name = nm;
		rc = add_rows(st, &t, 1, false, id, err);
	}
	if (rc == 0 && src)
		rc = audit_appendf(st, "qa_template", 0, NULL, "new template", err,
				   "%s (template %lld), a copy of %s v%d", nm,
				   (long long)*id, src, src_version);
	else if (rc == 0)
		rc = audit_appendf(st, "qa_template", 0, NULL, "new template", err,
				   "%s (template %lld), empty", nm, (long long)*id);
	free(src);
	t.name = NULL;
	qa_template_clear(&t);
	free(nm);
	if (rc != 0) {
		store_rollback(st);
		return rc;
	}
	return store_commit(st, err);
}

/* Writes positions 0.. in the order of ids (parking the old ones first:
 * positions are unique). */
static int renumber(struct store *st, const char *park, const char *place,
		    int64_t parent, const int64_t *ids, size_t n,
		    struct bpw_error *err)
{
	size_t k;
	int rc = exec_id(st, park, parent, err);

	for (k = 0; rc == 0 && k < n; k++)
		rc = exec_id_int(st, place, ids[k], (int64_t)k, err);
	return rc;
}

/* The section ids of t in order, with one moved, inserted or left out. */
static int64_t *section_ids(const struct qa_template *t)
{
	int64_t *ids = xcalloc(t->nsections + 2, sizeof(*ids));
	size_t k;

	for (k = 0; k < t->nsections; k++)
		ids[k] = t->sections[k].id;
	return ids;
}

static int64_t *item_ids(const struct qa_tpl_section *s)
{
	int64_t *ids = xcalloc(s->nitems + 2, sizeof(*ids));
	size_t k;

	for (k = 0; k < s->nitems; k++)
		ids[k] = s->items[k].id;
	return ids;
}

/* Inserts v at index at of ids[0..n) (room for one more). */
static void ids_insert(int64_t *ids, size_t n, size_t at, int64_t v)
{
	memmove(ids + at + 1, ids + at, (n - at) * sizeof(*ids));
	ids[at] = v;
}

static void ids_swap(int64_t *ids, size_t a, size_t b)
{
	int64_t t = ids[a];

	ids[a] = ids[b];
	ids[b] = t;
}

/* Where QA_EDIT_MOVE_ITEM e takes its item: section *sec, position *item;
 * past the first or last item of its section, the end of the section above
 * or the start of the one below. False when there is none (the first item
 * of the first section up, the last of the last down). */
static bool move_target(const struct qa_template *t, const struct qa_edit *e,
			int *sec, int *item)
{
	long to = (long)e->item + e->delta;

	*sec = e->sec;
	*item = (int)to;
	if (to >= 0 && to < (long)t->sections[e->sec].nitems)
		return true;
	*sec = e->sec + (e->delta < 0 ? -1 : 1);
	if (*sec < 0 || (size_t)*sec >= t->nsections)
		return false;
	*item = e->delta < 0 ? (int)t->sections[*sec].nitems : 0;
	return true;
}

static bool key_valid(const char *k)
{
	for (; k && *k; k++)
		if (!(islower((unsigned char)*k) || isdigit((unsigned char)*k) || *k == '_'))
			return false;
	return true;
}

static int check_edit(const struct qa_template *t, const struct qa_edit *e,
		      struct bpw_error *err)
{
	bool need_sec = e->kind != QA_EDIT_ADD_SECTION && e->kind != QA_EDIT_RENAME &&
		e->kind != QA_EDIT_PASSING;
	bool need_item = e->kind == QA_EDIT_UPDATE_ITEM ||
		e->kind == QA_EDIT_DELETE_ITEM || e->kind == QA_EDIT_MOVE_ITEM;

	if (need_sec && (e->sec < 0 || (size_t)e->sec >= t->nsections))
		return bpw_error_set(err, BPW_EINVAL, "no section %d", e->sec + 1);
	if (need_item && (e->item < 0 ||
			  (size_t)e->item >= t->sections[e->sec].nitems))
		return bpw_error_set(err, BPW_EINVAL, "no item %d in section %d",
				     e->item + 1, e->sec + 1);
	if (e->kind == QA_EDIT_MOVE_ITEM) {
		int ts, ti;

		if (e->delta != -1 && e->delta != 1)
			return bpw_error_set(err, BPW_EINVAL, "an item moves by one place");
		if (!move_target(t, e, &ts, &ti))
			return bpw_error_set(err, BPW_EINVAL, "the item is already at the %s",
					     e->delta < 0 ? "top" : "bottom");
	}
	if ((e->kind == QA_EDIT_ADD_ITEM || e->kind == QA_EDIT_UPDATE_ITEM ||
	     e->kind == QA_EDIT_ADD_SECTION || e->kind == QA_EDIT_RENAME_SECTION ||
	     e->kind == QA_EDIT_RENAME) && (e->text == NULL || *e->text == '\0'))
		return bpw_error_set(err, BPW_EINVAL, "the text must not be empty");
	if ((e->kind == QA_EDIT_ADD_ITEM || e->kind == QA_EDIT_UPDATE_ITEM) &&
	    !(e->weight >= 0 && e->weight <= 1000))
		return bpw_error_set(err, BPW_EINVAL, "a weight is from 0 to 1000");
	if (e->kind == QA_EDIT_PASSING && !(e->weight >= 0 && e->weight <= 100))
		return bpw_error_set(err, BPW_EINVAL, "a passing score is from 0 to 100");
	if (e->key && !key_valid(e->key))
		return bpw_error_set(err, BPW_EINVAL, "a section key holds a-z, 0-9 and _");
	return 0;
}

/* Applies e to t; an added item's id goes to *added. */
static int apply_edit(struct store *st, const struct qa_template *t,
		      const struct qa_edit *e, int64_t *added, struct bpw_error *err)
{
	const struct qa_tpl_section *sec = e->sec >= 0 && (size_t)e->sec < t->nsections
		? &t->sections[e->sec] : NULL;
	struct qa_tpl_item it = { .weight = e->weight, .critical = e->critical,
				  .scale = e->scale };
	int64_t *ids = NULL, nid;
	size_t n, at;
	long to;
	int rc = 0;

	switch (e->kind) {
	case QA_EDIT_ADD_SECTION:
		at = e->sec < 0 ? 0 : (size_t)e->sec + 1 > t->nsections ? t->nsections
			: (size_t)e->sec + 1;
		rc = insert_section(st, t->id, -100000, e->key, e->text, &nid, err);
		ids = section_ids(t);
		ids_insert(ids, t->nsections, at, nid);
		if (rc == 0)
			rc = renumber(st, sql_park_sections, sql_place_section, t->id,
				      ids, t->nsections + 1, err);
		break;
	case QA_EDIT_RENAME_SECTION: {
		sqlite3_stmt *q;

		rc = store_cached(st, sql_rename_section, &q, err);
		if (rc != 0)
			break;
		sqlite3_bind_int64(q, 1, sec->id);
		store_bind_text(q, 2, e->text, false);
		store_bind_text(q, 3, e->key ? e->key : sec->key, false);
		rc = sqlite3_step(q);
		sqlite3_reset(q);
		rc = rc == SQLITE_DONE ? 0 : store_fail(st, rc, err, "cannot rename the section");
		break;
	}
	case QA_EDIT_DELETE_SECTION:
		rc = exec_id(st, sql_clear_section_answers, sec->id, err);
		if (rc == 0)
			rc = exec_id(st, sql_delete_section, sec->id, err);
		break;
	case QA_EDIT_MOVE_SECTION:
		to = (long)e->sec + e->delta;
		if (to < 0 || to >= (long)t->nsections)
			break;
		ids = section_ids(t);
		ids_swap(ids, (size_t)e->sec, (size_t)to);
		rc = renumber(st, sql_park_sections, sql_place_section, t->id, ids,
			      t->nsections, err);
		break;
	case QA_EDIT_ADD_ITEM:
		n = sec->nitems;
		at = e->item < 0 ? 0 : (size_t)e->item + 1 > n ? n : (size_t)e->item + 1;
		it.text = xstrdup(e->text);	/* an item owns its text */
		rc = insert_item(st, sec->id, -100000, &it, 0, &nid, err);
		free(it.text);
		*added = nid;
		ids = item_ids(sec);
		ids_insert(ids, n, at, nid);
		if (rc == 0)
			rc = renumber(st, sql_park_items, sql_place_item, sec->id, ids,
				      n + 1, err);
		break;
	case QA_EDIT_UPDATE_ITEM: {
		const struct qa_tpl_item *old = &sec->items[e->item];
		sqlite3_stmt *q;

		/* Draft answers on the old scale would not fit the new one. */
		if (old->scale != e->scale)
			rc = exec_id(st, sql_clear_answers, old->id, err);
		if (rc == 0)
			rc = store_cached(st, sql_update_item, &q, err);
		if (rc != 0)
			break;
		sqlite3_bind_int64(q, 1, old->id);
		store_bind_text(q, 2, e->text, false);
		sqlite3_bind_double(q, 3, e->weight);
		sqlite3_bind_int(q, 4, e->critical);
		store_bind_text(q, 5, e->scale ? "scale" : "passfail", false);
		rc = sqlite3_step(q);
		sqlite3_reset(q);
		rc = rc == SQLITE_DONE ? 0 : store_fail(st, rc, err, "cannot change the item");
		break;
	}
	case QA_EDIT_DELETE_ITEM:
		rc = exec_id(st, sql_clear_answers, sec->items[e->item].id, err);
		if (rc == 0)
			rc = exec_id(st, sql_delete_item, sec->items[e->item].id, err);
		break;
	case QA_EDIT_MOVE_ITEM: {
		int ts, ti;

		if (!move_target(t, e, &ts, &ti))
			break;
		ids = item_ids(sec);
		if (ts == e->sec) {
			ids_swap(ids, (size_t)e->item, (size_t)ti);
			rc = renumber(st, sql_park_items, sql_place_item, sec->id, ids,
				      sec->nitems, err);
			break;
		}
		/* Into the neighbouring section: out of this one (the rest
		 * closes up), then in at its end or start. */
		nid = ids[e->item];
		memmove(ids + e->item, ids + e->item + 1,
			(sec->nitems - (size_t)e->item - 1) * sizeof(*ids));
		rc = renumber(st, sql_park_items, sql_place_item, sec->id, ids,
			      sec->nitems - 1, err);
		if (rc == 0)
			rc = exec_id_int(st, sql_item_to_section, nid,
					 t->sections[ts].id, err);
		free(ids);
		ids = item_ids(&t->sections[ts]);
		ids_insert(ids, t->sections[ts].nitems, (size_t)ti, nid);
		if (rc == 0)
			rc = renumber(st, sql_park_items, sql_place_item,
				      t->sections[ts].id, ids, t->sections[ts].nitems + 1,
				      err);
		break;
	}
	case QA_EDIT_RENAME: {
		sqlite3_stmt *q;

		rc = store_cached(st, sql_rename, &q, err);
		if (rc != 0)
			break;
		sqlite3_bind_int64(q, 1, t->id);
		store_bind_text(q, 2, e->text, false);
		rc = sqlite3_step(q);
		sqlite3_reset(q);
		rc = rc == SQLITE_DONE ? 0 : store_fail(st, rc, err,
			"cannot rename the template (is the name and version taken?)");
		break;
	}
	case QA_EDIT_PASSING: {
		sqlite3_stmt *q;

		rc = store_cached(st, sql_passing, &q, err);
		if (rc != 0)
			break;
		sqlite3_bind_int64(q, 1, t->id);
		sqlite3_bind_double(q, 2, e->weight);
		rc = sqlite3_step(q);
		sqlite3_reset(q);
		rc = rc == SQLITE_DONE ? 0 : store_fail(st, rc, err, "cannot change the template");
		break;
	}
	}
	free(ids);
	return rc;
}

/* An item as audit text: "text (weight 2, critical, 0-5)". */
static void item_words(char *buf, size_t n, const char *text, double weight,
		       bool critical, bool scale)
{
	char w[32];

	sheet_format_number(weight, '.', w, sizeof(w));
	snprintf(buf, n, "%.300s (weight %s%s, %s)", text, w, critical ? ", critical" : "",
		 scale ? "0-5" : "pass/fail");
}

/* What an item edit changes, for the audit row: the item by its stable id
 * and text (positions move), the old and the new value. it is the item as
 * it was (NULL when added); added is the new item's id. */
static void audit_item(const struct qa_template *t, const struct qa_edit *e,
		       const struct qa_tpl_item *it, int64_t added, char *what,
		       char *old, char *now, size_t n)
{
	int ts, ti;

	snprintf(what, n, "item #%lld \"%.200s\"", (long long)(it ? it->stable_id
		 : added), it ? it->text : e->text ? e->text : "");
	switch (e->kind) {
	case QA_EDIT_ADD_ITEM:
		item_words(now, n, e->text ? e->text : "", e->weight, e->critical,
			   e->scale);
		snprintf(now + strlen(now), n - strlen(now), " at %d.%d", e->sec + 1,
			 e->item + 2);
		break;
	case QA_EDIT_UPDATE_ITEM:
		item_words(old, n, it->text, it->weight, it->critical, it->scale);
		item_words(now, n, e->text ? e->text : "", e->weight, e->critical,
			   e->scale);
		break;
	case QA_EDIT_DELETE_ITEM:
		item_words(old, n, it->text, it->weight, it->critical, it->scale);
		break;
	default:	/* QA_EDIT_MOVE_ITEM: "position 2.3" -> "position 3.1" */
		if (!move_target(t, e, &ts, &ti)) {
			ts = e->sec;
			ti = e->item;
		}
		snprintf(old, n, "position %d.%d", e->sec + 1, e->item + 1);
		snprintf(now, n, "position %d.%d", ts + 1, ti + 1);
		break;
	}
}

/* What a section or template edit changes, for the audit row. */
static void audit_other(const struct qa_template *t, const struct qa_edit *e,
			char *what, char *old, char *now, size_t n)
{
	const struct qa_tpl_section *sec = e->sec >= 0 && (size_t)e->sec < t->nsections
		? &t->sections[e->sec] : NULL;

	snprintf(what, n, "section %d", e->sec + 1);
	switch (e->kind) {
	case QA_EDIT_ADD_SECTION:
		snprintf(what, n, "new section");
		snprintf(now, n, "%.300s", e->text ? e->text : "");
		break;
	case QA_EDIT_RENAME_SECTION:
		snprintf(old, n, "%.300s", sec ? sec->title : "");
		snprintf(now, n, "%.300s", e->text ? e->text : "");
		break;
	case QA_EDIT_DELETE_SECTION:
		snprintf(old, n, "%.300s", sec ? sec->title : "");
		break;
	case QA_EDIT_MOVE_SECTION:
		snprintf(old, n, "position %d", e->sec + 1);
		snprintf(now, n, "position %d", e->sec + 1 + e->delta);
		break;
	case QA_EDIT_RENAME:
		snprintf(what, n, "name");
		snprintf(old, n, "%.300s", t->name);
		snprintf(now, n, "%.300s", e->text ? e->text : "");
		break;
	case QA_EDIT_PASSING:
		snprintf(what, n, "passing score");
		sheet_format_number(t->passing, '.', old, n);
		sheet_format_number(e->weight, '.', now, n);
		break;
	default:
		break;
	}
}

static bool edits_item(enum qa_edit_kind k)
{
	return k == QA_EDIT_ADD_ITEM || k == QA_EDIT_UPDATE_ITEM ||
		k == QA_EDIT_DELETE_ITEM || k == QA_EDIT_MOVE_ITEM;
}

/* The audit row of edit e of t, the version edited (as it was before the
 * edit); added is the id of an added item. */
static int audit_edit(struct store *st, const struct qa_template *t,
		      const struct qa_edit *e, int64_t added, struct bpw_error *err)
{
	const struct qa_tpl_section *sec = e->sec >= 0 && (size_t)e->sec < t->nsections
		? &t->sections[e->sec] : NULL;
	const struct qa_tpl_item *it = sec && e->item >= 0 && (size_t)e->item < sec->nitems
		&& e->kind != QA_EDIT_ADD_ITEM ? &sec->items[e->item] : NULL;
	char old[400] = "", now[400] = "", what[400];
	bool has_old = e->kind != QA_EDIT_ADD_SECTION && e->kind != QA_EDIT_ADD_ITEM;
	bool has_new = e->kind != QA_EDIT_DELETE_SECTION && e->kind != QA_EDIT_DELETE_ITEM;

	if (edits_item(e->kind))
		audit_item(t, e, it, added, what, old, now, sizeof(old));
	else
		audit_other(t, e, what, old, now, sizeof(old));
	return audit_appendf(st, "qa_template", 0, has_old ? old : NULL,
			     has_new ? now : NULL, err, "%s v%d: %s", t->name,
			     t->version, what);
}

int qa_template_edit(struct store *st, int64_t id, const struct qa_edit *e,
		     int64_t *result, struct bpw_error *err)
{
	struct qa_template t, copy;
	int64_t added = 0;
	int rc;

	rc = store_begin(st, err);
	if (rc != 0)
		return rc;
	rc = qa_template_load(st, id, &t, err);
	if (rc == 0)
		rc = check_edit(&t, e, err);
	if (rc == 0 && t.frozen) {
		/* A final review answered this version: edit a copy (its
		 * items keep their stable ids). */
		rc = add_version(st, &t, 0, true, &id, err);
		qa_template_clear(&t);
		if (rc == 0)
			rc = qa_template_load(st, id, &copy, err);
		if (rc == 0)
			t = copy;
	}
	if (rc == 0)
		rc = apply_edit(st, &t, e, &added, err);
	if (rc == 0)
		rc = audit_edit(st, &t, e, added, err);
	qa_template_clear(&t);
	if (rc != 0) {
		store_rollback(st);
		return rc;
	}
	rc = store_commit(st, err);
	if (rc == 0)
		*result = id;
	return rc;
}

void qa_template_clear(struct qa_template *t)
{
	size_t s, i;

	if (t == NULL)
		return;
	for (s = 0; s < t->nsections; s++) {
		for (i = 0; i < t->sections[s].nitems; i++)
			free(t->sections[s].items[i].text);
		free(t->sections[s].items);
		free(t->sections[s].key);
		free(t->sections[s].title);
	}
	free(t->sections);
	free(t->name);
	memset(t, 0, sizeof(*t));
}

void qa_template_list_free(struct qa_template_list *l)
{
	XLIST_FREE(l, qa_template_clear);
}
