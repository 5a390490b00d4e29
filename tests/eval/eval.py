#!/usr/bin/env python3
"""eval.py: how well `bpowatch check` finds planted problems (`make eval`).

    eval.py --bpowatch PATH [--seeds 1,2,3,4,5] [--partners 60] [--json FILE]
            [--work DIR] [--config FILE] [--jobs N] [--quick]

For each seed it generates a portfolio with known truth (genportfolio.py),
imports it into a fresh database with the real binary, runs `check --as-of M
--format json` for each judged month M (today = the 15th of the month after)
and measures recall, lead time, false alarms on healthy partner-months,
precision and the product-dip month, beside a naive fixed-threshold
scorecard computed here on the same data. Prints a table, writes every
figure as JSON. Exit status: 0 whatever the figures (it is a measurement),
1 when the harness itself failed (an import, a check, the JSON).
"""

import argparse
import csv
import hashlib
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor

sys.dont_write_bytecode = True     # keep the source tree clean (distcheck)
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import genportfolio  # noqa: E402  (the generator beside this file)

INDICATORS = genportfolio.INDICATORS
FLAG = ("watch", "alert")
IMPORT_ORDER = ["partners", "observations", "events", "qa"]
TARGETS = {"recall": 0.85, "false_alarms": 0.10, "false_alerts": 0.02,
           "precision": 0.50, "median_lead": 2.0, "dip_alerts": 0}


class HarnessError(Exception):
    """The harness itself failed: the result would not mean anything."""


# ------------------------------------------------------------ months

def ym(text):
    return genportfolio.ym_parse(text[:7])


def ym_str(n):
    return genportfolio.ym_str(n)


def today_for(month):
    """The day a month is judged: the 15th of the month after."""
    return ym_str(ym(month) + 1) + "-15"


# ------------------------------------------------------------ the binary

class Binary:
    """A snapshot of bpowatch and its data directory, so a rebuild during
    the run cannot change the program half-way; plus a clean environment
    (no personal configuration, no default database)."""

    def __init__(self, path, work, config=None):
        path = os.path.abspath(path)
        if not os.access(path, os.X_OK):
            raise HarnessError("%s is not an executable" % path)
        datadir = self._datadir(path)
        self.env = dict(os.environ)
        self.env.pop("BPOWATCH_DB", None)
        self.env["XDG_CONFIG_HOME"] = os.path.join(work, "xdg-config")
        self.exe = path
        if datadir and os.path.isdir(datadir):
            self.exe = os.path.join(work, "bin", "bpowatch")
            os.makedirs(os.path.dirname(self.exe), exist_ok=True)
            shutil.copy2(path, self.exe)
            shutil.copytree(datadir, os.path.join(work, "data"), dirs_exist_ok=True)
            self.env["BPOWATCH_DATADIR"] = os.path.join(work, "data")
        else:
            print("eval: --version names no existing data directory; "
                  "running %s in place" % path, file=sys.stderr)
        self.config = os.path.abspath(config) if config else None
        self.source = path
        with open(self.exe, "rb") as f:
            self.sha256 = hashlib.sha256(f.read()).hexdigest()

    @staticmethod
    def _datadir(path):
        """The data directory the binary reads (from --version)."""
        out = subprocess.run([path, "--version"], capture_output=True, text=True)
        for line in out.stdout.splitlines():
            if "default configuration:" in line:
                return os.path.dirname(line.split(":", 1)[1].strip())
        return None

    def run(self, db, args, ok=(0,)):
        cmd = [self.exe, "--db", db]
        if self.config:
            cmd += ["--config", self.config]
        res = subprocess.run(cmd + args, capture_output=True, text=True, env=self.env)
        if res.returncode not in ok:
            raise HarnessError("`bpowatch %s` exited %d:\n%s" % (
                " ".join(args), res.returncode, res.stderr.strip() or res.stdout[-2000:]))
        return res


# ------------------------------------------------------------ one seed

def prepare(binary, seed, n_partners, work):
    """Generate, create the database and import; returns (dir, db, truth)."""
    out = os.path.join(work, "seed-%d" % seed)
    shutil.rmtree(out, ignore_errors=True)
    truth = genportfolio.generate(seed, out, n_partners)
    db = os.path.join(out, "bpowatch.db")
    binary.run(db, ["init"])
    for kind in IMPORT_ORDER:
        path = os.path.join(out, kind + ".csv")
        try:
            binary.run(db, ["import", "--type", kind, path])
        except HarnessError as e:
            raise HarnessError("seed %d: import of %s failed: %s" % (seed, path, e))
    return out, db, truth


def check_month(binary, db, month):
    """One `check` run, reduced to what the measures read."""
    res = binary.run(db, ["--today", today_for(month), "check", "--as-of", month,
                          "--format", "json"], ok=(0, 1, 2))
    try:
        doc = json.loads(res.stdout)
    except ValueError as e:
        raise HarnessError("check --as-of %s: not JSON (%s)" % (month, e))
    if doc.get("as_of") != month:
        raise HarnessError("check --as-of %s answered as of %s" % (month, doc.get("as_of")))
    if doc["partners"] and not any(p["indicators"] for p in doc["partners"]):
        raise HarnessError("check --as-of %s judged no indicator at all (is the default "
                           "configuration missing?): %s" % (month, res.stderr.strip()))
    return {p["code"]: reduce_partner(p) for p in doc["partners"]}


def reduce_partner(p):
    ind = {}
    for i in p["indicators"]:
        rules = [(r["rule"], r["status"], r.get("reason") or "") for r in i.get("rules", [])]
        ind[i["key"]] = {"status": i["status"], "reason": i.get("reason") or "",
                         "rules": rules}
    return {"status": p["status"], "ind": ind}


def months_to_run(truth):
    """The judged months and the month before them (the lead-time baseline)."""
    judged = truth["judged"]
    return [ym_str(ym(judged[0]) - 1)] + judged


# ------------------------------------------------------------ the naive scorecard

NAIVE_LEVELS = [  # metric, indicator, higher is better, watch, alert
    ("csat", "customer_satisfaction", True, 78.0, 74.0),
    ("attrition", "workforce_stability", False, 4.0, 5.0),
    ("absenteeism", "workforce_stability", False, 7.0, 9.0),
    ("sla_adherence", "service_delivery", True, 92.0, 90.0),
    ("fcr", "service_delivery", True, 70.0, 65.0),
    ("report_on_time", "communication", True, 92.0, 85.0),
    ("response_hours", "communication", False, 24.0, 48.0),
]


def load_data(directory):
    """observations by (partner, metric, source) -> {month: value} (totals),
    and final audits by partner -> [(date, score, critical_fail)]."""
    obs = defaultdict(dict)
    with open(os.path.join(directory, "observations.csv"), encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if r["segment"] == "":
                obs[(r["partner"], r["metric"], r["source"])][ym(r["period"])] = float(r["value"])
    return obs, load_audits(directory)


def load_audits(directory):
    reviews = defaultdict(list)
    with open(os.path.join(directory, "qa.csv"), encoding="utf-8") as f:
        for r in csv.DictReader(f):
            reviews[(r["review"], r["partner"], r["date"])].append(r)
    audits = defaultdict(list)
    for (review, partner, date), rows in reviews.items():
        earned = possible = 0.0
        critical = False
        for r in rows:
            a, w = r["answer"], float(r["weight"])
            if a in ("", "na"):
                continue
            earned += w * (1.0 if a == "pass" else 0.0 if a == "fail" else int(a) / 5.0)
            possible += w
            critical |= r["critical"] == "yes" and a in ("fail", "0")
        audits[partner].append((date, 100.0 * earned / possible, critical))
    for v in audits.values():
        v.sort()
    return audits


def latest(series, month, lag=2):
    """The latest value at most lag months before month, or None."""
    for m in range(month, month - lag - 1, -1):
        if m in series:
            return series[m]
    return None


def naive_level(obs, code, metric, higher, watch, alert, month):
    sources = ["client", "partner"] if metric == "csat" else ["partner"]
    for src in sources:
        series = obs.get((code, metric, src))
        if series:
            v = latest(series, month)
            if v is None:
                return "no_data", "%s: no value" % metric
            worse = (lambda x, t: x < t) if higher else (lambda x, t: x > t)
            status = "alert" if worse(v, alert) else "watch" if worse(v, watch) else "ok"
            return status, "%s %.1f (%s) vs %g/%g" % (metric, v, src, watch, alert)
    return None, ""


def naive_audit(audits, code, month):
    today = today_for(month)
    done = [a for a in audits.get(code, []) if a[0] <= today]
    if not done:
        return "no_data", "no audit"
    date, score, critical = done[-1]
    status = "alert" if critical or score < 80 else "watch" if score < 85 else "ok"
    return status, "audit %s: %.1f%%%s" % (date, score, ", critical fail" if critical else "")


def naive_partner(obs, audits, code, month):
    """The Excel scorecard's verdict for one partner and month."""
    rules = defaultdict(list)
    m = ym(month)
    for metric, key, higher, watch, alert in NAIVE_LEVELS:
        status, reason = naive_level(obs, code, metric, higher, watch, alert, m)
        if status:
            rules[key].append((metric, status, reason))
    status, reason = naive_audit(audits, code, month)
    rules["quality_assurance"].append(("last_audit", status, reason))
    ind = {}
    for key, rs in rules.items():
        worst = max((r[1] for r in rs), key=rank)
        ind[key] = {"status": worst, "rules": rs,
                    "reason": "; ".join(r[2] for r in rs if r[1] == worst)}
    overall = max((i["status"] for i in ind.values()), key=rank)
    return {"status": overall, "ind": ind}


def rank(status):
    return {"ok": 0, "n/a": 0, "no_data": 1, "watch": 2, "alert": 3}.get(status, 0)


def naive_verdicts(directory, truth):
    obs, audits = load_data(directory)
    return {month: {code: naive_partner(obs, audits, code, month)
                    for code in truth["partners"]}
            for month in months_to_run(truth)}


# ------------------------------------------------------------ cases

# Problems whose evidence is dated by the day (an audit, an event, a
# meeting): a month is judged on the 15th of the next (today_for), and what
# happened up to that day counts (bpowatch(1), THE MONTH JUDGED). A problem
# that began in that next month can already show, so its partner is not
# counted healthy for the month judged then.
DAY_DATED = {"quality_assurance", "partnership_fit", "proactivity"}


def day_dated(prob):
    return 1 if prob["indicator"] in DAY_DATED else 0


def cases(seed, truth, verdicts):
    """Partner-months and problems of one seed, in the shape the measures read."""
    months, problems = [], []
    for code, t in sorted(truth["partners"].items()):
        prob, start = t["problem"], ym(t["start"])
        onset = ym(prob["onset"]) if prob else None
        for month in truth["judged"]:
            if ym(month) < start:
                continue
            v = verdicts[month].get(code)
            if v is None:
                raise HarnessError("seed %d: %s missing from check as of %s" % (seed, code, month))
            healthy = prob is None or ym(month) + day_dated(prob) < onset
            keys = [] if healthy else [prob["indicator"]] + prob["related"]
            months.append({"seed": seed, "code": code, "month": month, "healthy": healthy,
                           "problem_keys": keys, "verdict": v,
                           "dip": month == truth["dip_month"], "end": truth["end"]})
        if prob:
            problems.append(problem_case(seed, code, prob, truth, verdicts))
    return months, problems


def problem_case(seed, code, prob, truth, verdicts):
    keys = [prob["indicator"]] + prob["related"]
    series = {m: {k: v[code]["ind"].get(k, {}).get("status", "ok") for k in keys}
              for m, v in verdicts.items()}
    reasons = {m: v[code]["ind"].get(prob["indicator"], {}).get("reason", "")
               for m, v in verdicts.items()}
    return {"seed": seed, "code": code, "type": prob["type"],
            "variant": prob.get("variant"), "shape": prob["shape"],
            "size": prob["size"], "onset": prob["onset"], "primary": prob["indicator"],
            "related": prob["related"], "end": truth["end"], "series": series,
            "end_reason": reasons[truth["end"]]}


# ------------------------------------------------------------ measures

def share(num, den):
    return num / den if den else None


def recall(problems):
    """Problem indicator WATCH/ALERT at the end month, by type, by
    type/variant and overall."""
    by_type = defaultdict(lambda: {"n": 0, "primary": 0, "any": 0})
    for p in problems:
        end = p["series"][p["end"]]
        for key in (p["type"], "%s/%s" % (p["type"], p["variant"]), "overall"):
            row = by_type[key]
            row["n"] += 1
            row["primary"] += end[p["primary"]] in FLAG
            row["any"] += any(end[k] in FLAG for k in end)
    for row in by_type.values():
        row["primary_share"] = share(row["primary"], row["n"])
        row["any_share"] = share(row["any"], row["n"])
    return dict(by_type)


def lead_month(p):
    """Months from onset to the first NEW flag on a problem indicator, or None.
    A problem shown by a dated audit or event can be flagged in the month
    before its onset (judged on the 15th of the onset month): lead 0."""
    onset = ym(p["onset"])
    first = onset - (1 if p["primary"] in DAY_DATED else 0)
    before = p["series"].get(ym_str(first - 1), {})
    for m in range(first, ym(p["end"]) + 1):
        now = p["series"].get(ym_str(m), {})
        if any(s in FLAG and before.get(k) not in FLAG for k, s in now.items()):
            return max(m - onset, 0)
    return None


def lead_times(problems):
    """Lead times overall and by type (median over detected problems)."""
    leads = [lead_month(p) for p in problems]
    out = lead_summary(leads)
    out["by_type"] = {t: lead_summary([x for p, x in zip(problems, leads) if p["type"] == t])
                      for t in INDICATORS}
    out["leads"] = [{"seed": p["seed"], "partner": p["code"], "type": p["type"], "lead": x}
                    for p, x in zip(problems, leads)]
    return out


def lead_summary(leads):
    found = [x for x in leads if x is not None]
    return {"problems": len(leads), "detected": len(found),
            "median_months": statistics.median(found) if found else None,
            "within_2_months": share(sum(1 for x in found if x <= 2), len(leads))}


def false_alarms(months):
    """Healthy partner-months flagged; which indicators and rules did it."""
    healthy = [m for m in months if m["healthy"]]
    n = len(healthy)
    out = {"partner_months": n,
           "flagged": share(sum(m["verdict"]["status"] in FLAG for m in healthy), n),
           "alert": share(sum(m["verdict"]["status"] == "alert" for m in healthy), n),
           "no_data_status": share(sum(m["verdict"]["status"] == "no_data" for m in healthy), n),
           "any_indicator_no_data": share(sum(any(i["status"] == "no_data" for i in
                                                  m["verdict"]["ind"].values())
                                              for m in healthy), n)}
    out["by_indicator"] = by_indicator(healthy)
    out["by_rule"] = by_rule(healthy)
    return out


def by_indicator(healthy):
    rows = {}
    for key in INDICATORS:
        st = [m["verdict"]["ind"].get(key, {}).get("status", "n/a") for m in healthy]
        flagged = [m for m in healthy if m["verdict"]["ind"].get(key, {}).get("status") in FLAG]
        rows[key] = {"flagged": share(sum(s in FLAG for s in st), len(st)),
                     "alert": share(st.count("alert"), len(st)),
                     "no_data": share(st.count("no_data"), len(st)),
                     "examples": examples(flagged, lambda m: m["verdict"]["ind"][key]["reason"])}
    return rows


def examples(items, reason, k=3):
    """Up to k examples, from different partners where possible."""
    seen, out = set(), []
    for m in items:
        if (m["seed"], m["code"]) not in seen:
            seen.add((m["seed"], m["code"]))
            out.append({"seed": m["seed"], "partner": m["code"], "month": m["month"],
                        "reason": reason(m)})
        if len(out) == k:
            break
    return out


def by_rule(healthy):
    hits = defaultdict(list)
    for m in healthy:
        for key, ind in m["verdict"]["ind"].items():
            for rule, status, reason in ind["rules"]:
                if status in FLAG:
                    hits[(key, rule)].append((m, status, reason))
    rows = []
    for (key, rule), hs in sorted(hits.items(), key=lambda kv: -len(kv[1])):
        items = [dict(m, _reason=r) for m, s, r in hs]
        rows.append({"indicator": key, "rule": rule, "count": len(hs),
                     "alerts": sum(s == "alert" for _, s, _ in hs),
                     "share": share(len(hs), len(healthy)),
                     "examples": examples(items, lambda m: m["_reason"])})
    return rows


def precision(months):
    """Of all flags (partner x month x indicator), those on a planted problem."""
    flags = hits = 0
    for m in months:
        for key, ind in m["verdict"]["ind"].items():
            if ind["status"] in FLAG:
                flags += 1
                hits += key in m["problem_keys"]
    return {"flags": flags, "on_problems": hits, "share": share(hits, flags)}


def dip(months):
    """Healthy partners in the product-dip month."""
    rows = [m for m in months if m["dip"] and m["healthy"]]
    csat = [m for m in rows if "customer_satisfaction" in m["verdict"]["ind"]]
    flagged = [m for m in csat if m["verdict"]["ind"]["customer_satisfaction"]["status"] in FLAG]
    alerts = [m for m in rows if m["verdict"]["status"] == "alert"]
    return {"healthy_partners": len(rows), "alert": len(alerts),
            "alert_examples": examples(alerts, alert_reasons, k=10),
            "watch": sum(m["verdict"]["status"] == "watch" for m in rows),
            "csat_flagged": len(flagged),
            "csat_examples": examples(flagged + [m for m in csat if m not in flagged],
                                      lambda m: "%s: %s" % (
                                          m["verdict"]["ind"]["customer_satisfaction"]["status"],
                                          m["verdict"]["ind"]["customer_satisfaction"]["reason"]))}


def alert_reasons(m):
    return "; ".join("%s: %s" % (k, i["reason"]) for k, i in m["verdict"]["ind"].items()
                     if i["status"] == "alert")


def end_month(months):
    """Partners WATCH/ALERT when judged as of the last month (all partners)."""
    rows = [m for m in months if m["month"] == m["end"]]
    return {"partners": len(rows),
            "flagged": sum(m["verdict"]["status"] in FLAG for m in rows),
            "alert": sum(m["verdict"]["status"] == "alert" for m in rows),
            "healthy_flagged": sum(m["verdict"]["status"] in FLAG for m in rows
                                   if m["healthy"]),
            "healthy": sum(m["healthy"] for m in rows)}


def measure(months, problems):
    return {"end_month": end_month(months), "recall": recall(problems),
            "lead": lead_times(problems),
            "false_alarms": false_alarms(months), "precision": precision(months),
            "dip": dip(months), "missed": missed(problems)}


def missed(problems):
    """Problems none of whose indicators is flagged at the end month."""
    out = []
    for p in problems:
        end = p["series"][p["end"]]
        if not any(s in FLAG for s in end.values()):
            lead = lead_month(p)
            out.append({"seed": p["seed"], "partner": p["code"], "type": p["type"],
                        "variant": p["variant"], "shape": p["shape"], "onset": p["onset"],
                        "size": p["size"], "ever_detected": lead is not None,
                        "end_reason": p["end_reason"]})
    return out


# ------------------------------------------------------------ running

def run_seeds(binary, seeds, n_partners, work, jobs):
    """Prepare every seed, run every check; returns per-seed data."""
    with ThreadPoolExecutor(jobs) as pool:
        prepared = list(pool.map(lambda s: prepare(binary, s, n_partners, work), seeds))
        tasks = {(s, m): pool.submit(check_month, binary, db, m)
                 for s, (d, db, truth) in zip(seeds, prepared)
                 for m in months_to_run(truth)}
        results = {k: f.result() for k, f in tasks.items()}
        naive = list(pool.map(lambda p: naive_verdicts(p[0], p[2]), prepared))
    out = []
    for s, (d, db, truth), nv in zip(seeds, prepared, naive):
        verdicts = {m: results[(s, m)] for m in months_to_run(truth)}
        out.append({"seed": s, "truth": truth, "engine": cases(s, truth, verdicts),
                    "naive": cases(s, truth, nv)})
    return out


def evaluate(runs):
    """Measures per seed and pooled, for the engine and the naive scorecard."""
    result = {"seeds": [], "pooled": {}}
    pooled = {"engine": ([], []), "naive": ([], [])}
    for r in runs:
        entry = {"seed": r["seed"], "dip_month": r["truth"]["dip_month"],
                 "partners": len(r["truth"]["partners"])}
        for who in ("engine", "naive"):
            months, problems = r[who]
            entry[who] = measure(months, problems)
            pooled[who][0].extend(months)
            pooled[who][1].extend(problems)
        result["seeds"].append(entry)
    for who, (months, problems) in pooled.items():
        result["pooled"][who] = measure(months, problems)
    result["targets"] = targets(result["pooled"]["engine"])
    return result


def targets(m):
    """The pooled engine figures against the targets: met or missed."""
    fa, lead = m["false_alarms"], m["lead"]["median_months"]
    at_least = lambda limit: lambda v: v is not None and v >= limit  # noqa: E731
    at_most = lambda limit: lambda v: v is not None and v <= limit   # noqa: E731
    rows = [("recall (primary or related) at the end month",
             m["recall"]["overall"]["any_share"], "pct", ">= 85 %", at_least(TARGETS["recall"])),
            ("false alarms, healthy partner-months", fa["flagged"], "pct", "<= 10 %",
             at_most(TARGETS["false_alarms"])),
            ("ALERT, healthy partner-months", fa["alert"], "pct", "<= 2 %",
             at_most(TARGETS["false_alerts"])),
            ("precision of flags", m["precision"]["share"], "pct", ">= 50 %",
             at_least(TARGETS["precision"])),
            ("median lead time (months)", lead, "months", "<= 2", at_most(TARGETS["median_lead"])),
            ("ALERTs on healthy partners in the dip month", m["dip"]["alert"], "count", "0",
             at_most(TARGETS["dip_alerts"]))]
    return [{"measure": name, "value": v, "unit": unit, "target": text, "met": ok(v)}
            for name, v, unit, text, ok in rows]


# ------------------------------------------------------------ the table

def pct(v):
    return "   -  " if v is None else "%5.1f%%" % (100 * v)


def print_report(result, elapsed, binary):
    out = []
    out.append("bpowatch eval: %s, seeds %s, %.1f s"
               % (binary.source, ",".join(str(s["seed"]) for s in result["seeds"]), elapsed))
    out += seed_table(result)
    eng, nai = result["pooled"]["engine"], result["pooled"]["naive"]
    out += ["", "Pooled over seeds                       engine    naive scorecard"]
    out += recall_table(eng, nai)
    out += pooled_table(eng, nai)
    out += ["", "Targets (engine, pooled)"]
    for t in result["targets"]:
        v = t["value"]
        text = pct(v) if t["unit"] == "pct" else fmt_lead(v)
        out.append("  %-46s %-8s %-9s %s" % (t["measure"], text, t["target"],
                                              "met" if t["met"] else "MISSED"))
    out += false_alarm_table(eng)
    out += dip_table(eng)
    out += missed_table(eng)
    print("\n".join(out))


def seed_table(result):
    out = ["", "seed  dip      partners flagged@end problems  recall  lead  false-al  alerts  precision"]
    for s in result["seeds"]:
        e = s["engine"]
        out.append("%4d  %s  %5d    %5d      %6d    %s  %4s  %s   %s  %s" % (
            s["seed"], s["dip_month"], s["partners"], e["end_month"]["flagged"],
            e["recall"]["overall"]["n"],
            pct(e["recall"]["overall"]["any_share"]), fmt_lead(e["lead"]["median_months"]),
            pct(e["false_alarms"]["flagged"]), pct(e["false_alarms"]["alert"]),
            pct(e["precision"]["share"])))
    return out


def fmt_lead(v):
    return "-" if v is None else "%g" % v


def recall_table(eng, nai):
    out = ["  recall at the end month (primary / primary or related):"]
    for key in INDICATORS + ["overall"]:
        e, n = eng["recall"].get(key), nai["recall"].get(key)
        if not e:
            continue
        out.append("    %-24s n=%-3d %s / %s    %s / %s" % (
            key, e["n"], pct(e["primary_share"]), pct(e["any_share"]),
            pct(n["primary_share"]), pct(n["any_share"])))
    return out


def pooled_table(eng, nai):
    ee, ne = eng["end_month"], nai["end_month"]
    rows = [("partners flagged at the end month", "%d/%d" % (ee["flagged"], ee["partners"]),
             "%d/%d" % (ne["flagged"], ne["partners"])),
            ("  healthy partners flagged there", "%d/%d" % (ee["healthy_flagged"], ee["healthy"]),
             "%d/%d" % (ne["healthy_flagged"], ne["healthy"])),
            ("median lead time (months)", fmt_lead(eng["lead"]["median_months"]),
             fmt_lead(nai["lead"]["median_months"])),
            ("detected within 2 months (of all)", pct(eng["lead"]["within_2_months"]),
             pct(nai["lead"]["within_2_months"])),
            ("detected at all (new flag)", "%d/%d" % (eng["lead"]["detected"], eng["lead"]["problems"]),
             "%d/%d" % (nai["lead"]["detected"], nai["lead"]["problems"])),
            ("false alarms (WATCH+ALERT)", pct(eng["false_alarms"]["flagged"]),
             pct(nai["false_alarms"]["flagged"])),
            ("  of which ALERT", pct(eng["false_alarms"]["alert"]), pct(nai["false_alarms"]["alert"])),
            ("healthy partner-months NO DATA", pct(eng["false_alarms"]["no_data_status"]),
             pct(nai["false_alarms"]["no_data_status"])),
            ("  an indicator NO DATA", pct(eng["false_alarms"]["any_indicator_no_data"]),
             pct(nai["false_alarms"]["any_indicator_no_data"])),
            ("precision of flags", pct(eng["precision"]["share"]), pct(nai["precision"]["share"])),
            ("dip month: healthy ALERT / WATCH", "%d / %d" % (eng["dip"]["alert"], eng["dip"]["watch"]),
             "%d / %d" % (nai["dip"]["alert"], nai["dip"]["watch"]))]
    return ["  %-36s %9s    %9s" % r for r in rows] + [
        "  (healthy partner-months: %d; flags: %d engine, %d naive)" % (
            eng["false_alarms"]["partner_months"], eng["precision"]["flags"],
            nai["precision"]["flags"])]


def false_alarm_table(eng):
    fa = eng["false_alarms"]
    out = ["", "False alarms by indicator (share of healthy partner-months WATCH+ALERT / ALERT / NO DATA)"]
    for key, row in fa["by_indicator"].items():
        out.append("  %-24s %s %s %s" % (key, pct(row["flagged"]), pct(row["alert"]),
                                          pct(row["no_data"])))
    out += ["", "Top false-alarm rules (healthy partner-months; one example each, more in the JSON)"]
    for row in fa["by_rule"][:12]:
        ex = row["examples"][0]
        out.append("  %5d (%d ALERT) %s/%s" % (row["count"], row["alerts"], row["indicator"], row["rule"]))
        out.append("        e.g. seed %d %s %s: %s" % (ex["seed"], ex["partner"], ex["month"],
                                                     ex["reason"][:150]))
    return out


def dip_table(eng):
    d = eng["dip"]
    out = ["", "Product-dip month: %d healthy partner-months, %d ALERT, %d WATCH, CSAT flagged on %d"
           % (d["healthy_partners"], d["alert"], d["watch"], d["csat_flagged"])]
    for ex in d["alert_examples"]:
        out.append("  ALERT seed %d %s %s: %s" % (ex["seed"], ex["partner"], ex["month"],
                                                 ex["reason"][:150]))
    for ex in d["csat_examples"]:
        out.append("  seed %d %s %s: %s" % (ex["seed"], ex["partner"], ex["month"], ex["reason"][:150]))
    return out


def missed_table(eng, limit=15):
    rows = eng["missed"]
    out = ["", "Problems not flagged at the end month: %d (first %d)" % (len(rows), min(limit, len(rows)))]
    for r in rows[:limit]:
        out.append("  seed %d %s %s/%s %s onset %s size %s%s" % (
            r["seed"], r["partner"], r["type"], r["variant"], r["shape"], r["onset"],
            json.dumps(r["size"], sort_keys=True), "" if not r["ever_detected"] else
            " (seen earlier)"))
    return out


# ------------------------------------------------------------ main

def parse_args(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bpowatch", required=True, help="the bpowatch binary to judge")
    ap.add_argument("--seeds", default="1,2,3,4,5")
    ap.add_argument("--partners", type=int, default=60)
    ap.add_argument("--json", help="write every figure here")
    ap.add_argument("--work", help="keep the generated files and databases here")
    ap.add_argument("--config", help="a configuration file to judge with (--config)")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--quick", action="store_true", help="2 seeds, 30 partners (CI)")
    args = ap.parse_args(argv)
    if args.quick:
        args.seeds, args.partners = "1,2", 30
    args.seed_list = [int(s) for s in args.seeds.split(",") if s.strip()]
    return args


def main(argv=None):
    args = parse_args(argv)
    work = os.path.abspath(args.work) if args.work else tempfile.mkdtemp(prefix="bpw-eval-")
    os.makedirs(work, exist_ok=True)
    started = time.monotonic()
    try:
        binary = Binary(args.bpowatch, work, args.config)
        runs = run_seeds(binary, args.seed_list, args.partners, work, max(1, args.jobs))
        result = evaluate(runs)
    except (HarnessError, OSError) as e:
        print("eval: %s" % e, file=sys.stderr)
        return 1
    finally:
        if not args.work:
            shutil.rmtree(work, ignore_errors=True)
    elapsed = time.monotonic() - started
    result.update(binary=binary.source, binary_sha256=binary.sha256, seeds_run=args.seed_list, partners=args.partners,
                  config=args.config, seconds=round(elapsed, 1))
    print_report(result, elapsed, binary)
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(result, f, indent=1, ensure_ascii=False)
            f.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
