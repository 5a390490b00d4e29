#!/bin/sh
# test_bench.sh: the benchmark keeps working. Runs `bench.py --small` (100
# partners) against the built program and checks that every figure the
# full run reports is there and plausible; the generator is deterministic
# and refuses bad sizes. Targets are not compared here (CI machines are
# shared and noisy); `make bench` on the full database does that.
. "$SRCDIR/tests/lib.sh"
PY=${PYTHON3:-python3}
if ! command -v "$PY" >/dev/null 2>&1 || ! command -v sqlite3 >/dev/null 2>&1; then
	echo "1..0 # SKIP python3 or the sqlite3 tool not installed"; exit 0
fi
MK=$BUILDDIR/tests/bench/mkbench

# The generator: same sizes, same bytes; a bad size is refused.
"$MK" --partners 20 --months 12 "$T_TMP/a.db" >"$T_TMP/mk.out"; t_status 0 $? "mkbench 20 partners x 12 months"
t_contains "$T_TMP/mk.out" "20 partners, 12 months, 14640 observations" "20 x 12 x 12 metrics x 5 segments, client CSAT beside"
"$MK" --partners 20 --months 12 "$T_TMP/b.db" >/dev/null
cmp -s "$T_TMP/a.db" "$T_TMP/b.db"; t_ok $? "a second run gives the same bytes"
"$BPOWATCH" --db "$T_TMP/a.db" check >"$T_TMP/check.out" 2>&1
rc=$?; [ $rc -le 2 ]; t_ok $? "the generated database is one bpowatch reads (check exit $rc)"
t_contains "$T_TMP/check.out" "20 partners:" "check judges all 20 partners"
"$MK" --partners many "$T_TMP/c.db" 2>"$T_TMP/mk.err"; t_status 2 $? "mkbench --partners many"
t_contains "$T_TMP/mk.err" "--partners: 'many' is not a number" "says which option is wrong"

# The small run, as CI makes it; not in a sanitizer build, whose timings
# mean nothing and whose slowness the harness's answer windows do not fit.
if [ -n "${SANITIZERS:-}" ]; then
	for what in "bench.py --small" "the table" "targets not judged" "the JSON"; do
		t_ok 0 "$what # SKIP sanitizer build ($SANITIZERS)"
	done
	t_done; exit
fi
"$PY" "$SRCDIR/tests/bench/bench.py" --small --bpowatch "$BPOWATCH" --mkbench "$MK" \
	--work "$T_TMP/bench" --json "$T_TMP/bench.json" >"$T_TMP/bench.out" 2>"$T_TMP/bench.err"
rc=$?; t_status 0 $rc "bench.py --small"
[ $rc -eq 0 ] || t_diag "$(tail -20 "$T_TMP/bench.err")"
t_contains "$T_TMP/bench.out" "first frame" "the table is printed"
t_contains "$T_TMP/bench.out" "a --small run: shown, not compared" "targets are shown, not judged, on a small run"
t_contains "$T_TMP/bench.out" "starts (120x40 first frame):" "the starts with and without a stored judgement are measured"
t_contains "$T_TMP/bench.out" "htop's first frame in the same terminal:" "and htop's first frame, or why not"
t_contains "$T_TMP/bench.out" "figures corrected:" "and another writer's wait while an import corrects every figure"

py_ok "the JSON holds every figure, each plausible" '
import json, sys
r = json.load(open(sys.argv[1]))
d = r["database"]
assert d["partners"] == 100 and d["months"] == 120, d
assert d["observations"] == 100 * 120 * 61, d
assert d["events"] > 0 and d["audits"] > 0 and d["actions"] > 0, d
for size in ("120x40", "80x24"):
    t = r["tui"][size]
    assert 0 < t["first_frame_ms"] < 60000, t["first_frame_ms"]
    assert t["sqlite3_first_frame_ms"] > 0 and t["sqlite3_statements"] > 5, t
    assert 1 < t["peak_rss_mb"] < 1000, t["peak_rss_mb"]
    for k in ("pane_down", "pane_up", "pane_left", "pane_right", "page_down",
              "page_up", "sort", "filter", "open_partner", "open_drill", "resize"):
        v = t["keys"][k]
        assert v["n"] >= 2 and v["median_bytes"] > 0 and v["median_ms"] > 0, (k, v)
    assert t["nav_median_bytes"] > 0 and t["nav_p95_ms"] > 0
i = r["import"]
assert i["rows"] == 100000 and i["rows_per_s"] > 0 and i["sqlite3_rows_per_s"] > 0, i
assert i["correction_rows"] == 100000 and i["correction_s"] > 0, i
assert 0 <= i["other_writer_wait_s"] < i["correction_s"] + 1, i
assert r["check"]["ms"] > 0 and r["report"]["ms"] > 0 and r["report"]["bytes"] > 1000
assert [(s["partners"], s["months"]) for s in r["scaling"]] == [(50, 12), (100, 12), (100, 120)]
assert len(r["targets"]) == 19 and r["full"] is False
assert sorted(r["start"]) == ["p100x120", "p200x12"], sorted(r["start"])
for name, s in r["start"].items():
    assert 0 < s["warm_ms"] < 60000 and 0 < s["cold_ms"] < 60000, (name, s)
    assert 0 < s["import_ms"] < 60000 and s["import_ratio"] > 0, (name, s)
    assert 1 < s["warm_rss_mb"] < 1000, (name, s)
    assert ("htop_ratio" in s) == ("htop_ms" in s), s
' "$T_TMP/bench.json"
t_done
