/* term.c: terminal set-up and the single restore path. Signal handlers only
 * set a flag (or, for a crash, restore and re-raise); everything else runs
 * in the main loop. */
#include "term.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <term.h>
#include <unistd.h>

#include "outfile.h"
#include "script.h"
#include "store.h"
#include "text.h"

static volatile sig_atomic_t pending_signal;
static SCREEN *screen;
static FILE *null_out, *null_in;	/* a screen test's virtual terminal */
static bool started, utf8, color;
static char remove_path[4][4200];	/* file, -wal, -shm, then its dir */

static char cli_command_name[32];	/* a command runs, not the dashboard */

static void unlink_registered(void);

/* Appends s to the message being built in a signal handler. */
static size_t add(char *buf, size_t at, size_t size, const char *s)
{
	while (*s && at + 1 < size)
		buf[at++] = *s++;
	return at;
}

static const char *signal_name(int sig)
{
	switch (sig) {
	case SIGINT: return "SIGINT";
	case SIGTERM: return "SIGTERM";
	case SIGHUP: return "SIGHUP";
	case SIGQUIT: return "SIGQUIT";
	default: return "a signal";
	}
}

/* The dashboard notices the flag between keys (and keeps what was being
 * typed). A command stops at once: what it had not committed is rolled
 * back by SQLite as after any crash (the journal is what makes a write
 * all or nothing), a staged output file is removed, and it says so. */
static void on_terminate(int sig)
{
	char msg[200];
	size_t n = 0;

	pending_signal = sig;
	if (cli_command_name[0] == '\0')
		return;
	n = add(msg, n, sizeof(msg), "bpowatch: ");
	n = add(msg, n, sizeof(msg), cli_command_name);
	n = add(msg, n, sizeof(msg), ": stopped by ");
	n = add(msg, n, sizeof(msg), signal_name(sig));
	n = add(msg, n, sizeof(msg), store_saving()
		? ": during a save, which SQLite keeps whole or not at all; "
		  "what it had saved before is kept\n"
		: store_saved_any() || outfile_put_any()
		? ": what it had saved before is kept, the rest was not done\n"
		: ": nothing was changed\n");
	(void)!write(STDERR_FILENO, msg, n);
	outfile_unlink_staged();
	unlink_registered();
	_exit(128 + sig);
}

void term_cli_mode(const char *command)
{
	snprintf(cli_command_name, sizeof(cli_command_name), "%s", command ? command : "");
}

static void unlink_registered(void)
{
	size_t i;

	for (i = 0; i < 3; i++)
		if (remove_path[i][0])
			unlink(remove_path[i]);	/* async-signal-safe */
	if (remove_path[3][0])
		rmdir(remove_path[3]);
}

/* A crash: put the terminal back as well as we can, remove the temporary
 * copy, then die of the same signal so the exit status stays honest. */
static void on_fatal(int sig)
{
	static const char restore[] = "\033[?1049l\033[?25h\033[0m\r\n";

	if (started)
		(void)!write(STDOUT_FILENO, restore, sizeof(restore) - 1);
	unlink_registered();
	signal(sig, SIG_DFL);
	raise(sig);
}

void term_signals_install(void)
{
	struct sigaction sa;
	static const int terminating[] = { SIGTERM, SIGHUP, SIGINT, SIGQUIT };
	static const int fatal[] = { SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT };
	size_t i;

	memset(&sa, 0, sizeof(sa));
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = on_terminate;
	for (i = 0; i < sizeof(terminating) / sizeof(*terminating); i++)
		sigaction(terminating[i], &sa, NULL);
	sa.sa_handler = on_fatal;
	sa.sa_flags = SA_RESETHAND;
	for (i = 0; i < sizeof(fatal) / sizeof(*fatal); i++)
		sigaction(fatal[i], &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	/* Past a file-size limit (ulimit -f) a write fails with EFBIG, which
	 * SQLite reports as a full disk and the write is rolled back, rather
	 * than the process being killed mid-transaction without a word. */
	signal(SIGXFSZ, SIG_IGN);
}

int term_signal_pending(void)
{
	return pending_signal;
}

void term_remove_on_exit(const char *path, const char *dir)
{
	static const char *const suffix[] = { "", "-wal", "-shm" };
	size_t i;

	for (i = 0; i < 3; i++) {
		if (path)
			snprintf(remove_path[i], sizeof(remove_path[i]), "%s%s",
				 path, suffix[i]);
		else
			remove_path[i][0] = '\0';
	}
	snprintf(remove_path[3], sizeof(remove_path[3]), "%s", dir ? dir : "");
}

void term_remove_now(void)
{
	unlink_registered();
	term_remove_on_exit(NULL, NULL);
}

/* True when terminfo knows name and it can move the cursor. */
static bool term_usable(const char *name, int *known)
{
	int errret = 0;
	bool ok;

	*known = 0;
	if (setupterm(name, STDOUT_FILENO, &errret) != OK)
		return false;
	*known = 1;
	ok = tigetstr("cup") != NULL && tigetstr("cup") != (char *)-1;
	del_curterm(cur_term);
	return ok;
}

/* ESCDELAY: the user's value, else short locally and longer over SSH
 * (never 0, which splits arrow keys on slow links). */
static void term_set_escdelay(void)
{
	const char *env = getenv("ESCDELAY");
	long ms = getenv("SSH_CONNECTION") ? 100 : 25;

	if (env && *env) {
		char *end;
		long v = strtol(env, &end, 10);

		if (*end == '\0' && v > 0 && v <= 5000)
			ms = v;
	}
	set_escdelay((int)ms);
}

/* Home and End arrive in several forms depending on the terminal, tmux,
 * screen or PuTTY, whatever TERM says: accept them all. */
static void term_define_keys(void)
{
	static const struct { const char *seq; int key; } keys[] = {
		{ "\033[1~", KEY_HOME }, { "\033[7~", KEY_HOME },
		{ "\033[H", KEY_HOME }, { "\033OH", KEY_HOME },
		{ "\033[4~", KEY_END }, { "\033[8~", KEY_END },
		{ "\033[F", KEY_END }, { "\033OF", KEY_END },
	};
	size_t i;

	for (i = 0; i < sizeof(keys) / sizeof(*keys); i++)
		if (key_defined(keys[i].seq) == 0)
			define_key(keys[i].seq, keys[i].key);
}

/* The settings every start makes once newterm succeeded. */
static void start_modes(const struct term_opts *o)
{
	set_term(screen);
	started = true;
	utf8 = text_locale_is_utf8() && !o->ascii;
	term_set_escdelay();
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	/* Let doupdate scroll the terminal (insert/delete line, scroll
	 * regions) when lines move, instead of repainting them: a list
	 * scrolled by one line then costs one line of output. */
	idlok(stdscr, TRUE);
	term_define_keys();
	curs_set(0);
	/* color_setup starts the colours; this only records the decision. */
	color = !o->no_color && has_colors();
}

/* A screen test: a virtual screen of the size asked (no terminal is
 * asked for its size), output to /dev/null, keys from the script. */
static int start_scripted(const struct term_opts *o, const char *name, char *msg,
			  size_t mn)
{
	char n[16];

	if (!script_open(o->script, msg, mn))
		return -1;
	snprintf(n, sizeof(n), "%d", o->rows);
	setenv("LINES", n, 1);
	snprintf(n, sizeof(n), "%d", o->cols);
	setenv("COLUMNS", n, 1);
	null_out = fopen("/dev/null", "w");
	null_in = fopen("/dev/null", "r");
	screen = null_out && null_in ?
		newterm(name && *name ? name : "xterm-256color", null_out, null_in) :
		NULL;
	if (screen == NULL) {
		snprintf(msg, mn, "cannot start a virtual screen (TERM=%s)",
			 name ? name : "");
		return -1;
	}
	start_modes(o);
	return 0;
}

int term_start(const struct term_opts *o, char *warn, size_t wn, char *msg,
	       size_t mn)
{
	static const char *const fallback[] = { "xterm-256color", "xterm", "vt100" };
	const char *name = getenv("TERM");
	int known;
	size_t i;

	warn[0] = '\0';
	if (o->script)
		return start_scripted(o, name, msg, mn);
	if (!isatty(STDOUT_FILENO) || !isatty(STDIN_FILENO)) {
		snprintf(msg, mn, "the dashboard needs a terminal, but %s is not "
			 "one (for scripts, see `bpowatch --help`)",
			 isatty(STDOUT_FILENO) ? "standard input" : "standard output");
		return -1;
	}
	if (name == NULL || *name == '\0' || strcmp(name, "dumb") == 0) {
		snprintf(msg, mn, "the dashboard needs a terminal that can move "
			 "the cursor, and TERM is %s", name && *name ? name : "not set");
		return -1;
	}
	if (!term_usable(name, &known)) {
		if (known) {
			snprintf(msg, mn, "terminal type %s cannot move the cursor; "
				 "the dashboard needs one that can", name);
			return -1;
		}
		for (i = 0; i < sizeof(fallback) / sizeof(*fallback); i++)
			if (term_usable(fallback[i], &known))
				break;
		if (i == sizeof(fallback) / sizeof(*fallback)) {
			snprintf(msg, mn, "terminal type %s is unknown here, and so "
				 "are xterm and vt100 (install ncurses-base)", name);
			return -1;
		}
		snprintf(warn, wn, "terminal type %s is unknown here; using %s",
			 name, fallback[i]);
		name = fallback[i];
	}
	screen = newterm(name, stdout, stdin);
	if (screen == NULL) {
		snprintf(msg, mn, "cannot start the terminal (TERM=%s)", name);
		return -1;
	}
	start_modes(o);
	return 0;
}

int term_getkey(int ms)
{
	int ch, next;

	if (script_active())
		return script_next_key();

	timeout(ms);
	ch = getch();
	if (ch != 27)
		return ch;
	/* ncurses already waited ESCDELAY: a CSI or SS3 queued now belongs to
	 * an unknown sequence (swallowed to its final byte), not to the user;
	 * any other key is the one typed after Esc. */
	timeout(0);
	next = getch();
	if (next == ERR)
		return 27;
	if (next == '[' || next == 'O') {
		do
			ch = getch();
		while (ch != ERR && !(ch >= 0x40 && ch <= 0x7e));
		return ERR;
	}
	ungetch(next);
	return 27;
}

void term_stop(void)
{
	if (!started)
		return;
	started = false;
	curs_set(1);
	endwin();
	fflush(stdout);
	delscreen(screen);
	screen = NULL;
	if (null_out)
		fclose(null_out);
	if (null_in)
		fclose(null_in);
	null_out = null_in = NULL;
	script_close();
}

bool term_utf8(void) { return utf8; }
bool term_color(void) { return color; }

int term_put(WINDOW *w, int y, int x, const char *s, int cols)
{
	char *clean;
	int used;

	if (cols <= 0)
		return 0;
	clean = text_clean(s, utf8 ? 0 : TEXT_ASCII, cols);
	used = text_width(clean);
	mvwaddstr(w, y, x, clean);
	free(clean);
	return used;
}
