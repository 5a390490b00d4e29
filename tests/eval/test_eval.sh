#!/bin/sh
# test_eval.sh: the detection-quality harness keeps working. Runs
# `eval.py --quick` (2 seeds x 30 partners) against the built program and
# checks that every figure the full `make eval` reports is there and
# plausible, and that the generator is deterministic. The figures are
# compared with the targets only in the full run (make eval): a quick
# run's handful of problems says little.
. "$SRCDIR/tests/lib.sh"
PY=${PYTHON3:-python3}
if ! command -v "$PY" >/dev/null 2>&1; then
	echo "1..0 # SKIP python3 not installed"; exit 0
fi
GEN=$SRCDIR/tests/eval/genportfolio.py

# The generator: the same seed gives the same files, another seed others.
"$PY" "$GEN" --seed 7 --partners 12 --out "$T_TMP/a" >/dev/null; t_status 0 $? "genportfolio --seed 7"
"$PY" "$GEN" --seed 7 --partners 12 --out "$T_TMP/b" >/dev/null
diff -r "$T_TMP/a" "$T_TMP/b" >/dev/null; t_ok $? "a second run of seed 7 gives the same files"
"$PY" "$GEN" --seed 8 --partners 12 --out "$T_TMP/c" >/dev/null
! cmp -s "$T_TMP/a/observations.csv" "$T_TMP/c/observations.csv"; t_ok $? "seed 8 gives other figures"
for f in partners.csv observations.csv events.csv qa.csv truth.json; do
	[ -s "$T_TMP/a/$f" ]; t_ok $? "the generator writes $f"
done

# The harness on the real program.
"$PY" "$SRCDIR/tests/eval/eval.py" --quick --bpowatch "$BPOWATCH" --jobs 2 \
	--work "$T_TMP/ev" --json "$T_TMP/eval.json" >"$T_TMP/eval.out" 2>"$T_TMP/eval.err"
rc=$?; t_status 0 $rc "eval.py --quick"
[ $rc -eq 0 ] || t_diag "$(tail -20 "$T_TMP/eval.err")"
t_contains "$T_TMP/eval.out" "recall (primary or related) at the end month" "the targets table is printed"
t_contains "$T_TMP/eval.out" "naive scorecard" "beside the naive fixed-threshold scorecard"

# The portfolio is judged on two threads: the same data gives the same
# bytes every time (a race between them would show here first).
db=$T_TMP/ev/seed-1/bpowatch.db
for i in 1 2 3; do
	"$BPOWATCH" --db "$db" --today 2026-11-15 check --format json >"$T_TMP/c$i.json" 2>/dev/null
done
cmp -s "$T_TMP/c1.json" "$T_TMP/c2.json" && cmp -s "$T_TMP/c1.json" "$T_TMP/c3.json" && [ -s "$T_TMP/c1.json" ]
t_ok $? "30 partners judged three times: the same JSON each time"

py_ok "the JSON holds every measure, each a share or a count" '
import json, sys
r = json.load(open(sys.argv[1]))
assert r["seeds_run"] == [1, 2] and r["partners"] == 30, (r["seeds_run"], r["partners"])
for side in ("engine", "naive"):
    p = r["pooled"][side]
    rec = p["recall"]["overall"]
    assert rec["n"] > 0 and 0 <= rec["primary"] <= rec["any"] <= rec["n"], rec
    fa = p["false_alarms"]
    assert fa["partner_months"] > 0, fa
    assert 0 <= fa["alert"] <= fa["flagged"] <= 1, fa
    pr = p["precision"]
    assert 0 <= pr["on_problems"] <= pr["flags"] and 0 <= pr["share"] <= 1, pr
    assert p["dip"]["healthy_partners"] > 0 and p["dip"]["alert"] >= 0, p["dip"]
    assert p["lead"]["problems"] == rec["n"], p["lead"]
assert len(r["targets"]) == 6, r["targets"]
assert all(isinstance(t["met"], bool) and t["target"] for t in r["targets"]), r["targets"]
' "$T_TMP/eval.json"
t_done
