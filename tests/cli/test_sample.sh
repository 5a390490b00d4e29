#!/bin/sh
# test_sample.sh: the bundled sample database is built deterministically and
# tells its stories: each of the eight warning signs shows in the last
# quarter for at least one partner, a benchmark partner stays healthy, a
# portfolio-wide CSAT dip in 2026-03 and a partner-vs-client CSAT gap exist.
. "$SRCDIR/tests/lib.sh"
if ! command -v sqlite3 >/dev/null; then
	echo "1..0 # SKIP sqlite3 command-line tool not installed"; exit 0
fi
DB=$BUILDDIR/sample-db/sample.db
q() { sqlite3 -batch -noheader "$DB" "$1"; }
# t_q SQL WANT DESCRIPTION: the query's output equals WANT.
t_q() {
	got=$(q "$1")
	[ "$got" = "$2" ]; t_ok $? "$3"
	[ "$got" = "$2" ] || t_diag "got '$got', want '$2'"
}
# t_some SQL DESCRIPTION: the query (a list of partner codes) is not empty.
t_some() {
	got=$(q "$1")
	[ -n "$got" ]; t_ok $? "$2${got:+ ($(echo $got))}"
}

# Deterministic: a second build gives the same bytes.
"$BUILDDIR/sample-db/mksample" "$SRCDIR/sample-db/sample.sql" "$T_TMP/again.db"
cmp -s "$DB" "$T_TMP/again.db"; t_ok $? "sample.db builds byte-identically twice"
[ ! -e "$DB-wal" ]; t_ok $? "sample.db is a single self-contained file"

t_q "PRAGMA integrity_check" "ok" "integrity check"
t_q "SELECT count(*) FROM pragma_foreign_key_check" "0" "no broken references"
t_q "SELECT count(*) FROM partner" "8" "eight partners"
t_q "SELECT count(*) FROM qa_answer a JOIN qa_item i ON i.id = a.item_id WHERE
       (i.answer_kind = 'passfail' AND a.answer NOT IN ('pass', 'fail', 'na'))
    OR (i.answer_kind = 'scale' AND a.answer NOT IN ('0', '1', '2', '3', '4', '5', 'na'))" \
    "0" "every QA answer is one its item's kind takes"
t_q "SELECT count(DISTINCT country) >= 5 FROM partner" "1" "sites in at least five countries"
t_q "SELECT count(DISTINCT period), min(period), max(period) FROM observation" \
    "36|2023-11-01|2026-10-01" "36 monthly periods up to 2026-10"
t_q "SELECT count(*) FROM (SELECT DISTINCT segment FROM observation WHERE segment IN
     ('channel=phone', 'channel=email', 'channel=chat'))" "3" "channel segments"
t_q "SELECT count(*) > 0 FROM observation WHERE segment LIKE 'team=%'" "1" "team segments"
t_q "SELECT count(*) FROM partner p WHERE
       EXISTS (SELECT 1 FROM observation WHERE partner_id = p.id AND metric = 'csat' AND source = 'client')
   AND EXISTS (SELECT 1 FROM observation WHERE partner_id = p.id AND metric = 'csat' AND source = 'partner')" \
    "8" "partner- and client-sourced CSAT for every partner"
t_q "SELECT count(DISTINCT kind) FROM event WHERE kind IN
     ('meeting', 'best_practice', 'improvement_idea', 'escalation', 'report_late')" "5" "events of every story kind"
t_q "SELECT count(*) > 0 FROM qa_review WHERE status = 'final'" "1" "final QA reviews"
t_q "SELECT count(*) > 0 FROM qa_answer" "1" "QA answers"
t_q "SELECT count(*) > 0 FROM action WHERE status = 'open'" "1" "open actions"

# Helper view: a partner's total client-measured CSAT per month.
V="WITH c AS (SELECT partner_id AS id, period, value FROM observation
              WHERE metric = 'csat' AND segment = '' AND source = 'client')"

# (Against the mean of the three months before: the figures are noisy, as
# real ones are, so one month alone is not the partner's level.)
t_q "$V SELECT count(*) FROM partner p WHERE
       (SELECT value FROM c WHERE id = p.id AND period = '2026-03-01') <=
       (SELECT avg(value) FROM c WHERE id = p.id AND period BETWEEN '2025-12-01' AND '2026-02-01') - 3" \
    "8" "portfolio-wide CSAT dip in 2026-03 (every partner 3+ points below its three months before)"

# Realistic figures: markets with their own normal levels, a December
# season, noise from month to month.
a="SELECT value FROM observation o JOIN partner q ON q.id = o.partner_id WHERE metric = 'attrition' AND segment = '' AND period BETWEEN '2025-01-01' AND '2025-12-01'"
t_q "SELECT (SELECT min(value) FROM ($a AND q.code = 'SUN')) >= 5 AND (SELECT max(value) FROM ($a AND q.code = 'NLK')) <= 3" \
    "1" "markets differ: offshore attrition of 5 %+ a month is SUN's normal, under 3 % NLK's"
for y in 2024 2025; do
	t_q "SELECT count(*) >= 7 FROM partner p WHERE
	       (SELECT value FROM observation WHERE partner_id = p.id AND metric = 'sla_adherence' AND segment = '' AND period = '$y-12-01') <
	       (SELECT value FROM observation WHERE partner_id = p.id AND metric = 'sla_adherence' AND segment = '' AND period = '$y-11-01')" \
	    "1" "December $y dents SLA adherence at (almost) every partner"
done
t_q "SELECT count(*) FROM (SELECT partner_id FROM observation WHERE metric IN ('csat', 'sla_adherence')
       AND segment = '' GROUP BY partner_id, metric, source HAVING count(DISTINCT value) < 12)" \
    "0" "figures wobble: no CSAT or SLA series holds fewer than 12 different values in 36 months"

t_some "$V SELECT p.code FROM partner p WHERE
       (SELECT value FROM c WHERE id = p.id AND period = '2026-10-01') <=
       (SELECT value FROM c WHERE id = p.id AND period = '2026-06-01') - 6
   AND (SELECT value FROM observation WHERE partner_id = p.id AND metric = 'churn_after_contact'
        AND segment = 'channel=phone' AND period = '2026-10-01') >= 1.8 *
       (SELECT value FROM observation WHERE partner_id = p.id AND metric = 'churn_after_contact'
        AND segment = 'channel=phone' AND period = '2026-06-01')
   AND (SELECT value FROM observation WHERE partner_id = p.id AND metric = 'churn_after_contact'
        AND segment = 'channel=email' AND period = '2026-10-01') <= 1.2 *
       (SELECT value FROM observation WHERE partner_id = p.id AND metric = 'churn_after_contact'
        AND segment = 'channel=email' AND period = '2026-06-01')" \
    "1 customer satisfaction: CSAT down 6+ points, churn doubled on the phone channel only"

t_some "SELECT p.code FROM partner p WHERE
       (SELECT value FROM observation WHERE partner_id = p.id AND metric = 'attrition'
        AND segment = '' AND period = '2026-10-01') >= 1.8 *
       (SELECT value FROM observation WHERE partner_id = p.id AND metric = 'attrition'
        AND segment = '' AND period = '2026-04-01')" \
    "2 workforce stability: attrition up 80%+ in six months"

t_some "$V SELECT p.code FROM partner p WHERE
       (SELECT value FROM observation WHERE partner_id = p.id AND metric = 'cost_per_contact' AND segment = '' AND period = '2026-10-01') <
       (SELECT value FROM observation WHERE partner_id = p.id AND metric = 'cost_per_contact' AND segment = '' AND period = '2026-06-01')
   AND (SELECT value FROM observation WHERE partner_id = p.id AND metric = 'sla_adherence' AND segment = '' AND period = '2026-10-01') >=
       (SELECT value FROM observation WHERE partner_id = p.id AND metric = 'sla_adherence' AND segment = '' AND period = '2026-06-01')
   AND (SELECT value FROM c WHERE id = p.id AND period = '2026-10-01') <=
       (SELECT value FROM c WHERE id = p.id AND period = '2026-06-01') - 3
   AND (SELECT value FROM observation WHERE partner_id = p.id AND metric = 'qa_score' AND segment = '' AND period = '2026-10-01') <=
       (SELECT value FROM observation WHERE partner_id = p.id AND metric = 'qa_score' AND segment = '' AND period = '2026-06-01') - 3" \
    "3 value balance: cost down and SLA held while CSAT and QA score fall"

t_some "SELECT p.code FROM partner p WHERE NOT EXISTS (
       SELECT 1 FROM observation a JOIN observation b USING (partner_id, metric, period, segment)
       WHERE a.partner_id = p.id AND a.metric = 'csat' AND a.segment = ''
         AND a.source = 'partner' AND b.source = 'client'
         AND a.period BETWEEN '2026-08-01' AND '2026-10-01' AND a.value - b.value < 10)
   AND EXISTS (SELECT 1 FROM observation WHERE partner_id = p.id AND metric = 'csat'
         AND period = '2026-10-01')" \
    "same yardstick: self-reported CSAT 10+ points above client-measured all last quarter"

t_some "SELECT p.code FROM partner p WHERE
       EXISTS (SELECT 1 FROM event WHERE partner_id = p.id AND date < '2026-04-01'
               AND kind IN ('best_practice', 'improvement_idea'))
   AND NOT EXISTS (SELECT 1 FROM event WHERE partner_id = p.id AND date >= '2026-04-01'
               AND kind IN ('meeting', 'best_practice', 'improvement_idea'))" \
    "4 proactivity: proactive events before, none for two quarters"

t_some "SELECT p.code FROM partner p WHERE
       (SELECT value FROM observation WHERE partner_id = p.id AND metric = 'report_on_time' AND segment = '' AND period = '2026-09-01') <= 75
   AND (SELECT value FROM observation WHERE partner_id = p.id AND metric = 'response_hours' AND segment = '' AND period = '2026-09-01') >= 2 *
       (SELECT value FROM observation WHERE partner_id = p.id AND metric = 'response_hours' AND segment = '' AND period = '2026-04-01')
   AND (SELECT count(*) FROM event WHERE partner_id = p.id AND kind = 'report_late' AND date >= '2026-08-01') >= 2
   AND NOT EXISTS (SELECT 1 FROM observation WHERE partner_id = p.id AND period = '2026-10-01')" \
    "5 communication: late reports, slow answers, October figures missing"

LASTFINAL="SELECT r.* FROM qa_review r WHERE r.status = 'final' AND r.date =
           (SELECT max(date) FROM qa_review WHERE partner_id = r.partner_id AND status = 'final')"
t_some "SELECT p.code FROM partner p JOIN ($LASTFINAL) r ON r.partner_id = p.id
   WHERE r.date < '2025-11-01' AND EXISTS (SELECT 1 FROM qa_answer a JOIN qa_item i ON i.id = a.item_id
         WHERE a.review_id = r.id AND i.critical = 1 AND a.answer IN ('fail', '0', '1'))" \
    "6 quality assurance: last audit over a year old, with a failed critical item"

t_some "SELECT p.code FROM partner p WHERE
       (SELECT value FROM observation WHERE partner_id = p.id AND metric = 'sla_adherence' AND segment = '' AND period = '2026-10-01') <=
       (SELECT value FROM observation WHERE partner_id = p.id AND metric = 'sla_adherence' AND segment = '' AND period = '2026-07-01') - 6
   AND (SELECT value FROM observation WHERE partner_id = p.id AND metric = 'fcr' AND segment = '' AND period = '2026-10-01') <
       (SELECT value FROM observation WHERE partner_id = p.id AND metric = 'fcr' AND segment = '' AND period = '2026-07-01')" \
    "7 service delivery: SLA down 6+ points and FCR falling over the quarter"

t_some "SELECT p.code FROM partner p JOIN ($LASTFINAL) r ON r.partner_id = p.id
   WHERE (SELECT count(*) FROM qa_answer a JOIN qa_item i ON i.id = a.item_id
          JOIN qa_section s ON s.id = i.section_id
          WHERE a.review_id = r.id AND s.key IN ('business_model', 'culture', 'communication')
            AND a.answer IN ('fail', '0', '1', '2')) >= 3" \
    "8 partnership fit: weak business-model, culture and communication answers"

t_some "$V SELECT p.code FROM partner p JOIN ($LASTFINAL) r ON r.partner_id = p.id WHERE
       (SELECT min(value) FROM c WHERE id = p.id AND period >= '2026-05-01') >= 80
   AND (SELECT max(value) FROM observation WHERE partner_id = p.id AND metric = 'attrition'
        AND segment = '' AND period >= '2026-05-01') <= 3.5
   AND r.date >= '2026-05-01'
   AND NOT EXISTS (SELECT 1 FROM qa_answer a JOIN qa_item i ON i.id = a.item_id
         WHERE a.review_id = r.id AND i.critical = 1 AND a.answer IN ('fail', '0', '1'))" \
    "a healthy benchmark: CSAT 80+, attrition low, a recent clean audit"

t_done
