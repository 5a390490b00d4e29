#!/bin/sh
# test_audit.sh: `bpowatch audit`: the trail of writes made from the
# command line (an import with a correction, an audit interval, a
# checklist), as text, CSV and JSON, by partner and day; hostile text is
# escaped; the trail cannot be changed; bad options are refused.
. "$SRCDIR/tests/lib.sh"
db=$T_TMP/a.db out=$T_TMP/out err=$T_TMP/err
"$BPOWATCH" --db "$db" init --sample >/dev/null 2>&1 || { echo "Bail out! init"; exit 1; }
me=$(id -un)

"$BPOWATCH" --db "$db" audit >"$out" 2>"$err"; t_status 0 $? "audit on the fresh sample"
t_contains "$out" "no writes recorded" "the sample's trail is empty, and says so"

printf 'partner,metric,period,segment,source,value\nATL,csat,2026-10,,client,70.5\nATL,csat,2027-01,,client,80\nBSS,csat,2027-01,,client,81\n' >"$T_TMP/c.csv"
"$BPOWATCH" --db "$db" import "$T_TMP/c.csv" >/dev/null 2>&1; t_status 0 $? "an import with one correction"
"$BPOWATCH" --db "$db" qa interval SUN 180 >/dev/null 2>&1; t_status 0 $? "an audit interval set"
"$BPOWATCH" --db "$db" audit >"$out" 2>"$err"; t_status 0 $? "audit"
[ "$(wc -l <"$out")" = 3 ]; t_ok $? "three rows: the correction, the import, the interval"
grep -qE "^20[0-9]{2}-[01][0-9]-[0-3][0-9]T[0-9]{2}:[0-9]{2}:[0-9]{2}Z  $me +observation  ATL    csat 2026-10 total \(client\): 72.9 -> 70.5$" "$out"
t_ok $? "the correction: when, who, what, old -> new"
t_contains "$out" "import       -      $T_TMP/c.csv: 3 rows: 2 inserted, 1 updated, 0 unchanged" "the import: its file and what it did"
t_contains "$out" "qa_interval  SUN    audit interval (days): 180" "the interval: new value"
"$BPOWATCH" --db "$db" audit --partner atl >"$out"; t_status 0 $? "audit --partner (any case)"
[ "$(wc -l <"$out")" = 1 ] && grep -q "ATL" "$out"; t_ok $? "only the partner's rows"
"$BPOWATCH" --db "$db" audit --since 2999-01-01 >"$out"; t_status 0 $? "audit --since a future day"
t_contains "$out" "no writes recorded that match" "nothing from then on"
"$BPOWATCH" --db "$db" audit --format csv >"$out"; t_status 0 $? "audit --format csv"
head -n 1 "$out" | grep -qx "id,at,user,action,partner,object,old,new"; t_ok $? "CSV header"
py_ok "CSV: 3 rows, the correction's old and new values" '
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="")))
assert len(rows) == 3, rows
assert rows[0]["old"] == "72.9" and rows[0]["new"] == "70.5", rows[0]
assert rows[1]["action"] == "import" and rows[1]["old"] == "", rows[1]' "$out"
"$BPOWATCH" --db "$db" audit --format json >"$out"; t_status 0 $? "audit --format json"
py_ok "JSON: an array of 3, an absent old value is null" '
import json, sys
rows = json.load(open(sys.argv[1]))
assert len(rows) == 3 and rows[1]["old"] is None and rows[2]["new"] == "180", rows' "$out"

# A bulk correction: every figure it changed is in the trail with its
# old and new value, by partner, but stored as one row of the trail (the
# import's) with the figures compactly under it.
db2=$T_TMP/bulk.db
"$BPOWATCH" --db "$db2" init --sample >/dev/null 2>&1 || { echo "Bail out! init bulk"; exit 1; }
gen() {
	echo "partner,metric,period,segment,source,value"
	for p in ATL BSS SUN; do
		y=2001
		while [ $y -le 2010 ]; do
			for m in 01 02 03 04 05 06 07 08 09 10 11 12; do
				echo "$p,csat,$y-$m,,partner,$1"
			done
			y=$((y + 1))
		done
	done
}
gen 50 >"$T_TMP/g1.csv"; gen 51.5 >"$T_TMP/g2.csv"
"$BPOWATCH" --db "$db2" import "$T_TMP/g1.csv" >/dev/null 2>&1; t_status 0 $? "360 new figures"
"$BPOWATCH" --db "$db2" import "$T_TMP/g2.csv" >"$out" 2>&1; t_status 0 $? "all 360 corrected"
"$BPOWATCH" --db "$db2" audit >"$out"
[ "$(grep -c " observation  " "$out")" = 360 ]; t_ok $? "the trail shows each of the 360 corrected figures"
grep -qE "  $me +observation  BSS    csat 2005-07 total \(partner\): 50 -> 51.5$" "$out"
t_ok $? "each with partner, month, old -> new"
tail -n 1 "$out" | grep -q "import       -      $T_TMP/g2.csv: 360 rows: 0 inserted, 360 updated, 0 unchanged"
t_ok $? "after them the import that changed them"
"$BPOWATCH" --db "$db2" audit --partner bss >"$out"
[ "$(grep -c " observation  BSS    csat " "$out")" = 120 ] && ! grep -q "ATL\|SUN\|import" "$out"
t_ok $? "--partner: that partner's 120 corrected figures, nothing else"
"$BPOWATCH" --db "$db2" audit --format csv >"$out"
py_ok "CSV: the figures carry the id and time of their import" '
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="")))
imp = rows[-1]
figs = [r for r in rows if r["action"] == "observation"]
assert imp["action"] == "import" and len(figs) == 360, (imp, len(figs))
assert all(r["id"] == imp["id"] and r["at"] == imp["at"] for r in figs), figs[0]' "$out"
if command -v sqlite3 >/dev/null 2>&1; then
	[ "$(sqlite3 "$db2" "SELECT count(*) FROM audit")" = 2 ]
	t_ok $? "stored: one row of the trail per import, not one per figure"
	[ "$(sqlite3 "$db2" "SELECT count(*) FROM audit_value")" = 360 ]
	t_ok $? "and the 360 figures in audit_value"
	sqlite3 "$db2" "DELETE FROM audit_value" >"$out" 2>&1
	t_contains "$out" "the audit trail cannot be changed" "which cannot be deleted"
else
	t_ok 1 "sqlite3 command-line tool missing (apt-get install sqlite3)"
	t_ok 1 "sqlite3 command-line tool missing (apt-get install sqlite3)"
	t_ok 1 "sqlite3 command-line tool missing (apt-get install sqlite3)"
fi

# --partner compares codes without case in any locale: in Turkish "I" and
# "i" are not one letter's cases, yet "biz" is the partner BIZ.
printf 'partner,metric,period,value\nBIZ,csat,2026-10,80\n' >"$T_TMP/biz.csv"
"$BPOWATCH" --db "$db2" import --create-partners "$T_TMP/biz.csv" >/dev/null 2>&1
"$BPOWATCH" --db "$db2" qa interval BIZ 45 >/dev/null 2>&1; t_status 0 $? "an audit interval for BIZ"
if command -v localedef >/dev/null 2>&1 && mkdir -p "$T_TMP/loc" &&
   localedef -i tr_TR -f UTF-8 "$T_TMP/loc/tr_TR.UTF-8" >/dev/null 2>&1; then
	LOCPATH=$T_TMP/loc LC_ALL=tr_TR.UTF-8 "$BPOWATCH" --db "$db2" audit --partner biz >"$out" 2>"$err"
	t_contains "$out" "qa_interval  BIZ    audit interval (days): 45" "--partner biz in a Turkish locale finds BIZ's rows"
else
	t_ok 0 "--partner in a Turkish locale # SKIP no tr_TR locale can be made (localedef, package locales)"
fi

# Hostile text in what is written comes out escaped.
printf 'partner,metric,period,value\nATL,csat,2026-09,75\n' >"$T_TMP/e$(printf '\033')[2J.csv"
"$BPOWATCH" --db "$db" import "$T_TMP/e$(printf '\033')[2J.csv" >/dev/null 2>&1
"$BPOWATCH" --db "$db" audit >"$out"
LC_ALL=C grep -q "$(printf '\033')" "$out"; t_ok $((! $?)) "no ESC byte in the text output"
t_contains "$out" 'e\x1b[2J.csv' "the file name's escape is shown as text"

# The trail cannot be changed, through bpowatch or around it.
if command -v sqlite3 >/dev/null; then
	n=$(sqlite3 "$db" "SELECT count(*) FROM audit")
	sqlite3 "$db" "DELETE FROM audit" >"$out" 2>&1
	t_contains "$out" "the audit trail cannot be changed" "sqlite3 cannot delete from it"
	sqlite3 "$db" "UPDATE audit SET new = 'x'" >"$out" 2>&1
	t_contains "$out" "the audit trail cannot be changed" "nor change a row"
	[ "$(sqlite3 "$db" "SELECT count(*) FROM audit")" = "$n" ]; t_ok $? "all $n rows are still there"
else
	t_ok 1 "sqlite3 command-line tool missing (apt-get install sqlite3)"
fi

# Bad options.
"$BPOWATCH" --db "$db" audit --format xml >"$out" 2>"$err"; t_status 2 $? "--format xml"
t_contains "$err" "audit: --format 'xml' is not text, csv or json" "is explained"
"$BPOWATCH" --db "$db" audit --since 2026-13-01 >"$out" 2>"$err"; t_status 2 $? "--since a bad day"
t_contains "$err" "audit: --since '2026-13-01' is not a date (YYYY-MM-DD)" "is explained"
"$BPOWATCH" --db "$T_TMP/none.db" audit >"$out" 2>"$err"; t_status 1 $? "no database"
t_contains "$err" "no database at $T_TMP/none.db" "is explained"
t_done
