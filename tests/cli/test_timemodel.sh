#!/bin/sh
# test_timemodel.sh: the one time model behind check, explain and the
# dashboard (bpowatch(1), THE MONTH JUDGED): the month judged follows "today"
# and the figures' due day, not the last row any partner sent; audits and
# meetings count up to today; ages and overdue days are counted to today.
# The sample data ends in 2026-10 (CCX's figures end in 2026-09).
. "$SRCDIR/tests/lib.sh"
cd "$T_TMP" || exit 1
out=$T_TMP/out err=$T_TMP/err
fresh() { cp "$BUILDDIR/sample-db/sample.db" "$T_TMP/$1.db"; chmod 600 "$T_TMP/$1.db"; }
B() { db=$1; shift; "$BPOWATCH" --db "$T_TMP/$db.db" "$@"; }

# ---- the month judged
fresh s
B s --today 2026-12-04 check >"$out" 2>"$err"
t_contains "$out" "as of 2026-10: 8 partners" "2026-12-04: October is judged (November is due on 12-10)"
B s --today 2026-12-10 check >"$out" 2>"$err"
t_contains "$out" "as of 2026-11: 8 partners" "2026-12-10: November's figures are due today, so November is judged"
B s --today 2026-12-10 explain ATL communication figures_delivered >"$out" 2>"$err"
t_contains "$out" "figures for 2026-11 due by 2026-12-10" "on its due day November's figures are not yet late"
B s --today 2026-12-11 check >"$out" 2>"$err"
grep -q "figures for 2026-11 missing (due 2026-12-10)" "$out"
t_ok $? "the day after, they are"
B s --today 2026-11-09 check >"$out" 2>"$err"
t_contains "$out" "as of 2026-09: 8 partners" "2026-11-09: October is not due yet, September is judged"
BPOWATCH_TODAY=2026-12-10 "$BPOWATCH" --db "$T_TMP/s.db" check >"$out" 2>"$err"
t_contains "$out" "as of 2026-11:" "BPOWATCH_TODAY sets today"
BPOWATCH_TODAY=2026-12-10 "$BPOWATCH" --db "$T_TMP/s.db" --today 2026-12-04 check >"$out" 2>"$err"
t_contains "$out" "as of 2026-10:" "--today wins over BPOWATCH_TODAY"
BPOWATCH_TODAY=04.12.2026 "$BPOWATCH" --db "$T_TMP/s.db" check >"$out" 2>"$err"
t_status 3 $? "a bad BPOWATCH_TODAY is an error of check (3)"
t_contains "$err" "BPOWATCH_TODAY: '04.12.2026' is not a day (YYYY-MM-DD)" "and says so"

# ---- one early row moves nothing (issue: a row for 12.2026 judged December)
fresh early
printf 'partner,metric,period,segment,source,value\nATL,csat,2026-12,,partner,80.1\n' >early.csv
B early import early.csv >"$out" 2>"$err"; t_status 0 $? "one early ATL row for 2026-12 imports"
B early check >"$out" 2>"$err"
t_contains "$out" "as of 2026-10: 8 partners" "the month judged stays 2026-10"
B s check >"$T_TMP/before" 2>/dev/null
cmp -s "$out" "$T_TMP/before"; t_ok $? "and every status and reason is as before the early row"
B early explain BSS communication >"$out" 2>"$err"
t_not_contains "$out" "months overdue: 1" "explain does not call anyone overdue"
t_not_contains "$out" "2027-01-10" "nor names a due date two months ahead"

# ---- every partner that reported October reports November: judged at once
fresh nov
B nov export --type observations --from 2026-10 --to 2026-10 |
	sed 's/,2026-10,/,2026-11,/' >nov.csv
B nov import nov.csv >"$out" 2>"$err"; t_status 0 $? "November's figures of every reporting partner import"
B nov check >"$out" 2>"$err"
t_contains "$out" "as of 2026-11: 8 partners" "on 2026-12-04 November is judged once every partner sent it"
t_contains "$out" "no figures since 2026-09: 1 month overdue" "CCX, silent since September, is late with October only (November is due on 12-10)"
head -n 20 nov.csv | sed 1d | grep -v '^ATL' >nov-part.csv
fresh part
{ echo 'partner,metric,period,segment,source,value'; cat nov-part.csv; } >nov-part2.csv
B part import nov-part2.csv >/dev/null 2>&1
B part check >"$out" 2>"$err"
t_contains "$out" "as of 2026-10: 8 partners" "some partners' November is not enough: October stays judged"

# ---- ages and overdue days to today (issue: 11 and 136 days)
fresh age
B age check >"$out" 2>"$err"
grep -q "next audit was due 2026-10-20 (every 365 days), 45 days overdue" "$out"
t_ok $? "ATL's audit is 45 days overdue on 2026-12-04 (not 11)"
grep -q "next audit was due 2026-06-17 (every 365 days), 170 days overdue" "$out"
t_ok $? "BSS's is 170 days overdue (not 136)"
B age --today 2026-12-04 check --as-of 2026-09 >"$out" 2>"$err"
grep -q "next audit was due 2026-06-17 (every 365 days), 105 days overdue" "$out"
t_ok $? "an earlier month is judged as it stood on its last day"
B age explain BSS quality_assurance --as-of 2026-09 >"$out" 2>"$err"
t_contains "$out" "as of 2026-09, judged on 2026-12-04 (audits and events as they stood on 2026-09-30)" "explain says so"

# ---- an audit finalised today counts today (issue: TMC stayed QA+)
fresh qa
B qa qa export --partner TMC --format csv |
	awk -F, 'NR == 1 { print; next }
		 $1 == 15 { $1 = "today"; $3 = "2026-12-04"; if ($9 ~ /GDPR/) $13 = "fail"; print }' OFS=, >audit.csv
B qa import --type qa audit.csv >"$out" 2>"$err"; t_status 0 $? "a final TMC audit of 2026-12-04 imports"
B qa check --partner TMC >"$out" 2>"$err"; t_status 2 $? "check: TMC is ALERT now"
grep -q "Quality assurance      ALERT   final audit of 2026-12-04: audit score (checklist) 80.7%.*failed critical item 'Data protection (GDPR)" "$out"
t_ok $? "the failed critical GDPR item of today's audit is the reason"
B qa explain TMC quality_assurance >"$out" 2>"$err"
t_contains "$out" "2026-12-04" "explain cites today's audit"

# ---- a meeting held today counts today
fresh meet
B meet check --partner DPS >"$out" 2>"$err"
t_contains "$out" "no meetings in 6 months (last on 2026-02-05)" "DPS: no meeting in 6 months"
printf 'partner,date,kind,title,detail\nDPS,2026-12-04,meeting,Monthly review,\n' >meet.csv
B meet import --type events meet.csv >/dev/null 2>&1
B meet check --partner DPS >"$out" 2>"$err"
t_not_contains "$out" "no meetings in 6 months" "a meeting held today ends the WATCH today"

# ---- an empty database: check and the dashboard judge the same month
B empty init >/dev/null 2>&1
B empty check >"$out" 2>"$err"
t_contains "$out" "as of 2026-10: 0 partners" "an empty database on 2026-12-04 is judged as of 2026-10"

# ---- one health rounding, one partner order (check, explain, JSON, report)
B s check >"$out" 2>"$err"
t_contains "$out" "ALERT   ATL    Atlas Contact Lisboa, Lda.  (health 73)" "check: ATL's health 72.5 shows as 73 (halves up)"
B s explain ATL >"$out" 2>"$err"
t_contains "$out" "health = 7250 / 100 = 72.5, shown as 73 (whole points, halves up)" "explain gives the exact score and what is shown"
B s check --format json --partner ATL >"$out" 2>"$err"
[ "$(sqlite3 :memory: "SELECT json_extract(readfile('$out'), '\$.partners[0].health')")" = 73 ]
t_ok $? "the JSON's health is 73 too"
[ "$(sqlite3 :memory: "SELECT json_extract(readfile('$out'), '\$.counted_to')")" = 2026-12-04 ]
t_ok $? "the JSON says audits and events count up to today (counted_to)"
order="SUN DPS ATL CCX BSS TMC VSC NLK"
B s check | awk '/^[A-Z]/ && NF > 2 { printf "%s ", $2 }' | sed 's/ $//' >"$T_TMP/o1"
[ "$(cat "$T_TMP/o1")" = "$order" ]; t_ok $? "check: worst first, then health, then name ($(cat "$T_TMP/o1"))"
B s report --quarter 2026Q3 --date 2026-11-01 --format csv >"$T_TMP/r.csv" 2>"$err"
B s --today 2026-09-30 check --as-of 2026-09 | awk '/^[A-Z]/ && NF > 2 { printf "%s ", $2 }' | sed 's/ $//' >"$T_TMP/o2"
B s report --quarter 2026Q3 --date 2026-11-01 --format md |
	sed -n '/^| Rank | Partner/,/^$/p' | awk -F'|' 'NR > 2 && NF > 3 { n = split($3, w, "("); c = w[n]; gsub(/[) ]/, "", c); printf "%s ", c }' |
	sed 's/ $//' >"$T_TMP/o3"
[ -s "$T_TMP/o3" ] && [ "$(cat "$T_TMP/o3")" = "$(cat "$T_TMP/o2")" ]
t_ok $? "the report lists partners in check's order for the same day ($(cat "$T_TMP/o3"))"

t_done
