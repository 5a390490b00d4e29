#!/bin/sh
# test_targets_tui.sh: contract targets in the dashboard: the
# partner view lists TMC's targets with this quarter's attainment, the
# drill-down chart draws the target as a line marked T, and the period
# table marks each month met or missed against the target valid in it
# (TMC's SLA target was renegotiated from 85 % to 90 % in 2026-07), in
# UTF-8 and in ASCII. Then t sets a CSAT target for DPS (bad values
# refused by field, nothing written), the line, the met/missed marks and
# the target rule follow at once; the target is renegotiated from a later
# month and ended, each one audited; read-only refuses t. "Today" is
# 2026-12-04: the judged month is 2026-10.
. "$SRCDIR/tests/lib.sh"
t_tui_setup
see() { t_wait_for "$1" 8; r=$?; t_ok $r "$2"; [ $r -eq 0 ] || t_diag "$(t_screen)"; }
cp "$BUILDDIR/sample-db/sample.db" "$T_TMP/s.db"; chmod 600 "$T_TMP/s.db"

# The partner view of TMC, then the drill-down of its SLA target rule.
open_tmc() {
	see "as of 2026-10" "the dashboard opens"
	t_keys / T M C Enter; t_keys Enter
	see "Contract targets this quarter" "TMC's partner view lists its contract targets"
}
drill_sla_target() {
	t_keys j j j j j j; t_keys Tab j Enter
	see "T 90" "the drill-down chart draws the target line, marked T 90"
}

run 100 30 TERM=xterm-256color LANG=C.UTF-8 "$BPOWATCH" --db "$T_TMP/s.db"
open_tmc
t_screen >"$T_TMP/pv"
t_contains "$T_TMP/pv" "SLA $(printf '\342\211\245') 90 %: met 0 of 1 month" "with this quarter's attainment (October missed)"
t_contains "$T_TMP/pv" "response $(printf '\342\211\244') 48 h: met 1 of 1 month" "a lower-is-better target with its sign"
t_not_contains "$T_TMP/pv" "85 %" "the target that ended in June is not this quarter's"
drill_sla_target
t_screen >"$T_TMP/dr"
t_contains "$T_TMP/dr" "$(printf '\342\224\204\342\224\204') T 90" "the target line ends in its label"
t_contains "$T_TMP/dr" "median  $(printf '\342\224\204') T 90" "the caption's legend says what T is"
t_contains "$T_TMP/dr" "Median (n)  vs median  Target" "the period table has a target column"
grep -q "^>2026-10 .* missed$" "$T_TMP/dr"; t_ok $? "October missed (81.1 against 90)"
grep -q "^ 2026-08 .* met$" "$T_TMP/dr"; t_ok $? "August met (90.0 against 90)"
grep -q "^ 2026-06 .* met$" "$T_TMP/dr"; t_ok $? "June met against the old target (94.9 against 85)"
t_keys q; see "Contract targets this quarter" "back on the partner view"
t_keys '['
see "SLA $(printf '\342\211\245') 90 %: met 2 of 3 months" "[ to 2026-09: the third quarter, met 2 of 3 months (September missed)"
t_keys Q; t_wait_dead 5; t_tmux_stop

# The same in ASCII: '.' for the line, >= for the sign.
run 100 30 TERM=xterm LANG=C "$BPOWATCH" --ascii --db "$T_TMP/s.db"
open_tmc
t_screen >"$T_TMP/pva"
t_contains "$T_TMP/pva" "SLA >= 90 %: met 0 of 1 month" "ASCII: >= in the partner view"
drill_sla_target
t_screen >"$T_TMP/dra"
t_contains "$T_TMP/dra" ".... T 90" "ASCII: the target line drawn with dots"
t_keys Q; t_wait_dead 5; t_tmux_stop

# A partner without targets: no targets section.
run 100 30 TERM=xterm-256color LANG=C.UTF-8 "$BPOWATCH" --db "$T_TMP/s.db"
see "as of 2026-10" "the dashboard opens again"
t_keys / D P S Enter; t_keys Enter
see "Danube Payroll" "DPS's partner view"
t_screen >"$T_TMP/dps"
t_not_contains "$T_TMP/dps" "Contract targets" "no targets section for a partner without targets"
t_keys Q; t_wait_dead 5; t_tmux_stop

# ---- setting, renegotiating and ending a target from the partner view ----
db=$T_TMP/s.db
sq() { sqlite3 -batch -noheader "$db" "$1"; }
targets() {
	sq "SELECT t.metric || ' ' || t.value || ' ' || t.valid_from || '..' ||
	    ifnull(t.valid_until, '') FROM target t JOIN partner p ON p.id =
	    t.partner_id WHERE p.code = 'DPS' ORDER BY t.valid_from"
}
GE=$(printf '\342\211\245')
run 100 30 TERM=xterm-256color LANG=C.UTF-8 "$BPOWATCH" --db "$db"
see "as of 2026-10" "the dashboard opens for editing targets"
t_keys / D P S Enter; t_keys Enter
see "Danube Payroll" "DPS's partner view"
t_keys t; see "Contract targets" "t opens the target form"
see "< new target" "a new target by default"
see "Valid from:      2026-12" "starting this month (today is 2026-12-04)"
t_keys Down
for i in 1 2 3 4 5 6 7 8 9 10 11 12; do
	t_screen | grep -qF "Customer satisfaction (csat" && break
	t_keys Right; t_wait_stable
done
see "< Customer satisfaction (csat, higher is better) >" "the metric is a choice, with its direction"
t_keys Down Down Down "150" Down Down Down C-u "07.2026" Enter
see "Target value: csat 150 is above its plausible maximum 100" "an implausible target: refused by its field, the import's words"
[ -z "$(targets)" ]; t_ok $? "nothing written meanwhile"
t_keys C-u "84" Down "86" Enter
see "ALERT beyond: the alert level 86 is not worse than the target 84" "an ALERT level on the wrong side is refused"
t_keys C-u "75" Enter
see "target set: CSAT $GE 84 %  since 2026-07" "Enter sets it"
[ "$(targets)" = "csat 84.0 2026-07.." ]; t_ok $? "stored: csat 84 from 2026-07, open-ended"
[ "$(sq "SELECT count(*) FROM audit WHERE object LIKE 'target csat%'")" = 1 ]
t_ok $? "one audit-trail row"
see "CSAT $GE 84 %: met 0 of 1 month" "the partner view counts it at once (October 83.4 missed)"
see "! ALERT   Customer satisfaction" "and the target rule turns the indicator ALERT (3 of 3 months missed)"
t_keys Home Enter; t_wait_for "DPS > Customer satisfaction" 5
t_keys Tab; t_wait_stable
see "T 84" "the drill-down chart draws the new target"
t_screen >"$T_TMP/dpsd"
grep -qE "^>2026-10 .* missed *$" "$T_TMP/dpsd"; r=$?; t_ok $r "October marked missed"; [ $r -eq 0 ] || t_diag "$(cat "$T_TMP/dpsd")"
t_keys q; see "CSAT $GE 84 %: met 0 of 1 month" "back on the partner view"
# Renegotiated from October: 83 (October's 83.4 meets it).
t_keys t; t_wait_for "Contract targets" 5
t_keys Right; see "< CSAT $GE 84 %  since 2026-07 >" "Right chooses the target"
see "Target value:    84" "its terms fill the form"
t_keys Down Down Down Down C-u 83 Down C-u Down Down C-u 2026-10 Enter
see "target renegotiated from 2026-10: CSAT $GE 83 %  since 2026-10" "a later month renegotiates"
[ "$(targets)" = "csat 84.0 2026-07..2026-09
csat 83.0 2026-10.." ]; t_ok $? "the old terms end 2026-09, the new start 2026-10: history kept"
see "CSAT $GE 83 %: met 1 of 1 month" "October now met"
# Ended with the contract: valid until 2026-12.
t_keys t; t_wait_for "Contract targets" 5
t_keys Right Right; see "< CSAT $GE 83 %  since 2026-10 >" "the renegotiated target is offered"
t_keys Down Down Down Down Down Down Down Down "12.2026" Enter
see "ends after 2026-12" "a last month ends it"
[ "$(targets)" = "csat 84.0 2026-07..2026-09
csat 83.0 2026-10..2026-12" ]; t_ok $? "stored with its last month"
[ "$(sq "SELECT count(*) FROM audit WHERE object LIKE 'target csat%'")" -ge 4 ]
t_ok $? "every change in the audit trail (set, end, renew, end)"
# A second new target from a month the first already starts in.
t_keys t; t_wait_for "Contract targets" 5
t_keys Down
for i in 1 2 3 4 5 6 7 8 9 10 11 12; do
	t_screen | grep -qF "Customer satisfaction (csat" && break
	t_keys Right; t_wait_stable
done
t_keys Down Down Down 90 Down Down Down C-u 2026-10 Enter
see "Which: a CSAT target starts in 2026-10 already; choose it above" "a duplicate start is refused, pointing to the target"
t_keys Escape; t_wait_for "Discard what" 5; t_keys y
t_keys Q; t_wait_dead 5; t_tmux_stop

run 100 30 TERM=xterm-256color LANG=C.UTF-8 "$BPOWATCH" --read-only --db "$db"
see "as of 2026-10" "read-only"
t_keys t; see "read-only: on purpose" "t says read-only"
t_screen | grep -qF "Valid from"; t_ok $((! $?)) "and no form opens"
t_keys Q; t_wait_dead 5; t_tmux_stop

t_done
