/* schema.c: the forward migrations that build the bpowatch schema. Each entry
 * of migrations[] takes the schema from version i to i+1; a released entry is
 * never edited, a change is a new entry. */
#include "schema.h"

#include <stdio.h>

/* Version 1: partners, the metric catalogue with its built-in metrics,
 * monthly observations, events and QBR follow-up actions. */
static const char migration_1[] =
	"CREATE TABLE partner ("
	"  id INTEGER PRIMARY KEY,"
	"  code TEXT NOT NULL UNIQUE COLLATE NOCASE"
	"    CHECK (length(code) BETWEEN 1 AND 16),"
	"  name TEXT NOT NULL CHECK (name <> ''),"
	"  site TEXT NOT NULL DEFAULT '',"
	"  country TEXT NOT NULL DEFAULT '',"
	"  services TEXT NOT NULL DEFAULT '',"
	"  contract_start TEXT,"
	"  contract_end TEXT,"
	"  annual_value REAL CHECK (annual_value IS NULL OR annual_value >= 0),"
	"  currency TEXT NOT NULL DEFAULT 'EUR',"
	"  owner TEXT NOT NULL DEFAULT '',"
	"  notes TEXT NOT NULL DEFAULT '',"
	"  archived INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1))"
	");"
	"CREATE TABLE metric ("
	"  key TEXT PRIMARY KEY CHECK (key GLOB '[a-z]*' AND key NOT GLOB '*[^a-z0-9_]*'),"
	"  name TEXT NOT NULL,"
	"  unit TEXT NOT NULL DEFAULT '',"
	"  better TEXT NOT NULL CHECK (better IN ('higher', 'lower')),"
	"  aggregation TEXT NOT NULL CHECK (aggregation IN ('avg', 'sum', 'last')),"
	"  description TEXT NOT NULL DEFAULT '',"
	"  question TEXT NOT NULL DEFAULT '',"
	"  builtin INTEGER NOT NULL DEFAULT 0 CHECK (builtin IN (0, 1))"
	");"
	"CREATE TABLE observation ("
	"  partner_id INTEGER NOT NULL REFERENCES partner(id) ON DELETE CASCADE,"
	"  metric TEXT NOT NULL REFERENCES metric(key) ON UPDATE CASCADE,"
	"  period TEXT NOT NULL"
	"    CHECK (period GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-01'),"
	"  segment TEXT NOT NULL DEFAULT '',"
	"  source TEXT NOT NULL DEFAULT 'partner'"
	"    CHECK (source IN ('partner', 'client')),"
	"  value REAL NOT NULL,"
	"  PRIMARY KEY (partner_id, metric, period, segment, source)"
	") WITHOUT ROWID;"
	"CREATE INDEX observation_metric_period ON observation(metric, period);"
	"CREATE TABLE event ("
	"  id INTEGER PRIMARY KEY,"
	"  partner_id INTEGER NOT NULL REFERENCES partner(id) ON DELETE CASCADE,"
	"  date TEXT NOT NULL"
	"    CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),"
	"  kind TEXT NOT NULL CHECK (kind IN ('meeting', 'best_practice',"
	"    'improvement_idea', 'escalation', 'report_late', 'incident', 'note')),"
	"  title TEXT NOT NULL,"
	"  detail TEXT NOT NULL DEFAULT ''"
	");"
	"CREATE INDEX event_partner_date ON event(partner_id, date);"
	"CREATE TABLE action ("
	"  id INTEGER PRIMARY KEY,"
	"  partner_id INTEGER NOT NULL REFERENCES partner(id) ON DELETE CASCADE,"
	"  text TEXT NOT NULL CHECK (text <> ''),"
	"  owner TEXT NOT NULL DEFAULT '',"
	"  due TEXT CHECK (due IS NULL OR"
	"    due GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),"
	"  status TEXT NOT NULL DEFAULT 'open'"
	"    CHECK (status IN ('open', 'done', 'dropped')),"
	"  created TEXT NOT NULL"
	");"
	"CREATE INDEX action_partner ON action(partner_id, status);"
	"INSERT INTO metric(key, name, unit, better, aggregation, description,"
	"                   question, builtin) VALUES"
	" ('csat', 'Customer satisfaction', '%', 'higher', 'avg',"
	"  'Share of surveyed customers who rated the contact 4 or 5 of 5.',"
	"  'How satisfied are you with the help you received today? (1-5)', 1),"
	" ('churn_after_contact', 'Churn after contact', '%', 'lower', 'avg',"
	"  'Customers who cancelled within 30 days of a contact, per 100 contacts.', '', 1),"
	" ('escalations', 'Escalations', 'count', 'lower', 'sum',"
	"  'Contacts escalated to the client''s own team.', '', 1),"
	" ('attrition', 'Agent attrition', '%', 'lower', 'avg',"
	"  'Agents who left in the month, per 100 agents on the project.', '', 1),"
	" ('absenteeism', 'Absenteeism', '%', 'lower', 'avg',"
	"  'Scheduled agent hours lost to unplanned absence.', '', 1),"
	" ('cost_per_contact', 'Cost per contact', 'EUR', 'lower', 'avg',"
	"  'Invoiced cost divided by handled contacts or cases.', '', 1),"
	" ('sla_adherence', 'SLA adherence', '%', 'higher', 'avg',"
	"  'Share of contacts or cases handled within the agreed service level.', '', 1),"
	" ('fcr', 'First-contact resolution', '%', 'higher', 'avg',"
	"  'Share of issues resolved without a repeat contact within 7 days.', '', 1),"
	" ('qa_score', 'QA score', '%', 'higher', 'avg',"
	"  'Monthly call or case listening score against the quality form.', '', 1),"
	" ('report_on_time', 'Reports on time', '%', 'higher', 'avg',"
	"  'Agreed reports delivered by their due day.', '', 1),"
	" ('response_hours', 'Response time', 'h', 'lower', 'avg',"
	"  'Median hours until the partner answers a call or e-mail from the client.', '', 1);";

/* Version 2: QA checklist templates, reviews and answers. A template row is
 * one version; a new version is a new row with the same name. */
static const char migration_2[] =
	"CREATE TABLE qa_template ("
	"  id INTEGER PRIMARY KEY,"
	"  name TEXT NOT NULL CHECK (name <> ''),"
	"  version INTEGER NOT NULL CHECK (version >= 1),"
	"  passing_score REAL NOT NULL DEFAULT 80"
	"    CHECK (passing_score BETWEEN 0 AND 100),"
	"  created TEXT NOT NULL,"
	"  UNIQUE (name, version)"
	");"
	"CREATE TABLE qa_section ("
	"  id INTEGER PRIMARY KEY,"
	"  template_id INTEGER NOT NULL REFERENCES qa_template(id) ON DELETE CASCADE,"
	"  position INTEGER NOT NULL,"
	"  key TEXT NOT NULL DEFAULT '',"
	"  title TEXT NOT NULL,"
	"  UNIQUE (template_id, position)"
	");"
	"CREATE TABLE qa_item ("
	"  id INTEGER PRIMARY KEY,"
	"  section_id INTEGER NOT NULL REFERENCES qa_section(id) ON DELETE CASCADE,"
	"  position INTEGER NOT NULL,"
	"  text TEXT NOT NULL CHECK (text <> ''),"
	"  weight REAL NOT NULL DEFAULT 1 CHECK (weight >= 0),"
	"  critical INTEGER NOT NULL DEFAULT 0 CHECK (critical IN (0, 1)),"
	"  answer_kind TEXT NOT NULL DEFAULT 'passfail'"
	"    CHECK (answer_kind IN ('passfail', 'scale')),"
	"  UNIQUE (section_id, position)"
	");"
	"CREATE TABLE qa_review ("
	"  id INTEGER PRIMARY KEY,"
	"  partner_id INTEGER NOT NULL REFERENCES partner(id) ON DELETE CASCADE,"
	"  template_id INTEGER NOT NULL REFERENCES qa_template(id),"
	"  date TEXT NOT NULL"
	"    CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),"
	"  reviewer TEXT NOT NULL DEFAULT '',"
	"  status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'final')),"
	"  notes TEXT NOT NULL DEFAULT ''"
	");"
	"CREATE INDEX qa_review_partner ON qa_review(partner_id, date);"
	"CREATE TABLE qa_answer ("
	"  review_id INTEGER NOT NULL REFERENCES qa_review(id) ON DELETE CASCADE,"
	"  item_id INTEGER NOT NULL REFERENCES qa_item(id),"
	"  answer TEXT NOT NULL CHECK (answer IN ('pass', 'fail', 'na',"
	"    '0', '1', '2', '3', '4', '5')),"
	"  note TEXT NOT NULL DEFAULT '',"
	"  PRIMARY KEY (review_id, item_id)"
	") WITHOUT ROWID;";

/* Version 3: the indicator engine reads one metric and segment over a
 * window of months for every partner at once; this index holds exactly
 * that (with the value, so the table itself is not touched). It replaces
 * the (metric, period) index, which it makes redundant. */
static const char migration_3[] =
	"DROP INDEX observation_metric_period;"
	"CREATE INDEX observation_metric_segment_period"
	"  ON observation(metric, segment, period, value);";

/* Version 4: an answer row may hold only a note (the item is not answered
 * yet, or the answer was taken back), so answer becomes nullable; and a
 * partner may have its own audit interval. */
static const char migration_4[] =
	"CREATE TABLE qa_answer_v4 ("
	"  review_id INTEGER NOT NULL REFERENCES qa_review(id) ON DELETE CASCADE,"
	"  item_id INTEGER NOT NULL REFERENCES qa_item(id),"
	"  answer TEXT CHECK (answer IS NULL OR answer IN ('pass', 'fail', 'na',"
	"    '0', '1', '2', '3', '4', '5')),"
	"  note TEXT NOT NULL DEFAULT '',"
	"  PRIMARY KEY (review_id, item_id)"
	") WITHOUT ROWID;"
	"INSERT INTO qa_answer_v4 SELECT review_id, item_id, answer, note FROM qa_answer;"
	"DROP TABLE qa_answer;"
	"ALTER TABLE qa_answer_v4 RENAME TO qa_answer;"
	"CREATE TABLE qa_interval ("
	"  partner_id INTEGER PRIMARY KEY REFERENCES partner(id) ON DELETE CASCADE,"
	"  days INTEGER NOT NULL CHECK (days BETWEEN 1 AND 3650)"
	");";

/* Version 5: the audit trail. Every write through bpowatch appends a row
 * (when, which OS user, what, old and new value); the triggers refuse to
 * change or delete one, whoever asks. */
static const char migration_5[] =
	"CREATE TABLE audit ("
	"  id INTEGER PRIMARY KEY,"
	"  at TEXT NOT NULL,"
	"  user TEXT NOT NULL,"
	"  action TEXT NOT NULL,"
	"  partner TEXT NOT NULL DEFAULT '',"
	"  object TEXT NOT NULL DEFAULT '',"
	"  old TEXT,"
	"  new TEXT"
	");"
	"CREATE INDEX audit_partner_at ON audit(partner, at);"
	"CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit"
	"  BEGIN SELECT RAISE(ABORT, 'the audit trail cannot be changed'); END;"
	"CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit"
	"  BEGIN SELECT RAISE(ABORT, 'the audit trail cannot be changed'); END;";

/* Version 6: frozen QBR snapshots: what a quarter's pack showed, never
 * changed (the triggers refuse it, whoever asks). */
static const char migration_6[] =
	"CREATE TABLE snapshot ("
	"  id INTEGER PRIMARY KEY,"
	"  quarter TEXT NOT NULL UNIQUE,"
	"  judged TEXT NOT NULL,"
	"  taken TEXT NOT NULL,"
	"  user TEXT NOT NULL,"
	"  pack TEXT NOT NULL"
	");"
	"CREATE TABLE snapshot_item ("
	"  snapshot_id INTEGER NOT NULL REFERENCES snapshot(id),"
	"  partner TEXT NOT NULL,"
	"  item TEXT NOT NULL,"
	"  status TEXT,"
	"  reason TEXT NOT NULL DEFAULT '',"
	"  value REAL,"
	"  settings TEXT NOT NULL DEFAULT '',"
	"  inputs TEXT NOT NULL DEFAULT '',"
	"  PRIMARY KEY (snapshot_id, partner, item)"
	") WITHOUT ROWID;"
	"CREATE TRIGGER snapshot_no_update BEFORE UPDATE ON snapshot"
	"  BEGIN SELECT RAISE(ABORT, 'a frozen snapshot cannot be changed'); END;"
	"CREATE TRIGGER snapshot_no_delete BEFORE DELETE ON snapshot"
	"  BEGIN SELECT RAISE(ABORT, 'a frozen snapshot cannot be changed'); END;"
	"CREATE TRIGGER snapshot_item_no_update BEFORE UPDATE ON snapshot_item"
	"  BEGIN SELECT RAISE(ABORT, 'a frozen snapshot cannot be changed'); END;"
	"CREATE TRIGGER snapshot_item_no_delete BEFORE DELETE ON snapshot_item"
	"  BEGIN SELECT RAISE(ABORT, 'a frozen snapshot cannot be changed'); END;";

/* Version 7: review meetings. A meeting keeps its notes and the partner's
 * indicator statuses when it began (what changed since is shown at the
 * next one); an action may be raised in a meeting and linked to an
 * indicator, and keeps the day it was closed. */
static const char migration_7[] =
	"CREATE TABLE meeting ("
	"  id INTEGER PRIMARY KEY,"
	"  partner_id INTEGER NOT NULL REFERENCES partner(id) ON DELETE CASCADE,"
	"  started TEXT NOT NULL,"
	"  closed TEXT,"
	"  notes TEXT NOT NULL DEFAULT '',"
	"  statuses TEXT NOT NULL DEFAULT '',"
	"  event_id INTEGER REFERENCES event(id) ON DELETE SET NULL"
	");"
	"CREATE INDEX meeting_partner ON meeting(partner_id, started);"
	"ALTER TABLE action ADD COLUMN indicator TEXT NOT NULL DEFAULT '';"
	"ALTER TABLE action ADD COLUMN meeting_id INTEGER REFERENCES meeting(id)"
	"  ON DELETE SET NULL;"
	"ALTER TABLE action ADD COLUMN closed TEXT;";

/* Version 8: the calibration gap. A QA answer may hold the partner's own
 * answer to the same item beside ours; the gap of a final audit (the
 * partner's score minus ours) is a built-in metric the rules can read. */
static const char migration_8[] =
	"ALTER TABLE qa_answer ADD COLUMN partner_answer TEXT"
	"  CHECK (partner_answer IS NULL OR partner_answer IN ('pass', 'fail', 'na',"
	"    '0', '1', '2', '3', '4', '5'));"
	"INSERT INTO metric(key, name, unit, better, aggregation, description, question,"
	" builtin) VALUES ('qa_calibration_gap', 'QA calibration gap', 'pts', 'lower',"
	" 'last', 'The partner''s own score of a final QA audit minus ours, on the items"
	" both answered (N/A on either side left out): how far their self-assessment"
	" is kinder than ours.', '', 1);";

/* The view over obs that speaks the old text columns, and the triggers
 * that let it be written to (migration 9; migration 10 drops and makes it
 * again around its rebuild of obs). */
#define OBSERVATION_VIEW \
	"CREATE VIEW observation(partner_id, metric, period, segment, source, value) AS" \
	"  SELECT o.partner_id, m.key," \
	"    printf('%04d-%02d-01', o.period / 100, o.period % 100), s.name," \
	"    CASE o.source WHEN 1 THEN 'client' ELSE 'partner' END, o.value" \
	"  FROM obs o JOIN metric m ON m.id = o.metric JOIN segment s ON s.id = o.segment;" \
	"CREATE TRIGGER observation_insert INSTEAD OF INSERT ON observation BEGIN" \
	"  SELECT RAISE(ABORT, 'period is not YYYY-MM-01')" \
	"    WHERE NEW.period IS NULL" \
	"      OR NEW.period NOT GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-01';" \
	"  SELECT RAISE(ABORT, 'unknown partner')" \
	"    WHERE NOT EXISTS (SELECT 1 FROM partner WHERE id = NEW.partner_id);" \
	"  SELECT RAISE(ABORT, 'unknown metric')" \
	"    WHERE NOT EXISTS (SELECT 1 FROM metric WHERE key = NEW.metric);" \
	"  SELECT RAISE(ABORT, 'source is neither partner nor client')" \
	"    WHERE coalesce(NEW.source, 'partner') NOT IN ('partner', 'client');" \
	"  INSERT OR IGNORE INTO segment(name) VALUES (coalesce(NEW.segment, ''));" \
	"  INSERT INTO obs VALUES (NEW.partner_id," \
	"    (SELECT id FROM metric WHERE key = NEW.metric)," \
	"    CAST(substr(NEW.period, 1, 4) || substr(NEW.period, 6, 2) AS INTEGER)," \
	"    (SELECT id FROM segment WHERE name = coalesce(NEW.segment, ''))," \
	"    NEW.source IS 'client', NEW.value);" \
	"END;" \
	"CREATE TRIGGER observation_delete INSTEAD OF DELETE ON observation BEGIN" \
	"  DELETE FROM obs WHERE partner_id = OLD.partner_id" \
	"    AND metric = (SELECT id FROM metric WHERE key = OLD.metric)" \
	"    AND period = CAST(substr(OLD.period, 1, 4) || substr(OLD.period, 6, 2) AS INTEGER)" \
	"    AND segment = (SELECT id FROM segment WHERE name = OLD.segment)" \
	"    AND source = (OLD.source = 'client');" \
	"END;" \
	"CREATE TRIGGER observation_update INSTEAD OF UPDATE ON observation BEGIN" \
	"  DELETE FROM observation WHERE partner_id = OLD.partner_id" \
	"    AND metric = OLD.metric AND period = OLD.period" \
	"    AND segment = OLD.segment AND source = OLD.source;" \
	"  INSERT INTO observation VALUES (NEW.partner_id, NEW.metric, NEW.period," \
	"    NEW.segment, NEW.source, NEW.value);" \
	"END;"

/* Version 9: observations keyed by integers. The metric catalogue gains an
 * integer id, segments get a table of their own (id 0 is the total), the
 * month is stored as YYYYMM and the source as 0 (partner) or 1 (client).
 * The rows and the (metric, segment, period, value) index shrink to less
 * than half, which halves the work of a large import and of every read.
 * The view `observation` shows them as before, in words, and takes
 * inserts, updates and deletes in that form, for SQL written by hand. */
static const char migration_9[] =
	"CREATE TABLE metric_v9 ("
	"  id INTEGER PRIMARY KEY,"
	"  key TEXT NOT NULL UNIQUE"
	"    CHECK (key GLOB '[a-z]*' AND key NOT GLOB '*[^a-z0-9_]*'),"
	"  name TEXT NOT NULL,"
	"  unit TEXT NOT NULL DEFAULT '',"
	"  better TEXT NOT NULL CHECK (better IN ('higher', 'lower')),"
	"  aggregation TEXT NOT NULL CHECK (aggregation IN ('avg', 'sum', 'last')),"
	"  description TEXT NOT NULL DEFAULT '',"
	"  question TEXT NOT NULL DEFAULT '',"
	"  builtin INTEGER NOT NULL DEFAULT 0 CHECK (builtin IN (0, 1))"
	");"
	"INSERT INTO metric_v9(key, name, unit, better, aggregation, description,"
	"  question, builtin) SELECT key, name, unit, better, aggregation,"
	"  description, question, builtin FROM metric ORDER BY key;"
	"CREATE TABLE segment ("
	"  id INTEGER PRIMARY KEY,"
	"  name TEXT NOT NULL UNIQUE"
	");"
	"INSERT INTO segment(id, name) VALUES (0, '');"
	"INSERT INTO segment(name) SELECT DISTINCT segment FROM observation"
	"  WHERE segment <> '' ORDER BY 1;"
	"CREATE TABLE obs ("
	"  partner_id INTEGER NOT NULL REFERENCES partner(id) ON DELETE CASCADE,"
	"  metric INTEGER NOT NULL REFERENCES metric_v9(id),"
	"  period INTEGER NOT NULL"
	"    CHECK (period BETWEEN 190001 AND 299912 AND period % 100 BETWEEN 1 AND 12),"
	"  segment INTEGER NOT NULL DEFAULT 0 REFERENCES segment(id),"
	"  source INTEGER NOT NULL DEFAULT 0 CHECK (source IN (0, 1)),"
	"  value REAL NOT NULL,"
	"  PRIMARY KEY (partner_id, metric, period, segment, source)"
	") WITHOUT ROWID;"
	"INSERT INTO obs SELECT o.partner_id, m.id,"
	"  CAST(substr(o.period, 1, 4) || substr(o.period, 6, 2) AS INTEGER), s.id,"
	"  o.source = 'client', o.value"
	"  FROM observation o JOIN metric_v9 m ON m.key = o.metric"
	"  JOIN segment s ON s.name = o.segment;"
	"DROP TABLE observation;"
	"DROP TABLE metric;"
	"ALTER TABLE metric_v9 RENAME TO metric;"
	"CREATE INDEX obs_metric_segment_period ON obs(metric, segment, period, value);"
	OBSERVATION_VIEW;

/* Schema 10: obs is keyed metric first, (metric, segment, period,
 * partner_id, source), and the covering index on that order is gone. Every
 * bulk reader (the evaluation, the portfolio, the reports) walks metric by
 * metric; a partner's own figures are read month by month along the key.
 * An import then writes one B-tree instead of two: 1M rows took 2.9 s with
 * the index and take about 1.9 s without. The rows are copied in the
 * index's order, which is the new key's order up to the month. */
static const char migration_10[] =
	"DROP VIEW observation;"
	"CREATE TABLE obs_v10 ("
	"  partner_id INTEGER NOT NULL REFERENCES partner(id) ON DELETE CASCADE,"
	"  metric INTEGER NOT NULL REFERENCES metric(id),"
	"  period INTEGER NOT NULL"
	"    CHECK (period BETWEEN 190001 AND 299912 AND period % 100 BETWEEN 1 AND 12),"
	"  segment INTEGER NOT NULL DEFAULT 0 REFERENCES segment(id),"
	"  source INTEGER NOT NULL DEFAULT 0 CHECK (source IN (0, 1)),"
	"  value REAL NOT NULL,"
	"  PRIMARY KEY (metric, segment, period, partner_id, source)"
	") WITHOUT ROWID;"
	"INSERT INTO obs_v10 SELECT partner_id, metric, period, segment, source, value"
	"  FROM obs ORDER BY metric, segment, period;"
	"DROP TABLE obs;"
	"ALTER TABLE obs_v10 RENAME TO obs;"
	OBSERVATION_VIEW;

/* Version 11: a plausible range per metric, min_value and max_value (NULL:
 * open). A figure outside it is a typo (CSAT 150, attrition 250), refused
 * by the import and every other write. The built-ins in % are 0 to 100;
 * counts, costs and hours are never negative; the calibration gap is a
 * difference of two scores of 0 to 100. */
static const char migration_11[] =
	"ALTER TABLE metric ADD COLUMN min_value REAL;"
	"ALTER TABLE metric ADD COLUMN max_value REAL;"
	"UPDATE metric SET min_value = 0, max_value = 100 WHERE builtin = 1 AND key IN"
	" ('csat', 'churn_after_contact', 'attrition', 'absenteeism',"
	"  'sla_adherence', 'fcr', 'qa_score', 'report_on_time');"
	"UPDATE metric SET min_value = 0 WHERE builtin = 1 AND key IN"
	" ('escalations', 'cost_per_contact', 'response_hours');"
	"UPDATE metric SET min_value = -100, max_value = 100"
	" WHERE builtin = 1 AND key = 'qa_calibration_gap';";

/* Version 12: a QA item's stable id. Editing a version a final audit uses
 * copies it, and the copied items get new row ids; origin_id keeps the id
 * of the item each was first created as (NULL: the item is that first
 * one), so the audit trail names an item by one id through every version.
 * Items copied before this version keep their own id as their first. */
static const char migration_12[] =
	"ALTER TABLE qa_item ADD COLUMN origin_id INTEGER;";

/* Version 13: contract targets. A partner's target for a metric (one
 * segment or all: '', one source or any: ''), in the metric's direction,
 * valid from a month until a month (NULL: open-ended, both inclusive,
 * YYYY-MM), with an optional ALERT level and service credit per missed
 * month. That two targets of one key do not overlap is checked in C
 * (target.c), which can say which one is in the way. */
static const char migration_13[] =
	"CREATE TABLE target ("
	"  id INTEGER PRIMARY KEY,"
	"  partner_id INTEGER NOT NULL REFERENCES partner(id) ON DELETE CASCADE,"
	"  metric TEXT NOT NULL REFERENCES metric(key) ON UPDATE CASCADE,"
	"  segment TEXT NOT NULL DEFAULT '',"
	"  source TEXT NOT NULL DEFAULT ''"
	"    CHECK (source IN ('', 'partner', 'client')),"
	"  value REAL NOT NULL,"
	"  alert REAL,"
	"  valid_from TEXT NOT NULL"
	"    CHECK (valid_from GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]'),"
	"  valid_until TEXT CHECK (valid_until IS NULL OR"
	"    (valid_until GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]'"
	"     AND valid_until >= valid_from)),"
	"  credit_pct REAL CHECK (credit_pct IS NULL OR credit_pct BETWEEN 0 AND 100),"
	"  note TEXT NOT NULL DEFAULT '',"
	"  UNIQUE (partner_id, metric, segment, source, valid_from)"
	");";

/* Version 14: INSERT OR REPLACE deletes the row in the way without
 * firing its delete trigger (unless recursive_triggers is on), so it
 * could rewrite a frozen snapshot or an audit row that the triggers of
 * versions 5 and 6 were meant to keep: an insert onto a stored key is
 * refused too. */
static const char migration_14[] =
	"CREATE TRIGGER audit_no_replace BEFORE INSERT ON audit"
	"  WHEN EXISTS (SELECT 1 FROM audit WHERE id = NEW.id)"
	"  BEGIN SELECT RAISE(ABORT, 'the audit trail cannot be changed'); END;"
	"CREATE TRIGGER snapshot_no_replace BEFORE INSERT ON snapshot"
	"  WHEN EXISTS (SELECT 1 FROM snapshot WHERE id = NEW.id OR quarter = NEW.quarter)"
	"  BEGIN SELECT RAISE(ABORT, 'a frozen snapshot cannot be changed'); END;"
	"CREATE TRIGGER snapshot_item_no_replace BEFORE INSERT ON snapshot_item"
	"  WHEN EXISTS (SELECT 1 FROM snapshot_item WHERE snapshot_id = NEW.snapshot_id"
	"    AND partner = NEW.partner AND item = NEW.item)"
	"  BEGIN SELECT RAISE(ABORT, 'a frozen snapshot cannot be changed'); END;";

/* Version 15: a snapshot keeps its pack in every format and style as it
 * was rendered at the freeze (format md, html or csv; style the options
 * other than their default, e.g. "appendix=yes paper=letter", '' for
 * none), so the deck that was presented can be printed again byte for
 * byte whatever later releases change in the writers; never changed, like
 * the snapshot itself. */
static const char migration_15[] =
	"CREATE TABLE snapshot_rendering ("
	"  snapshot_id INTEGER NOT NULL REFERENCES snapshot(id),"
	"  format TEXT NOT NULL,"
	"  style TEXT NOT NULL DEFAULT '',"
	"  body BLOB NOT NULL,"
	"  PRIMARY KEY (snapshot_id, format, style)"
	") WITHOUT ROWID;"
	"CREATE TRIGGER snapshot_rendering_no_update BEFORE UPDATE ON snapshot_rendering"
	"  BEGIN SELECT RAISE(ABORT, 'a frozen snapshot cannot be changed'); END;"
	"CREATE TRIGGER snapshot_rendering_no_delete BEFORE DELETE ON snapshot_rendering"
	"  BEGIN SELECT RAISE(ABORT, 'a frozen snapshot cannot be changed'); END;"
	"CREATE TRIGGER snapshot_rendering_no_replace BEFORE INSERT ON snapshot_rendering"
	"  WHEN EXISTS (SELECT 1 FROM snapshot_rendering WHERE snapshot_id = NEW.snapshot_id"
	"    AND format = NEW.format AND style = NEW.style)"
	"  BEGIN SELECT RAISE(ABORT, 'a frozen snapshot cannot be changed'); END;";

/* Version 16: judgements kept until what they depend on changes.
 * data_clock counts the changes of data: a trigger on every table a
 * judgement or a screen reads moves it on, whoever writes (bpowatch, or
 * the sqlite3 tool by hand), and store_commit once more per transaction (an
 * import leaves the observation triggers out while it writes: see
 * store_set_bulk). A judgement is keyed by the digest of the effective
 * rules and of the build that judged, the month judged, "today" and the
 * clock it was judged at (follow: the month is the one the time model
 * judges on that day, so a start need not work it out again); its summary (every partner's statuses and health:
 * what the first screen, the sort and the filter need) is one blob, each
 * partner's reasons and figures another, read when shown; the overview's
 * panes as the dashboard loaded them (panes_key: its settings). Only a cache:
 * deleting these rows loses nothing. And the audit trail gets an index by
 * time, for `audit --since` among millions of rows. */
#define CLOCK_TRIGGERS(t) \
	"CREATE TRIGGER " t "_clock_ins AFTER INSERT ON " t \
	"  BEGIN UPDATE data_clock SET n = n + 1 WHERE id = 1; END;" \
	"CREATE TRIGGER " t "_clock_upd AFTER UPDATE ON " t \
	"  BEGIN UPDATE data_clock SET n = n + 1 WHERE id = 1; END;" \
	"CREATE TRIGGER " t "_clock_del AFTER DELETE ON " t \
	"  BEGIN UPDATE data_clock SET n = n + 1 WHERE id = 1; END;"

const char schema_obs_clock_off[] =
	"DROP TRIGGER obs_clock_ins; DROP TRIGGER obs_clock_upd;"
	" DROP TRIGGER obs_clock_del;";
const char schema_obs_clock_on[] = CLOCK_TRIGGERS("obs");

static const char migration_16[] =
	"CREATE TABLE data_clock ("
	"  id INTEGER PRIMARY KEY CHECK (id = 1),"
	"  n INTEGER NOT NULL"
	");"
	"INSERT INTO data_clock VALUES (1, 1);"
	"CREATE INDEX audit_at ON audit(at);"
	CLOCK_TRIGGERS("obs")
	CLOCK_TRIGGERS("partner")
	CLOCK_TRIGGERS("metric")
	CLOCK_TRIGGERS("segment")
	CLOCK_TRIGGERS("event")
	CLOCK_TRIGGERS("action")
	CLOCK_TRIGGERS("meeting")
	CLOCK_TRIGGERS("target")
	CLOCK_TRIGGERS("qa_template")
	CLOCK_TRIGGERS("qa_section")
	CLOCK_TRIGGERS("qa_item")
	CLOCK_TRIGGERS("qa_review")
	CLOCK_TRIGGERS("qa_answer")
	CLOCK_TRIGGERS("qa_interval")
	"CREATE TABLE judgement ("
	"  id INTEGER PRIMARY KEY,"
	"  rules TEXT NOT NULL,"
	"  as_of TEXT NOT NULL,"
	"  today TEXT NOT NULL,"
	"  data INTEGER NOT NULL,"
	"  traced INTEGER NOT NULL DEFAULT 0,"
	"  follow INTEGER NOT NULL DEFAULT 0,"
	"  made TEXT NOT NULL,"
	"  summary BLOB NOT NULL,"
	"  panes_key TEXT,"
	"  panes BLOB,"
	"  UNIQUE (rules, as_of, today, data)"
	");"
	"CREATE TABLE judgement_partner ("
	"  judgement_id INTEGER NOT NULL REFERENCES judgement(id) ON DELETE CASCADE,"
	"  seq INTEGER NOT NULL,"
	"  detail BLOB NOT NULL,"
	"  PRIMARY KEY (judgement_id, seq)"
	") WITHOUT ROWID;";

/* Version 17: the figures one import changed, compactly: a row each
 * (partner, metric, month, segment, source, old and new value as text)
 * under the import's own row of the trail, instead of a full audit row
 * each with its time, user, action and two index entries (a million
 * corrected figures took 180 MB and 9 s of the import's write lock that
 * way). Read back by audit_each as the rows they were. Like the trail:
 * never changed or deleted, and values go only under the newest row of
 * the trail (the import's, written just before them), so none can be
 * slipped under a past import. */
#define AUDIT_VALUE_GUARD \
	"CREATE TRIGGER audit_value_append_only BEFORE INSERT ON audit_value" \
	"  WHEN NEW.audit_id IS NOT (SELECT max(id) FROM audit)" \
	"    OR EXISTS (SELECT 1 FROM audit_value WHERE audit_id = NEW.audit_id" \
	"      AND partner = NEW.partner AND seq = NEW.seq)" \
	"  BEGIN SELECT RAISE(ABORT, 'the audit trail cannot be changed'); END;"

const char schema_audit_value_guard_off[] = "DROP TRIGGER audit_value_append_only;";
const char schema_audit_value_guard_on[] = AUDIT_VALUE_GUARD;

static const char migration_17[] =
	"CREATE TABLE audit_value ("
	"  audit_id INTEGER NOT NULL REFERENCES audit(id),"
	"  partner TEXT NOT NULL COLLATE NOCASE,"
	"  seq INTEGER NOT NULL,"
	"  metric TEXT NOT NULL,"
	"  period TEXT NOT NULL,"
	"  segment TEXT NOT NULL,"
	"  source TEXT NOT NULL,"
	"  old TEXT,"
	"  new TEXT,"
	"  PRIMARY KEY (audit_id, partner, seq)"
	") WITHOUT ROWID;"
	"CREATE TRIGGER audit_value_no_update BEFORE UPDATE ON audit_value"
	"  BEGIN SELECT RAISE(ABORT, 'the audit trail cannot be changed'); END;"
	"CREATE TRIGGER audit_value_no_delete BEFORE DELETE ON audit_value"
	"  BEGIN SELECT RAISE(ABORT, 'the audit trail cannot be changed'); END;"
	AUDIT_VALUE_GUARD;

static const char *const migrations[SCHEMA_VERSION] = {
	migration_1,
	migration_2,
	migration_3,
	migration_4,
	migration_5,
	migration_6,
	migration_7,
	migration_8,
	migration_9,
	migration_10,
	migration_11,
	migration_12,
	migration_13,
	migration_14,
	migration_15,
	migration_16,
	migration_17,
};

int schema_version(sqlite3 *db, int *version, struct bpw_error *err)
{
	sqlite3_stmt *st;
	int rc;

	rc = sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL);
	if (rc != SQLITE_OK)
		return bpw_error_set(err, BPW_ESQL, "cannot read schema version: %s",
				     sqlite3_errmsg(db));
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		rc = bpw_error_set(err, rc == SQLITE_NOTADB ? BPW_ENOTDB : BPW_ESQL,
				   "cannot read schema version: %s",
				   sqlite3_errmsg(db));
		sqlite3_finalize(st);
		return rc;
	}
	*version = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return 0;
}

int schema_migrate(sqlite3 *db, int target, struct bpw_error *err)
{
	char sql[96];
	int from, rc, v;
	char *msg = NULL;

	if (target < 1 || target > SCHEMA_VERSION)
		return bpw_error_set(err, BPW_EINVAL, "no schema version %d", target);
	rc = sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, &msg);
	if (rc != SQLITE_OK)
		goto fail;
	/* Read the version inside the transaction: another process may have
	 * migrated the file between our first look and the lock. */
	rc = schema_version(db, &from, err);
	if (rc != 0) {
		sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
		return rc;
	}
	for (v = from; v < target; v++) {
		rc = sqlite3_exec(db, migrations[v], NULL, NULL, &msg);
		if (rc != SQLITE_OK)
			goto fail_rollback;
	}
	if (from < target) {
		snprintf(sql, sizeof(sql),
			 "PRAGMA application_id = %d; PRAGMA user_version = %d",
			 SCHEMA_APPLICATION_ID, target);
		rc = sqlite3_exec(db, sql, NULL, NULL, &msg);
		if (rc != SQLITE_OK)
			goto fail_rollback;
	}
	rc = sqlite3_exec(db, "COMMIT", NULL, NULL, &msg);
	if (rc != SQLITE_OK)
		goto fail_rollback;
	return 0;

fail_rollback:
	sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
fail:
	rc = bpw_error_set(err, rc == SQLITE_BUSY ? BPW_EBUSY :
			   (rc == SQLITE_READONLY ? BPW_EREADONLY : BPW_ESQL),
			   "cannot migrate the schema to version %d: %s", target,
			   msg ? msg : sqlite3_errmsg(db));
	sqlite3_free(msg);
	return rc;
}
