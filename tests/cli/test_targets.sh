#!/bin/sh
# test_targets.sh: contract targets through the real binary: import and
# export (round trip unchanged, the German Excel dialect), the error cases
# at FILE:LINE:COLUMN with nothing changed, the target rule in `check` and
# `explain` (the target cited with its validity), the "targets" of `check
# --format json`, and the QBR pack's contract targets table on the sample
# (TMC missing its renegotiated SLA target in 2026 Q3).
. "$SRCDIR/tests/lib.sh"
cd "$T_TMP" || exit 1
out=$T_TMP/out err=$T_TMP/err
a=$T_TMP/a.db b=$T_TMP/b.db
A() { "$BPOWATCH" --db "$a" "$@" >"$out" 2>"$err"; }
Bd() { "$BPOWATCH" --db "$b" "$@" >"$out" 2>"$err"; }
dump() { sqlite3 "$1" "SELECT * FROM target ORDER BY id" | cksum; }

"$BPOWATCH" --db "$a" init --sample >/dev/null 2>&1 || { echo "Bail out! init --sample"; exit 1; }
"$BPOWATCH" --db "$b" init --sample >/dev/null 2>&1 || { echo "Bail out! init --sample"; exit 1; }
sqlite3 "$b" "DELETE FROM target"

# 1. Export, import into a database without targets, export again.
A export --type targets -o "$T_TMP/t.csv"; t_status 0 $? "export --type targets"
[ "$(head -n 1 "$T_TMP/t.csv")" = "partner,metric,segment,source,target,alert,valid_from,valid_until,credit_pct,note" ]
t_ok $? "the columns import reads"
t_contains "$T_TMP/t.csv" "TMC,sla_adherence,,,85,,2024-01,2026-06,,Contract 2024" "the ended target with its last month"
t_contains "$T_TMP/t.csv" "TMC,sla_adherence,,,90,80,2026-07,,1.5," "the renewal: alert level, open-ended, credit"
Bd import "$T_TMP/t.csv"; t_status 0 $? "import into a database without targets"
t_contains "$out" "7 inserted, 0 updated, 0 unchanged" "seven targets inserted"
Bd import "$T_TMP/t.csv"; t_status 0 $? "the same file again"
t_contains "$out" "0 inserted, 0 updated, 7 unchanged" "round trip: nothing inserted or updated"
Bd export --type targets -o "$T_TMP/t2.csv"
cmp -s "$T_TMP/t.csv" "$T_TMP/t2.csv"; t_ok $? "exported again: the same bytes"
A export --type targets --excel -o "$T_TMP/tx.csv"; t_status 0 $? "export --type targets --excel"
t_contains "$T_TMP/tx.csv" "TMC;sla_adherence;;;90;80;2026-07;;1,5;" "Excel: ; and decimal comma"
Bd import "$T_TMP/tx.csv"; t_contains "$out" "0 inserted, 0 updated, 7 unchanged" "the Excel export imports unchanged"
A export --type targets --format json -o "$T_TMP/t.json"
py_ok "JSON of targets: the CSV's keys, numbers and nulls" '
import json, sys
d = json.load(open(sys.argv[1]))
assert len(d) == 7, len(d)
t = [x for x in d if x["partner"] == "TMC" and x["valid_from"] == "2026-07"][0]
assert t["target"] == 90 and t["alert"] == 80 and t["credit_pct"] == 1.5, t
' "$T_TMP/t.json"
A export --type targets --partner TMC --from 2026-07
[ "$(tail -n +2 "$out" | cut -d, -f1,7 | tr '\n' ' ')" = "TMC,2024-01 TMC,2026-07 " ]
t_ok $? "--partner and --from: the targets valid some time since (the old SLA one ended)"

# 2. The German Excel dialect: BOM, ;, German headers, decimal comma, MM.YYYY.
printf '\357\273\277Partner;Kennzahl;Segment;Quelle;Ziel;Alarm;g\303\274ltig ab;g\303\274ltig bis;Gutschrift %%;Notiz\r\nSUN;Kundenzufriedenheit;;client;78,5;72;01.2026;12.2026;2,5;Vertrag 2026\r\nSUN;sla_adherence;channel=chat;;85;;07.2026;;;\r\n' >"$T_TMP/de.csv"
A import "$T_TMP/de.csv"; t_status 0 $? "a German Excel targets file imports"
t_contains "$out" "2 inserted" "both rows"
[ "$(sqlite3 "$a" "SELECT metric, source, value, alert, valid_from, valid_until, credit_pct, note FROM target JOIN partner p ON p.id = partner_id WHERE p.code = 'SUN' AND metric = 'csat'")" = "csat|client|78.5|72.0|2026-01|2026-12|2.5|Vertrag 2026" ]
t_ok $? "Kundenzufriedenheit is csat; 78,5 and 01.2026 read"
[ "$(sqlite3 "$a" "SELECT segment FROM target WHERE metric = 'sla_adherence' AND valid_from = '2026-07' AND segment <> ''")" = "channel=chat" ]
t_ok $? "a segment target stored"

# 3. Errors: FILE:LINE:COLUMN, nothing changed.
before=$(dump "$a")
printf 'partner,metric,target,valid_from,valid_until,alert,credit_pct\nATL,csat,150,2026-01,,,\nATL,sla_adherence,92,2026-03,,,\nATL,nosuch,1,2026-01,,,\nATL,csat,80,13.2026,,,\nATL,csat,80,2026-05,2026-04,,\nATL,csat,80,2026-06,,85,\nATL,fcr,80,2026-01,,,120\nATL,fcr,81,2026-05,,,\nATL,fcr,81,2026-05,,,\n' >"$T_TMP/bad.csv"
A import "$T_TMP/bad.csv"; t_status 1 $? "a targets file with bad rows"
t_contains "$err" "bad.csv:2:10: csat 150 is above its plausible maximum 100" "an implausible target at its cell"
t_contains "$err" "bad.csv:4:5: unknown metric 'nosuch'" "an unknown metric at its cell"
t_contains "$err" "bad.csv:5:13: valid_from '13.2026' is not a month" "a bad month at its cell"
t_contains "$err" "bad.csv:6:21: valid until 2026-04 is before valid from 2026-05" "an end before the start"
t_contains "$err" "bad.csv:7:22: the alert level 85 is not worse than the target 80" "an alert level on the wrong side"
t_contains "$err" "bad.csv:8:22: credit 120 % is not between 0 and 100" "a credit above 100 %"
t_contains "$err" "bad.csv:10:12: the fcr target of 'ATL' from 2026-05 already given on line 9" "a target given twice"
t_contains "$err" "nothing imported" "nothing imported"
[ "$(dump "$a")" = "$before" ]; t_ok $? "the targets are unchanged"
printf 'partner,metric,target,valid_from\nATL,sla_adherence,92,2026-03\n' >"$T_TMP/overlap.csv"
A import "$T_TMP/overlap.csv"; t_status 1 $? "a validity overlapping a stored target"
t_contains "$err" "overlap.csv:2:22: the sla_adherence target valid 2026-03.. overlaps the one valid 2025-01.." "the overlap named at valid_from"
printf 'partner,metric,target,valid_from,valid_until\nNLK,fcr,80,2026-01,2026-06\nNLK,fcr,82,2026-06,\n' >"$T_TMP/overlap2.csv"
A import "$T_TMP/overlap2.csv"; t_status 1 $? "two rows of one file that overlap"
t_contains "$err" "overlap2.csv:3:" "the second named"
printf 'partner,metric,target,valid_from,zeil\nATL,fcr,80,2026-01,x\n' >"$T_TMP/col.csv"
A import --type targets "$T_TMP/col.csv"; t_status 1 $? "an unknown column"
t_contains "$err" "col.csv:1:" "named at line 1"
printf 'partner,metric,target,valid_from,target\nATL,fcr,80,2026-01,81\n' >"$T_TMP/dup.csv"
A import --type targets "$T_TMP/dup.csv"; t_status 1 $? "a column given twice"
t_contains "$err" "column 5 is 'target' again (column 3 is too)" "named so"
[ "$(dump "$a")" = "$before" ]; t_ok $? "still unchanged after every refused file"
A import "$T_TMP/de.csv"; t_contains "$out" "0 inserted, 0 updated, 2 unchanged" "German file again: unchanged"

# 4. The rule: check and explain.
A check; t_status 2 $? "check"
t_contains "$out" "contract SLA >= 90 % valid since 2026-07: met 1 of 3 months (missed 2026-09, 2026-10)" "TMC's reason cites its contract target"
t_contains "$out" "contract attrition <= 5 % valid since 2025-07: met 0 of 3 months" "VSC's attrition cap"
A explain TMC service_delivery; t_status 0 $? "explain TMC service delivery"
t_contains "$out" "contract target >= 90 % valid since 2026-07 (renegotiated; before: >= 85 % 2024-01..2026-06)" "explain cites the target, its validity and what it replaced"
t_contains "$out" "month missed           2026-09  86.1  against >= 90 %" "each month met or missed"
t_contains "$out" "service credits owed for the missed months: 3% of a monthly fee" "and the credits owed"
A explain ATL customer_satisfaction
t_contains "$out" "csat_target: no contract target for CSAT" "no target: not applicable, nothing pretended"
t_contains "$out" "- n/a  csat_target" "shown as n/a"

# The rule's parameters are checked like any other's.
cat >"$T_TMP/bad.conf" <<'EOF2'
indicators = { service_delivery = { rules = {
  sla_target = { kind = "target"; metric = "sla_adherence"; alert = 4; };
  t2 = { kind = "target"; };
  t3 = { kind = "target"; metric = "csat"; warn = 2; alert = 1; };
  t4 = { kind = "target"; metric = "csat"; source = "client"; };
}; }; };
EOF2
A --config "$T_TMP/bad.conf" config check; t_status 1 $? "config check of bad target rules"
t_contains "$err" "bad.conf:2: error: rule 'service_delivery.sla_target': 'alert' (4) counts more missed months than the window (3) has" "alert beyond the window"
t_contains "$err" "bad.conf:3: error: rule 'service_delivery.t2': a target rule needs 'metric'" "metric required"
t_contains "$err" "bad.conf:4: error: rule 'service_delivery.t3': 'warn' (2) and 'alert' (1) are in the wrong order" "warn and alert in order"
t_contains "$err" "bad.conf:5: error: rule 'service_delivery.t4': 'source' does not apply to a target rule" "the target's own source, not the rule's"

# 5. check --format json: the targets per partner, the judged quarter.
A check --format json --as-of 2026-09 -o /dev/null 2>/dev/null
A check --format json --as-of 2026-09
py_ok "check json: targets with the attainment of the judged month's quarter" '
import json, sys
d = json.load(open(sys.argv[1]))
p = {x["code"]: x for x in d["partners"]}
assert p["DPS"]["targets"] == [], p["DPS"]["targets"]
t = [x for x in p["TMC"]["targets"] if x["metric"] == "sla_adherence" and x["valid_from"] == "2026-07"][0]
assert t["target"] == 90 and t["alert"] == 80 and t["valid_until"] is None and t["credit_pct"] == 1.5, t
a = t["attainment"]
assert a["quarter"] == "2026Q3" and a["months_judged"] == 3 and a["met"] == 2 and a["missed"] == 1, a
assert [m["verdict"] for m in a["months"]] == ["met", "met", "missed"], a["months"]
assert a["credit_owed_pct"] == 1.5, a
old = [x for x in p["TMC"]["targets"] if x["valid_from"] == "2024-01" and x["metric"] == "sla_adherence"][0]
assert old["attainment"]["months_judged"] == 0 and old["valid_until"] == "2026-06", old
' "$out"

# 6. The QBR pack: a contract targets table per partner with targets.
GE=$(printf '\342\211\245')	# the sign >= in UTF-8
A report --quarter 2026Q3 --date 2026-10-15; t_status 0 $? "report --quarter 2026Q3"
sed -n '/^## .*(TMC)/,/^## /p' "$out" >"$T_TMP/tmc.md"
t_contains "$T_TMP/tmc.md" "### Contract targets" "TMC has a contract targets table"
t_contains "$T_TMP/tmc.md" "| Target | Valid | 2026-07 | 2026-08 | 2026-09 | Attainment | Credit owed |" "a column per month of the quarter"
t_contains "$T_TMP/tmc.md" "| SLA $GE 90 % | since 2026-07 | met | met | missed | met 2 of 3 months | 1.5% of a monthly fee |" "TMC missed its renegotiated SLA target in September: 1.5 % credit owed"
t_not_contains "$T_TMP/tmc.md" "SLA $GE 85 %" "the target that ended before the quarter is not shown"
sed -n '/^## .*(DPS)/,/^## /p' "$out" >"$T_TMP/dps.md"
t_not_contains "$T_TMP/dps.md" "Contract targets" "nothing shown for a partner without targets"
A report --quarter 2026Q3 --date 2026-10-15 --format csv
t_contains "$out" "TMC,Table Mountain Contact (Pty) Ltd,target,SLA $GE 90 %,missed,,86.1,,,%,2026-09,,since 2026-07" "csv: a row per month, the miss with its figure"
t_contains "$out" "target_attainment,SLA $GE 90 %,met 2 of 3 months,,1.5," "csv: the attainment and the credit owed"
A report --quarter 2026Q3 --date 2026-10-15 --format html
t_contains "$out" "<td>SLA $GE 90 %</td><td>since 2026-07</td><td class=\"better\">met</td><td class=\"better\">met</td><td class=\"worse\">missed</td>" "html: met and missed marked"

t_done
