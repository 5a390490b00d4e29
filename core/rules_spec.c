/* rules_spec.c: reading the indicators and metrics groups of each
 * configuration file into one tree of named nodes with parameters, so a
 * later file overrides single parameters and keeps the rest. */
#include "rules_spec.h"

#include <libconfig.h>
#include <stdlib.h>
#include <string.h>

#include "config_file.h"
#include "diag.h"
#include "xalloc.h"

static void rparam_clear(struct rparam *p)
{
	size_t i;

	free(p->name);
	free(p->str);
	free(p->file);
	for (i = 0; i < p->nlist; i++)
		free(p->list[i]);
	free(p->list);
	memset(p, 0, sizeof(*p));
}

static void rparam_copy(struct rparam *dst, const struct rparam *src)
{
	size_t i;

	*dst = *src;
	dst->name = xstrdup(src->name);
	dst->str = xstrdup(src->str);
	dst->file = xstrdup(src->file);
	dst->list = src->nlist ? xcalloc(src->nlist, sizeof(char *)) : NULL;
	for (i = 0; i < src->nlist; i++)
		dst->list[i] = xstrdup(src->list[i]);
}

static void rnode_clear(struct rnode *n)
{
	size_t i;

	for (i = 0; i < n->nparams; i++)
		rparam_clear(&n->params[i]);
	for (i = 0; i < n->nkids; i++)
		rnode_clear(&n->kids[i]);
	free(n->params);
	free(n->kids);
	free(n->key);
	free(n->file);
	memset(n, 0, sizeof(*n));
}

static void rnode_copy(struct rnode *dst, const struct rnode *src)
{
	size_t i;

	*dst = *src;
	dst->key = xstrdup(src->key);
	dst->file = xstrdup(src->file);
	dst->params = src->nparams ? xcalloc(src->nparams, sizeof(*dst->params)) : NULL;
	for (i = 0; i < src->nparams; i++)
		rparam_copy(&dst->params[i], &src->params[i]);
	dst->kids = src->nkids ? xcalloc(src->nkids, sizeof(*dst->kids)) : NULL;
	for (i = 0; i < src->nkids; i++)
		rnode_copy(&dst->kids[i], &src->kids[i]);
}

struct rules_spec *rules_spec_new(void)
{
	return xcalloc(1, sizeof(struct rules_spec));
}

struct rules_spec *rules_spec_copy(const struct rules_spec *sp)
{
	struct rules_spec *c = rules_spec_new();

	if (sp) {
		rnode_copy(&c->inds, &sp->inds);
		rnode_copy(&c->metrics, &sp->metrics);
		c->last_file = xstrdup(sp->last_file);
		c->gen = sp->gen;
	}
	return c;
}

void rules_spec_free(struct rules_spec *sp)
{
	if (sp == NULL)
		return;
	rnode_clear(&sp->inds);
	rnode_clear(&sp->metrics);
	free(sp->last_file);
	free(sp);
}

static struct rnode *rnode_kid(struct rnode *parent, const char *key,
			       const char *file, int line)
{
	size_t i;
	struct rnode *k;

	for (i = 0; i < parent->nkids; i++)
		if (strcmp(parent->kids[i].key, key) == 0)
			return &parent->kids[i];
	parent->kids = xrealloc(parent->kids, (parent->nkids + 1) * sizeof(*k));
	k = &parent->kids[parent->nkids++];
	memset(k, 0, sizeof(*k));
	k->key = xstrdup(key);
	k->file = xstrdup(file);
	k->line = line;
	return k;
}

struct rparam *rnode_param(const struct rnode *n, const char *name)
{
	size_t i;

	for (i = 0; i < n->nparams; i++)
		if (strcmp(n->params[i].name, name) == 0)
			return &n->params[i];
	return NULL;
}

/* Replaces (or adds) the parameter named like p, taking over p's contents. */
static void rnode_set(struct rnode *n, struct rparam *p)
{
	struct rparam *old = rnode_param(n, p->name);

	if (old) {
		rparam_clear(old);
		*old = *p;
	} else {
		n->params = xrealloc(n->params, (n->nparams + 1) * sizeof(*p));
		n->params[n->nparams++] = *p;
	}
	memset(p, 0, sizeof(*p));
}

static const char *type_word(int type)
{
	switch (type) {
	case CONFIG_TYPE_GROUP: return "a group";
	case CONFIG_TYPE_ARRAY: case CONFIG_TYPE_LIST: return "a list";
	case CONFIG_TYPE_STRING: return "a string";
	case CONFIG_TYPE_BOOL: return "true or false";
	default: return "a number";
	}
}

/* Reads one scalar or list setting into p; false (reported) when its
 * shape is not one a parameter can have. */
static bool read_param(const config_setting_t *s, const char *file,
		       struct diag_report *rep, struct rparam *p)
{
	int type = config_setting_type(s), i, n;
	int line = (int)config_setting_source_line(s);

	memset(p, 0, sizeof(*p));
	p->name = xstrdup(config_setting_name(s));
	p->file = xstrdup(file);
	p->line = line;
	switch (type) {
	case CONFIG_TYPE_INT:
	case CONFIG_TYPE_INT64: {
		long long v = config_setting_get_int64(s);
		char lit[64];

		/* libconfig reads a number past 64 bits as -1 or 0 */
		if ((v == -1 || v == 0) &&
		    config_file_literal(file, line, p->name, lit, sizeof(lit)) &&
		    config_int_overflows(lit)) {
			diag_add(rep, DIAG_ERROR, file, line, "'%s' is %s, a number too "
				 "large to read", p->name, lit);
			return false;
		}
		p->type = RP_NUM;
		p->is_int = true;
		p->num = (double)v;
		return true;
	}
	case CONFIG_TYPE_FLOAT:
		p->type = RP_NUM;
		p->num = config_setting_get_float(s);
		return true;
	case CONFIG_TYPE_BOOL:
		p->type = RP_BOOL;
		p->b = config_setting_get_bool(s) != 0;
		return true;
	case CONFIG_TYPE_STRING:
		p->type = RP_STR;
		p->str = xstrdup(config_setting_get_string(s));
		return true;
	case CONFIG_TYPE_ARRAY:
	case CONFIG_TYPE_LIST:
		p->type = RP_LIST;
		n = config_setting_length(s);
		p->list = n ? xcalloc((size_t)n, sizeof(char *)) : NULL;
		for (i = 0; i < n; i++) {
			const config_setting_t *e = config_setting_get_elem(s, (unsigned)i);

			if (config_setting_type(e) != CONFIG_TYPE_STRING) {
				diag_add(rep, DIAG_ERROR, file, line,
						  "'%s' must be a list of strings "
						  "in quotes", p->name);
				rparam_clear(p);
				return false;
			}
			p->list[p->nlist++] = xstrdup(config_setting_get_string(e));
		}
		return true;
	default:
		diag_add(rep, DIAG_ERROR, file, line,
				  "'%s' must be a value, not %s", p->name,
				  type_word(type));
		rparam_clear(p);
		return false;
	}
}

/* Reads the parameters of group g into n (a group inside is an error,
 * except an indicator's `rules`, which rules_group reads). */
static void read_params(struct rnode *n, const config_setting_t *g,
			const char *file, struct diag_report *rep,
			bool indicator, int gen)
{
	int len = config_setting_length(g), i, j, nr;

	for (i = 0; i < len; i++) {
		const config_setting_t *s = config_setting_get_elem(g, (unsigned)i);
		const char *name = config_setting_name(s);
		int line = (int)config_setting_source_line(s);
		struct rparam p;

		if (indicator && strcmp(name, "rules") == 0) {
			if (config_setting_type(s) != CONFIG_TYPE_GROUP) {
				diag_add(rep, DIAG_ERROR, file, line,
						  "'rules' of indicator '%s' must be a "
						  "group { rule_name = { ... }; }",
						  n->key);
				continue;
			}
			n->has_rules = true;
			nr = config_setting_length(s);
			for (j = 0; j < nr; j++) {
				const config_setting_t *r =
					config_setting_get_elem(s, (unsigned)j);
				int rl = (int)config_setting_source_line(r);
				struct rnode *rn;
				size_t k;

				if (config_setting_type(r) != CONFIG_TYPE_GROUP) {
					diag_add(rep, DIAG_ERROR, file, rl,
							  "rule '%s' must be a group "
							  "{ kind = \"...\"; ... }",
							  config_setting_name(r));
					continue;
				}
				rn = rnode_kid(n, config_setting_name(r), file, rl);
				/* A new kind starts the rule afresh: parameters of
				 * the old kind would not apply to it. */
				if (config_setting_get_member(r, "kind")) {
					for (k = 0; k < rn->nparams; k++)
						rparam_clear(&rn->params[k]);
					rn->nparams = 0;
					free(rn->file);
					rn->file = xstrdup(file);
					rn->line = rl;
				}
				read_params(rn, r, file, rep, false, gen);
			}
			continue;
		}
		if (config_setting_type(s) == CONFIG_TYPE_GROUP) {
			diag_add(rep, DIAG_ERROR, file, line,
					  "'%s' in '%s' must be a value, not a group",
					  name, n->key);
			continue;
		}
		if (read_param(s, file, rep, &p)) {
			p.gen = gen;
			rnode_set(n, &p);
		}
	}
}

void rules_spec_read(struct rules_spec *sp, const config_setting_t *s,
		     bool metrics, const char *file, struct diag_report *rep)
{
	const char *what = metrics ? "metrics" : "indicators";
	int len, i;

	if (config_setting_type(s) != CONFIG_TYPE_GROUP) {
		diag_add(rep, DIAG_ERROR, file,
				  (int)config_setting_source_line(s),
				  "'%s' must be a group { name = { ... }; }", what);
		return;
	}
	if (sp->last_file == NULL || strcmp(sp->last_file, file) != 0) {
		free(sp->last_file);
		sp->last_file = xstrdup(file);
		sp->gen++;
	}
	len = config_setting_length(s);
	for (i = 0; i < len; i++) {
		const config_setting_t *e = config_setting_get_elem(s, (unsigned)i);
		int line = (int)config_setting_source_line(e);
		struct rnode *n;

		if (config_setting_type(e) != CONFIG_TYPE_GROUP) {
			diag_add(rep, DIAG_ERROR, file, line,
					  "%s entry '%s' must be a group { ... }",
					  metrics ? "metric" : "indicator",
					  config_setting_name(e));
			continue;
		}
		n = rnode_kid(metrics ? &sp->metrics : &sp->inds,
			      config_setting_name(e), file, line);
		read_params(n, e, file, rep, !metrics, sp->gen);
	}
}

