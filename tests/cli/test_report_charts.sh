#!/bin/sh
# test_report_charts.sh: the key-metric charts of the QBR pack's HTML, on
# the sample data: y labels with a span no smaller than the metric's
# smallest flagged shift (churn moving by 0.1 % is not drawn full height),
# one span per metric across partners, SUN's CSAT with its partner-reported
# and client-measured series apart, the threshold band, contract targets
# (drawn, or marked at the edge when off the scale) only where the sample
# has them, the quarter shaded, and names from the database escaped.
. "$SRCDIR/tests/lib.sh"
cd "$T_TMP" || exit 1
cp "$BUILDDIR/sample-db/sample.db" "$T_TMP/sample.db"
chmod 600 "$T_TMP/sample.db"
DB=$T_TMP/sample.db
html=$T_TMP/pack.html

"$BPOWATCH" --db "$DB" report --quarter 2026Q3 --date 2026-11-01 --format html -o "$html"
t_status 0 $? "report --format html"

# The charts by partner code and metric name, and what each draws.
LIB='
import re, sqlite3, statistics, sys, xml.etree.ElementTree as E
S = "{http://www.w3.org/2000/svg}"
def charts(path):
    out = {}
    for sec in E.parse(path).getroot().iter("section"):
        code = re.search(r"\((\w+)\)$", "".join(sec.find("h2").itertext())).group(1)
        for svg in sec.iter(S + "svg"):
            if svg.get("class") == "chart":
                name = svg.find(S + "title").text.split(": last ")[0]
                out[code, name] = svg
    return out
def cls(svg, tag, c):
    return [e for e in svg.iter(S + tag) if e.get("class") == c]
def ylabels(svg):
    return [float(t.text) for t in cls(svg, "text", "ylab")]
def texts(svg):
    return ["".join(t.itertext()) for t in svg.iter(S + "text")]
def points(svg, c):
    return [tuple(map(float, p.split(","))) for e in cls(svg, "polyline", c)
            for p in e.get("points").split()]
def plot(svg):    # the plot frame: the quarter band spans its full height
    q = cls(svg, "rect", "quarter")[0]
    return float(q.get("y")), float(q.get("height"))
# The smallest churn shift the rules flag: churn_shift in data/bpowatch.conf
# is relative, warn = 20 %, of the portfolio median of the window.
def churn_min_span(db):
    rows = sqlite3.connect(db).execute("SELECT partner_id, period, source, value"
        " FROM observation WHERE metric = ? AND segment = ? AND period BETWEEN ? AND ?"
        " ORDER BY partner_id, period, source = ? DESC",
        ("churn_after_contact", "", "2024-10-01", "2026-09-01", "client")).fetchall()
    seen, v = set(), []
    for p, m, s, x in rows:
        if (p, m) not in seen:
            seen.add((p, m)); v.append(x)
    return 0.20 * statistics.median(v)
c = charts(sys.argv[1])
'

py_ok "every partner's key metrics are charts with three evenly spaced y labels" "$LIB
assert len(c) > 80, len(c)
for k, svg in c.items():
    y = ylabels(svg)
    assert len(y) == 3 and y[0] < y[1] < y[2], (k, y)
    assert abs((y[1] - y[0]) - (y[2] - y[1])) < 1e-6, (k, y)
" "$html"

py_ok "churn is drawn over at least its smallest flagged shift, one span for every partner" "$LIB
m = churn_min_span(sys.argv[1].replace('pack.html', 'sample.db'))
spans = {k[0]: ylabels(s)[2] - ylabels(s)[0] for k, s in c.items() if k[1] == 'Churn after contact'}
assert len(spans) >= 5, spans
assert all(s >= m for s in spans.values()), (m, spans)
assert len({round(s, 6) for s in spans.values()}) == 1, spans
" "$html"

py_ok "every metric has one span across partners (the dashboard's rule)" "$LIB
assert len(c) > 80, len(c)
spans = {}
for k, s in c.items():
    spans.setdefault(k[1], set()).add(round(ylabels(s)[2] - ylabels(s)[0], 6))
assert all(len(v) == 1 for v in spans.values()), spans
" "$html"

py_ok "every label of a chart lies inside it, the edge marks clear of each other" "$LIB
for k, svg in c.items():
    h = float(svg.get('viewBox').split()[3])
    ys = [float(t.get('y')) for t in svg.iter(S + 'text')]
    assert all(5 <= y <= h for y in ys), (k, ys)
    edge = sorted(float(t.get('y')) for t in svg.iter(S + 'text') if float(t.get('x')) > 196)
    assert all(b - a >= 5 for a, b in zip(edge, edge[1:])), (k, edge)
" "$html"

# A one-partner pack draws that partner's charts as the full pack does.
"$BPOWATCH" --db "$DB" report --quarter 2026Q3 --date 2026-11-01 --format html \
	--partner SUN -o "$T_TMP/sun.html"
t_status 0 $? "report --partner SUN"
py_ok "a one-partner pack's charts have the scales of the full pack" "$LIB
one = charts(sys.argv[1].replace('pack.html', 'sun.html'))
assert len(one) > 8, len(one)
for k, svg in one.items():
    assert ylabels(svg) == ylabels(c[k]), (k, ylabels(svg), ylabels(c[k]))
    assert points(svg, 'median') == points(c[k], 'median'), k
" "$html"

# Noise looks like noise: NLK's churn set to move between 2.3 and 2.4 %.
cp "$DB" "$T_TMP/flat.db"
sqlite3 "$T_TMP/flat.db" "UPDATE obs SET value = 2.3 + (period % 2) * 0.1
	WHERE metric = (SELECT id FROM metric WHERE key = 'churn_after_contact')
	AND partner_id = (SELECT id FROM partner WHERE code = 'NLK')"
"$BPOWATCH" --db "$T_TMP/flat.db" report --quarter 2026Q3 --date 2026-11-01 --format html \
	-o "$T_TMP/flat.html"
t_status 0 $? "report of churn moving between 2.3 and 2.4 %"
py_ok "churn moving between 2.3 and 2.4 % fills less than a third of its chart's height" "$LIB
svg = c['NLK', 'Churn after contact']
y = ylabels(svg)
assert y[0] <= 2.3 and y[2] >= 2.4 and y[2] - y[0] >= 0.4, y
top, h = plot(svg)
ys = [p[1] for p in points(svg, 'partner')]
assert len(ys) == 24 and max(ys) - min(ys) < h / 3, (max(ys) - min(ys), h)
" "$T_TMP/flat.html"

py_ok "SUN's CSAT chart: partner-reported and client-measured apart, the client's below" "$LIB
svg = c['SUN', 'Customer satisfaction']
p, k = points(svg, 'partner'), points(svg, 'client')
assert len(p) == 24 and len(k) == 24, (len(p), len(k))
top, h = plot(svg)
gap = sum(y for x, y in k) / len(k) - sum(y for x, y in p) / len(p)
assert gap > h / 5, gap     # SVG y grows downwards: client lower
dash = [e.get('stroke-dasharray') for e in cls(svg, 'polyline', 'client')]
assert all(dash) and not any(e.get('stroke-dasharray') for e in cls(svg, 'polyline', 'partner')), dash
t = texts(svg)
assert 'partner' in t and 'client' in t, t
" "$html"

py_ok "a metric with one source draws one series" "$LIB
svg = c['SUN', 'Escalations']
assert points(svg, 'partner') and not points(svg, 'client')
assert 'client' not in texts(svg)
" "$html"

py_ok "the portfolio median is drawn, and the warn/alert band with its legend" "$LIB
svg = c['SUN', 'Customer satisfaction']
assert points(svg, 'median') or any(t.startswith('M') for t in texts(svg))
assert cls(svg, 'rect', 'band'), 'no band'
t = texts(svg)
assert 'W/A band' in t and 'M median' in t, t
" "$html"

# Targets in the sample: ATL (SLA adherence, response time), TMC (the
# same), NLK (CSAT), VSC (attrition); none for SUN or CCX.
targets=$(sqlite3 "$DB" "SELECT group_concat(DISTINCT p.code) FROM target t
	JOIN partner p ON p.id = t.partner_id")
t_diag "partners with targets: $targets"
py_ok "a contract target is drawn, or marked at the edge when off the scale, where the sample has one" "$LIB
def target(svg):
    marks = [t for t in texts(svg) if t.startswith('T') and t != 'T target']
    return cls(svg, 'line', 'target'), marks
lines, marks = target(c['ATL', 'SLA adherence'])
assert lines and lines[0].get('stroke-dasharray'), 'ATL SLA: no target line'
for k in [('ATL', 'Response time'), ('NLK', 'Customer satisfaction'),
          ('VSC', 'Agent attrition'), ('TMC', 'SLA adherence')]:
    lines, marks = target(c[k])
    assert lines or marks, k
    assert 'T target' in texts(c[k]), k
for k, svg in c.items():
    if k[0] in ('SUN', 'CCX'):
        assert target(svg) == ([], []) and 'T target' not in texts(svg), k
" "$html"

py_ok "the judged quarter is shaded at the right end of every chart and labelled" "$LIB
assert len(c) > 80, len(c)
for k, svg in c.items():
    q = cls(svg, 'rect', 'quarter')[0]
    x, w = float(q.get('x')), float(q.get('width'))
    ticks = sorted(float(l.get('x1')) for l in svg.iter(S + 'line')
                   if l.get('y2') and float(l.get('y2')) - float(l.get('y1')) == 2)
    assert len(ticks) == 9 and abs(x + w - ticks[-1]) < 1e-6 and abs(w - (ticks[-1] - ticks[-2])) < 1e-6, (k, x, w, ticks)
    bold = [''.join(t.itertext()) for t in svg.iter(S + 'text') if t.get('font-weight') == 'bold']
    assert bold == [\"Q3 '26\"], (k, bold)
" "$html"

# A target off the scale is not dropped: it is marked at the edge.
cp "$DB" "$T_TMP/far.db"
sqlite3 "$T_TMP/far.db" "UPDATE target SET value = 200 WHERE metric = 'response_hours'
	AND partner_id = (SELECT id FROM partner WHERE code = 'ATL')"
"$BPOWATCH" --db "$T_TMP/far.db" report --quarter 2026Q3 --date 2026-11-01 --format html \
	-o "$T_TMP/far.html"
t_status 0 $? "report with a target far above the figures"
py_ok "a target beyond the scale is marked at its edge with an arrow, the figures keep the scale" "$LIB
svg = c['ATL', 'Response time']
assert not cls(svg, 'line', 'target'), 'a line off the scale'
assert 'T\u25b2' in texts(svg) and 'T target' in texts(svg), texts(svg)
assert ylabels(svg)[2] < 200, ylabels(svg)
" "$T_TMP/far.html"

# Names from the database are text in the chart, never markup.
cp "$DB" "$T_TMP/hostile.db"
sqlite3 "$T_TMP/hostile.db" "UPDATE metric SET name = 'Churn <b>&amp;\"x'''
	WHERE key = 'churn_after_contact'; UPDATE metric SET unit = '<u>' WHERE key = 'escalations'"
"$BPOWATCH" --db "$T_TMP/hostile.db" report --quarter 2026Q3 --date 2026-11-01 --format html \
	-o "$T_TMP/hostile.html"
t_status 0 $? "report with markup in a metric's name and unit"
t_not_contains "$T_TMP/hostile.html" "<b>" "the metric's name adds no element"
t_not_contains "$T_TMP/hostile.html" "<u>" "the unit adds no element"
py_ok "the chart shows the name and unit as text, and the page stays well-formed" "$LIB
k = [s for (p, n), s in c.items() if p == 'SUN' and n.startswith('Churn')][0]
assert k.find(S + 'title').text.startswith('Churn <b>&amp;\"x\\'' + ': last 24'), k.find(S + 'title').text
assert k.get('aria-label').startswith('Churn <b>&amp;\"x\\''), k.get('aria-label')
assert '<u>' in texts(c['SUN', 'Escalations']), texts(c['SUN', 'Escalations'])
" "$T_TMP/hostile.html"

t_done
