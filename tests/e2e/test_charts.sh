#!/bin/sh
# test_charts.sh: what the drill-down chart, the sparklines and the event
# timeline say, read off the real screen in tmux (issue 24, cases 4-6):
# - a bar just above a warn or alert line and one just below differ in the
#   text (CCX's reports on time: June 87 % above W 85, July 75 % not, and
#   on A 75 drawn on its good side, August 62 % below it;
#   SUN's CSAT: August 75.4 above A 75.2, September 74.6 below), in UTF-8
#   and ASCII, and at 40x12 the chart still shows bars;
# - SUN's CSAT chart draws the partner-reported figure beside the
#   client-measured bars and the portfolio median, with a legend;
# - DPS's attrition (2.5-3 %, noise) no longer spans the whole block range;
# - DPS > Proactivity: a star marks exactly the events the shown rule
#   counted, and the timeline's header says so.
# "Today" is 2026-12-04: the judged month is 2026-10.
. "$SRCDIR/tests/lib.sh"
t_tui_setup
see() { t_wait_for "$1" 8; r=$?; t_ok $r "$2"; [ $r -eq 0 ] || t_diag "$(t_screen)"; }
cp "$BUILDDIR/sample-db/sample.db" "$T_TMP/s.db"; chmod 600 "$T_TMP/s.db"
U=C.UTF-8

# plot ROW-MARK: the plot part of the chart row that ends in the label
# ROW-MARK ("W 85"): from after the y axis to before the label.
plot() {
	grep -F -- " $1" "$T_TMP/scr" | grep "[│|]" | head -n 1 |
		LC_ALL=$U sed -e 's/^[^│|]*[│|]//' -e "s/ $1.*\$//"
}
# from_end N: the Nth character from the end of standard input's line.
from_end() {
	LC_ALL=$U sed "s/.*\\(.\\)\\(.\\{$(($1 - 1))\\}\\)\$/\\1/"
}
scr() { t_wait_stable; t_screen >"$T_TMP/scr"; }

open_ccx_reports() {
	see "bpowatch > Portfolio" "the dashboard opens"
	t_keys / C C X Enter; t_wait_for "1 partner" 5; t_keys Enter
	see "Cairo, EG" "CCX's partner view"
	t_keys j j j j; t_wait_for ">! ALERT   Communication" 5; t_keys Enter
	see "CCX > Communicati" "the drill-down of CCX's communication (reports on time)"
}

# ---- CCX reports on time at 80x24, UTF-8 ----
# The last five months are 2026-06 87, 07 75, 08 62, 09 62, 10 none; the
# shift rule's lines: W 85, A 75. Each month is a bar and a marker
# column (the median), so the last ten cells of a row are those months.
run 80 24 TERM=xterm-256color LANG=$U "$BPOWATCH" --db "$T_TMP/s.db"
open_ccx_reports
scr
w=$(plot "W 85"); a=$(plot "A 75")
[ -n "$w" ] && [ -n "$a" ]; t_ok $? "the chart labels its W 85 and A 75 lines"
jun=$(printf '%s\n' "$w" | from_end 10); jul=$(printf '%s\n' "$w" | from_end 8)
case $jun in ▁|▂|▃|▄|▅|▆|▇|█) t_ok 0 "June's 87 % shows in the W 85 row: above it";;
	*) t_ok 1 "June's 87 % shows in the W 85 row: above it (got '$jun' in '$w')";; esac
[ "$jul" = "╌" ]; t_ok $? "July's 75 % leaves the W 85 line there (got '$jul')"
[ "$jun" != "$jul" ]; t_ok $? "above and below the line differ in the text"
jun=$(printf '%s\n' "$a" | from_end 10); jul=$(printf '%s\n' "$a" | from_end 8)
aug=$(printf '%s\n' "$a" | from_end 6)
[ "$jun" = "█" ] && [ "$aug" = "━" ]
t_ok $? "in the A 75 row June's bar runs through, August's 62 % leaves the line (got '$jun' '$aug')"
case $jul in ▁|▂|▃|▄|▅|▆|▇|█) t_ok 0 "July's 75 %, on the A 75 line, is drawn on its good side (not alerting)";;
	*) t_ok 1 "July's 75 %, on the A 75 line, is drawn on its good side (got '$jul')";; esac
grep -q "Reports on time (%): █ partner-reported  · median  ╌ W 85  ━ A 75" "$T_TMP/scr"
t_ok $? "the caption's legend names the bar, the median and the lines"
t_keys Q; t_wait_dead 5; t_tmux_stop

# ---- the same in ASCII ----
run 80 24 TERM=xterm LANG=C "$BPOWATCH" --ascii --db "$T_TMP/s.db"
open_ccx_reports
scr
w=$(plot "W 85")
jun=$(printf '%s\n' "$w" | from_end 10); jul=$(printf '%s\n' "$w" | from_end 8)
case $jun in _|\#) t_ok 0 "ASCII: June's bar shows in the W 85 row";;
	*) t_ok 1 "ASCII: June's bar shows in the W 85 row (got '$jun' in '$w')";; esac
[ "$jul" = "-" ]; t_ok $? "ASCII: July's leaves the '-' line (got '$jul')"
grep -q "# partner-reported  m median  - W 85  = A 75" "$T_TMP/scr"
t_ok $? "ASCII: the legend in ASCII glyphs"
t_keys Q; t_wait_dead 5; t_tmux_stop

# ---- 40x12: the chart still shows bars ----
run 40 12 TERM=xterm-256color LANG=$U "$BPOWATCH" --db "$T_TMP/s.db"
open_ccx_reports
scr
LC_ALL=$U sed -n '/^ Reports on time/,/└/p' "$T_TMP/scr" | sed '1d;$d' >"$T_TMP/plot"
[ -s "$T_TMP/plot" ] && grep -q "[▁▂▃▄▅▆▇█]" "$T_TMP/plot"
t_ok $? "at 40x12 the chart draws bars, not only its lines"
[ -s "$T_TMP/plot" ] || t_diag "$(cat "$T_TMP/scr")"
t_keys Q; t_wait_dead 5; t_tmux_stop

# ---- SUN's CSAT: client-measured bars, partner-reported markers ----
run 80 24 TERM=xterm-256color LANG=$U "$BPOWATCH" --db "$T_TMP/s.db"
see "as of 2026-10" "the dashboard opens"
t_keys / S U N Enter; t_wait_for "1 partner " 5; t_keys Enter
see "(SUN)" "SUN's partner view"
t_keys Enter; see "SUN > Customer satisfaction" "the CSAT drill-down"
t_keys Home; t_wait_for ">~ WATCH   csat_shift" 5; t_ok $? "csat_shift selected"
scr
grep -q "CSAT (%): █ client-measured  ◆ partner-reported  · median" "$T_TMP/scr"
t_ok $? "the legend says █ is client-measured, ◆ partner-reported, · the median"
[ "$(sed -n '/CSAT (%)/,/└/p' "$T_TMP/scr" | grep -c '◆')" -ge 3 ]
t_ok $? "the partner-reported series (about 88.7 %) is drawn beside the bars"
# The last six cells of the A 75.2 row: August 75.4, September 74.6,
# October 73.5, each with its marker column.
a=$(plot "A 75.2")
aug=$(printf '%s\n' "$a" | from_end 6); sep=$(printf '%s\n' "$a" | from_end 4)
case $aug in ▁|▂|▃|▄|▅|▆|▇|█) t_ok 0 "August's 75.4 reaches into the A 75.2 row";;
	*) t_ok 1 "August's 75.4 reaches into the A 75.2 row (got '$aug' in '$a')";; esac
[ "$sep" = "━" ]; t_ok $? "September's 74.6 stays below the line (got '$sep')"
t_keys Q; t_wait_dead 5; t_tmux_stop

# ---- sparklines: DPS's attrition noise is drawn as noise ----
run 80 24 TERM=xterm-256color LANG=$U "$BPOWATCH" --db "$T_TMP/s.db"
see "8 partners" "the overview"
scr
dps=$(grep -m 1 "Attr" "$T_TMP/scr" | LC_ALL=$U sed 's/.*││//')
printf '%s\n' "$dps" | grep -q "Attr .* 2\.8 "; t_ok $? "the second pane's attrition is DPS's (2.8 %)"
! { printf '%s\n' "$dps" | grep -q "▁" && printf '%s\n' "$dps" | grep -q "█"; }
t_ok $? "DPS's attrition sparkline does not span ▁ to █ (got '$dps')"
t_keys / D P S Enter; t_wait_for "1 partner " 5; t_keys Enter
see "(DPS)" "DPS's partner view"
scr
hdr=$(grep -m 1 "health" "$T_TMP/scr" | LC_ALL=$U sed 's/.*Attr //')
! { printf '%s\n' "$hdr" | grep -q "▁" && printf '%s\n' "$hdr" | grep -q "█"; }
t_ok $? "nor in the partner view's header (got '$hdr')"

# ---- DPS > Proactivity: stars mean counted by the rule shown ----
t_keys j j j Enter; see "DPS > Proactivity" "the proactivity drill-down"
see "* counted by contributions_rate: the 7 months to 2026-10" \
	"the timeline's header says what a star means for contributions_rate"
scr
! grep -q "^.\* 20" "$T_TMP/scr"
t_ok $? "no event starred: contributions_rate counted 0 in its 7 months"
grep -q "^.  2026-03-19  Improvement idea" "$T_TMP/scr"
t_ok $? "the March improvement idea is listed, unstarred"
t_keys j; see "* counted by contributions: the 12 months to 2026-10" \
	"j: the next rule, its own window in the header"
scr
grep -q "^.\* 2026-03-19  Improvement idea" "$T_TMP/scr"
t_ok $? "contributions (12 months) counts and stars the March idea"
grep -q "^ \* 2025-04-24" "$T_TMP/scr"; [ $? -ne 0 ]
t_ok $? "but not the idea of 2025-04-24, outside its 12 months"
grep -q "^.\* .*Review meeting" "$T_TMP/scr"; [ $? -ne 0 ]
t_ok $? "nor review meetings, a kind it does not count"
t_keys Q; t_wait_dead 5; t_tmux_stop
t_done
