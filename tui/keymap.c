/* keymap.c: key names, the default bindings of ACTION_LIST and the user's
 * `keys` group over them. */
#include "keymap.h"

#include <curses.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "text.h"

#define MAX_BINDINGS 320
#define MAX_KEYS_PER_ACTION 8

struct action_info {
	enum key_context ctx;
	bool edits;
	const char *name, *keys, *help;
};

#define VIEWS false
#define EDITS true
static const struct action_info actions[ACT_COUNT] = {
	[ACT_NONE] = { KC_ALL, false, "", "", "" },
#define X(e, c, w, n, k, h) [ACT_##e] = { KC_##c, w, n, k, h },
	ACTION_LIST(X)
#undef X
};

#undef VIEWS
#undef EDITS

bool keymap_action_edits(enum action a)
{
	return (unsigned)a < ACT_COUNT && actions[a].edits;
}

static const char *const context_help[KC_COUNT] = {
#define X(e, h) [KC_##e] = h,
	KEY_CONTEXT_LIST(X)
#undef X
};

/* True when some screen has both actions: they cannot share a key. */
static bool clash(enum action a, enum action b)
{
	return actions[a].ctx == actions[b].ctx || actions[a].ctx == KC_ALL ||
	       actions[b].ctx == KC_ALL;
}

/* Named keys; a key with several codes lists them all (terminals differ:
 * PuTTY sends Find/Select for Home/End, some send ^H for Backspace). */
static const struct {
	const char *name;
	int codes[4];
	int n;
} named[] = {
	{ "Up", { KEY_UP }, 1 }, { "Down", { KEY_DOWN }, 1 },
	{ "Left", { KEY_LEFT }, 1 }, { "Right", { KEY_RIGHT }, 1 },
	{ "PgUp", { KEY_PPAGE }, 1 }, { "PgDn", { KEY_NPAGE }, 1 },
	{ "Home", { KEY_HOME, KEY_FIND }, 2 }, { "End", { KEY_END, KEY_SELECT }, 2 },
	{ "Enter", { '\r', '\n', KEY_ENTER }, 3 }, { "Esc", { 27 }, 1 },
	{ "Tab", { '\t' }, 1 }, { "S-Tab", { KEY_BTAB }, 1 },
	{ "Space", { ' ' }, 1 }, { "Backspace", { KEY_BACKSPACE, 127, 8 }, 3 },
	{ "Delete", { KEY_DC }, 1 }, { "Insert", { KEY_IC }, 1 },
};

/* The bindings in force: key code -> action, in action order for help; a
 * code has one entry per set of screens it works on. */
static struct {
	int code;
	enum action act;
	const char *name;	/* the name it was given by, NULL: from code */
	bool alias;		/* another code of a named key (not in help) */
} map[MAX_BINDINGS];
static size_t nmap;
static bool loaded;

/* Key names written in the config, kept for the help overlay. */
static char user_names[MAX_BINDINGS][16];
static size_t nuser_names;

int keymap_parse_key(const char *name, int codes[4])
{
	size_t i, len = strlen(name);

	if (len == 1 && name[0] > ' ' && name[0] < 127) {
		codes[0] = (unsigned char)name[0];
		return 1;
	}
	for (i = 0; i < sizeof(named) / sizeof(*named); i++)
		if (strcasecmp(name, named[i].name) == 0) {
			memcpy(codes, named[i].codes, sizeof(named[i].codes));
			return named[i].n;
		}
	if (len == 3 && (name[0] == 'C' || name[0] == 'c') && name[1] == '-' &&
	    ((name[2] >= 'a' && name[2] <= 'z') || (name[2] >= 'A' && name[2] <= 'Z'))) {
		int c = (name[2] | 0x20) - 'a' + 1;

		/* C-i is Tab, C-m Enter and C-[ Esc: they have their own names. */
		if (c == '\t' || c == '\r' || c == '\n' || c == 8)
			return 0;
		codes[0] = c;
		return 1;
	}
	if ((name[0] == 'F' || name[0] == 'f') && len >= 2 && len <= 3) {
		char *end;
		long n = strtol(name + 1, &end, 10);

		if (*end == '\0' && n >= 1 && n <= 12) {
			codes[0] = KEY_F((int)n);
			return 1;
		}
	}
	return 0;
}

/* Binds code to a; the code leaves every action a clashes with. */
static void map_add(int code, enum action a, const char *name, bool alias)
{
	size_t i, k = 0;

	for (i = 0; i < nmap; i++)
		if (map[i].code != code || !clash(map[i].act, a))
			map[k++] = map[i];
	nmap = k;
	if (nmap == MAX_BINDINGS)
		return;
	i = nmap++;
	map[i].code = code;
	map[i].act = a;
	map[i].name = name;
	map[i].alias = alias;
}

/* Splits keys at spaces and calls fn for each name (n 0: not a key name);
 * returns the number of names. */
static int each_key(const char *keys,
		    void (*fn)(const char *name, int *codes, int n, void *ctx),
		    void *ctx)
{
	char name[32];
	int count = 0;

	while (*keys) {
		size_t len;
		int codes[4], n;

		while (*keys == ' ')
			keys++;
		len = strcspn(keys, " ");
		if (len == 0)
			break;
		snprintf(name, sizeof(name), "%.*s", (int)(len < 31 ? len : 31), keys);
		keys += len;
		n = len < 31 ? keymap_parse_key(name, codes) : 0;
		fn(name, codes, n, ctx);
		count++;
	}
	return count;
}

struct add_ctx {
	enum action act;
	bool user;
};

static void add_key(const char *name, int *codes, int n, void *ctx)
{
	struct add_ctx *c = ctx;
	const char *pinned = name;
	int i;

	if (c->user && nuser_names < MAX_BINDINGS) {
		snprintf(user_names[nuser_names], sizeof(user_names[0]), "%s", name);
		pinned = user_names[nuser_names++];
	} else {
		size_t k;

		/* A default name: point into the static table for the help. */
		for (k = 0; k < sizeof(named) / sizeof(*named); k++)
			if (strcasecmp(name, named[k].name) == 0)
				pinned = named[k].name;
		if (pinned == name)
			pinned = NULL;	/* one character: shown from the code */
	}
	for (i = 0; i < n; i++)
		map_add(codes[i], c->act, pinned, i > 0);
}

static void load_defaults(void)
{
	int a;

	nmap = 0;
	nuser_names = 0;
	for (a = 1; a < ACT_COUNT; a++) {
		struct add_ctx c = { .act = (enum action)a };

		each_key(actions[a].keys, add_key, &c);
	}
	loaded = true;
}

static enum action action_by_name(const char *name)
{
	int a;

	for (a = 1; a < ACT_COUNT; a++)
		if (strcmp(actions[a].name, name) == 0)
			return (enum action)a;
	return ACT_NONE;
}

static const char *closest_action(const char *name)
{
	const char *best = NULL;
	size_t best_d = 3, d;
	int a;

	for (a = 1; a < ACT_COUNT; a++) {
		d = text_edit_distance(name, actions[a].name);
		if (d < best_d) {
			best_d = d;
			best = actions[a].name;
		}
	}
	return best;
}

/* Drops every binding of action a. */
static void map_clear_action(enum action a)
{
	size_t i, k = 0;

	for (i = 0; i < nmap; i++)
		if (map[i].act != a)
			map[k++] = map[i];
	nmap = k;
}

/* The keys the config has given so far, for finding one given twice;
 * each problem goes to rep at the binding's line. */
struct seen_ctx {
	int *codes;
	enum action *owner;
	size_t *n;
	const struct config_keybind *b;
	enum action act;
	struct diag_report *rep;
	size_t errors;
};

/* The action of the keys seen so far that code clashes with, or ACT_NONE. */
static enum action seen_clash(const struct seen_ctx *c, int code)
{
	size_t k;

	for (k = 0; k < *c->n; k++)
		if (c->codes[k] == code && c->owner[k] != c->act &&
		    clash(c->owner[k], c->act))
			return c->owner[k];
	return ACT_NONE;
}

static void note_key(const char *name, int *codes, int n, void *ctx)
{
	struct seen_ctx *c = ctx;
	enum action other = ACT_NONE;
	int i;

	if (n == 0) {
		diag_add(c->rep, DIAG_ERROR, c->b->file, c->b->line,
				  "keys: '%s' is not a key name (a character, "
				  "Up, Down, Left, Right, PgUp, PgDn, Home, End, "
				  "Enter, Esc, Tab, S-Tab, Space, Backspace, "
				  "Delete, Insert, F1-F12 or C-a..C-z)", name);
		c->errors++;
		return;
	}
	for (i = 0; i < n && other == ACT_NONE; i++)
		other = seen_clash(c, codes[i]);
	if (other != ACT_NONE) {
		diag_add(c->rep, DIAG_ERROR, c->b->file, c->b->line,
				  "keys: '%s' is given to both '%s' and '%s'",
				  name, actions[other].name, c->b->action);
		c->errors++;
	}
	for (i = 0; i < n && *c->n < MAX_BINDINGS; i++) {
		c->codes[*c->n] = codes[i];
		c->owner[(*c->n)++] = c->act;
	}
}

int keymap_load(const struct config *cfg, struct diag_report *rep)
{
	int seen_codes[MAX_BINDINGS] = { 0 };
	enum action seen_owner[MAX_BINDINGS] = { ACT_NONE };
	size_t nseen = 0, i, errors = 0;

	load_defaults();
	/* Check everything first, every binding and every key of it: a bad
	 * `keys` group changes nothing. */
	for (i = 0; i < cfg->nkeybinds; i++) {
		const struct config_keybind *b = &cfg->keybinds[i];
		enum action a = action_by_name(b->action);
		struct seen_ctx sc = { seen_codes, seen_owner, &nseen, b, a, rep, 0 };
		int n;

		if (a == ACT_NONE) {
			const char *near = closest_action(b->action);

			diag_add(rep, DIAG_ERROR, b->file, b->line,
					  "keys: no action '%s'%s%s%s", b->action,
					  near ? " (did you mean '" : "",
					  near ? near : "", near ? "'?)" : "");
			errors++;
			continue;
		}
		n = each_key(b->keys, note_key, &sc);
		errors += sc.errors;
		if (n == 0) {
			diag_add(rep, DIAG_ERROR, b->file, b->line,
					  "keys: '%s' has no keys; an action needs at "
					  "least one", b->action);
			errors++;
		}
	}
	if (errors)
		return BPW_ECONFIG;
	for (i = 0; i < cfg->nkeybinds; i++) {
		const struct config_keybind *b = &cfg->keybinds[i];
		struct add_ctx c = { .act = action_by_name(b->action), .user = true };

		map_clear_action(c.act);
		each_key(b->keys, add_key, &c);
	}
	return 0;
}

enum action keymap_action(enum key_context ctx, int ch)
{
	size_t i;

	if (!loaded)
		load_defaults();
	for (i = 0; i < nmap; i++)
		if (map[i].code == ch && (actions[map[i].act].ctx == ctx ||
					  actions[map[i].act].ctx == KC_ALL))
			return map[i].act;
	return ACT_NONE;
}

enum key_context keymap_action_context(enum action a)
{
	return (unsigned)a < ACT_COUNT ? actions[a].ctx : KC_ALL;
}

const char *keymap_context_help(enum key_context c)
{
	return (unsigned)c < KC_COUNT ? context_help[c] : "";
}

const char *keymap_action_name(enum action a)
{
	return (unsigned)a < ACT_COUNT ? actions[a].name : "";
}

const char *keymap_action_help(enum action a)
{
	return (unsigned)a < ACT_COUNT ? actions[a].help : "";
}

/* The name of a single code that was bound without a remembered name. */
static void code_name(int code, char *buf, size_t n)
{
	if (code > ' ' && code < 127)
		snprintf(buf, n, "%c", code);
	else if (code >= 1 && code <= 26)
		snprintf(buf, n, "C-%c", 'a' + code - 1);
	else if (code >= KEY_F(1) && code <= KEY_F(12))
		snprintf(buf, n, "F%d", code - KEY_F(0));
	else
		buf[0] = '\0';
}

const char *keymap_keys(enum action a, char *buf, size_t n)
{
	size_t i, used = 0;
	char one[16];

	if (!loaded)
		load_defaults();
	buf[0] = '\0';
	for (i = 0; i < nmap && used + 1 < n; i++) {
		const char *name = map[i].name;

		if (map[i].act != a || map[i].alias)
			continue;
		if (name == NULL) {
			code_name(map[i].code, one, sizeof(one));
			name = one;
		}
		if (*name == '\0')
			continue;
		used += (size_t)snprintf(buf + used, n - used, "%s%s",
					 used ? " " : "", name);
		if (used >= n)
			used = n - 1;
	}
	return buf;
}

const char *keymap_hint(enum action a, const char *label, char *buf, size_t n)
{
	char keys[64];

	keymap_keys(a, keys, sizeof(keys));
	keys[strcspn(keys, " ")] = '\0';
	if (keys[0])
		snprintf(buf, n, "%s:%s", keys, label);
	else
		buf[0] = '\0';
	return buf;
}
