/* upkeep.c: the data-upkeep forms of upkeep.h, built on form.h. The form
 * parses what was typed; these save functions hand it to core in one call
 * each, and core checks it as an import would (dates, plausible ranges). */
#include "upkeep.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "csv.h"
#include "form.h"
#include "partner.h"
#include "metric.h"
#include "sheet.h"
#include "target.h"
#include "term.h"
#include "view.h"
#include "xalloc.h"

static const char *const kind_labels[] = {
#define X(e, s, l) l,
	EVENT_KINDS(X)
#undef X
};

static const char *const source_labels[] = { "partner-reported", "client-measured" };

/* "CODE  Name" of a partner into buf ("" when it cannot be read). */
static void partner_label(struct app *a, int64_t id, char *buf, size_t n)
{
	struct partner p;
	struct bpw_error err;

	buf[0] = '\0';
	if (partner_get(a->store, id, &p, &err) == 0)
		snprintf(buf, n, "%s  %s", p.code, p.name);
	partner_clear(&p);
}

/* ---- events ---- */

struct event_form {
	struct app *a;
	int64_t id, partner_id;		/* id 0: a new event */
	int kind, date, title, detail;
};

static int event_save(struct form *f, void *ctx, int *field, struct bpw_error *err)
{
	struct event_form *c = ctx;
	struct event e = { .id = c->id, .partner_id = c->partner_id,
			   .kind = (enum event_kind)form_choice(f, c->kind),
			   .title = form_text(f, c->title),
			   .detail = form_text(f, c->detail) };
	int rc;

	snprintf(e.date, sizeof(e.date), "%s", form_date(f, c->date));
	rc = c->id ? event_update(c->a->store, &e, err)
		   : event_add(c->a->store, &e, NULL, err);
	if (rc != 0) {
		*field = strstr(err->msg, "date") ? c->date : -1;
		return rc;
	}
	app_message(c->a, "%s %s: %s", c->id ? "event saved" : "event logged",
		    e.date, event_kind_label(e.kind));
	return 0;
}

static void event_form(struct app *a, const struct event *e, int64_t partner_id)
{
	struct event_form *c = xcalloc(1, sizeof(*c));
	char who[200];
	struct form *f;

	c->a = a;
	c->id = e ? e->id : 0;
	c->partner_id = e ? e->partner_id : partner_id;
	partner_label(a, c->partner_id, who, sizeof(who));
	f = form_new(e ? "Edit the event" : "Log an event", event_save, c, free);
	form_add(f, FORM_FIXED, "Partner", who, 0);
	c->kind = form_add_choice(f, "Kind", kind_labels, EVENT_KIND_COUNT,
				  e ? (size_t)e->kind : EVENT_BEST_PRACTICE);
	c->date = form_add(f, FORM_DATE, "Date", e ? e->date : a->dash.today, FORM_REQUIRED);
	c->title = form_add(f, FORM_TEXT, "Title", e ? e->title : "", FORM_REQUIRED);
	form_set_max(f, c->title, 200);
	c->detail = form_add(f, FORM_TEXT, "Detail", e ? e->detail : "", 0);
	app_push(a, view_form_new(a, f));
}

void upkeep_log_event(struct app *a, int64_t partner_id)
{
	event_form(a, NULL, partner_id);
}

void upkeep_edit_event(struct app *a, const struct event *e)
{
	event_form(a, e, e->partner_id);
}

void upkeep_delete_event(struct app *a, int64_t id)
{
	struct bpw_error err;

	if (app_refuse_edit(a))
		return;
	if (event_delete(a->store, id, &err) != 0) {
		app_message(a, "%.250s", err.msg);
		return;
	}
	app_reload(a);
	app_message(a, "event deleted");
}

/* ---- figures ---- */

struct figure_form {
	struct app *a;
	int64_t partner_id;
	char metric[64];
	char **segments;		/* "total", then name=value */
	size_t nsegs;
	int month, segment, source, value;
};

static void figure_form_free(void *ctx)
{
	struct figure_form *c = ctx;
	size_t i;

	for (i = 0; i < c->nsegs; i++)
		free(c->segments[i]);
	free(c->segments);
	free(c);
}

/* Choice k of the segment field as stored: "" for the total (k 0). */
static const char *figure_segment(const struct figure_form *c, size_t k)
{
	return k ? c->segments[k] : "";
}

/* The stored figure of the metric in period for segment ("": the total)
 * and source; NaN when there is none. */
static double figure_stored(struct store *st, int64_t partner_id, const char *metric,
			    const char *period, const char *segment,
			    enum obs_source source)
{
	struct series s;
	struct bpw_error err;
	double v = NAN;

	if (observation_series(st, partner_id, metric, segment, source, period, period,
			       &s, &err) == 0 && s.count)
		v = s.points[s.count - 1].value;
	series_free(&s);
	return v;
}

bool upkeep_stored_figure(struct app *a, int64_t partner_id, const char *metric,
			  const char *period, const char *segment,
			  enum obs_source *source, double *value)
{
	*source = OBS_PARTNER;
	*value = figure_stored(a->store, partner_id, metric, period, segment, OBS_PARTNER);
	if (isnan(*value)) {
		*source = OBS_CLIENT;
		*value = figure_stored(a->store, partner_id, metric, period, segment,
				       OBS_CLIENT);
	}
	if (isnan(*value))
		*source = OBS_PARTNER;
	return !isnan(*value);
}

/* Another segment or source chosen: the value field shows what is stored
 * for it in the month typed (empty when nothing is). */
static void figure_chosen(struct form *f, void *ctx, int field)
{
	struct figure_form *c = ctx;
	char day[DATE_LEN], num[32] = "";
	double v;

	if (field != c->segment && field != c->source)
		return;
	if (!csv_period(form_raw(f, c->month), day))
		return;
	v = figure_stored(c->a->store, c->partner_id, c->metric, day,
			  figure_segment(c, form_choice(f, c->segment)),
			  form_choice(f, c->source) ? OBS_CLIENT : OBS_PARTNER);
	if (!isnan(v))
		sheet_format_number(v, '.', num, sizeof(num));
	form_set(f, c->value, num);
}

static int figure_save(struct form *f, void *ctx, int *field, struct bpw_error *err)
{
	struct figure_form *c = ctx;
	size_t k = form_choice(f, c->segment);
	struct observation o = { .partner_id = c->partner_id, .metric = c->metric,
				 .period = form_date(f, c->month),
				 .segment = figure_segment(c, k),
				 .source = form_choice(f, c->source) ? OBS_CLIENT : OBS_PARTNER,
				 .value = form_number(f, c->value, NULL) };
	enum upsert_result res;
	char num[32];
	int rc;

	rc = observation_upsert(c->a->store, &o, &res, err);
	if (rc != 0) {
		*field = c->value;
		return rc;
	}
	sheet_format_number(o.value, '.', num, sizeof(num));
	app_message(c->a, "%s %.7s%s%s (%s): %s%s", c->metric, o.period, k ? " " : "",
		    o.segment, obs_source_name(o.source), num,
		    res == UPSERT_UNCHANGED ? " (unchanged)" : " saved");
	return 0;
}

void upkeep_edit_figure(struct app *a, int64_t partner_id, const char *metric,
			const char *period, const char *segment,
			const char *const *segments, size_t nsegs)
{
	struct figure_form *c = xcalloc(1, sizeof(*c));
	char who[200], num[32] = "", month[8];
	size_t i, seg = 0;
	enum obs_source source;
	struct form *f;
	double v;

	c->a = a;
	c->partner_id = partner_id;
	snprintf(c->metric, sizeof(c->metric), "%s", metric);
	c->segments = xcalloc(nsegs + 1, sizeof(*c->segments));
	c->segments[c->nsegs++] = xstrdup("total");
	for (i = 0; i < nsegs; i++) {
		c->segments[c->nsegs++] = xstrdup(segments[i]);
		if (segment && strcmp(segment, segments[i]) == 0)
			seg = c->nsegs - 1;
	}
	/* The partner-reported figure where there is one, else the client's. */
	if (upkeep_stored_figure(a, partner_id, metric, period, figure_segment(c, seg),
				 &source, &v))
		sheet_format_number(v, '.', num, sizeof(num));
	partner_label(a, partner_id, who, sizeof(who));
	f = form_new("Enter or correct a figure", figure_save, c, figure_form_free);
	form_add(f, FORM_FIXED, "Partner", who, 0);
	form_add(f, FORM_FIXED, "Metric", metric, 0);
	snprintf(month, sizeof(month), "%.7s", period);
	c->month = form_add(f, FORM_MONTH, "Month", month, FORM_REQUIRED);
	c->segment = form_add_choice(f, "Segment", (const char *const *)c->segments,
				     c->nsegs, seg);
	c->source = form_add_choice(f, "Source", source_labels, 2, source == OBS_CLIENT);
	c->value = form_add(f, FORM_NUMBER, "Value", num, FORM_REQUIRED);
	form_set_max(f, c->value, 40);
	form_focus(f, c->value);
	form_on_change(f, figure_chosen);
	app_push(a, view_form_new(a, f));
}

void upkeep_clear_figure(struct app *a, int64_t partner_id, const char *metric,
			 const char *period, const char *segment,
			 enum obs_source source)
{
	struct bpw_error err;

	if (app_refuse_edit(a))
		return;
	if (observation_delete(a->store, partner_id, metric, period, segment, source,
			       &err) != 0) {
		app_message(a, "%.250s", err.msg);
		return;
	}
	app_reload(a);
	app_message(a, "%s %.7s%s%s (%s) cleared", metric, period, *segment ? " " : "",
		    segment, obs_source_name(source));
}

/* ---- partners ---- */

enum { PF_CODE, PF_NAME, PF_SITE, PF_COUNTRY, PF_SERVICES, PF_OWNER, PF_START,
       PF_END, PF_VALUE, PF_CURRENCY, PF_NOTES, PF_COUNT };

struct partner_form {
	struct app *a;
	struct partner was;		/* id 0: a new partner */
	int field[PF_COUNT];
};

static void partner_form_free(void *ctx)
{
	struct partner_form *c = ctx;

	partner_clear(&c->was);
	free(c);
}

static const char *opt(const char *s)
{
	return *s ? s : NULL;
}

static int partner_save(struct form *f, void *ctx, int *field, struct bpw_error *err)
{
	struct partner_form *c = ctx;
	struct partner p = c->was;
	bool empty;
	int rc;

	p.code = form_text(f, c->field[PF_CODE]);
	p.name = form_text(f, c->field[PF_NAME]);
	p.site = form_text(f, c->field[PF_SITE]);
	p.country = form_text(f, c->field[PF_COUNTRY]);
	p.services = form_text(f, c->field[PF_SERVICES]);
	p.owner = form_text(f, c->field[PF_OWNER]);
	p.contract_start = opt(form_date(f, c->field[PF_START]));
	p.contract_end = opt(form_date(f, c->field[PF_END]));
	p.annual_value = form_number(f, c->field[PF_VALUE], &empty);
	p.has_value = !empty;
	p.currency = form_text(f, c->field[PF_CURRENCY]);
	p.notes = form_text(f, c->field[PF_NOTES]);
	if (p.contract_start && p.contract_end && strcmp(p.contract_end, p.contract_start) < 0) {
		*field = c->field[PF_END];
		return bpw_error_set(err, BPW_EINVAL, "the contract ends before it starts");
	}
	rc = c->was.id ? partner_update(c->a->store, &p, err)
		       : partner_add(c->a->store, &p, NULL, err);
	if (rc != 0) {
		*field = strstr(err->msg, "code") ? c->field[PF_CODE] :
			 strstr(err->msg, "annual value") ? c->field[PF_VALUE] :
			 strstr(err->msg, "has no name") ? c->field[PF_NAME] : -1;
		return rc;
	}
	app_message(c->a, "partner %s %s", p.code, c->was.id ? "saved" : "added");
	return 0;
}

void upkeep_edit_partner(struct app *a, int64_t partner_id)
{
	struct partner_form *c = xcalloc(1, sizeof(*c));
	struct partner *p = &c->was;
	struct bpw_error err;
	char num[32] = "";
	struct form *f;

	c->a = a;
	if (partner_id && partner_get(a->store, partner_id, p, &err) != 0) {
		app_message(a, "%.250s", err.msg);
		partner_form_free(c);
		return;
	}
	if (p->has_value)
		sheet_format_number(p->annual_value, '.', num, sizeof(num));
	f = form_new(partner_id ? "Edit the partner" : "Add a partner", partner_save, c,
		     partner_form_free);
	c->field[PF_CODE] = form_add(f, partner_id ? FORM_FIXED : FORM_TEXT, "Code",
				     p->code, FORM_REQUIRED);
	form_set_max(f, c->field[PF_CODE], 16);
	c->field[PF_NAME] = form_add(f, FORM_TEXT, "Name", p->name, FORM_REQUIRED);
	c->field[PF_SITE] = form_add(f, FORM_TEXT, "Site", p->site, 0);
	c->field[PF_COUNTRY] = form_add(f, FORM_TEXT, "Country", p->country, 0);
	c->field[PF_SERVICES] = form_add(f, FORM_TEXT, "Services", p->services, 0);
	c->field[PF_OWNER] = form_add(f, FORM_TEXT, "Owner", p->owner, 0);
	c->field[PF_START] = form_add(f, FORM_DATE, "Contract start", p->contract_start, 0);
	c->field[PF_END] = form_add(f, FORM_DATE, "Contract end", p->contract_end, 0);
	c->field[PF_VALUE] = form_add(f, FORM_NUMBER, "Annual value", num, 0);
	c->field[PF_CURRENCY] = form_add(f, FORM_TEXT, "Currency",
					 p->currency && *p->currency ? p->currency : "EUR", 0);
	form_set_max(f, c->field[PF_CURRENCY], 8);
	c->field[PF_NOTES] = form_add(f, FORM_TEXT, "Notes", p->notes, 0);
	app_push(a, view_form_new(a, f));
}

/* ---- archiving ---- */

struct archive_form {
	struct app *a;
	struct partner_list all;
	char **labels;
	int partner;
};

static void archive_form_free(void *ctx)
{
	struct archive_form *c = ctx;
	size_t i;

	for (i = 0; i < c->all.count; i++)
		free(c->labels[i]);
	free(c->labels);
	partner_list_free(&c->all);
	free(c);
}

/* An active partner is archived, an archived one brought back. */
static int archive_save(struct form *f, void *ctx, int *field, struct bpw_error *err)
{
	struct archive_form *c = ctx;
	const struct partner *p = &c->all.items[form_choice(f, c->partner)];
	int rc;

	*field = c->partner;
	rc = partner_set_archived(c->a->store, p->id, !p->archived, err);
	if (rc == 0)
		app_message(c->a, p->archived ? "partner %s is back in the portfolio" :
			    "partner %s archived: hidden from the portfolio, its data kept "
			    "(A brings it back)", p->code);
	return rc;
}

void upkeep_archive(struct app *a, int64_t partner_id)
{
	struct archive_form *c = xcalloc(1, sizeof(*c));
	struct bpw_error err;
	size_t i, sel = 0;
	struct form *f;

	c->a = a;
	if (partner_list(a->store, true, &c->all, &err) != 0 || c->all.count == 0) {
		app_message(a, "%.250s", c->all.count ? err.msg : "no partners yet");
		archive_form_free(c);
		return;
	}
	c->labels = xcalloc(c->all.count, sizeof(*c->labels));
	for (i = 0; i < c->all.count; i++) {
		const struct partner *p = &c->all.items[i];
		size_t n = strlen(p->code) + strlen(p->name) + 40;

		c->labels[i] = xmalloc(n);
		snprintf(c->labels[i], n, "%s  %s: %s", p->code, p->archived ?
			 "bring back" : "archive", p->name);
		if (p->id == partner_id)
			sel = i;
	}
	f = form_new("Archive a partner or bring it back", archive_save, c,
		     archive_form_free);
	c->partner = form_add_choice(f, "Partner", (const char *const *)c->labels,
				     c->all.count, sel);
	form_add(f, FORM_FIXED, "Archived", "hidden from the portfolio and the "
		 "evaluation; the data stays", 0);
	app_push(a, view_form_new(a, f));
}

/* ---- contract targets ---- */

enum { TF_TARGET, TF_METRIC, TF_SEGMENT, TF_SOURCE, TF_VALUE, TF_ALERT, TF_CREDIT,
       TF_FROM, TF_UNTIL, TF_NOTE, TF_COUNT };

static const char *const target_sources[] = { "", "client", "partner" };
static const char *const target_source_labels[] = {
	"any (client-measured where there is one)", "client-measured", "partner-reported"
};

struct target_form {
	struct app *a;
	int64_t partner_id;
	struct target_list have;	/* the partner's targets, in list order */
	struct metric_list metrics;
	char **labels;			/* "new target", then one per target */
	char **metric_labels;
	int field[TF_COUNT];
};

static void target_form_free(void *ctx)
{
	struct target_form *c = ctx;
	size_t i;

	for (i = 0; i <= c->have.count; i++)
		free(c->labels[i]);
	for (i = 0; c->metric_labels && i < c->metrics.count; i++)
		free(c->metric_labels[i]);
	free(c->labels);
	free(c->metric_labels);
	target_list_free(&c->have);
	metric_list_free(&c->metrics);
	free(c);
}

static const struct metric *target_metric(const struct target_form *c, const char *key,
					  size_t *at)
{
	size_t i;

	for (i = 0; i < c->metrics.count; i++)
		if (strcmp(c->metrics.items[i].key, key) == 0) {
			if (at)
				*at = i;
			return &c->metrics.items[i];
		}
	return NULL;
}

/* "SLA ≥ 90 % since 2026-07" into buf. */
static void target_label_of(const struct target_form *c, const struct target *t,
			    char *buf, size_t n)
{
	const struct metric *m = target_metric(c, t->metric, NULL);
	char what[120], when[40];

	target_text(t, target_label(t->metric, m ? m->name : NULL), m ? m->unit : "",
		    m ? m->better : METRIC_HIGHER, !term_utf8(), what, sizeof(what));
	target_validity(t, when, sizeof(when));
	snprintf(buf, n, "%s  %s", what, when);
}

static size_t target_source_index(const char *s)
{
	size_t i;

	for (i = 0; i < sizeof(target_sources) / sizeof(*target_sources); i++)
		if (strcmp(target_sources[i], s ? s : "") == 0)
			return i;
	return 0;
}

static void set_number(struct form *f, int field, bool has, double v)
{
	char num[40] = "";

	if (has)
		sheet_format_number(v, '.', num, sizeof(num));
	form_set(f, field, num);
}

/* A new target starts in the month of today by default (a contract
 * signed now). */
static void this_month(const struct app *a, char out[TARGET_MONTH_LEN])
{
	snprintf(out, TARGET_MONTH_LEN, "%.7s", a->dash.today);
}

/* Choosing a target fills the form with its terms; "new target" empties
 * them (the metric stays where it was). */
static void target_chosen(struct form *f, void *ctx, int field)
{
	struct target_form *c = ctx;
	size_t sel = form_choice(f, c->field[TF_TARGET]), mi = 0;
	char month[TARGET_MONTH_LEN];
	const struct target *t;

	if (field != c->field[TF_TARGET])
		return;
	if (sel == 0) {
		this_month(c->a, month);
		form_set(f, c->field[TF_SEGMENT], NULL);
		form_set_choice(f, c->field[TF_SOURCE], 0);
		form_set(f, c->field[TF_VALUE], NULL);
		form_set(f, c->field[TF_ALERT], NULL);
		form_set(f, c->field[TF_CREDIT], NULL);
		form_set(f, c->field[TF_FROM], month);
		form_set(f, c->field[TF_UNTIL], NULL);
		form_set(f, c->field[TF_NOTE], NULL);
		return;
	}
	t = &c->have.items[sel - 1];
	if (target_metric(c, t->metric, &mi))
		form_set_choice(f, c->field[TF_METRIC], mi);
	form_set(f, c->field[TF_SEGMENT], t->segment);
	form_set_choice(f, c->field[TF_SOURCE], target_source_index(t->source));
	set_number(f, c->field[TF_VALUE], true, t->value);
	set_number(f, c->field[TF_ALERT], t->has_alert, t->alert);
	set_number(f, c->field[TF_CREDIT], t->has_credit, t->credit_pct);
	form_set(f, c->field[TF_FROM], t->from);
	form_set(f, c->field[TF_UNTIL], t->until);
	form_set(f, c->field[TF_NOTE], t->note);
}

/* The field a core message is about. */
static int target_field_of(const struct target_form *c, const char *msg)
{
	return strstr(msg, "overlaps") || strstr(msg, "valid from") ||
	       strstr(msg, "renewal") ? c->field[TF_FROM] :
	       strstr(msg, "valid until") ? c->field[TF_UNTIL] :
	       strstr(msg, "segment") ? c->field[TF_SEGMENT] :
	       strstr(msg, "alert level") ? c->field[TF_ALERT] :
	       strstr(msg, "credit") ? c->field[TF_CREDIT] :
	       strstr(msg, "metric") ? c->field[TF_METRIC] : c->field[TF_VALUE];
}

/* New target: added, or, when one of its metric, segment and source is
 * valid in its first month, that one renewed from then (renegotiated).
 * A chosen target: corrected in place when its first month stays, renewed
 * from a later month otherwise. */
static int target_save(struct form *f, void *ctx, int *field, struct bpw_error *err)
{
	struct target_form *c = ctx;
	size_t sel = form_choice(f, c->field[TF_TARGET]);
	const struct metric *m = &c->metrics.items[form_choice(f, c->field[TF_METRIC])];
	const struct target *was = sel ? &c->have.items[sel - 1] : NULL;
	struct target t = { 0 };
	char label[200], ended[TARGET_MONTH_LEN] = "";
	const char *how;
	bool empty;
	int rc;

	t.partner_id = c->partner_id;
	t.metric = m->key;
	t.segment = form_text(f, c->field[TF_SEGMENT]);
	t.source = target_sources[form_choice(f, c->field[TF_SOURCE])];
	t.value = form_number(f, c->field[TF_VALUE], NULL);
	t.alert = form_number(f, c->field[TF_ALERT], &empty);
	t.has_alert = !empty;
	t.credit_pct = form_number(f, c->field[TF_CREDIT], &empty);
	t.has_credit = !empty;
	snprintf(t.from, sizeof(t.from), "%.7s", form_date(f, c->field[TF_FROM]));
	snprintf(t.until, sizeof(t.until), "%.7s", form_date(f, c->field[TF_UNTIL]));
	t.note = form_text(f, c->field[TF_NOTE]);
	if (was == NULL) {
		was = target_find(&c->have, c->partner_id, t.metric, t.segment, t.source,
				  t.from);
		if (was && strcmp(was->from, t.from) == 0) {
			*field = c->field[TF_TARGET];
			return bpw_error_set(err, BPW_EEXIST, "a %s target starts in %s "
					     "already; choose it above",
					     target_label(m->key, m->name), t.from);
		}
	} else if (strcmp(was->metric, t.metric) != 0 ||
		   strcmp(was->segment ? was->segment : "", t.segment) != 0 ||
		   strcmp(was->source ? was->source : "", t.source) != 0) {
		*field = c->field[TF_METRIC];
		return bpw_error_set(err, BPW_EINVAL, "a target keeps its metric, segment "
				     "and source; choose 'new target' for another");
	} else if (strcmp(t.from, was->from) < 0) {
		*field = c->field[TF_FROM];
		return bpw_error_set(err, BPW_EINVAL, "a change takes effect from %s (the "
				     "target's first month) or later", was->from);
	}
	if (was == NULL) {
		rc = target_add(c->a->store, &t, NULL, err);
		how = "set";
	} else if (strcmp(was->from, t.from) == 0) {
		t.id = was->id;
		rc = target_change(c->a->store, &t, err);
		how = t.until[0] && strcmp(t.until, was->until) != 0 ? "ends" : "changed";
	} else {
		rc = target_renew(c->a->store, was->id, &t, NULL, err);
		how = "renegotiated";
		target_label_of(c, was, label, sizeof(label));
		snprintf(ended, sizeof(ended), "%s", t.from);
	}
	if (rc != 0) {
		*field = target_field_of(c, err->msg);
		return rc;
	}
	target_label_of(c, &t, label, sizeof(label));
	if (strcmp(how, "ends") == 0)
		app_message(c->a, "target %s: ends after %s", label, t.until);
	else if (ended[0])
		app_message(c->a, "target renegotiated from %s: %s (the old terms end "
			    "the month before)", ended, label);
	else
		app_message(c->a, "target %s: %s", how, label);
	return 0;
}

void upkeep_target(struct app *a, int64_t partner_id)
{
	struct target_form *c = xcalloc(1, sizeof(*c));
	struct bpw_error err;
	char who[200], month[TARGET_MONTH_LEN];
	struct form *f;
	size_t i, n;

	c->a = a;
	c->partner_id = partner_id;
	c->labels = xcalloc(1, sizeof(*c->labels));
	if (metric_list(a->store, &c->metrics, &err) != 0 ||
	    target_list(a->store, partner_id, &c->have, &err) != 0) {
		app_message(a, "%.250s", err.msg);
		target_form_free(c);
		return;
	}
	if (c->metrics.count == 0) {
		app_message(a, "no metrics in the database");
		target_form_free(c);
		return;
	}
	c->labels = xrealloc(c->labels, (c->have.count + 1) * sizeof(*c->labels));
	c->labels[0] = xstrdup("new target (or a renegotiated one from a month)");
	for (i = 0; i < c->have.count; i++) {
		c->labels[i + 1] = xmalloc(200);
		target_label_of(c, &c->have.items[i], c->labels[i + 1], 200);
	}
	c->metric_labels = xcalloc(c->metrics.count, sizeof(*c->metric_labels));
	for (i = 0; i < c->metrics.count; i++) {
		const struct metric *m = &c->metrics.items[i];

		n = strlen(m->key) + strlen(m->name ? m->name : "") + 40;
		c->metric_labels[i] = xmalloc(n);
		snprintf(c->metric_labels[i], n, "%s (%s, %s is better)",
			 m->name && *m->name ? m->name : m->key, m->key,
			 m->better == METRIC_HIGHER ? "higher" : "lower");
	}
	partner_label(a, partner_id, who, sizeof(who));
	this_month(a, month);
	f = form_new("Contract targets", target_save, c, target_form_free);
	form_add(f, FORM_FIXED, "Partner", who, 0);
	c->field[TF_TARGET] = form_add_choice(f, "Which", (const char *const *)c->labels,
					      c->have.count + 1, 0);
	c->field[TF_METRIC] = form_add_choice(f, "Metric",
					      (const char *const *)c->metric_labels,
					      c->metrics.count, 0);
	c->field[TF_SEGMENT] = form_add(f, FORM_TEXT, "Segment", NULL, 0);
	form_set_max(f, c->field[TF_SEGMENT], 80);
	c->field[TF_SOURCE] = form_add_choice(f, "Source", target_source_labels, 3, 0);
	c->field[TF_VALUE] = form_add(f, FORM_NUMBER, "Target value", NULL, FORM_REQUIRED);
	c->field[TF_ALERT] = form_add(f, FORM_NUMBER, "ALERT beyond", NULL, 0);
	c->field[TF_CREDIT] = form_add(f, FORM_NUMBER, "Credit % a miss", NULL, 0);
	c->field[TF_FROM] = form_add(f, FORM_MONTH, "Valid from", month, FORM_REQUIRED);
	c->field[TF_UNTIL] = form_add(f, FORM_MONTH, "Valid until", NULL, 0);
	c->field[TF_NOTE] = form_add(f, FORM_TEXT, "Note", NULL, 0);
	form_set_max(f, c->field[TF_NOTE], 200);
	form_on_change(f, target_chosen);
	app_push(a, view_form_new(a, f));
}
