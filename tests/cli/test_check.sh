#!/bin/sh
# test_check.sh: `bpowatch check` on the real binary: exit codes, the text
# table, the JSON shape (read back with SQLite's JSON functions), and the
# stories of the sample data: each of the eight warning signs fires for the
# partner whose story shows it, the benchmark partner is OK on all eight,
# and the portfolio-wide CSAT dip of March 2026 blames nobody.
. "$SRCDIR/tests/lib.sh"
cd "$T_TMP" || exit 1
out=$T_TMP/out err=$T_TMP/err json=$T_TMP/check.json
cp "$BUILDDIR/sample-db/sample.db" "$T_TMP/sample.db"
chmod 600 "$T_TMP/sample.db"
DB=$T_TMP/sample.db
# The sample's "now": November 2026, October's figures due on the 10th.
BPW="$BPOWATCH --today 2026-11-15"

# q SQL: a query over the JSON document in $json ('doc' is its text).
q() {
	sqlite3 -batch -noheader :memory: \
		"WITH d(doc) AS (SELECT readfile('$json')) $1"
}

# ind CODE KEY FIELD: a field of a partner's indicator in $json.
ind() {
	q "SELECT json_extract(i.value, '\$.$3') FROM d,
	     json_each(doc, '\$.partners') p, json_each(p.value, '\$.indicators') i
	   WHERE json_extract(p.value, '\$.code') = '$1'
	     AND json_extract(i.value, '\$.key') = '$2'"
}

# ---- exit codes and the text table
"$BPOWATCH" --db "$DB" check >"$out" 2>"$err"; t_status 2 $? "check: some partner is ALERT"
t_contains "$out" "as of 2026-10: 8 partners:" "text names the as-of month and the partners"
grep -q '^ALERT   ATL    Atlas Contact Lisboa, Lda.  (health ' "$out"; t_ok $? "text has a line per partner with status, code and name"
grep -q '^  Customer satisfaction  ALERT   CSAT 72.9% (client), 4-month mean 75.5%: 6.88 pts below its normal 82.4% since 2026-07' "$out"
t_ok $? "text lists the indicator with its reason"
grep -q '^OK      NLK ' "$out"; t_ok $? "the benchmark is OK"
[ "$(grep -c '^OK ' "$out")" -eq 1 ] && [ "$(sed -n '$p' "$out" | cut -c1-2)" = "OK" ]
t_ok $? "worst partners first, OK last"
[ ! -s "$err" ]; t_ok $? "nothing on stderr"

"$BPOWATCH" --db "$DB" check --partner nlk >"$out" 2>"$err"; t_status 0 $? "check --partner NLK: all OK"
[ "$(grep -c '^  .*  OK      ' "$out")" -eq 8 ]; t_ok $? "--partner lists all eight indicators, OK too"
"$BPOWATCH" --db "$DB" check --partner VSC >"$out" 2>"$err"; t_status 2 $? "check --partner VSC: ALERT"
$BPW --db "$DB" check --as-of 2026-03 --partner NLK >"$out" 2>"$err"
t_status 0 $? "the benchmark in the dip month: OK, the drop is the portfolio's"

"$BPOWATCH" --db "$DB" check --as-of 2026-13 >"$out" 2>"$err"; t_status 3 $? "--as-of a month that does not exist"
t_contains "$err" "--as-of '2026-13' is not a month (YYYY-MM" "--as-of error says the format"
"$BPOWATCH" --db "$DB" check --format xml >"$out" 2>"$err"; t_status 3 $? "--format xml"
"$BPOWATCH" --db "$DB" check --partner NOPE >"$out" 2>"$err"; t_status 3 $? "unknown partner"
t_contains "$err" "no active partner with code 'NOPE'" "unknown partner is named"
"$BPOWATCH" --db "$DB" check --bogus >"$out" 2>"$err"; t_status 3 $? "unknown check option"
"$BPOWATCH" --bogus --db "$DB" check >"$out" 2>"$err"; t_status 3 $? "unknown global option before check"
"$BPOWATCH" --db "$DB" check extra >"$out" 2>"$err"; t_status 3 $? "stray argument"
"$BPOWATCH" --db "$T_TMP/none.db" check >"$out" 2>"$err"; t_status 3 $? "missing database"
[ ! -e "$T_TMP/none.db" ]; t_ok $? "check does not create a database"
"$BPOWATCH" --db "$DB" check --help >"$out" 2>"$err"; t_status 0 $? "check --help"
t_contains "$out" "Exit status: 0 all OK, 1 something WATCH or NO DATA, 2 something ALERT" "check --help explains the exit status"
printf 'indicators = { x = { rules = { r = { kind = "level"; metric = "nps"; warn = 1.0; alert = 0.0; }; }; }; };\n' >bad.conf
"$BPOWATCH" --db "$DB" --config bad.conf check >"$out" 2>"$err"; t_status 3 $? "config error"
t_contains "$err" "bad.conf:1: error: rule 'x.r': unknown metric 'nps'" "config error names file and line"

# An empty database: everyone NO DATA (no partners: all OK, exit 0).
"$BPOWATCH" --db "$T_TMP/empty.db" init >/dev/null 2>&1
"$BPOWATCH" --db "$T_TMP/empty.db" check >"$out" 2>"$err"; t_status 0 $? "empty database: nothing to flag"
t_contains "$out" ": 0 partners:" "empty database: 0 partners"
sqlite3 "$T_TMP/empty.db" "INSERT INTO partner(code, name) VALUES ('NEW', 'New partner')"
"$BPOWATCH" --db "$T_TMP/empty.db" check >"$out" 2>"$err"; t_status 1 $? "a partner without figures is NO DATA, not OK"
grep -q '^NO DATA NEW ' "$out"; t_ok $? "NO DATA shown for the new partner"

# ---- JSON
"$BPOWATCH" --db "$DB" check --format json >"$json" 2>"$err"; t_status 2 $? "check --format json"
[ "$(q "SELECT json_valid(doc) FROM d")" = 1 ]; t_ok $? "the output is valid JSON"
[ "$(q "SELECT json_extract(doc, '\$.as_of') FROM d")" = 2026-10 ]; t_ok $? "as_of is the latest month with figures"
[ "$(q "SELECT json_extract(doc, '\$.summary.ok') || '/' || json_extract(doc, '\$.summary.alert') FROM d")" = 1/7 ]
t_ok $? "summary counts partners by status"
[ "$(q "SELECT json_array_length(doc, '\$.partners') FROM d")" = 8 ]; t_ok $? "eight partners"
[ "$(q "SELECT count(*) FROM d, json_each(doc, '\$.partners') p WHERE json_array_length(p.value, '\$.indicators') = 8")" = 8 ]
t_ok $? "eight indicators per partner"
[ "$(q "SELECT group_concat(DISTINCT json_type(p.value, '\$.' || k.key)) FROM d, json_each(doc, '\$.partners') p,
      (SELECT 'code' AS key UNION SELECT 'name' UNION SELECT 'status') k")" = text ]
t_ok $? "each partner has code, name and status"
[ "$(q "SELECT count(*) FROM d, json_each(doc, '\$.partners') p, json_each(p.value, '\$.indicators') i,
      json_each(i.value, '\$.rules') r WHERE json_type(r.value, '\$.figures') <> 'object'
      OR json_type(r.value, '\$.reason') <> 'text' OR json_type(r.value, '\$.status') <> 'text'")" = 0 ]
t_ok $? "every rule carries status, reason and figures"
[ "$(ind ATL customer_satisfaction status)" = alert ]; t_ok $? "json: indicator status"
[ "$(q "SELECT json_extract(r.value, '\$.figures.value') || ' ' || json_extract(r.value, '\$.source') || ' ' || json_extract(r.value, '\$.period')
      FROM d, json_each(doc, '\$.partners') p, json_each(p.value, '\$.indicators') i, json_each(i.value, '\$.rules') r
      WHERE json_extract(p.value, '\$.code') = 'ATL' AND json_extract(r.value, '\$.rule') = 'csat_shift'")" = "72.9 client 2026-10" ]
t_ok $? "json: the figure behind a reason, its source and month"
"$BPOWATCH" --db "$DB" check --format json --partner TMC >"$out" 2>"$err"; t_status 2 $? "json for one partner"
cp "$out" "$json"
[ "$(q "SELECT json_array_length(doc, '\$.partners') || json_extract(doc, '\$.partners[0].code') FROM d")" = 1TMC ]
t_ok $? "json --partner holds just that partner"

# ---- the stories of the sample data (as of 2026-10)
$BPW --db "$DB" check --format json >"$json" 2>"$err"
story() {	# CODE INDICATOR STATUS REASON-TEXT
	st=$(ind "$1" "$2" status) reason=$(ind "$1" "$2" reason)
	case "$reason" in
	*"$4"*) [ "$st" = "$3" ]; t_ok $? "story: $1 $2 is $3 ($4)" ;;
	*) t_ok 1 "story: $1 $2 is $3 ($4)"; t_diag "status $st, reason: $reason" ;;
	esac
}
story ATL customer_satisfaction alert "churn after contact on phone 4.79% (partner), 4-month mean 3.77%: 60% (relative) above its normal 2.3% since 2026-07"
story ATL customer_satisfaction alert "CSAT 72.9% (client), 4-month mean 75.5%: 6.88 pts below its normal 82.4% since 2026-07"
story ATL customer_satisfaction alert "escalations 22 (partner): 89 in 4 months where 55.3 were usual (16.2 a month), 47% more since 2026-07"
story VSC workforce_stability alert "attrition 6.5% (partner), 7-month mean 5.16%: 83% (relative) above its normal 2.75% since 2026-04"
story VSC workforce_stability alert "absenteeism 7.6% (partner), 5-month mean 7.24%: 1.84 pts above its normal 5.4% since 2026-06"
story SUN value_balance alert "efficiency at the expense of quality: cost per contact 3.67 EUR, 9% (relative) below its normal 4.03 EUR, while CSAT 75.2%, 4.45 pts below its normal 79.7% (4-month means)"
story SUN customer_satisfaction alert "CSAT partner-reported 88.7% vs client-measured 74.5%, 3-month means to 2026-10: 14.2 pts apart, not the same yardstick"
story SUN customer_satisfaction alert "CSAT 73.5% (client), 4-month mean 75.2%: 4.45 pts below its normal 79.7% since 2026-07"
story DPS proactivity watch "no meetings in 6 months (last on 2026-02-05)"
story CCX communication alert "figures for 2026-10 missing (due 2026-11-10)"
story CCX communication alert "reports on time 62.0% (partner, 2026-09), 4-month mean 71.5%: 28.5 pts below its normal 100.0% since 2026-06"
story CCX communication alert "response time 39.2 h (partner, 2026-09), 4-month mean 27.1 h: 182% (relative) above its normal 9.05 h since 2026-06"
story BSS quality_assurance alert "failed critical item 'Data protection (GDPR)"
story BSS quality_assurance alert "next audit was due 2026-06-17 (every 365 days), 151 days overdue"
story TMC service_delivery alert "SLA adherence 81.1% (partner), 4-month mean 87.3%: 6.72 pts below its normal 94.0% since 2026-07"
story TMC service_delivery alert "first-contact resolution 71.5% (partner), 3-month mean 72.5%: 4.87 pts below its normal 77.4% since 2026-08"
story DPS partnership_fit alert "sections business_model, culture, communication: audit score (checklist) 40.0%"
[ "$(q "SELECT group_concat(json_extract(i.value, '\$.status')) FROM d, json_each(doc, '\$.partners') p,
      json_each(p.value, '\$.indicators') i WHERE json_extract(p.value, '\$.code') = 'NLK'")" = "ok,ok,ok,ok,ok,ok,ok,ok" ]
t_ok $? "story: the benchmark NLK is OK on all eight"
[ "$(q "SELECT count(*) FROM d, json_each(doc, '\$.partners') p, json_each(p.value, '\$.indicators') i,
      json_each(i.value, '\$.rules') r WHERE json_extract(r.value, '\$.portfolio_wide')")" = 0 ]
t_ok $? "story: nothing is portfolio-wide in October"

# March 2026: the client's app release upset customers everywhere.
$BPW --db "$DB" check --as-of 2026-03 --format json >"$json" 2>"$err"
[ "$(q "SELECT count(*) FROM d, json_each(doc, '\$.partners') p, json_each(p.value, '\$.indicators') i
      WHERE json_extract(i.value, '\$.key') = 'customer_satisfaction' AND json_extract(i.value, '\$.status') = 'alert'")" = 0 ]
t_ok $? "dip: no partner is blamed with a customer-satisfaction ALERT"
[ "$(q "SELECT count(*) FROM d, json_each(doc, '\$.partners') p, json_each(p.value, '\$.indicators') i,
      json_each(i.value, '\$.rules') r WHERE json_extract(r.value, '\$.rule') = 'csat_shift'
      AND json_extract(r.value, '\$.portfolio_wide') AND json_extract(r.value, '\$.status') = 'ok'")" = 8 ]
t_ok $? "dip: every partner's CSAT drop is called portfolio-wide, and nobody's flag"
story NLK customer_satisfaction ok "CSAT 80.6% (client), normal 85.8%; this month's drop of 5.25 pts: 5.05 pts of it portfolio-wide (likely product-driven)"
[ "$(q "SELECT count(*) FROM d, json_each(doc, '\$.partners') p, json_each(p.value, '\$.indicators') i
      WHERE json_extract(i.value, '\$.status') IN ('watch', 'alert')
      AND json_extract(i.value, '\$.key') IN ('customer_satisfaction', 'value_balance')
      AND json_extract(p.value, '\$.code') <> 'SUN'")" = 0 ]
t_ok $? "dip: no partner's satisfaction or value balance flagged for the product's fault"

# A step that holds stays visible: VSC's attrition rose from April; half a
# year on, the normal is still the months before the rise.
$BPW --db "$DB" check --format json >"$json" 2>"$err"
[ "$(q "SELECT json_extract(r.value, '\$.figures.base_to') || ' ' || json_extract(r.value, '\$.figures.onset')
      FROM d, json_each(doc, '\$.partners') p, json_each(p.value, '\$.indicators') i, json_each(i.value, '\$.rules') r
      WHERE json_extract(p.value, '\$.code') = 'VSC' AND json_extract(r.value, '\$.rule') = 'attrition_shift'")" = "202603 202604" ]
t_ok $? "a held shift: the normal ends before it (2026-03), the shift began 2026-04"

# ---- a user file overrides one threshold and switches an indicator off
cat >mine.conf <<'CONF'
indicators = {
  workforce_stability = { rules = { attrition_shift = { warn = 150.0; alert = 200.0; };
                                    absenteeism_shift = { enabled = false; }; }; };
  service_delivery = { enabled = false; };
};
CONF
"$BPOWATCH" --db "$DB" --config mine.conf check --format json --partner VSC >"$json" 2>"$err"
[ "$(q "SELECT json_extract(r.value, '\$.status') FROM d, json_each(doc, '\$.partners') p,
      json_each(p.value, '\$.indicators') i, json_each(i.value, '\$.rules') r
      WHERE json_extract(r.value, '\$.rule') = 'attrition_shift'")" = ok ]
t_ok $? "an overridden threshold changes the verdict"
[ "$(q "SELECT json_array_length(doc, '\$.partners[0].indicators') FROM d")" = 7 ]
t_ok $? "a disabled indicator is left out"

# ---- hostile text never reaches the terminal raw
sqlite3 "$DB" "UPDATE partner SET name = 'Evil' || char(27) || ']0;pwned' || char(7) || char(27) || '[2J' WHERE code = 'ATL'"
"$BPOWATCH" --db "$DB" check >"$out" 2>"$err"
! grep -q "$(printf '\033')" "$out"; t_ok $? "no ESC byte from a partner name in the text output"
t_contains "$out" 'Evil\x1b]0;pwned\x07\x1b[2J' "the name is shown with visible escapes"
"$BPOWATCH" --db "$DB" check --format json >"$json" 2>"$err"
! grep -q "$(printf '\033')" "$json"; t_ok $? "no ESC byte in the JSON output"
[ "$(q "SELECT json_extract(doc, '\$.partners[0].name') = 'Evil' || char(27) || ']0;pwned' || char(7) || char(27) || '[2J' FROM d")" = 1 ]
t_ok $? "JSON keeps the exact name, escaped"

t_done
