/* script.c: the key scripts of script.h. The screen printed is curses'
 * idea of the terminal (curscr) after the last update: what a terminal
 * would show, line by line, trailing blanks left out. */
#include "script.h"

#include <curses.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "keymap.h"

static FILE *in;
static const char *name;
static int lineno;
static bool over, failed;
static int queue[512];
static size_t qhead, qlen;

bool script_open(const char *path, char *msg, size_t mn)
{
	in = fopen(path, "r");
	if (in == NULL) {
		snprintf(msg, mn, "cannot read the screen script %s", path);
		return false;
	}
	name = path;
	return true;
}

bool script_active(void)
{
	return in != NULL;
}

bool script_over(void)
{
	return over;
}

bool script_failed(void)
{
	return failed;
}

void script_close(void)
{
	if (in)
		fclose(in);
	in = NULL;
}

static void push(int key)
{
	if (qlen < sizeof(queue) / sizeof(*queue))
		queue[(qhead + qlen++) % (sizeof(queue) / sizeof(*queue))] = key;
}

/* A line-drawing character of the alternate set as ASCII. */
static wchar_t acs_ascii(wchar_t c)
{
	switch (c) {
	case 'q': return '-';
	case 'x': return '|';
	case 'l': case 'k': case 'm': case 'j': case 'n': case 't': case 'u':
	case 'v': case 'w': return '+';
	case 'a': return '#';
	case '~': return 'o';
	default: return c;
	}
}

/* Prints the screen as it stands, under a "--- LABEL" line. */
static void dump(const char *label)
{
	int y, x;

	printf("--- %s\n", label);
	for (y = 0; y < LINES; y++) {
		char line[8192];
		size_t n = 0, keep = 0;
		mbstate_t st;

		memset(&st, 0, sizeof(st));
		for (x = 0; x < COLS && n + 2 * MB_LEN_MAX < sizeof(line); x++) {
			wchar_t wch[CCHARW_MAX + 1] = { 0 };
			attr_t at = 0;
			short pair = 0;
			cchar_t cc;
			size_t k, w;

			if (mvwin_wch(curscr, y, x, &cc) == ERR ||
			    getcchar(&cc, wch, &at, &pair, NULL) == ERR)
				break;
			if (wch[0] == 0)
				wch[0] = ' ';
			if (at & A_ALTCHARSET)
				wch[0] = acs_ascii(wch[0]);
			for (k = 0; k < CCHARW_MAX && wch[k]; k++) {
				w = wcrtomb(line + n, wch[k], &st);
				if (w == (size_t)-1) {
					line[n] = '?';
					w = 1;
					memset(&st, 0, sizeof(st));
				}
				n += w;
			}
			if (wch[0] != ' ')
				keep = n;
			if (wcwidth(wch[0]) == 2)
				x++;
		}
		line[keep] = '\0';
		puts(line);
	}
	fflush(stdout);
}

/* Reads script lines until a key is queued or the script ends. */
static void read_more(void)
{
	char buf[1024];
	int codes[4];

	while (qlen == 0 && fgets(buf, sizeof(buf), in)) {
		char *s = buf, *e;

		lineno++;
		s[strcspn(s, "\r\n")] = '\0';
		while (*s == ' ' || *s == '\t')
			s++;
		for (e = s + strlen(s); e > s && (e[-1] == ' ' || e[-1] == '\t'); e--)
			;
		*e = '\0';
		if (*s == '\0' || *s == '#')
			continue;
		if (strncmp(s, "dump", 4) == 0 && (s[4] == '\0' || s[4] == ' ')) {
			dump(s[4] ? s + 5 : "");
			continue;
		}
		if (strncmp(s, "text ", 5) == 0) {
			for (s += 5; *s; s++)
				push((unsigned char)*s);
			continue;
		}
		if (keymap_parse_key(s, codes) == 0) {
			fprintf(stderr, "bpowatch: %s:%d: '%s' is not a key name, "
				"`text ...` or `dump`\n", name, lineno, s);
			failed = true;
			break;
		}
		push(codes[0]);	/* the others are the same key's other codes */
	}
}

int script_next_key(void)
{
	int key;

	if (over)
		return ERR;
	read_more();
	if (qlen == 0) {
		over = true;
		return ERR;
	}
	key = queue[qhead];
	qhead = (qhead + 1) % (sizeof(queue) / sizeof(*queue));
	qlen--;
	return key;
}
