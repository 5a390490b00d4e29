/* color.h: the theme on the terminal: one colour pair per role, 256-colour
 * or 8-colour values by what terminfo says the terminal has, attributes
 * only without colour. */
#ifndef BPW_COLOR_H
#define BPW_COLOR_H

#include <stdbool.h>
#include <curses.h>

#include "theme.h"

/* Sets up the roles of t after the terminal started. With use_color false,
 * or a terminal without colours, the monochrome styles are used. */
void color_setup(const struct theme *t, bool use_color);

/* The attributes (colour pair included) to draw role r with. */
attr_t color_attr(enum theme_role r);

#endif
