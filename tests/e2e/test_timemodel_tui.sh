#!/bin/sh
# test_timemodel_tui.sh: what the dashboard says about time is true today
# (bpowatch(1), THE MONTH JUDGED): an older value names its month, an audit
# finalised today shows at once, one early row does not move the month, and
# r follows the data to a new judged month when the user was on it.
# "Today" is 2026-12-04 (BPOWATCH_TODAY from tests/lib.sh).
. "$SRCDIR/tests/lib.sh"
t_tui_setup
see() { t_wait_for "$1" 8; t_ok $? "$2" || t_screen | t_diag "$(cat)"; }
hasnt() { t_screen | grep -qF -- "$1"; t_ok $((! $?)) "$2"; }
fresh() { cp "$BUILDDIR/sample-db/sample.db" "$T_TMP/$1.db"; chmod 600 "$T_TMP/$1.db"; }
B() { db=$1; shift; "$BPOWATCH" --db "$T_TMP/$db.db" "$@"; }

# ---- an older value says which month it is from (CCX sent nothing for October)
fresh s
run 80 24 TERM=xterm-256color LANG=C.UTF-8 "$BPOWATCH" --db "$T_TMP/s.db"
see "as of 2026-10" "the dashboard judges 2026-10 on 2026-12-04"
t_screen >"$T_TMP/s1"
grep -q "CSAT .* 79.5  (Sep)" "$T_TMP/s1"; t_ok $? "CCX's CSAT of September says (Sep) at 80x24"
grep -q "CSAT .* 72.9   -2.1" "$T_TMP/s1"; t_ok $? "ATL's October CSAT shows its change, no month"
t_keys v; see "CWVPOQSF" "the list mode"
t_screen | grep -q "CCX .* 79.5 (Sep)"; t_ok $? "the list names September too"
t_keys Q; t_wait_dead 5; t_tmux_stop

# ---- an audit finalised today reaches the pane (issue: TMC stayed QA+)
fresh qa
run 100 30 TERM=xterm-256color LANG=C.UTF-8 "$BPOWATCH" --db "$T_TMP/qa.db"
see "QA 91.4% 2026-05-12" "TMC's pane shows its May audit"
B qa qa export --partner TMC --format csv |
	awk -F, 'NR == 1 { print; next }
		 $1 == 15 { $1 = "today"; $3 = "2026-12-04"; if ($9 ~ /GDPR/) $13 = "fail"; print }' OFS=, >audit.csv
B qa import --type qa audit.csv >/dev/null 2>&1
see "DATA CHANGED: r reloads" "the import is noticed"
t_keys r
see "QA 80.7% 2026-12-04 CRITICAL FAIL" "after r the pane shows today's audit and its critical fail"
t_screen | grep -q "TMC.*ALERT"; t_ok $? "TMC is ALERT"
t_screen | grep -q "QA! SD"; t_ok $? "its QA badge says !"
hasnt "as of 2026-12" "the month judged did not move"
t_keys Q; t_wait_dead 5; t_tmux_stop

# ---- one early row moves nothing; r follows a month every partner reported
fresh r
run 100 30 TERM=xterm-256color LANG=C.UTF-8 "$BPOWATCH" --db "$T_TMP/r.db"
see "as of 2026-10" "judged 2026-10"
printf 'partner,metric,period,segment,source,value\nATL,csat,2026-12,,partner,80.1\n' >early.csv
B r import early.csv >/dev/null 2>&1
see "DATA CHANGED: r reloads" "the early row is noticed"
t_keys r; see "reloaded" "r reloads"
hasnt "as of 2026-12" "one early row does not move the month judged"
hasnt "~ WATCH" "nobody turns WATCH for figures not yet due"
B r export --type observations --from 2026-10 --to 2026-10 | sed 's/,2026-10,/,2026-11,/' >nov.csv
B r import nov.csv >/dev/null 2>&1
see "DATA CHANGED: r reloads" "November's figures are noticed"
t_keys r
see "as of 2026-11" "r moves to November, now judged: the user was on the judged month"
hasnt "([ ] months)" "and it is the judged month, not one the user chose"
t_keys '['; see "as of 2026-10 ([ ] months)" "[ goes back to October, marked as chosen"
printf 'partner,metric,period,segment,source,value\nNLK,csat,2026-11,,client,99.0\n' >fix.csv
B r import fix.csv >/dev/null 2>&1
see "DATA CHANGED: r reloads" "another change is noticed"
t_keys r; see "reloaded" "r reloads"
hasnt "as of 2026-11" "a month the user chose stays chosen after r"
t_keys Q; t_wait_dead 5; t_tmux_stop

# ---- --demo tells its story as on 2026-12-04, whatever the clock says
if command -v faketime >/dev/null; then
	run 80 24 TERM=xterm-256color LANG=C.UTF-8 BPOWATCH_TODAY= faketime 2027-06-01 "$BPOWATCH" --demo
	see "8 partners" "--demo opens in June 2027 too"
	t_screen | grep -q "as of 2026-10"; t_ok $? "and judges as on 2026-12-04: as of 2026-10"
	t_screen | grep -q "CSAT .* 72.9   -2.1"; t_ok $? "with ATL's October CSAT, not overdue figures"
	t_keys Q; t_wait_dead 5; t_tmux_stop
	run 80 24 TERM=xterm-256color LANG=C.UTF-8 BPOWATCH_TODAY= faketime 2027-06-01 "$BPOWATCH" --today 2027-01-15 --demo
	see "as of 2026-12" "--today judges the demo on another day"
	t_keys Q; t_wait_dead 5; t_tmux_stop
else
	for i in 1 2 3 4; do t_ok 0 "--demo on another clock day # SKIP faketime not installed"; done
fi

t_done
