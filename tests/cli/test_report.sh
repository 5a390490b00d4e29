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
# 2026-11-01 (a fixed day, so the overdue actions do not move), with the
# appendix where the format has one (CSV's explanations are a file of
# their own: test_report_csv.sh).
report() {
	case " $* " in
	*" csv "*) "$BPOWATCH" --db "$DB" report --quarter 2026Q3 --date 2026-11-01 "$@" ;;
	*) "$BPOWATCH" --db "$DB" report --quarter 2026Q3 --date 2026-11-01 --appendix "$@" ;;
	esac
}

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
# The summary ranks the partners: status, health and its change since the
# previous quarter, what is not OK and the headline of the worst of it.
grep -q "^| 1 | Sunrise Customer Care Inc. (SUN) | ALERT | 60 | -15 | ALERT (75) | Customer satisfaction (ALERT), Value balance (WATCH), Quality assurance (ALERT) | Customer satisfaction: CSAT partner-reported 88.6% vs client-measured 75.8%" "$md"
t_ok $? "summary: SUN ranked first, health 60 down 15, its not-OK indicators, the headline of the worst"
grep -q "^| 5 | Baltic Shared Services SIA (BSS) | ALERT | 85 | +5 | ALERT (80) | Quality assurance (ALERT) | Quality assurance: final audit of 2025-06-17: audit score (checklist) 77.0%, below the alert threshold 80.0% |$" "$md"
t_ok $? "summary: a headline is the deciding rule's first clause"
grep -q "^| 8 | Nordlicht Kundenservice GmbH (NLK) | OK | 100 | 0 | OK (100) |  | All indicators OK. |$" "$md"
t_ok $? "summary: the OK partner last, unchanged, all indicators OK"

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
        "action_history", "target", "target_attainment"}
assert sections == want, sections
ind = [r for r in rows if r[3] == "indicator"]
assert len(ind) == 8 * 8, len(ind)
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
t_contains "$out.html" "@page{size:A4 portrait;" "HTML is laid out for A4 by default"
t_contains "$out.html" '<span class="st alert">'"$(printf '\342\226\262')"' ALERT</span>' \
	"HTML: a status by its mark and word, not colour alone"
# The charts follow each partner's key metrics table as a grid of
# captioned figures, one per metric row, in the table's order.
py_ok "HTML: each key metrics table has no chart column, a grid of captioned charts follows it, one per row" '
import sys, xml.etree.ElementTree as E
ns = "{http://www.w3.org/1999/xhtml}"
root = E.parse(sys.argv[1]).getroot()
strip = lambda t: t.replace(ns, "")
secs = [s for s in root.iter() if strip(s.tag) == "section"]
assert len(secs) == 8, len(secs)
for s in secs:
    kids = list(s)
    h = [i for i, k in enumerate(kids) if strip(k.tag) == "h3" and k.text == "Key metrics"][0]
    table, grid = kids[h + 1], kids[h + 2]
    heads = [th.text for th in table.iter() if strip(th.tag) == "th"]
    assert "Last 24 months" not in heads and len(heads) == 6, heads
    names = [tr[0].text for tr in table.iter() if strip(tr.tag) == "tr" and strip(tr[0].tag) == "td"]
    assert grid.get("class") == "charts", grid.get("class")
    caps = ["".join(f[0].itertext()) for f in grid]
    assert caps == names, (caps, names)
    assert all(f[1].tag.endswith("}svg") for f in grid), [f[1].tag for f in grid]
' "$out.html"
# An action raised this quarter and still open is listed once (under Open
# actions); the history counts it.
sed -n '/^## Sunrise/,/^## Danube/p' "$md" >"$T_TMP/sun.md"
[ "$(grep -c 'Add quality gates to the cost-reduction bonus' "$T_TMP/sun.md")" -eq 1 ]
t_ok $? "SUN: an open action raised this quarter is listed once, not again in the history"
t_contains "$T_TMP/sun.md" "The 2 actions raised this quarter are still open (see Open actions)." \
	"SUN: the action history counts the open ones and points to them"
report --format html --paper letter >"$out.letter.html"
t_contains "$out.letter.html" "@page{size:letter portrait;" "--paper letter: laid out for Letter"

# ---- one wording everywhere (issue 25): no section contradicts another
# part SECTION-HEADING FILE: the Markdown of one partner's ### section.
part() { sed -n "/^## $1/,/^## /p" "$2" | sed -n "/^### $3/,/^###* /p" | sed '$d'; }
part "Sunrise" "$md" "Review meetings" >"$T_TMP/meet"
t_not_contains "$T_TMP/meet" "No review meeting" "SUN: the review meeting of 2026-09-10 (an event) is not denied"
t_contains "$T_TMP/meet" "2026-09-10: Quarterly business review Q2/2026 (recorded as an event" \
	"SUN: the meetings section lists the meeting recorded as an event, and says so"
t_contains "$T_TMP/meet" "1 review meeting in the quarter: 0 held in the dashboard, 1 recorded as an event." \
	"SUN: the meetings section counts them by how they were recorded"
part "Danube" "$md" "Review meetings" >"$T_TMP/meet"
t_contains "$T_TMP/meet" "No review meeting in the quarter: none held in the dashboard, none recorded as an event." \
	"DPS: no meeting either way, and the pack says both"
# A meeting held in the dashboard (closed, its minutes an event) counts once, as held there.
cp "$DB" "$T_TMP/meet.db"
sqlite3 "$T_TMP/meet.db" "INSERT INTO event(partner_id, date, kind, title, detail)
	SELECT id, '2026-08-20', 'meeting', 'Review meeting', 'minutes' FROM partner WHERE code = 'DPS';
	INSERT INTO meeting(partner_id, started, closed, notes, event_id)
	SELECT id, '2026-08-20', '2026-08-20', 'Workshop agreed', last_insert_rowid() FROM partner WHERE code = 'DPS'"
"$BPOWATCH" --db "$T_TMP/meet.db" report --quarter 2026Q3 --partner DPS --date 2026-11-01 >"$T_TMP/meet.md" 2>"$err"
part "Danube" "$T_TMP/meet.md" "Review meetings" >"$T_TMP/meet"
t_contains "$T_TMP/meet" "1 review meeting in the quarter: 1 held in the dashboard, 0 recorded as an event." \
	"a meeting held in the dashboard counts once, as held there"
t_contains "$T_TMP/meet" "2026-08-20: held in the dashboard: Workshop agreed" "and shows its notes"
# A meeting's days come from the database: escaped like every other text.
sqlite3 "$T_TMP/meet.db" "INSERT INTO meeting(partner_id, started, closed, notes)
	SELECT id, '2026-08-01', '<b>x</b>9', 'n' FROM partner WHERE code = 'DPS'"
"$BPOWATCH" --db "$T_TMP/meet.db" report --quarter 2026Q3 --partner DPS --date 2026-11-01 \
	--format html >"$T_TMP/meet.html" 2>"$err"
t_not_contains "$T_TMP/meet.html" "<b>x" "HTML: a meeting's closing day from the database is escaped"
py_ok "HTML with a hostile meeting day is well-formed XML" \
	'import sys, xml.etree.ElementTree as E; E.parse(sys.argv[1])' "$T_TMP/meet.html"
# The monthly QA metric and the audit's checklist score are named apart.
t_not_contains "$md" "| QA score |" "no metric row called just 'QA score'"
grep -q "^| QA score (monthly metric) | 83.6% | " "$md"; t_ok $? "the monthly metric is 'QA score (monthly metric)'"
grep -q "^| Date | Checklist | Reviewer | Audit score (checklist) | Result |" "$md"
t_ok $? "the audit table's score is 'Audit score (checklist)'"
part "Sunrise" "$md" "QA audits" >"$T_TMP/qa"
t_contains "$T_TMP/qa" "The audit score (checklist) is the share of weighted points our auditor gave on the checklist; the QA score (monthly metric) is the figure reported for every month." \
	"where both appear, one sentence says how they differ"
t_contains "$md" "final audit of 2026-07-14: audit score (checklist) 79.3%" "the QA indicator's reason names the audit score"
t_contains "$md" "while QA score (monthly metric) 84.4%" "value balance names the monthly QA metric"
# Points and percent: a relative change says so; a change in points says pts.
t_contains "$md" "cost per contact 3.71 EUR, 8% (relative) below its normal 4.03 EUR" \
	"value balance: a relative change says (relative)"
t_contains "$md" "6-month mean 4.93%: 75% (relative) above its normal 2.75%" \
	"a relative change of a percentage says (relative), not a bare %"
! grep -Eq '[0-9]% (above|below|up|down)' "$md"; t_ok $? "no bare '% above/below' left in the pack"
# Every column has a header.
grep -q "^| Due | Action | Owner | Since | Overdue |$" "$md"; t_ok $? "open actions: the overdue column is headed"
py_ok "Markdown: no table has an empty header cell" '
import sys
lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
for i, l in enumerate(lines[:-1]):
    if lines[i + 1].startswith("|---"):
        cells = [c.strip() for c in l.strip().strip("|").split(" | ")]
        assert all(cells), l
' "$md"
! grep -q "<th></th>" "$out.html"; t_ok $? "HTML: no empty <th>"
# The appendix reads like the rest of the pack.
sed -n '/^## Appendix/,$p' "$md" >"$T_TMP/app"
t_not_contains "$T_TMP/app" '```' "appendix: not a fenced code block"
# (1.4826, the factor that makes a median absolute deviation a spread, is
# part of a formula, not a figure)
! sed 's/1\.4826 x the median/MAD/' "$T_TMP/app" | grep -Eq '[0-9]\.[0-9]{3,}'
t_ok $? "appendix: no figure with more than two decimals"
t_contains "$T_TMP/app" "score = earned / possible weighted points = 73.6%" "appendix: DPS's audit score rounded to one decimal (73.6%)"
# Rounding never contradicts the verdict: a gap of 9.98 against the alert
# threshold 10 is not printed as 10.0 beside "WATCH".
cp "$DB" "$T_TMP/gap.db"
sqlite3 "$T_TMP/gap.db" "INSERT INTO partner(code, name) VALUES ('GAP', 'Gap Test');
	INSERT INTO observation SELECT p.id, 'csat', m.d, '', 'partner', 80 FROM partner p,
		(SELECT '2026-07-01' d UNION SELECT '2026-08-01' UNION SELECT '2026-09-01') m WHERE p.code = 'GAP';
	INSERT INTO observation SELECT p.id, 'csat', m.d, '', 'client', m.v FROM partner p,
		(SELECT '2026-07-01' d, 69.23 v UNION SELECT '2026-08-01', 69.23 UNION SELECT '2026-09-01', 69.24) m
		WHERE p.code = 'GAP'"
"$BPOWATCH" --db "$T_TMP/gap.db" report --quarter 2026Q3 --partner GAP --appendix >"$T_TMP/gap.md" 2>"$err"
grep "the gap" "$T_TMP/gap.md" | grep -q "the gap 9\.9[0-9]* reaches the watch threshold 5 (alert 10): WATCH"
t_ok $? "appendix: a gap just short of the alert threshold is printed short of it, beside WATCH" ||
	t_diag "$(grep -i 'gap' "$T_TMP/gap.md")"
t_not_contains "$T_TMP/gap.md" "= 10.0" "appendix: the gap is not rounded up onto the threshold"
report --format md 2>/dev/null | sed -n '/^## Appendix/,$p' >"$T_TMP/app.raw"
t_not_contains "$T_TMP/app.raw" "$SRCDIR" "appendix: no path of this machine"
t_contains "$T_TMP/app.raw" "(bpowatch.conf:140)" "appendix: config named by file name and line"
sed -n '/Appendix/,$p' "$out.html" >"$T_TMP/app.html"
t_not_contains "$T_TMP/app.html" "<pre" "HTML appendix: no <pre> block"
t_contains "$T_TMP/app.html" "<li>" "HTML appendix: lists in the body font"
t_contains "$T_TMP/app" "effect = how much worse than the normal = 75.9% (relative) of the partner's own" \
	"appendix: the arithmetic of a relative shift says relative too"
"$BPOWATCH" --db "$DB" --today 2026-11-01 explain DPS >"$T_TMP/x" 2>"$err"
t_contains "$T_TMP/x" "/bpowatch.conf:" "explain itself keeps the full path of the config"
t_contains "$T_TMP/x" "73.5714" "explain itself keeps its four decimals"

# ---- one partner, a partial quarter, -o
"$BPOWATCH" --db "$DB" report --quarter 2026q3 --partner sun --date 2026-11-01 --appendix >"$out" 2>"$err"
t_status 0 $? "--partner (any case)"
[ "$(grep '^## ' "$out")" = "## Sunrise Customer Care Inc. (SUN)
## Appendix: how each status was reached" ]
t_ok $? "--partner: no summary, the partner's section first, then the appendix"
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
# The pack is written to its file as it is made (a 10,000-partner HTML
# pack is 500 MB): one that does not fit on the disk (a 64 KiB tmpfs in a
# private mount namespace, as root) fails naming the file and leaves
# what was there, with no temporary file beside it.
if [ "$(id -u)" = 0 ] && command -v unshare >/dev/null && unshare -m true 2>/dev/null; then
	mkdir -p "$T_TMP/full"
	unshare -m sh -c 'mount -t tmpfs -o size=64k tmpfs "$1" && echo old >"$1/pack.html" &&
		"$2" --db "$3" report --quarter 2026Q3 --date 2026-11-01 --format html \
			--appendix -o "$1/pack.html"; echo $? >"$4/full.rc"
		cat "$1/pack.html" >"$4/full.kept"; ls "$1" >"$4/full.ls"' \
		sh "$T_TMP/full" "$BPOWATCH" "$DB" "$T_TMP" >"$out" 2>"$err"
	[ "$(cat "$T_TMP/full.rc")" = 1 ]; t_ok $? "a pack that does not fit on the disk fails"
	t_contains "$err" "cannot write $T_TMP/full/pack.html: No space left on device" "naming the file and why"
	[ "$(cat "$T_TMP/full.kept")" = old ]; t_ok $? "the file there keeps what it held"
	[ "$(cat "$T_TMP/full.ls")" = pack.html ]; t_ok $? "and no temporary file is left beside it"
else
	for i in 1 2 3 4; do t_ok 0 "a pack onto a full disk # SKIP needs root and unshare -m"; done
fi
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
row=$(grep '(SUN) |' "$out.h.md")
[ "$(printf '%s' "$row" | sed 's/\\|//g' | tr -cd '|' | wc -c)" -eq 9 ]
t_ok $? "Markdown: the name cannot add table cells (9 unescaped pipes in the row)"
grep -q '^## \\<script' "$out.h.md"; t_ok $? "Markdown heading starts with the escaped name"
t_not_contains "$out.h.html" "<script" "HTML: no script element"
t_contains "$out.h.html" "&lt;script&gt;alert(1)&lt;/script&gt;" "HTML shows the markup as text"
t_contains "$out.h.html" "1. &lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;&lt;b&gt;x&lt;/b&gt;\\x1b[2J" "HTML escapes an event title"
# The page header names the partner from CSS: a string in which every
# quote, backslash and markup character is a hex escape.
t_contains "$out.h.html" '{@top-right{content:"\3c script\3e alert(1)\3c /script\3e  | **x** \5c x1b]0;pwn' \
	"HTML: the page header's CSS string escapes the name"
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
