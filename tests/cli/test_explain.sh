#!/bin/sh
# test_explain.sh: `bpowatch explain` on the sample: the health score
# recomputed from the weights it prints, an indicator by key or number, a
# rule with the figures it read checked against the database, the JSON
# form, the `x` key in the dashboard, and the errors of the command line.
. "$SRCDIR/tests/lib.sh"
db=$T_TMP/s.db out=$T_TMP/out err=$T_TMP/err
cp "$BUILDDIR/sample-db/sample.db" "$db"; chmod 600 "$db"
x() { "$BPOWATCH" --db "$db" explain "$@"; }

x ATL >"$out" 2>"$err"; t_status 0 $? "explain ATL"
t_contains "$out" "Atlas Contact Lisboa, Lda. (ATL) as of 2026-10" "names the partner and the month judged"
t_contains "$out" "status ! ALERT: the worst of the 8 indicators" "the overall status and why"
# The health score is the weighted mean of the points it lists.
awk '/ weight .* x / { for (i = 1; i <= NF; i++) if ($i == "weight") { w += $(i + 1); s += $(i + 1) * $(i + 3) } }
     /^health = [0-9]/ { got = $7; sub(/,$/, "", got) } END { printf "%.1f %.1f\n", s / w, got }' "$out" >"$T_TMP/h"
read want got <"$T_TMP/h"
[ "$want" = "$got" ] && [ "$got" = "72.5" ]; t_ok $? "health = sum(weight x points) / sum(weights) = $want, as printed ($got)"
t_contains "$out" "= 72.5, shown as 73 (whole points, halves up)" "and the whole score every screen shows"
grep -q "weight 20   x   0  (.*/data/bpowatch.conf:[0-9]*)" "$out"; t_ok $? "each weight with its config file and line"
rules=$("$BPOWATCH" config check | sed -n 's/^8 indicators with \([0-9]*\) rules.*/\1/p')
[ "$(grep -c '^[!~?+-] [A-Za-z/ ]*  [a-z_]*: ' "$out")" -eq "$rules" ]; t_ok $? "every rule of every indicator is explained ($rules)"

x ATL customer_satisfaction csat_shift >"$out" 2>"$err"; t_status 0 $? "explain one rule"
val() {	# PERIOD: ATL's client-measured CSAT of that month, as stored (as explain writes numbers: 83, 82.4)
	sqlite3 "$db" "SELECT value FROM observation o JOIN partner p ON p.id = o.partner_id WHERE p.code = 'ATL' AND metric = 'csat' AND period = '$1' AND segment = '' AND source = 'client'" |
		awk '{ printf "%g", $1 }'
}
now=$(val 2026-10-01)
t_contains "$out" "    recent                 2026-10  total  client  $now" "the latest value judged, as stored ($now)"
t_contains "$out" "    normal                 2025-07  total  client  $(val 2025-07-01)" "the first month of the normal, as stored"
t_contains "$out" "the normal is made of the 12 months 2025-07..2026-06 before the recent ones" "the normal's months"
t_contains "$out" "the shift began 2026-07; the normal stays anchored before it" "and the shift it stays anchored before"
median=$(sqlite3 "$db" "SELECT value FROM observation o JOIN partner p ON p.id = o.partner_id WHERE p.code = 'ATL' AND metric = 'csat' AND segment = '' AND source = 'client' AND period BETWEEN '2025-07-01' AND '2026-06-01' ORDER BY value LIMIT 2 OFFSET 5" | awk '{ s += $1 } END { printf "%g", s / 2 }')
t_contains "$out" "normal = their median $median," "the normal is the median of those 12 months ($median)"
mean=$(sqlite3 "$db" "SELECT rtrim(rtrim(printf('%.4f', avg(value)), '0'), '.') FROM observation o JOIN partner p ON p.id = o.partner_id WHERE p.code = 'ATL' AND metric = 'csat' AND segment = '' AND source = 'client' AND period BETWEEN '2026-07-01' AND '2026-10-01'")
t_contains "$out" "recent = the mean of the 4 latest month(s) = $mean as reported" "the recent mean worked out ($mean)"
grep -q "thresholds: watch 2.5 (.*bpowatch.conf:[0-9]*), alert 4.5 (.*bpowatch.conf:[0-9]*)" "$out"
t_ok $? "the thresholds with the file and line they come from"
grep -q "WATCH needs an effect of 2.5 pts and 3 standard errors; ALERT 4.5 pts and 4: ALERT" "$out"
t_ok $? "the verdict: effect and sureness against both bars"
x ATL 1 >"$out.1"; x ATL customer_satisfaction >"$out.k"
cmp -s "$out.1" "$out.k"; t_ok $? "an indicator by number is the same as by key"
t_contains "$out.1" "Customer satisfaction: ! ALERT (the worst of its 6 rules" "the indicator as the worst of its rules"

x ATL 1 csat_shift --format json >"$out" 2>"$err"; t_status 0 $? "explain --format json"
py_ok "JSON: the inputs judged, the thresholds' origins, the text" '
import json, sys
d = json.load(open(sys.argv[1]))
assert [i["period"] for i in d["inputs"] if i["what"] == "recent"] == ["2026-07", "2026-08", "2026-09", "2026-10"], d["inputs"]
assert len([i for i in d["inputs"] if i["what"] == "normal"]) == 12, d["inputs"]
assert d["thresholds"]["alert"]["value"] == 4.5 and d["thresholds"]["alert"]["at"]["line"] > 0, d
assert d["direction"] == "higher is better" and "ALERT" in d["text"], d' "$out"
"$BPOWATCH" --db "$db" check --partner ATL --format json >"$out"
py_ok "check --format json carries every explanation" '
import json, sys
p = json.load(open(sys.argv[1]))["partners"][0]
assert p["health_explain"]["indicators"][0]["weight"] == 20
assert all("explain" in r and "inputs" in r["explain"] for i in p["indicators"] for r in i["rules"])' "$out"
x ATL --as-of 2026-09 >"$out"; t_contains "$out" "as of 2026-09" "--as-of judges another month"

x NOPE >"$out" 2>"$err"; t_status 1 $? "an unknown partner"
t_contains "$err" "explain: no active partner with code 'NOPE'" "is named"
x ATL 9 >"$out" 2>"$err"; t_status 1 $? "an unknown indicator"
t_contains "$err" "ATL has no indicator '9' (give its key, e.g. customer_satisfaction, or its number 1-8)" "is explained"
x ATL 1 nope >"$out" 2>"$err"; t_status 1 $? "an unknown rule"
t_contains "$err" "the indicator customer_satisfaction has no rule 'nope'" "is explained"
x >"$out" 2>"$err"; t_status 2 $? "no partner given"
x ATL --format xml >"$out" 2>"$err"; t_status 2 $? "a bad format"

# Hostile text in a partner name comes out escaped.
sqlite3 "$db" "UPDATE partner SET name = 'Evil' || char(27) || ']52;c;eA==' || char(7) WHERE code = 'ATL'"
x ATL >"$out" 2>&1
LC_ALL=C grep -q "$(printf '\033')" "$out"; t_ok $((! $?)) "no ESC byte in the explanation"
t_contains "$out" 'Evil\x1b]52;c;eA==\x07 (ATL)' "the name's escape is shown as text"

# The x key in the dashboard.
if command -v tmux >/dev/null; then
	t_tui_setup
	run 100 30 TERM=xterm-256color LANG=C.UTF-8 "$BPOWATCH" --demo
	t_wait_for "8 partners" 10; t_ok $? "the dashboard opens"
	t_keys x; t_wait_for "> Explain: health and status" 5; t_ok $? "x on a pane explains the health score"
	t_wait_for "health = sum of weight x points" 5; t_ok $? "with the formula"
	t_keys x; t_wait_for "8 partners" 5; t_ok $? "x again goes back"
	t_keys Enter; t_wait_for "(SUN)" 5; t_keys Tab Home; t_wait_stable	# Home: the first rule (the worst is marked first)
	t_keys x; t_wait_for "Explain: Customer satisfaction > csat_shift" 5; t_ok $? "x on a rule explains the rule"
	t_wait_for "figures read:" 5; t_ok $? "with the figures it read"
	t_keys '['; t_wait_for "as of 2026-09" 5; t_ok $? "[ explains the month before"
	t_keys Q; t_wait_dead 5; t_tmux_stop
fi
t_done
