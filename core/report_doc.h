/* report_doc.h: the QBR pack as a document of headings, paragraphs,
 * lists and tables (private to the report writers). report_doc.c walks
 * the report once; each format (report_md.c, report_html.c) is a table
 * of these operations, so the two cannot drift apart. */
#ifndef BPW_REPORT_DOC_H
#define BPW_REPORT_DOC_H

#include <stdbool.h>

#include "report.h"
#include "strbuf.h"

/* Each pair of open/close calls gets open true, then false. Text passed
 * to text() is data: the format neutralises and escapes it. Everything
 * else the walker adds with strbuf_add is its own plain wording, safe in
 * every format (no markup characters). */
struct report_doc_ops {
	/* the whole pack r (a format may lay out its pages from it) */
	void (*document)(struct strbuf *b, const struct report *r,
			 const char *title, bool open);
	/* partner i of r: its own printed page(s) */
	void (*section)(struct strbuf *b, const struct report *r, size_t i,
			bool open);
	void (*heading)(struct strbuf *b, int level, bool open);
	void (*para)(struct strbuf *b, bool note, bool open);
	void (*list)(struct strbuf *b, bool open);
	void (*item)(struct strbuf *b, bool open);
	/* n columns with heads (data), align 'l' or 'r' per column */
	void (*table)(struct strbuf *b, size_t n, const char *const *heads,
		      const char *align, bool open);
	void (*row)(struct strbuf *b, bool open);
	/* cls: NULL, "n" (a number), "better", "worse", "same", "detail"
	 * (multi-line text), "date" (never broken at its hyphens) */
	void (*cell)(struct strbuf *b, const char *cls, bool open);
	void (*strong)(struct strbuf *b, bool open);
	/* a short run never broken across lines (a label with its badge) */
	void (*tag)(struct strbuf *b, bool open);
	void (*text)(struct strbuf *b, const char *s);
	/* a status, or label (NULL: the status's own) in its colours */
	void (*badge)(struct strbuf *b, enum status s, const char *label);
	void (*spark)(struct strbuf *b, const struct report_metric *rm);
	/* NULL: each metric's spark() sits in the last column of the key
	 * metrics table. Set: the table has no such column; the charts follow
	 * it as a grid of figures, charts(true) ... charts(false), each
	 * figure(rm, true), its caption as text, figure(rm, false), which
	 * draws the chart. */
	void (*charts)(struct strbuf *b, bool open);
	void (*figure)(struct strbuf *b, const struct report_metric *rm, bool open);
	/* NULL, or the bounds of what follows a partner's figures (audits,
	 * events, actions, meetings), which print keeps together: on the
	 * figures' page when it fits, else all on the next. */
	void (*rest)(struct strbuf *b, bool open);
	const char *partial;	/* the mark of a partial quarter */
};

/* Writes the pack r through ops into b. */
void report_doc_write(const struct report *r, const struct report_doc_ops *ops,
		      struct strbuf *b);

/* report_doc_write to f as it goes (f NULL: all into b), b emptied after
 * each partner: what is held is a partner's text, not the pack's. */
void report_doc_write_to(const struct report *r, const struct report_doc_ops *ops,
			 struct strbuf *b, FILE *f);

#endif
