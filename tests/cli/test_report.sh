#!/bin/sh
# test_report.sh: `bpowatch report`, the QBR pack, on the sample data: the
# three formats against golden files (tests/golden/README.md says how to
# refresh them), figures recomputed from the database with sqlite3, the
# HTML parsed as XML, a partner name full of markup and control characters
# escaped in every format, and the errors of the command line.
. "$SRCDIR/tests/lib.sh"
cd "$T_TMP" || exit 1
out=$T_TMP/out err=$T_TMP/err
GOLDEN=$SRCDIR/tests/golden
cp "$BUILDDIR/sample-db/sample.db" "$T_TMP/sample.db"
chmod 600 "$T_TMP/sample.db"
DB=$T_TMP/sample.db

# report ARGS...: the Q3 2026 pack of the sample, as for a meeting on
# 2026-11-01 (a fixed day, so the overdue actions do not move).
report() { "$BPOWATCH" --db "$DB" report --quarter 2026Q3 --date 2026-11-01 --appendix "$@"; }

# ---- golden files: every format, byte for byte
# The appendix names the configuration file of each threshold: the
# shipped one is compared as @DATA@, wherever the tree is.
for f in md html csv; do
	report --format $f 2>"$err" | sed "s|$SRCDIR/data/|@DATA@/|g" >"$out.$f"
	t_status 0 "$(report --format $f >/dev/null 2>&1; echo $?)" "report --format $f"
	[ ! -s "$err" ]; t_ok $? "$f: nothing on stderr"
	if [ -n "${BPW_REFRESH_GOLDEN:-}" ]; then
		cp "$out.$f" "$GOLDEN/report-2026Q3.$f"
		t_diag "refreshed $GOLDEN/report-2026Q3.$f"
	fi
	cmp -s "$out.$f" "$GOLDEN/report-2026Q3.$f"
	t_ok $? "$f is the golden file tests/golden/report-2026Q3.$f" ||
		diff -u "$GOLDEN/report-2026Q3.$f" "$out.$f" | head -n 40 | t_diag "$(cat)"
done

# ---- what the pack says, recomputed from the database
sq() { sqlite3 -batch -noheader "$DB" "$1"; }
md=$out.md
t_contains "$md" "# Quarterly business review 2026 Q3" "Markdown title names the quarter"
t_contains "$md" "July to September 2026. Statuses at 2026-09-30; actions as of 2026-11-01. 8 partners." \
	"the pack says its quarter, the day of the statuses and of the actions"
# The pack's counts are check's, at the quarter's end and the one before.
alerts() {
	"$BPOWATCH" --db "$DB" --today 2026-11-01 check --as-of "$1" --format json >"$T_TMP/c.json"
	sqlite3 :memory: "SELECT json_extract(readfile('$T_TMP/c.json'), '\$.summary.alert')"
}
now=$(alerts 2026-09) before=$(alerts 2026-06)
[ -n "$now" ] && [ -n "$before" ]; t_ok $? "check counts the ALERTs at both quarter ends ($now, $before)"
t_contains "$md" "- ALERT: $now (previous quarter $before)" "portfolio counts at the quarter's end and the one before"
[ "$(grep -n '^## ' "$md" | sed -n '1p;2p' | cut -d' ' -f2-)" = "Portfolio summary
Sunrise Customer Care Inc. (SUN)" ]
t_ok $? "the portfolio summary comes first, then the partners, worst first"
last=$(grep '^## ' "$md" | grep -v '^## Appendix' | tail -n 1)
[ "$last" = "## Nordlicht Kundenservice GmbH (NLK)" ]; t_ok $? "the one OK partner comes last"
[ "$(grep '^## ' "$md" | tail -n 1)" = "## Appendix: how each status was reached" ]
t_ok $? "then the appendix that explains every status"

# ATL's CSAT for Q3 2026: the average of the client-measured months, one decimal.
csat=$(sq "SELECT printf('%.1f', avg(value)) FROM observation o JOIN partner p ON p.id = o.partner_id
	WHERE p.code = 'ATL' AND metric = 'csat' AND segment = '' AND source = 'client'
	AND period BETWEEN '2026-07-01' AND '2026-09-01'")
prev=$(sq "SELECT printf('%.1f', avg(value)) FROM observation o JOIN partner p ON p.id = o.partner_id
	WHERE p.code = 'ATL' AND metric = 'csat' AND segment = '' AND source = 'client'
	AND period BETWEEN '2026-04-01' AND '2026-06-01'")
delta=$(awk -v a="$csat" -v b="$prev" 'BEGIN { printf "%+.1f", a - b }')
t_diag "ATL CSAT Q3 $csat, Q2 $prev, change $delta"
grep -q "^| Customer satisfaction | $csat% | $prev% | $delta pts worse | " "$md"
t_ok $? "ATL's CSAT row: client averages of both quarters and their change ($csat% vs $prev%)"
# Escalations add up over the quarter (their aggregation is sum).
esc=$(sq "SELECT CAST(sum(value) AS INTEGER) FROM observation o JOIN partner p ON p.id = o.partner_id
	WHERE p.code = 'ATL' AND metric = 'escalations' AND segment = ''
	AND period BETWEEN '2026-07-01' AND '2026-09-01'")
grep -q "^| Escalations | $esc | " "$md"; t_ok $? "escalations are summed over the quarter ($esc)"
grep -q "^| 2026-07-14 | BPO quality audit v2 | Jonas Weber | 79.3% | FAIL |" "$md"
t_ok $? "SUN's audit of the quarter with its score and result"
t_contains "$md" "- Timely reports and answers: Report figures reconcile with our own measurements (fail: " \
	"the audit's failed item with its section and note"
grep -q "^| 2026-10-31 | Joint call-listening calibration with our QA team | Anna Becker | 2026-09-03 | \*\*OVERDUE\*\* |" "$md"
t_ok $? "an action due before --date is overdue"
grep -q "^| 2026-11-30 | Root-cause analysis .* |  |$" "$md"; t_ok $? "an action due later is not"
t_contains "$md" "next audit was due 2026-06-17 (every 365 days), 105 days overdue" \
	"statuses are judged at the quarter's end (105 days after the due date, not more)"
grep -q "^| 2026-08-12 | Escalation | Cancellations after phone calls | " "$md"
t_ok $? "events of the quarter are listed"
t_not_contains "$md" "2026-10-15 | Review meeting" "events after the quarter are not"
n=$(grep -c '^| Customer satisfaction | [0-9.]*% | ' "$md")
[ "$n" -eq 8 ]; t_ok $? "every partner has a CSAT row with a value ($n)"
py_ok "every metric row ends in a 24-month Unicode sparkline and its scale" '
import re, sys
rows, table = [], None
for l in open(sys.argv[1], encoding="utf-8"):
    if l.startswith("#"):
        table = l.strip()
    elif table == "### Key metrics" and l.startswith("| ") and l.count(" | ") == 6:
        rows.append(l)
cells = [l.rstrip("\n").split(" | ")[-1] for l in rows[1:]]
assert len(cells) > 80, len(cells)
for c in cells:
    if c == "Last 24 months |":
        continue
    m = re.fullmatch("`(.*)` [0-9.]+\u2013[0-9.]+(%| [^|]+)? \\|", c)
    assert m and len(m.group(1)) == 24, repr(c)
    assert set(m.group(1)) <= set("\u2581\u2582\u2583\u2584\u2585\u2586\u2587\u2588 "), repr(c)
' "$md"

# CSV: one table, every row the same width, numbers as shown.
py_ok "CSV parses: one header, equal rows, every section, 8 indicators x 8 partners" '
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline="", encoding="utf-8")))
assert rows[0][:5] == ["quarter", "partner", "partner_name", "section", "item"], rows[0]
assert len({len(r) for r in rows}) == 1, "ragged rows"
sections = {r[3] for r in rows[1:]}
want = {"overall", "indicator", "metric", "audit", "failed_item", "event", "action",
        "explain", "action_history", "target", "target_attainment"}
assert sections == want, sections
ind = [r for r in rows if r[3] == "indicator"]
assert len(ind) == 8 * 8, len(ind)
expl = [r for r in rows if r[3] == "explain" and r[4] == "health"]
assert len(expl) == 8 and all("health = " in r[-1] for r in expl), expl
' "$out.csv"
grep -q "^2026 Q3,ATL,\"Atlas Contact Lisboa, Lda.\",metric,Customer satisfaction,,,$csat,$prev," "$out.csv"
t_ok $? "CSV metric row has the figures the Markdown shows"

# HTML: one self-contained, well-formed page.
py_ok "HTML is well-formed XML" 'import sys, xml.etree.ElementTree as E; E.parse(sys.argv[1])' "$out.html"
grep -Eqi '<script|<link|src=|href=|url\(|@import' "$out.html"
[ $? -ne 0 ]; t_ok $? "HTML has no scripts and no external assets"
[ "$(grep -c '<svg ' "$out.html")" -eq "$(grep -c '^| .* | `' "$md")" ]
t_ok $? "HTML has an inline SVG chart for every metric row"
t_contains "$out.html" "@media print" "HTML has print styles"
t_contains "$out.html" "section.partner{break-before:page}" "each partner starts a new printed page"

# ---- one partner, a partial quarter, -o
"$BPOWATCH" --db "$DB" report --quarter 2026q3 --partner sun --date 2026-11-01 --appendix >"$out" 2>"$err"
t_status 0 $? "--partner (any case)"
[ "$(grep -c '^## ' "$out")" -eq 3 ]; t_ok $? "--partner: the summary, one partner section and the appendix"
[ "$(sed -n '/^## Appendix/,$p' "$out" | grep '^### ')" = "### SUN Sunrise Customer Care Inc." ]
t_ok $? "--partner: the appendix explains that partner only"
t_contains "$out" "## Sunrise Customer Care Inc. (SUN)" "--partner: that partner's section"
"$BPOWATCH" --db "$DB" report --quarter 2026Q3 --partner SUN --date 2026-11-01 >"$out" 2>"$err"
t_status 0 $? "without --appendix"
! grep -q "Appendix" "$out"; t_ok $? "without --appendix: no appendix"
[ "$(tail -n 1 "$out")" = "How to trace any status: bpowatch explain CODE (or this report with --appendix)." ]
t_ok $? "without --appendix: the last line says how to trace a status"
"$BPOWATCH" --db "$DB" report --quarter Q4/2026 --date 2026-11-20 >"$out" 2>"$err"
t_status 0 $? "Q4/2026 (only October has figures)"
grep -q '^| Customer satisfaction | [0-9.]*%\\\* | ' "$out"; t_ok $? "a partial quarter's figure is marked with *"
t_contains "$out" "\\* fewer than three months with figures." "and the mark is explained"
"$BPOWATCH" --db "$DB" report --quarter 2026Q3 --date 2026-11-01 --format html --appendix -o "$T_TMP/pack.html" >"$out" 2>"$err"
t_status 0 $? "-o FILE"
sed "s|$SRCDIR/data/|@DATA@/|g" "$T_TMP/pack.html" >"$T_TMP/pack.norm.html"
[ ! -s "$out" ] && cmp -s "$T_TMP/pack.norm.html" "$out.html"; t_ok $? "-o writes the pack to the file, nothing to stdout"
echo old >"$T_TMP/keep.md"
"$BPOWATCH" --db "$DB" report --quarter 2026Q3 --partner NOPE -o "$T_TMP/keep.md" >"$out" 2>"$err"
t_status 1 $? "unknown partner: exit 1"
t_contains "$err" "no active partner with the code 'NOPE'" "unknown partner: says which"
[ "$(cat "$T_TMP/keep.md")" = old ] && [ "$(ls "$T_TMP" | grep -c 'keep.md.')" -eq 0 ]
t_ok $? "a failed report leaves the old file and no temporary file"
"$BPOWATCH" --db "$DB" report --quarter 2026Q3 -o "$T_TMP/no/such/dir/x.md" >"$out" 2>"$err"
t_status 1 $? "-o into a missing directory fails"
t_contains "$err" "no/such/dir/x.md" "and names the file"

# ---- command-line errors
"$BPOWATCH" --db "$DB" report >"$out" 2>"$err"; t_status 2 $? "no --quarter: exit 2"
t_contains "$err" "which quarter? (--quarter 2026Q3)" "no --quarter: says what is missing"
"$BPOWATCH" --db "$DB" report --quarter 2026Q5 >"$out" 2>"$err"; t_status 2 $? "2026Q5: exit 2"
t_contains "$err" "'2026Q5' is not a quarter (YYYYQn, e.g. 2026Q3)" "a bad quarter is named"
"$BPOWATCH" --db "$DB" report --quarter 2026Q3 --format pdf >"$out" 2>"$err"; t_status 2 $? "--format pdf: exit 2"
t_contains "$err" "--format must be md, html or csv, not 'pdf'" "a bad format is named"
"$BPOWATCH" --db "$DB" report --quarter 2026Q3 --date 2026-13-01 >"$out" 2>"$err"; t_status 2 $? "bad --date: exit 2"
t_contains "$err" "'2026-13-01' is not a date (YYYY-MM-DD)" "a bad date is named"
"$BPOWATCH" --db "$DB" report --help >"$out" 2>"$err"; t_status 0 $? "report --help"
t_contains "$out" "--quarter Q" "help lists --quarter"

# ---- hostile text: markup, escapes, bidi, C1, formula, newlines
cp "$DB" "$T_TMP/hostile.db"
HDB=$T_TMP/hostile.db
name=$(printf '<script>alert(1)</script> | **x** \033]0;pwn\007\033[31mred \342\200\256evil\n# h & [l](http://x) `t` &amp; \302\2332J')
sqlite3 "$HDB" "UPDATE partner SET name = '$name', site = '=cmd|'' /C calc''!A0' WHERE code = 'SUN';
	UPDATE event SET title = '1. </td></tr></table><b>x</b>' || char(27) || '[2J'
	 WHERE partner_id = (SELECT id FROM partner WHERE code = 'SUN') AND date = '2026-09-10';
	UPDATE partner SET name = '=HYPERLINK(\"http://x\")' WHERE code = 'NLK'"
for f in md html csv; do
	"$BPOWATCH" --db "$HDB" report --quarter 2026Q3 --date 2026-11-01 --format $f >"$out.h.$f" 2>"$err"
	t_status 0 $? "hostile names: $f written"
	# (CSV may end rows in CR LF, as RFC 4180 has them)
	LC_ALL=C grep -q "$(printf '[\001-\010\013\014\016-\037\177]')" "$out.h.$f"
	[ $? -ne 0 ]; t_ok $? "hostile names: $f has no control characters"
	[ $f = csv ] || ! LC_ALL=C grep -q "$(printf '\r')" "$out.h.$f"
	t_ok $? "hostile names: $f has no carriage return"
	LC_ALL=C grep -q "$(printf '\302[\200-\237]')\|$(printf '\342\200[\252-\256]')" "$out.h.$f"
	[ $? -ne 0 ]; t_ok $? "hostile names: $f has no C1 controls or bidi overrides"
done
t_contains "$out.h.md" '\<script\>alert(1)\</script\> \| \*\*x\*\* \\x1b\]0;pwn' "Markdown escapes markup and shows the escape"
row=$(grep '| SUN |' "$out.h.md")
[ "$(printf '%s' "$row" | sed 's/\\|//g' | tr -cd '|' | wc -c)" -eq 11 ]
t_ok $? "Markdown: the name cannot add table cells (11 unescaped pipes in the row)"
grep -q '^## \\<script' "$out.h.md"; t_ok $? "Markdown heading starts with the escaped name"
t_not_contains "$out.h.html" "<script" "HTML: no script element"
t_contains "$out.h.html" "&lt;script&gt;alert(1)&lt;/script&gt;" "HTML shows the markup as text"
t_contains "$out.h.html" "1. &lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;&lt;b&gt;x&lt;/b&gt;\\x1b[2J" "HTML escapes an event title"
py_ok "HTML with hostile names is still well-formed" \
	'import sys, xml.etree.ElementTree as E; E.parse(sys.argv[1])' "$out.h.html"
py_ok "CSV: hostile name quoted in one cell, formula defused with an apostrophe" '
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline="", encoding="utf-8")))
assert len({len(r) for r in rows}) == 1, "ragged rows"
sun = [r for r in rows if r[1] == "SUN"]
assert sun and all(r[2].startswith("<script>alert(1)</script> | **x** \\x1b]0;pwn") for r in sun), sun[0][2]
nlk = [r for r in rows if r[1] == "NLK"]
assert nlk and all(r[2] == "\x27=HYPERLINK(\"http://x\")" for r in nlk), nlk[0][2]
' "$out.h.csv"

t_done
