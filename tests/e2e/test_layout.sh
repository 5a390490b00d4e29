#!/bin/sh
# test_layout.sh: screens that use the terminal they are given and say what
# they hide (issue 24, cases 1-3), on a real terminal (a private tmux
# server) and a copy of the sample database: the rule Enter opens in the
# partner view is marked and scrolled into view, cut lists say how many
# rows are above and below, the portfolio says which partners show
# ("1–6 of 8") and pages to the rest, a wide terminal shows every partner
# with full name and owner, the drill-down fills the height, and the
# smallest and largest sizes draw without error.
. "$SRCDIR/tests/lib.sh"
t_tui_setup
db=$T_TMP/l.db
# What the screen shows once the frame being drawn has arrived whole (a
# large one reaches tmux in more than one write; under valgrind, slowly).
scr() { t_wait_stable; t_screen >"$T_TMP/scr"; }
has() { scr; t_contains "$T_TMP/scr" "$@"; }
hasnt() { scr; t_not_contains "$T_TMP/scr" "$@"; }
see() { t_wait_for "$1" 5; t_ok $? "$2"; }
# start COLS ROWS [ascii]: the dashboard on a fresh copy of the sample data
start() {
	cp "$BUILDDIR/sample-db/sample.db" "$db"; rm -f "$db-wal" "$db-shm"
	if [ "${3:-}" = ascii ]; then
		run "$1" "$2" TERM=vt100 LANG=C LC_ALL=C "$BPOWATCH" --ascii --db "$db"
	else
		run "$1" "$2" TERM=xterm-256color LANG=C.UTF-8 LC_ALL=C.UTF-8 \
			"$BPOWATCH" --db "$db"
	fi
	t_wait_for "partners" 10 && t_wait_stable
}
quit() { t_keys Q; t_wait_dead 5; t_status 0 "$(t_dead_status)" "$1: Q quits cleanly"; t_tmux_stop; }
# The marked line of the rules panel (the lines after the "N rules" heading).
marked_rule() { t_screen | sed -n '/ rules* (Tab/,$p' | grep -E '^>' | head -n 1; }

# ---- case 1: SUN's rules at 80x24 and on a shorter terminal ----
start 80 24
t_keys Enter; see "Customer satisfaction: 6 rules" "80x24: SUN's partner view opens"
marked_rule | grep -q "same_yardstick"
t_ok $? "80x24: the rule Enter opens (same_yardstick, SUN's ALERT) is marked before Tab"
t_keys Enter; see "same_yardstick" "80x24: Enter opens that marked rule"
t_screen | grep -E "^>" | grep -q same_yardstick; t_ok $? "80x24: the drill-down has same_yardstick selected"
t_keys Escape; t_wait_stable
t_keys Tab; t_wait_stable; t_keys Home; t_wait_stable
marked_rule | grep -q "csat_shift"; t_ok $? "80x24: Home in the rules marks the first rule"
t_keys x; see "csat_shift" "80x24: x explains the marked rule"
t_keys Escape; t_wait_stable
t_keys BTab; t_wait_stable; t_keys x; see "Explain: Customer satisfaction" "80x24: x explains the indicator"
scr; grep -qE "↓ [0-9]+ more" "$T_TMP/scr"; t_ok $? "80x24: the cut explanation says how many lines are below"
t_keys j; t_wait_stable; has "↑ 1 more" "80x24: after j, 1 line above"
t_keys Escape; t_wait_stable
quit "80x24 partner"

start 80 18
t_keys Enter; see "rules" "80x18: SUN's partner view opens"
marked_rule | grep -q "same_yardstick"
t_ok $? "80x18: the rules panel scrolls so the marked rule shows"
has "↑ 4 more" "80x18: the cut rules list says how many rules are above"
t_keys Tab; t_wait_stable; t_keys Home; t_wait_stable
marked_rule | grep -q "csat_shift"; t_ok $? "80x18: Home scrolls back to the first rule"
has "↓ 3 more" "80x18: and the list says how many are below"
hasnt "↑ " "80x18: nothing said above the first rule"
t_keys End; t_wait_stable
marked_rule | grep -q "same_yardstick"; t_ok $? "80x18: End shows the last rule marked"
quit "80x18 partner"

start 80 18 ascii
t_keys Enter; see "rules" "ASCII 80x18: SUN's partner view opens"
has "^ 4 more" "ASCII: the more mark is '^ 4 more'"
quit "ASCII 80x18 partner"

# ---- case 2: the portfolio says which partners show ----
start 80 24
has "1–6 of 8 partners" "80x24: the title says partners 1–6 of 8 show"
has "↓ 2 more" "80x24: and that 2 more are below"
t_keys PageDown; see "7–8 of 8" "80x24: after paging, partners 7–8 of 8"
has "↑ 6 more" "80x24: with 6 above"
has "Vistula Service" "80x24: VSC shows after paging"
has "Nordlicht" "80x24: NLK shows after paging"
t_keys Home; see "1–6 of 8" "80x24: Home pages back"
t_keys v; t_wait_stable
has "8 partners  sort" "80x24 list: all eight lines fit, the title says 8 partners"
quit "80x24 overview"

# The list on a short terminal, with four partners more than the sample.
start 80 12
t_keys v; t_wait_stable
has "8 partners  sort" "80x12 list: the sample's eight partners all fit"
quit "80x12 list"
printf 'partner,metric,period,segment,source,value\n' >"$T_TMP/more.csv"
for c in XAA XBB XCC XDD; do
	printf '%s,csat,2026-10,,partner,80\n' $c >>"$T_TMP/more.csv"
done
start 80 12
"$BPOWATCH" --db "$db" import --create-partners "$T_TMP/more.csv" >"$T_TMP/out" 2>&1
t_status 0 $? "four more partners import"
t_keys r; t_wait_for "12 partners" 5; t_keys v
see "1–9 of 12" "80x12 list: the title says lines 1–9 of 12 show"
has "↓ 3 more" "80x12 list: 3 more below"
t_keys End; see "4–12 of 12" "80x12 list: End scrolls to 4–12 of 12"
has "12 partners ↑ 3" "80x12 list: 3 above (tersely where the sort would not fit beside the longer form)"
quit "80x12 list of 12"

start 80 24 ascii
has "1-6 of 8 partners v 2 more" "ASCII 80x24: '1-6 of 8 partners v 2 more'"
quit "ASCII 80x24 overview"

# ---- case 3: wide terminals ----
start 160 50
scr
for name in "Sunrise Customer Care Inc." "Danube Payroll Services EOOD" \
	"Atlas Contact Lisboa, Lda." "Nile Connect S.A.E." \
	"Baltic Shared Services SIA" "Table Mountain Contact (Pty) Ltd" \
	"Vistula Service Centre Sp. z o.o." "Nordlicht Kundenservice GmbH"; do
	t_contains "$T_TMP/scr" "$name" "160x50: $name in full"
done
for owner in "owner Jonas Weber" "owner Mara Schulz" "owner Anna Becker"; do
	t_contains "$T_TMP/scr" "$owner" "160x50: $owner in full"
done
t_contains "$T_TMP/scr" "8 partners  sort" "160x50: all 8 partners on one screen"
# No run of more than two empty lines: the height is used.
awk 'BEGIN { run = 0; max = 0 } /^ *$/ { run++; if (run > max) max = run; next } { run = 0 }
	END { exit max > 2 }' "$T_TMP/scr"
t_ok $? "160x50: no block of empty lines below the panes"
t_contains "$T_TMP/scr" "Customer satisfaction" "160x50: taller panes list the indicators with reasons"
# The drill-down: every rule, and more periods than at 80x24.
t_keys Enter; t_wait_for "rules" 5; t_keys Enter; t_wait_for "[Periods]" 5; t_wait_stable
scr
for rule in csat_shift csat_target churn_shift churn_by_channel escalations_rate same_yardstick; do
	t_contains "$T_TMP/scr" " $rule " "160x50 drill-down: rule $rule shows"
done
big=$(grep -cE '^[> ]20[0-9]{2}-[0-9]{2} ' "$T_TMP/scr")
quit "160x50"
start 80 24
t_keys Enter; t_wait_for "rules" 5; t_keys Enter; t_wait_for "[Periods]" 5; t_wait_stable
scr
small=$(grep -cE '^[> ]20[0-9]{2}-[0-9]{2} ' "$T_TMP/scr")
[ "$big" -gt "$small" ] && [ "$small" -ge 3 ]
t_ok $? "the drill-down shows more periods at 160x50 ($big) than at 80x24 ($small)"
t_contains "$T_TMP/scr" "↑ 1 more" "80x24 drill-down: the cut rules list says 1 more above"
t_contains "$T_TMP/scr" "more" "80x24 drill-down: the period table says how many more"
quit "80x24 drill-down"

start 160 50
t_keys v; t_wait_for "Owner" 5; t_ok $? "160x50 list: an owner column"
scr
t_contains "$T_TMP/scr" "Vistula Service Centre Sp. z o.o." "160x50 list: the longest name in full"
grep -q "Kraków.*Jonas Weber" "$T_TMP/scr"; t_ok $? "160x50 list: VSC's site and owner"
quit "160x50 list"

# ---- the extreme sizes: every screen draws, nothing crashes ----
for size in "40 12" "250 70" "120 40"; do
	set -- $size
	L="${1}x$2"
	start "$1" "$2"
	has "bpowatch > Portfolio" "$L: the portfolio draws its title"
	t_keys Enter; t_wait_for "bpowatch > Portfolio >" 5; t_ok $? "$L: the partner view draws"
	t_keys Enter; t_wait_for "bpowatch > SUN >" 5; t_ok $? "$L: the drill-down draws"
	t_keys Tab; t_wait_stable; t_keys Tab; t_wait_stable; t_keys Tab; t_wait_stable
	has "[Events]" "$L: the drill-down's panels switch"
	t_keys Escape; t_wait_stable; t_keys Escape; t_wait_stable
	t_keys v; t_wait_stable; has "SUN" "$L: the list draws"
	quit "$L"
done
start 250 70
scr
t_contains "$T_TMP/scr" "Vistula Service Centre Sp. z o.o." "250x70: full names"
awk 'BEGIN { run = 0; max = 0 } /^ *$/ { run++; if (run > max) max = run; next } { run = 0 }
	END { exit max > 12 }' "$T_TMP/scr"
t_ok $? "250x70: the panes use the height"
quit "250x70 panes"

t_done
