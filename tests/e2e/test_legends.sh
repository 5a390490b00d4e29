#!/bin/sh
# test_legends.sh: what the overview's short marks stand for and how the
# explanations read (issue 24, cases 7 and 8), on the sample data in a
# real terminal: the help overlay names every badge, the list's letters
# are told apart and explained, a pane's QA line names the audit's date and
# how overdue the next one is at every width, explain wraps with its
# indent in the dashboard and on the command line, never says "worse by
# -0.1", gives the cause check's count, counts read whole, a QA rule's
# drill-down reaches the audit's failed items, and a metric without
# figures says so instead of rows of "- (0)".
. "$SRCDIR/tests/lib.sh"
t_tui_setup
see() { t_wait_for "$1" 8; t_ok $? "$2" || t_diag "$(t_screen)"; }
# What the screen shows once the frame being drawn has arrived whole (a
# large one reaches tmux in more than one write; under valgrind, slowly).
scr() { t_wait_stable; t_screen >"$T_TMP/scr"; }
# has REGEX DESCRIPTION: a line of the screen matches the extended regex.
has() { scr; grep -qE -- "$1" "$T_TMP/scr"; t_ok $? "$2" || t_diag "$(cat "$T_TMP/scr")"; }
hasnt() { scr; ! grep -qE -- "$1" "$T_TMP/scr"; t_ok $? "$2" || t_diag "$(cat "$T_TMP/scr")"; }
cp "$BUILDDIR/sample-db/sample.db" "$T_TMP/s.db"; chmod 600 "$T_TMP/s.db"
DB=$T_TMP/s.db
dash() { run "$1" "$2" TERM=xterm-256color LANG=C.UTF-8 "$BPOWATCH" --db "$DB"; }
stop() { t_keys Q; t_wait_dead 5; t_tmux_stop; }

# ---- 7. the help overlay names every badge with its indicator
dash 80 24
see "8 partners" "80x24: the overview opens"
t_keys '?'; see "Keys (? or Esc closes)" "? opens the help"
t_keys End; t_wait_stable
has "Badges on the panes, and the list's letters:" "the help has a block for the badges"
for b in "CS  C +Customer satisfaction" "WS  W +Workforce stability" \
	"VB  V +Value balance" "PR  P +Proactivity" "CO  O +Communication" \
	"QA  Q +Quality assurance" "SD  S +Service delivery" "PF  F +Partnership fit"; do
	has "│ $b" "help: badge ${b%% *} is named: ${b##*+}"
done
t_keys Escape; t_wait_stable

# ---- 7. the pane's QA line: the audit's date and how overdue (80 columns)
has "│ QA 86\.4% 2025-10-20, 45 days overdue +│" \
	"80x24: ATL's QA line names its audit of 2025-10-20 and 45 days overdue"
has "│ QA 77\.0% 2025-06-17 CRIT 5mo overdue │" \
	"80x24: BSS's QA line keeps the audit date, the critical fail and five months overdue"
hasnt "overdue since" "80x24: no QA line leaves out the audit's date"

# ---- 7. the list: one letter per indicator, all different, and a legend
t_keys v; see "Partner" "v shows the list"
letters=$(t_screen | sed -n 's/.*Partner  *\([A-Z]\{8\}\) .*/\1/p' | head -n 1)
[ "$letters" = CWVPOQSF ]; t_ok $? "the list header's letters are CWVPOQSF (was CWVPCQSP) [$letters]"
[ "$(printf '%s' "$letters" | fold -w1 | sort -u | wc -l)" -eq 8 ]
t_ok $? "no two indicators share a letter in the list header"
has "^ Indicators: C Customer satisfaction  W Workforce stability" "a legend line below the list"
has "O Communication" "the legend says O is communication"
has "F Partnership fit" "the legend says F is partnership fit"
stop

# ---- 7. the QA lines at other widths: whole where there is room, shorter when narrow
dash 60 40
see "8 partners" "60x40: the overview opens"
has "QA 77\.0% 2025-06-17 CRITICAL FAIL, 170 days overdue" \
	"60 columns: BSS's QA line in full words"
stop
dash 160 50
see "8 partners" "160x50: the overview opens"
has "QA 86\.4% 2025-10-20, 45 days overdue" "160x50: ATL's audit date and days overdue"
has "QA 77\.0% 2025-06-17 CRITICAL FAIL, 170 days overdue" "160x50: BSS's audit date and days overdue"
# The panes take the whole height here: the legend is not drawn over them.
hasnt "Indicators: " "160x50: no legend drawn over the panes"
t_keys v; see "CWVPOQSF" "160x50: the list"
has "^ Indicators: C Customer satisfaction  W Workforce stability" \
	"160x50: the list's legend below its rows"
stop
dash 40 12
see "as of" "40x12: the overview opens"
t_keys j j; see "ATL Atlas" "40x12: down to ATL"
has "QA 86\.4% 2025-10-20, 45 days overdue" "40x12: ATL's audit date and days overdue"
hasnt "Indicators: " "40x12: the pane fills the screen, no legend over it"
stop

# ---- 8. explain in the dashboard at 80 columns: wrapped lines keep their indent
dash 80 24
see "8 partners" "explain: the overview opens"
t_keys Enter; see "Customer satisfaction: " "Enter opens SUN"
t_keys Tab Home; t_wait_stable
t_keys x; see "Explain: Customer satisfaction > cs" "x explains the first rule (csat_shift)"
t_keys j j j j j j j j j j j j j j j j j j j j j; t_wait_stable
# The line "  the normal is made of the 12 months ... before the recent ones
# (months of a shift already flagged left out)" wraps at 78 columns.
has "^   \(months of a shift already flagged left out\)" \
	"a wrapped explain line continues under its indent (3 columns: margin and 2)"
hasnt "^ \(months of a shift" "the continuation does not start at the margin"
# Scrolling on stops when the text's end reaches the last row: the screen
# never scrolls into emptiness (it did, down to one line of text).
t_keys End; t_wait_stable
t_keys j j j j j j j j j j; t_wait_stable
scr; sed -n 23p "$T_TMP/scr" | grep -q "WATCH"
t_ok $? "explain: End and j keep the text's last line on the last row"
[ "$(grep -c '[a-z]' "$T_TMP/scr")" -ge 20 ]
t_ok $? "explain: the screen stays full of text at the end"
stop

# ---- 8. the explain command at 80 columns wraps the same way; a pipe gets whole lines
run 80 40 TERM=xterm-256color LANG=C.UTF-8 sh -c \
	'"$0" --db "$1" explain SUN customer_satisfaction csat_shift; sleep 30' "$BPOWATCH" "$DB"
see "WATCH needs an effect" "explain on a terminal"
has "^  \(months of a shift already flagged left out\)" \
	"CLI at 80 columns: the continuation keeps the line's indent of 2"
scr; awk 'length($0) > 80 { bad = 1 } END { exit bad }' "$T_TMP/scr"
t_ok $? "CLI at 80 columns: no line longer than the terminal"
t_tmux_stop
"$BPOWATCH" --db "$DB" explain SUN customer_satisfaction csat_shift >"$T_TMP/pipe"
grep -q "before the recent ones (months of a shift already flagged left out)$" "$T_TMP/pipe"
t_ok $? "CLI into a pipe: the line stays whole"

# ---- 8. the wording: no "worse by -", the cause check's count, counts whole
cat >"$T_TMP/trend.conf" <<'CONF'
indicators = {
  customer_satisfaction = { rules = { csat_trend = { kind = "trend"; metric = "csat";
    periods = 3; warn = 3.0; alert = 6.0; cause_check = true; }; }; };
};
CONF
X() { "$BPOWATCH" --db "$DB" --config "$T_TMP/trend.conf" explain "$@"; }
X DPS customer_satisfaction csat_trend >"$T_TMP/dps"
t_contains "$T_TMP/dps" "higher is better, so 0.2 pts better, not worse" \
	"DPS's CSAT rose 0.2: said as better, not 'worse by -0.2'"
t_not_contains "$T_TMP/dps" "worse by -" "no sign contradiction"
X SUN customer_satisfaction csat_trend >"$T_TMP/sun"
t_contains "$T_TMP/sun" "cause check: 1 of 7 other partners fires too, fewer than the 5 (60%) it takes to call it portfolio-wide: the partner's own" \
	"the cause check names how many fire and how many it takes"
"$BPOWATCH" --db "$DB" --config "$T_TMP/trend.conf" check --format json >"$T_TMP/json"
! grep -q '"others"' "$T_TMP/json"; t_ok $? "the status JSON gains no figure for it"

# ---- 8. the QA drill-down: counts whole, Enter reaches the audit's failed item
dash 80 24
see "8 partners" "drill: the overview opens"
t_keys Enter; see "Customer satisfaction: " "SUN opens"
t_keys j j j j j; see "Quality assurance: " "down to Quality assurance"
t_keys Enter; see "bpowatch > SUN > Quality assurance" "Enter drills into Quality assurance"
t_keys Home; t_wait_stable
has "^   age_days +143 *$" "age_days reads 143, not 143.0"
has "^   critical_fails +0 *$" "a count reads whole"
has "Enter:audit" "the hints say Enter opens the audit"
t_keys Enter; see "QA audit #" "Enter on last_audit opens the audit it judged"
has "^> FAIL .*Report figures reconcile" "the failed item is selected"
has "1 failed item; the first is selected" "the status line counts the failed items"
t_keys Escape; see "bpowatch > SUN > Quality assurance" "Esc comes back to the drill-down"

# ---- 8. a metric without figures: no empty chart, no rows of "- (0)"
t_keys j; see "calibration " "the calibration rule"
see "Nothing to chart: no figures for SUN since 2021-11." "the chart says there is nothing"
t_keys Tab; see "[Periods]" "Tab shows the period table"
has "No QA calibration gap figures for SUN since 2021-11" "the period table says so plainly"
hasnt "- \(0\)" "no rows of '- (0)'"
stop

t_done
