/* script.h: the dashboard driven by a key script on a virtual screen, for
 * deterministic screen tests (--screen-script): keys come from a file one
 * per line, the screen is a fixed size no terminal sees, and a `dump`
 * line prints the screen as text to standard output. */
#ifndef BPW_SCRIPT_H
#define BPW_SCRIPT_H

#include <stdbool.h>
#include <stddef.h>

/* Opens the script at path; false with the reason in msg. */
bool script_open(const char *path, char *msg, size_t mn);

/* True while a script drives the dashboard. */
bool script_active(void);

/* The next key of the script, after printing the screen for every `dump`
 * line before it; ERR once the script is over (script_over() is then
 * true). A script line is a key name as the `keys` settings write them
 * ("j", "Enter", "S-Tab", "C-l", "F1"), `text WORDS` (each character of
 * WORDS typed), `dump [LABEL]`, a comment (#) or empty. */
int script_next_key(void);

/* True once the script has ended; failed when a line was not a key. */
bool script_over(void);
bool script_failed(void);

/* Closes the script. */
void script_close(void);

#endif
