#!/bin/sh
# test_snapshot.sh: frozen QBR snapshots. A frozen pack survives a later
# import that corrects its figures and a change of thresholds, byte for
# byte; --diff names each change and why (corrected data, new data,
# changed thresholds); a threshold change that alters a frozen quarter is
# written to the audit trail once; a snapshot is never replaced or edited;
# F in the dashboard freezes a quarter.
. "$SRCDIR/tests/lib.sh"
db=$T_TMP/s.db out=$T_TMP/out err=$T_TMP/err
cp "$BUILDDIR/sample-db/sample.db" "$db"; chmod 600 "$db"
r() { "$BPOWATCH" --db "$db" report --quarter 2026Q3 "$@"; }

r --date 2026-11-01 >"$T_TMP/pack.md"
r --date 2026-11-01 --freeze >"$out" 2>"$err"; t_status 0 $? "--freeze"
t_contains "$out" "froze 2026Q3: statuses as of 2026-09-30" "says what it froze"
r --frozen >"$T_TMP/frozen.md" 2>"$err"; t_status 0 $? "--frozen"
cmp -s "$T_TMP/pack.md" "$T_TMP/frozen.md"; t_ok $? "--frozen prints the pack as it was when frozen"
r --diff >"$out" 2>"$err"; t_status 0 $? "--diff right after"
t_contains "$out" "no change: the pack shows what the snapshot shows" "finds nothing changed"
r --date 2026-11-01 --freeze >"$out" 2>"$err"; t_status 1 $? "a second --freeze is refused"
t_contains "$err" "2026Q3 was frozen on " "and says when"
t_contains "$err" "is never changed (--diff shows what changed since)" "and that it stays"

# A later import corrects ATL's September CSAT and adds a new channel.
printf 'partner,metric,period,segment,source,value\nATL,csat,2026-09,,client,70.1\nATL,churn_after_contact,2026-06,channel=social,partner,1.0\nATL,churn_after_contact,2026-09,channel=social,partner,9.0\n' >"$T_TMP/fix.csv"
"$BPOWATCH" --db "$db" import "$T_TMP/fix.csv" >/dev/null 2>&1; t_status 0 $? "an import that corrects and adds data"
r --frozen >"$T_TMP/frozen2.md"
cmp -s "$T_TMP/pack.md" "$T_TMP/frozen2.md"; t_ok $? "the snapshot survives the import unchanged"
r --date 2026-11-01 | cmp -s - "$T_TMP/pack.md"; t_ok $((! $?)) "while the live pack has changed"
r --diff >"$out" 2>"$err"; t_status 0 $? "--diff after the import"
t_contains "$out" "ATL rule customer_satisfaction/csat_level: WATCH -> ALERT" "names the status that changed"
t_contains "$out" "then: CSAT 75.7% (client), below the watch threshold 78.0%" "with the reason then"
t_contains "$out" "now:  CSAT 70.1% (client), below the alert threshold 74.0%" "and now"
t_contains "$out" "corrected data: judged 2026-09 total client 75.7 -> 70.1" "and why: the corrected figure, old and new"
t_contains "$out" "new data: now 2026-09 channel=social partner 9" "a new figure is called new data"
t_contains "$out" "data no longer there: now 2026-09 channel=phone partner" "and the figure the rule read before, no longer read"
grep -q "^[0-9]* changes since the snapshot$" "$out"; t_ok $? "and counts the changes"

# A threshold changed in the configuration.
printf 'indicators = { customer_satisfaction = { rules = { csat_level = { warn = 76.0; alert = 72.0; }; }; }; };\n' >"$T_TMP/t.conf"
"$BPOWATCH" --db "$db" --config "$T_TMP/t.conf" report --quarter 2026Q3 --diff >"$out" 2>"$err"
t_status 0 $? "--diff with changed thresholds"
t_contains "$out" "changed thresholds or settings: kind level, metric csat, warn 78, alert 74, cause check 60% -> kind level, metric csat, warn 76, alert 72, cause check 60%" \
	"names the thresholds, old and new"
audit() { sqlite3 "$db" "SELECT count(*) FROM audit WHERE action = 'snapshot' AND partner = 'ATL' AND object LIKE '2026Q3 rule customer_satisfaction/csat_level: thresholds%'"; }
[ "$(audit)" = 1 ]; t_ok $? "the audit trail records that the configuration changed a frozen quarter"
"$BPOWATCH" --db "$db" --config "$T_TMP/t.conf" report --quarter 2026Q3 --diff >/dev/null 2>&1
[ "$(audit)" = 1 ]; t_ok $? "once, not at every --diff"
r --frozen | cmp -s - "$T_TMP/pack.md"; t_ok $? "the snapshot is still the pack as frozen"

# Nothing edits a snapshot.
sqlite3 "$db" "UPDATE snapshot_item SET status = 'ok'" >"$out" 2>&1
t_contains "$out" "a frozen snapshot cannot be changed" "sqlite3 cannot change it"
sqlite3 "$db" "DELETE FROM snapshot" >"$out" 2>&1
t_contains "$out" "a frozen snapshot cannot be changed" "nor delete it"
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
t_done
