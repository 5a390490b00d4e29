#!/bin/sh
# test_snapshot.sh: frozen QBR snapshots. A frozen pack survives a later
# import that corrects its figures and a change of thresholds, byte for
# byte; --diff names each change and why (corrected data, new data,
# changed thresholds; a key metric's corrected month, old and new); a
# threshold change that alters a frozen quarter is written to the audit
# trail once; a snapshot is never replaced or edited; the pack is kept in
# every format and style (md, html, csv; --appendix, --paper, --excel),
# each printed by --frozen byte for byte; a snapshot frozen before that
# says so; F in the dashboard freezes a quarter.
. "$SRCDIR/tests/lib.sh"
db=$T_TMP/s.db out=$T_TMP/out err=$T_TMP/err
cp "$BUILDDIR/sample-db/sample.db" "$db"; chmod 600 "$db"
r() { "$BPOWATCH" --db "$db" report --quarter 2026Q3 "$@"; }

r --date 2026-11-01 >"$T_TMP/pack.md"
# The formats and styles a user may ask --frozen for, as the live pack
# writes them at the freeze.
variants="md html csv md,--appendix html,--paper,letter html,--appendix,--paper,letter csv,--excel"
opts() { echo "--format $1" | tr , ' '; }
for v in $variants; do r --date 2026-11-01 $(opts "$v") >"$T_TMP/live-$v"; done
r --date 2026-11-01 --format csv --excel --explanations "$T_TMP/live-expl.csv" >/dev/null
r --date 2026-11-01 --freeze >"$out" 2>"$err"; t_status 0 $? "--freeze"
t_contains "$out" "froze 2026Q3: statuses as of 2026-09-30" "says what it froze"
r --frozen >"$T_TMP/frozen.md" 2>"$err"; t_status 0 $? "--frozen"
cmp -s "$T_TMP/pack.md" "$T_TMP/frozen.md"; t_ok $? "--frozen prints the pack as it was when frozen"
for v in $variants; do
	r --frozen $(opts "$v") >"$T_TMP/frozen-$v" 2>"$err"; t_status 0 $? "--frozen $(opts "$v")"
	cmp -s "$T_TMP/live-$v" "$T_TMP/frozen-$v"; t_ok $? "--frozen $(opts "$v") is the pack as written at the freeze"
done
r --frozen --format html -o "$T_TMP/deck.html" 2>"$err"; t_status 0 $? "--frozen -o FILE"
cmp -s "$T_TMP/live-html" "$T_TMP/deck.html"; t_ok $? "writes the frozen deck into the file"
r --frozen --format csv --excel --explanations "$T_TMP/expl.csv" >"$T_TMP/frozen-x.csv" 2>"$err"
t_status 0 $? "--frozen --format csv --excel --explanations FILE"
cmp -s "$T_TMP/live-expl.csv" "$T_TMP/expl.csv"; t_ok $? "writes the frozen explanations into FILE"
cmp -s "$T_TMP/live-csv,--excel" "$T_TMP/frozen-x.csv"; t_ok $? "and the frozen CSV to standard output"
r --frozen --format md --excel >"$out" 2>"$err"; t_status 2 $? "--excel with --format md"
t_contains "$err" "--excel writes CSV; it does not go with --format md" "says --excel is for CSV"
r --date 2026-11-01 --freeze --appendix >"$out" 2>"$err"; t_status 2 $? "--freeze with a style option"
t_contains "$err" "--freeze keeps the pack in every format and style" "says every style is kept"
r --diff --paper a4 >"$out" 2>"$err"; t_status 2 $? "--diff with --paper, even the default"
r --diff >"$out" 2>"$err"; t_status 0 $? "--diff right after"
t_contains "$out" "no change: the pack shows what the snapshot shows" "finds nothing changed"
r --date 2026-11-01 --freeze >"$out" 2>"$err"; t_status 1 $? "a second --freeze is refused"
t_contains "$err" "2026Q3 was frozen on " "and says when"
t_contains "$err" "is never changed (--diff shows what changed since)" "and that it stays"

# A later import corrects SUN's September CSAT and adds a new channel to
# ATL with a year of figures, whose churn now stands out most.
{
	echo "partner,metric,period,segment,source,value"
	echo "SUN,csat,2026-09,,client,70.0"
	for m in 2025-06 2025-07 2025-08 2025-09 2025-10 2025-11 2025-12 2026-01 2026-02 \
		 2026-03 2026-04 2026-05 2026-06; do
		echo "ATL,churn_after_contact,$m,channel=social,partner,1.0"
	done
	for m in 2026-07 2026-08 2026-09; do echo "ATL,churn_after_contact,$m,channel=social,partner,9.0"; done
} >"$T_TMP/fix.csv"
"$BPOWATCH" --db "$db" import "$T_TMP/fix.csv" >/dev/null 2>&1; t_status 0 $? "an import that corrects and adds data"
r --frozen >"$T_TMP/frozen2.md"
cmp -s "$T_TMP/pack.md" "$T_TMP/frozen2.md"; t_ok $? "the snapshot survives the import unchanged"
r --date 2026-11-01 | cmp -s - "$T_TMP/pack.md"; t_ok $((! $?)) "while the live pack has changed"
for v in $variants; do
	r --frozen $(opts "$v") | cmp -s - "$T_TMP/live-$v"
	t_ok $? "--frozen $(opts "$v") survives the import byte for byte"
	r --date 2026-11-01 $(opts "$v") | cmp -s - "$T_TMP/live-$v"
	t_ok $((! $?)) "while the live $(opts "$v") has changed"
done
r --frozen --format csv --excel --explanations "$T_TMP/expl.csv" >/dev/null
cmp -s "$T_TMP/live-expl.csv" "$T_TMP/expl.csv"; t_ok $? "the frozen explanations survive the import"
r --date 2026-11-01 --format csv --excel --explanations "$T_TMP/expl-now.csv" >/dev/null
cmp -s "$T_TMP/live-expl.csv" "$T_TMP/expl-now.csv"; t_ok $((! $?)) "while the live ones have changed"
r --diff >"$out" 2>"$err"; t_status 0 $? "--diff after the import"
t_contains "$out" "SUN rule customer_satisfaction/csat_shift: WATCH -> ALERT" "names the status that changed"
t_contains "$out" "then: CSAT 74.6% (client), 3-month mean 75.8%: 3.87 pts below its normal 79.7% since 2026-07" "with the reason then"
t_contains "$out" "now:  CSAT 70.0% (client), 3-month mean 74.3%: 5.4 pts below its normal 79.7% since 2026-07" "and now"
t_contains "$out" "corrected data: recent 2026-09 total client 74.6 -> 70" "and why: the corrected figure, old and new"
grep -q "^      corrected data: recent 2026-09 total client 74.6 -> 70 (corrected [0-9]\{4\}-[0-9][0-9]-[0-9][0-9])$" "$out"
t_ok $? "with the day the audit trail says it was corrected"
t_contains "$out" "new data: recent 2026-09 channel=social partner 9" "a new figure is called new data"
t_contains "$out" "data no longer there: recent 2026-09 channel=phone partner" "and the figure the rule read before, no longer read"
t_contains "$out" "SUN metric csat: 75.8 -> 74.3" "names the key metric of the quarter that changed"
grep -q "^      SUN csat 2026-09: 74.6 -> 70 (corrected [0-9]\{4\}-[0-9][0-9]-[0-9][0-9])$" "$out"
t_ok $? "and its month, old -> new, and the day it was corrected"
! grep -q "new or corrected figures of the quarter" "$out"; t_ok $? "not just 'new or corrected figures'"
grep -q "^[0-9]* changes since the snapshot$" "$out"; t_ok $? "and counts the changes"
! grep -q "[0-9]\.[0-9]\{7,\}" "$out"; t_ok $? "figures worked out from others are not printed with binary noise"

# A threshold changed in the configuration.
printf 'indicators = { customer_satisfaction = { rules = { csat_shift = { warn = 2.0; alert = 4.0; }; }; }; };\n' >"$T_TMP/t.conf"
"$BPOWATCH" --db "$db" --config "$T_TMP/t.conf" report --quarter 2026Q3 --diff >"$out" 2>"$err"
t_status 0 $? "--diff with changed thresholds"
t_contains "$out" "changed thresholds or settings: kind shift, metric csat, warn 2.5, alert 4.5, baseline 12 (at least 6), recent 3, memory 12, z 3/4, common movement out (3 others) -> kind shift, metric csat, warn 2, alert 4," \
	"names the thresholds, old and new"
audit() { sqlite3 "$db" "SELECT count(*) FROM audit WHERE action = 'snapshot' AND partner = 'SUN' AND object LIKE '2026Q3 rule customer_satisfaction/csat_shift: thresholds%'"; }
[ "$(audit)" = 1 ]; t_ok $? "the audit trail records that the configuration changed a frozen quarter"
"$BPOWATCH" --db "$db" --config "$T_TMP/t.conf" report --quarter 2026Q3 --diff >/dev/null 2>&1
[ "$(audit)" = 1 ]; t_ok $? "once, not at every --diff"
r --frozen | cmp -s - "$T_TMP/pack.md"; t_ok $? "the snapshot is still the pack as frozen"
for v in $variants; do
	r --frozen $(opts "$v") | cmp -s - "$T_TMP/live-$v"
	t_ok $? "--frozen $(opts "$v") is the same on a later run"
done

# Nothing edits a snapshot.
sqlite3 "$db" "UPDATE snapshot_item SET status = 'ok'" >"$out" 2>&1
t_contains "$out" "a frozen snapshot cannot be changed" "sqlite3 cannot change it"
sqlite3 "$db" "DELETE FROM snapshot" >"$out" 2>&1
t_contains "$out" "a frozen snapshot cannot be changed" "nor delete it"
sqlite3 "$db" "UPDATE snapshot_rendering SET body = 'x' WHERE format = 'html'" >"$out" 2>&1
t_contains "$out" "a frozen snapshot cannot be changed" "nor change a rendering"
sqlite3 "$db" "DELETE FROM snapshot_rendering" >"$out" 2>&1
t_contains "$out" "a frozen snapshot cannot be changed" "nor delete one"
r --frozen --format html | cmp -s - "$T_TMP/live-html"; t_ok $? "the HTML deck is still as frozen"

# A snapshot frozen before renderings were kept (made in a copy by taking
# them away, and the monthly figures of its metrics): its Markdown pack as
# before, a clear refusal for the other formats.
old=$T_TMP/old.db
cp "$db" "$old"
sqlite3 "$old" "DROP TRIGGER snapshot_rendering_no_delete; DELETE FROM snapshot_rendering;
	DROP TRIGGER snapshot_item_no_update;
	UPDATE snapshot_item SET inputs = '' WHERE item LIKE 'metric %'"
o() { "$BPOWATCH" --db "$old" report --quarter 2026Q3 "$@"; }
o --frozen >"$out" 2>"$err"; t_status 0 $? "--frozen of an old snapshot"
cmp -s "$out" "$T_TMP/pack.md"; t_ok $? "prints its Markdown pack as before"
o --frozen --format html >"$out" 2>"$err"; t_status 2 $? "--frozen --format html of an old snapshot"
t_contains "$err" "2026Q3 was frozen before renderings were kept; only --format md is available" \
	"says only Markdown was kept"
[ ! -s "$out" ]; t_ok $? "and prints nothing"
o --frozen --format csv >"$out" 2>"$err"; t_status 2 $? "--frozen --format csv of an old snapshot"
o --frozen --format csv --explanations "$T_TMP/old-expl.csv" >"$out" 2>"$err"
t_status 2 $? "--frozen --explanations of an old snapshot"
[ ! -e "$T_TMP/old-expl.csv" ]; t_ok $? "writes no file"
o --diff >"$out" 2>"$err"; t_status 0 $? "--diff of an old snapshot"
t_contains "$out" "new or corrected figures of the quarter (this snapshot was frozen before the figures of each month were kept)" \
	"says the months are not known"
r --quarter 2026Q2 --frozen >"$out" 2>"$err"; t_status 1 $? "--frozen of a quarter never frozen"
t_contains "$err" "2026Q2 has not been frozen (report --quarter 2026Q2 --freeze)" "says how to freeze it"
r --freeze --diff >"$out" 2>"$err"; t_status 2 $? "--freeze with --diff"
r --freeze --format html >"$out" 2>"$err"; t_status 2 $? "--freeze with --format"
"$BPOWATCH" --db "$db" --read-only report --quarter 2026Q1 --freeze >"$out" 2>"$err"
t_status 1 $? "--freeze on a read-only database"
t_contains "$err" "read-only" "says why"

# F in the dashboard: the last whole quarter is offered, another typed.
if command -v tmux >/dev/null; then
	t_tui_setup
	run 100 30 TERM=xterm-256color LANG=C.UTF-8 "$BPOWATCH" --db "$db"
	t_wait_for "8 partners" 10; t_ok $? "the dashboard opens"
	t_keys F; t_wait_for "Freeze the QBR pack of quarter: 2026Q3" 5
	t_ok $? "F offers the last whole quarter before October, 2026Q3"
	t_keys Enter; t_wait_for "is never changed" 5; t_ok $? "which is frozen already: said so"
	t_keys F; t_wait_for "quarter: 2026Q3" 5
	t_keys BSpace 2 Enter; t_wait_for "froze 2026Q2: statuses as of 2026-06-30" 5
	t_ok $? "2026Q2 typed instead: frozen"
	t_keys Q; t_wait_dead 5; t_tmux_stop
	"$BPOWATCH" --db "$db" report --quarter 2026Q2 --frozen >"$out" 2>&1
	t_contains "$out" "# Quarterly business review 2026 Q2" "its pack is there"
fi
# A snapshot frozen by an older version that worded its reasons otherwise
# ("8% below" where this one says "8% (relative) below"): the same status,
# figures and settings are no change, and --diff says how many reasons
# read differently. A reason whose numbers differ is still a change.
wd=$T_TMP/worded.db
"$BPOWATCH" --db "$wd" init --sample >/dev/null 2>&1
"$BPOWATCH" --db "$wd" report --quarter 2026Q3 --freeze >/dev/null 2>&1
sqlite3 "$wd" "DROP TRIGGER snapshot_item_no_update;
	UPDATE snapshot_item SET reason = replace(replace(reason, '% (relative)', '%'),
		'audit score (checklist) ', '')
	WHERE reason LIKE '%(relative)%' OR reason LIKE '%audit score (checklist)%'"
n=$(sqlite3 "$wd" "SELECT count(*) FROM snapshot_item WHERE reason LIKE '%below its normal 4.03%'")
"$BPOWATCH" --db "$wd" report --quarter 2026Q3 --diff >"$out" 2>"$err"
t_status 0 $? "--diff of a snapshot worded by an older version"
t_contains "$out" "no change: the pack shows what the snapshot shows" "reworded reasons are no change"
grep -Eq "^[0-9]+ reasons are worded differently now, with the same status, figures and settings \(not counted as changes\)$" "$out"
t_ok $? "and it says how many read differently" || t_diag "$(cat "$out")"
[ "$n" -ge 1 ]; t_ok $? "(the snapshot held a reason in the old wording: $n)"
sqlite3 "$wd" "UPDATE snapshot_item SET reason = replace(reason, '4.03 EUR', '4.13 EUR')
	WHERE partner = 'SUN' AND item LIKE 'rule value_balance/%'"
"$BPOWATCH" --db "$wd" report --quarter 2026Q3 --diff >"$out" 2>"$err"
grep -q "^1 change since the snapshot" "$out"; t_ok $? "a reason with another number is a change" ||
	t_diag "$(cat "$out")"
t_done
