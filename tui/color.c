/* color.c: theme roles to curses colour pairs and attributes. */
#include "color.h"

static attr_t role_attr[ROLE_COUNT];

static attr_t attrs_of(unsigned a)
{
	attr_t at = A_NORMAL;

	if (a & THEME_BOLD)
		at |= A_BOLD;
	if (a & THEME_DIM)
		at |= A_DIM;
	if (a & THEME_UNDERLINE)
		at |= A_UNDERLINE;
	if (a & THEME_REVERSE)
		at |= A_REVERSE;
	return at;
}

void color_setup(const struct theme *t, bool use_color)
{
	struct theme mono;
	bool deep;
	int r;

	if (!use_color || !has_colors() || start_color() == ERR) {
		theme_monochrome(&mono);
		for (r = 0; r < ROLE_COUNT; r++)
			role_attr[r] = attrs_of(mono.roles[r].attrs);
		return;
	}
	use_default_colors();
	/* The colour depth comes from terminfo, never from TERM's name. */
	deep = COLORS >= 256 && COLOR_PAIRS > ROLE_COUNT;
	for (r = 0; r < ROLE_COUNT; r++) {
		const struct theme_style *s = &t->roles[r];
		short fg = deep ? s->fg256 : s->fg8, bg = deep ? s->bg256 : s->bg8;

		if (fg >= COLORS)
			fg = -1;
		if (bg >= COLORS)
			bg = -1;
		if (r + 1 < COLOR_PAIRS && init_pair((short)(r + 1), fg, bg) == OK)
			role_attr[r] = COLOR_PAIR(r + 1) | attrs_of(s->attrs);
		else
			role_attr[r] = attrs_of(s->attrs);
	}
}

attr_t color_attr(enum theme_role r)
{
	return (unsigned)r < ROLE_COUNT ? role_attr[r] : A_NORMAL;
}
