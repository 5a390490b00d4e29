/* snapshot_rendering.h: a frozen QBR pack as it was written, in every
 * format (md, html, csv; and the CSV of its explanations) and each
 * combination of the style options that change it (--appendix, --paper,
 * --excel), each named by a key: rendered
 * at the freeze, stored with the snapshot in its transaction and read
 * back byte for byte, so the deck presented can be printed again whatever
 * later releases change in the writers. */
#ifndef BPW_SNAPSHOT_RENDERING_H
#define BPW_SNAPSHOT_RENDERING_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "report.h"
#include "snapshot.h"
#include "store.h"
#include "strbuf.h"

/* Room for a key. */
#define SNAPSHOT_STYLE_KEY 128

/* The outputs a snapshot keeps: the pack in each enum report_format, then
 * the CSV of its explanations (report --explanations FILE). */
#define SNAPSHOT_EXPLANATIONS REPORT_FORMAT_COUNT
#define SNAPSHOT_OUTPUTS (REPORT_FORMAT_COUNT + 1)

/* An output's name as stored: "md", "html", "csv", "explanations". */
const char *snapshot_output_name(int output);

/* The key of style s for output f: each option that changes f and is not
 * at its default, as "name=value", separated by spaces ("appendix=yes
 * paper=letter"); "" when all are at their defaults, so a snapshot stays
 * readable when a new option is added. */
void snapshot_style_key(int f, const struct report_style *s, char *buf, size_t n);

/* Calls fn once for each output and each combination of the options that
 * change it, with the style set and its key; returns the first non-zero
 * fn returns, or 0. */
int snapshot_style_each(int (*fn)(int output, const struct report_style *s,
				  const char *key, void *ctx),
			void *ctx);

/* The pack in every variant, rendered and not yet stored. */
struct snapshot_renderings {
	struct report *r;		/* while rendering */
	struct snapshot_rendering *v;
	size_t n;
};

/* Renders r in every variant into out (r->style is put back after);
 * snapshot_renderings_free releases out. */
void snapshot_renderings_render(struct report *r, struct snapshot_renderings *out);
void snapshot_renderings_free(struct snapshot_renderings *rs);

/* Stores rs as the renderings of snapshot id (inside the caller's
 * transaction). */
int snapshot_renderings_store(struct store *st, int64_t id,
			      const struct snapshot_renderings *rs, struct bpw_error *err);

/* How many renderings snapshot id keeps into *n: none when it was frozen
 * by a version that kept the Markdown pack alone (and no monthly figures
 * of its metrics either). */
int snapshot_renderings_count(struct store *st, int64_t id, int *n, struct bpw_error *err);

/* Appends to out output f (an enum report_format or SNAPSHOT_EXPLANATIONS)
 * of quarter in style as it was rendered when frozen, byte for byte;
 * *info describes the snapshot.
 * BPW_ENOENT when the quarter was never frozen; BPW_EINVAL when the
 * snapshot keeps no such rendering (one frozen by an older version keeps
 * its Markdown pack alone, printed for md without options). */
int snapshot_get_rendering(struct store *st, const char *quarter, int f,
			   const struct report_style *style, struct snapshot_info *info,
			   struct strbuf *out, struct bpw_error *err);

#endif
