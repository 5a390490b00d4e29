/* term.h: the terminal: start-up with a TERM fallback, colours, the one
 * clean-up path (normal exit, signals, crashes), and safe text output. */
#ifndef BPW_TERM_H
#define BPW_TERM_H

#include <stdbool.h>
#include <stddef.h>
#include <curses.h>

struct term_opts {
	bool ascii;		/* force ASCII drawing */
	bool no_color;		/* --no-color or NO_COLOR */
	/* Screen tests (tui/script.h): keys from this script, a virtual
	 * screen of cols x rows that no terminal sees. */
	const char *script;
	int cols, rows;
};

/* Installs the signal handlers: SIGTERM, SIGHUP, SIGINT only set a flag;
 * crashes restore the terminal and remove registered files first. */
void term_signals_install(void);

/* The terminating signal received so far, or 0. */
int term_signal_pending(void);

/* From now on a terminating signal (SIGINT, SIGTERM, SIGHUP, SIGQUIT)
 * stops the process at once, as the command named: its uncommitted write
 * is rolled back (as after a crash), staged output files are removed, one
 * line on stderr says what was and was not done, and the exit status is
 * 128 + the signal. NULL: the dashboard's way again (a flag it polls). */
void term_cli_mode(const char *command);

/* Registers a file to delete on any exit, crash included (the --demo copy,
 * with its -wal and -shm), and then its directory dir (may be NULL). Only
 * one; NULL unregisters. */
void term_remove_on_exit(const char *path, const char *dir);

/* Deletes the registered file now (and unregisters it). */
void term_remove_now(void);

/* Checks stdin/stdout are a terminal and TERM can address the cursor, then
 * starts curses (falling back xterm-256color -> xterm -> vt100 for an
 * unknown TERM, with a warning in warn). 0, or -1 with a message in msg. */
int term_start(const struct term_opts *o, char *warn, size_t wn, char *msg,
	       size_t mn);

/* Reads a key like getch, waiting at most ms; an escape sequence curses
 * does not know (a key of an exotic terminal) is swallowed whole instead of
 * arriving as Esc followed by text (Esc then a plain key stays two
 * keys). ERR on timeout. */
int term_getkey(int ms);

/* Restores the terminal; safe to call twice and when never started. */
void term_stop(void);

/* True when drawing may use UTF-8 (locale is UTF-8 and not --ascii). */
bool term_utf8(void);

/* True when colours are in use. */
bool term_color(void);

/* Writes untrusted text s at (y, x) in w, neutralised and cut to at most
 * cols columns; returns the columns used. */
int term_put(WINDOW *w, int y, int x, const char *s, int cols);

#endif
