#!/usr/bin/env python3
"""sanity.py: checks that a generated portfolio looks like what it models.

    sanity.py DIR            (a directory genportfolio.py wrote)
    sanity.py --seed N       (generates into a temporary directory first)

Prints per-market medians of the main metrics, the December and product-dip
movements, event rates, audit scores, the share of missing values, and for
every planted problem the before/after means of what it changed (with the
partner's own month-to-month noise beside them), so a reader can see the
problems are in the data and how large they are against the noise.
"""

import argparse
import csv
import json
import os
import statistics
import sys
import tempfile
from collections import defaultdict

sys.dont_write_bytecode = True     # keep the source tree clean (distcheck)
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import genportfolio  # noqa: E402

ym = genportfolio.ym_parse
MARKET_METRICS = ["csat", "attrition", "absenteeism", "cost_per_contact", "sla_adherence",
                  "fcr", "churn_after_contact", "escalations", "report_on_time",
                  "response_hours", "qa_score"]

# What each problem variant changes: (metric, segment or None for the channel
# in the problem's size, source or None for any).
PROBES = {"csat": [("csat", "", None)], "churn_channel": [("churn_after_contact", "chan", None)],
          "escalations": [("escalations", "", None)],
          "attrition": [("attrition", "", None)], "absenteeism": [("absenteeism", "", None)],
          "both_workforce": [("attrition", "", None), ("absenteeism", "", None)],
          "cost_vs_quality": [("cost_per_contact", "", None), ("qa_score", "", None),
                              ("csat", "", None)],
          "late_and_slow": [("report_on_time", "", None), ("response_hours", "", None)],
          "sla": [("sla_adherence", "", None)], "fcr": [("fcr", "", None), ("csat", "", None)],
          "both_service": [("sla_adherence", "", None), ("fcr", "", None)]}


def load(directory):
    with open(os.path.join(directory, "truth.json"), encoding="utf-8") as f:
        truth = json.load(f)
    series = defaultdict(dict)
    with open(os.path.join(directory, "observations.csv"), encoding="utf-8") as f:
        for r in csv.DictReader(f):
            series[(r["partner"], r["metric"], r["segment"], r["source"])][ym(r["period"])] = \
                float(r["value"])
    events = defaultdict(list)
    with open(os.path.join(directory, "events.csv"), encoding="utf-8") as f:
        for r in csv.DictReader(f):
            events[r["partner"]].append((r["date"], r["kind"]))
    return truth, series, events, load_audits(directory)


def load_audits(directory):
    rows = defaultdict(list)
    with open(os.path.join(directory, "qa.csv"), encoding="utf-8") as f:
        for r in csv.DictReader(f):
            rows[(r["partner"], r["date"])].append(r["answer"])
    audits = defaultdict(list)
    for (code, date), answers in sorted(rows.items()):
        audits[code].append((date, genportfolio.audit_score(answers)))
    return audits


def med(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def fmt(v):
    return "    -" if v is None else "%6.2f" % v


def market_medians(truth, series):
    """Median over healthy partners of each partner's median, by market."""
    print("Per-market medians (healthy contact centres; partner medians, then their median)")
    print("  %-20s" % "metric" + "".join("%12s" % m for m in genportfolio.MARKETS))
    for metric in MARKET_METRICS:
        cells = []
        for market in genportfolio.MARKETS:
            per = [med(s.values()) for (c, m, seg, src), s in series.items()
                   if m == metric and seg == "" and src == ("client" if metric == "csat" else "partner")
                   and truth["partners"][c]["market"] == market and truth["partners"][c]["healthy"]
                   and truth["partners"][c]["kind"] == "contact_centre"]
            cells.append(med(per))
        print("  %-20s" % metric + "".join("%12s" % fmt(c) for c in cells))


def noise(s):
    """Month-to-month noise: the sd of first differences / sqrt(2)."""
    vals = [s[k] for k in sorted(s)]
    diffs = [b - a for a, b in zip(vals, vals[1:])]
    return statistics.pstdev(diffs) / 2 ** 0.5 if len(diffs) > 2 else None


def common_moves(truth, series):
    """December and product-dip movements, averaged over healthy partners."""
    dip = ym(truth["dip_month"])
    end = ym(truth["end"])
    decembers = [m for m in range(end - 35, end + 1) if m % 12 == 11]
    print("\nPortfolio-wide movements (mean over healthy partners)")
    for metric, src in (("sla_adherence", "partner"), ("fcr", "partner"), ("csat", "client"),
                        ("absenteeism", "partner"), ("response_hours", "partner")):
        d = [s[m] - (s[m - 2] + s[m + 2]) / 2 for (c, mt, seg, so), s in series.items()
             if mt == metric and seg == "" and so == src and truth["partners"][c]["healthy"]
             for m in decembers if all(x in s for x in (m, m - 2, m + 2))]
        print("  December vs Oct/Feb  %-16s %+6.2f (n=%d)" % (metric, statistics.mean(d), len(d)))
    for metric, src in (("csat", "client"), ("csat", "partner"), ("churn_after_contact", "partner")):
        d = [s[dip] - s[dip - 1] for (c, mt, seg, so), s in series.items()
             if mt == metric and seg == "" and so == src and dip in s and dip - 1 in s]
        print("  dip %s vs month before %-16s %-7s %+6.2f (n=%d)"
              % (truth["dip_month"], metric, src, statistics.mean(d), len(d)))


def rates(truth, events, audits, series):
    """Events per partner-month by kind, audit scores, missing values."""
    end = ym(truth["end"])
    per_kind = defaultdict(list)
    for code, t in truth["partners"].items():
        months = end - ym(t["start"]) + 1
        for kind in ("meeting", "best_practice", "improvement_idea", "report_late",
                     "escalation", "incident", "note"):
            n = sum(1 for d, k in events[code] if k == kind)
            per_kind[kind].append(n / months)
    print("\nEvents per partner and month (median, max over partners)")
    for kind, v in per_kind.items():
        print("  %-18s %5.2f %5.2f" % (kind, med(v), max(v)))
    scores = sorted(s for c, a in audits.items() if truth["partners"][c]["healthy"] for d, s in a)
    q = lambda x: scores[int(x * (len(scores) - 1))]  # noqa: E731
    print("Healthy audit scores: n=%d  min %.1f  p10 %.1f  median %.1f  p90 %.1f  max %.1f  "
          "below 85: %.1f %%" % (len(scores), q(0), q(.1), q(.5), q(.9), q(1),
                                 100.0 * sum(s < 85 for s in scores) / len(scores)))
    span = sum(max(s) - min(s) + 1 for s in series.values())
    have = sum(len(s) for s in series.values())
    print("Single values missing inside the series: %.1f %% of %d series-months"
          % (100.0 * (span - have) / span, span))
    counts = defaultdict(int)
    for t in truth["partners"].values():
        counts["%s %s" % (t["market"], t["kind"])] += 1
    print("Partners: " + ", ".join("%s %d" % kv for kv in sorted(counts.items())))


def probe_means(s, onset, end):
    before = [s[m] for m in range(onset - 6, onset) if m in s]
    after = [s[m] for m in range(max(onset, end - 2), end + 1) if m in s]
    return (statistics.mean(before) if before else None,
            statistics.mean(after) if after else None, noise({m: s[m] for m in s if m < onset}))


def problem_lines(code, t, series, events, audits, end):
    p = t["problem"]
    onset, variant = ym(p["onset"]), p.get("variant")
    if p["type"] in ("workforce_stability", "service_delivery") and variant == "both":
        variant = "both_workforce" if p["type"] == "workforce_stability" else "both_service"
    lines = []
    for metric, seg, src in PROBES.get(variant, []):
        seg = "channel=" + p["size"]["channel"] if seg == "chan" else seg
        for (c, m, sg, so), s in sorted(series.items()):
            if c == code and m == metric and sg == seg:
                b, a, sd = probe_means(s, onset, end)
                lines.append("%s%s %s: %s -> %s (noise sd %s)" % (
                    metric, "[%s]" % seg if seg else "", so, fmt(b), fmt(a), fmt(sd)))
    if variant == "contributions_stop":
        for lo, hi, name in ((onset - 12, onset, "12 months before"), (onset, end + 1, "after")):
            n = sum(1 for d, k in events[code] if k in ("best_practice", "improvement_idea")
                    and lo <= ym(d[:7]) < hi)
            lines.append("contributions %s: %.2f a month" % (name, n / max(1, hi - lo)))
    if p["type"] in ("quality_assurance", "partnership_fit"):
        lines.append("audits: " + ", ".join("%s %.1f" % a for a in audits[code][-3:]))
    if variant == "figures_missing":
        rows = sum(1 for (c, *_), s in series.items() if c == code for m in s if m >= onset)
        lines.append("rows from onset: %d" % rows)
    return lines


def problems(truth, series, events, audits):
    end = ym(truth["end"])
    print("\nPlanted problems: before (6 months) -> after (last 3 months) means")
    for code, t in sorted(truth["partners"].items()):
        if t["healthy"]:
            continue
        p = t["problem"]
        print("  %s %-8s %s/%s %s onset %s %s" % (code, t["market"], p["type"], p.get("variant"),
                                                  p["shape"], p["onset"],
                                                  json.dumps(p["size"], sort_keys=True)))
        for line in problem_lines(code, t, series, events, audits, end):
            print("      " + line)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("dir", nargs="?")
    ap.add_argument("--seed", type=int)
    ap.add_argument("--partners", type=int, default=60)
    args = ap.parse_args(argv)
    if args.dir is None and args.seed is None:
        ap.error("give a directory or --seed")
    if args.dir:
        return report(args.dir)
    with tempfile.TemporaryDirectory(prefix="bpw-sanity-") as directory:
        genportfolio.generate(args.seed, directory, args.partners)
        return report(directory)


def report(directory):
    truth, series, events, audits = load(directory)
    print("%s: seed %s, %d partners, dip %s" % (directory, truth["seed"], len(truth["partners"]),
                                               truth["dip_month"]))
    market_medians(truth, series)
    common_moves(truth, series)
    rates(truth, events, audits, series)
    problems(truth, series, events, audits)
    return 0


if __name__ == "__main__":
    sys.exit(main())
