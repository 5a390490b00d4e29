#!/bin/sh
# test_targets_tui.sh: contract targets in the dashboard (read-only): the
# partner view lists TMC's targets with this quarter's attainment, the
# drill-down chart draws the target as a line marked T, and the period
# table marks each month met or missed against the target valid in it
# (TMC's SLA target was renegotiated from 85 % to 90 % in 2026-07), in
# UTF-8 and in ASCII. "Today" is 2026-12-04: the judged month is 2026-10.
. "$SRCDIR/tests/lib.sh"
t_tui_setup
see() { t_wait_for "$1" 8; t_ok $? "$2" || t_screen | t_diag "$(cat)"; }
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
t_contains "$T_TMP/dr" "; T: the contract" "the caption says what T is (as far as 100 columns show)"
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

t_done
