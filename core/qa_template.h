/* qa_template.h: QA checklist templates: sections of weighted items, each
 * answered pass/fail/N-A or on a 0-5 scale. A template version that a
 * final review uses is frozen: editing it makes the next version, so old
 * reviews keep the items they were answered against. Templates travel
 * between teams as libconfig files. */
#ifndef BPW_QA_TEMPLATE_H
#define BPW_QA_TEMPLATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "date.h"
#include "error.h"
#include "store.h"
#include "strbuf.h"

struct qa_tpl_item {
	int64_t id;
	int64_t stable_id;	/* the same through every version: the id of
				 * the item this one was first created as */
	char *text;
	double weight;
	bool critical;
	bool scale;		/* 0-5 (and N/A); else pass/fail/N/A */
};

struct qa_tpl_section {
	int64_t id;
	char *key, *title;
	struct qa_tpl_item *items;
	size_t nitems;
};

struct qa_template {
	int64_t id;
	char *name;
	int version;
	int latest;		/* the newest version of this name */
	double passing;		/* passing score, percent */
	char created[DATE_LEN];
	bool frozen;		/* a final review uses it */
	size_t reviews;		/* reviews (any status) that use it */
	size_t items;		/* items in all its sections */
	struct qa_tpl_section *sections;
	size_t nsections;
};

struct qa_template_list {
	struct qa_template *items;	/* headers only (no sections) */
	size_t count;
};

/* Every template version, by name then version. */
int qa_template_list(struct store *st, struct qa_template_list *out,
		     struct bpw_error *err);

/* The newest version of the template called name (NULL: of any name, the
 * most recently created) into *id; BPW_ENOENT when there is none. */
int qa_template_latest(struct store *st, const char *name, int64_t *id,
		       struct bpw_error *err);

/* The id of version `version` of the template called name into *id;
 * BPW_ENOENT when there is none. */
int qa_template_find(struct store *st, const char *name, int version,
		     int64_t *id, struct bpw_error *err);

/* Loads a template version with its sections and items. */
int qa_template_load(struct store *st, int64_t id, struct qa_template *out,
		     struct bpw_error *err);

/* What an edit does; sections and items are addressed by position (0-based)
 * so that the same edit applies to the next version when one is made. */
enum qa_edit_kind {
	QA_EDIT_ADD_SECTION,	/* after section sec (-1: first) */
	QA_EDIT_RENAME_SECTION,	/* title (and key when given) */
	QA_EDIT_DELETE_SECTION,
	QA_EDIT_MOVE_SECTION,	/* by delta */
	QA_EDIT_ADD_ITEM,	/* in section sec, after item (-1: first) */
	QA_EDIT_UPDATE_ITEM,	/* text, weight, critical, scale */
	QA_EDIT_DELETE_ITEM,
	QA_EDIT_MOVE_ITEM,	/* by delta, within its section */
	QA_EDIT_RENAME,		/* the template's name (text) */
	QA_EDIT_PASSING,	/* passing score (weight field) */
};

struct qa_edit {
	enum qa_edit_kind kind;
	int sec, item;		/* positions */
	int delta;		/* moves: -1 up, +1 down */
	const char *text;	/* item text, section title, template name */
	const char *key;	/* section key (optional) */
	double weight;
	bool critical, scale;
};

/* Applies one edit in its own transaction. When the version is frozen the
 * edit goes to a new version (a copy made in the same transaction) whose
 * id is returned in *result; else *result = id. BPW_EINVAL for a bad
 * position or value. */
int qa_template_edit(struct store *st, int64_t id, const struct qa_edit *e,
		     int64_t *result, struct bpw_error *err);

/* One draft audit that answered the items an edit removes. */
struct qa_draft_hit {
	int64_t review_id;
	char *partner_code;
	char date[DATE_LEN];
	size_t answers;		/* its answers (or notes) to those items */
};

/* What deleting an item would take from draft audits. */
struct qa_draft_loss {
	size_t answers;			/* in all of them */
	struct qa_draft_hit *drafts;	/* oldest first */
	size_t ndrafts;
};

/* The answers, notes and partner's answers that deleting item item_id
 * (0: every item of section section_id) would remove from draft audits,
 * into *out. None when the version is frozen: the deletion then goes to
 * the next version, which no audit uses yet. Free with
 * qa_draft_loss_clear. */
int qa_template_draft_loss(struct store *st, int64_t section_id, int64_t item_id,
			   struct qa_draft_loss *out, struct bpw_error *err);

/* Frees what l holds; NULL is allowed. */
void qa_draft_loss_clear(struct qa_draft_loss *l);

/* Stores t (name, passing score, sections, items; ids ignored) as version
 * 1 of its name, or the next version when the name exists; the new id
 * goes to *id. Joins an open transaction, else runs in its own. */
int qa_template_add(struct store *st, const struct qa_template *t, int64_t *id,
		    struct bpw_error *err);

/* Like qa_template_add, as version `version` of its name (0: the next);
 * BPW_EEXIST when that version is taken. */
int qa_template_add_version(struct store *st, const struct qa_template *t,
			    int version, int64_t *id, struct bpw_error *err);

/* Creates the template called name (spaces around it dropped) as its
 * version 1: a copy of template version from (passing score, sections and
 * items, which start their own history) or, when from is 0, an empty one
 * passing at 80%. The new id goes to *id; one audit row says what was
 * made. BPW_EINVAL for an empty or over-long name, BPW_EEXIST when a
 * template of that name exists (a new version of it is made by editing). */
int qa_template_create(struct store *st, int64_t from, const char *name,
		       int64_t *id, struct bpw_error *err);

/* Reads a template file (libconfig; see data/qa-default.conf) and stores
 * it as version 1 of its name, or as the next version when the name
 * exists. Errors name the file and line; nothing is stored then. */
int qa_template_import(struct store *st, const char *path, int64_t *id,
		       struct bpw_error *err);

/* Appends t (loaded with sections) as a template file, importable again. */
void qa_template_export(const struct qa_template *t, struct strbuf *b);

/* Frees what t holds; NULL is allowed. */
void qa_template_clear(struct qa_template *t);
void qa_template_list_free(struct qa_template_list *l);

#endif
