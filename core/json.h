/* json.h: writing JSON text into a strbuf: strings escaped so that no
 * control character, invalid UTF-8 or line separator survives raw. */
#ifndef BPW_JSON_H
#define BPW_JSON_H

#include <stdbool.h>

#include "strbuf.h"

/* Appends s as a JSON string literal (NULL as null). Control characters,
 * DEL, C1 controls, U+2028/U+2029 and the bidirectional controls become
 * \u escapes; invalid UTF-8 becomes U+FFFD. */
void json_string(struct strbuf *b, const char *s);

/* Appends a number; NaN and infinities (not JSON) become null. Up to 4
 * decimals, trailing zeros dropped. */
void json_number(struct strbuf *b, double v);

/* Appends "key": (with a comma before it unless first). */
void json_key(struct strbuf *b, bool first, const char *key);

#endif
