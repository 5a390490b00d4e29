#!/usr/bin/env python3
"""gensample.py: writes the monthly series of the sample portfolio into
sample-db/sample.sql (the block of `INSERT INTO sample_series`), from each
partner's market levels, its own noise, the December season, the March
2026 product release and its story. Seeded: the same script writes the
same numbers. The build does not run it; sample.sql is the source, and
this is how its figures were made (edit a story here, rerun, rebuild).

    python3 sample-db/gensample.py [sample-db/sample.sql]

Each series is the partner's market level, its own month-to-month noise
(a little memory from month to month), the December dent (SLA, first-contact
resolution and CSAT down, absenteeism and response time up), the release
of March 2026 (every partner's CSAT down 4-5.5 points, half of it left in
April) and, from its onset, the partner's story.
"""
import math
import os
import random
import sys

MONTHS = 36                     # 2023-11 .. 2026-10
FIRST = (2023, 11)
DIP = 28                        # 2026-03: app release 5.0
# The draw the sample uses; BPW_SAMPLE_SEED tries another (the stories must
# hold and the benchmark stay clean: tests/cli/test_check.sh says so).
SEED = int(os.environ.get("BPW_SAMPLE_SEED", "2"))


def month_of(i):
    y, m = FIRST
    m += i
    return y + (m - 1) // 12, (m - 1) % 12 + 1


def idx(ym):
    """Index of a month written 'YYYY-MM'."""
    y, m = int(ym[:4]), int(ym[5:])
    return (y - FIRST[0]) * 12 + m - FIRST[1]


def ramp(i, start, months):
    """0 before start, rising linearly to 1 over `months` months."""
    if i < start:
        return 0.0
    return min(1.0, (i - start + 1) / months)


class Partner:
    """A partner's normal levels, its noise and its story."""

    def __init__(self, code, kind, levels, noise=1.0, season=1.0,
                 channels=("phone", "email", "chat"), teams=("A", "B"),
                 csat_bias=1.8):
        self.code, self.kind = code, kind
        self.lv = levels
        self.noise, self.season = noise, season
        self.channels = channels if kind == "cc" else ()
        self.teams = teams
        self.csat_bias = csat_bias
        self.story = {}         # metric -> function(i) -> change
        self.missing = set()    # month indexes with no figures at all


def ar1(rng, n, sd, rho=0.3):
    """Month-to-month noise with a little memory."""
    out, prev = [], 0.0
    for _ in range(n):
        prev = rho * prev + math.sqrt(1 - rho * rho) * rng.gauss(0, sd)
        out.append(prev)
    return out


def december(i):
    return 1.0 if month_of(i)[1] == 12 else 0.0


def dip(i):
    """The release: the whole dent in March, half of it left in April."""
    return 1.0 if i == DIP else 0.5 if i == DIP + 1 else 0.0


def series(rng, p, metric):
    """The total of one metric, month by month, before rounding."""
    lv, s, f = p.lv[metric], p.noise, p.season
    change = p.story.get(metric, lambda i: 0.0)
    if metric in ("csat", "csat_partner"):
        noise = ar1(rng, MONTHS, 0.7 * s)
        dent = -rng.uniform(4.0, 5.5)
        return [lv + noise[i] - 0.8 * f * december(i) + dent * dip(i) + change(i)
                for i in range(MONTHS)]
    if metric == "sla_adherence":
        noise = ar1(rng, MONTHS, 0.8 * s)
        return [min(99.5, lv + noise[i] - 2.5 * f * december(i) + change(i))
                for i in range(MONTHS)]
    if metric == "fcr":
        noise = ar1(rng, MONTHS, 0.8 * s)
        return [lv + noise[i] - 0.8 * f * december(i) + change(i) for i in range(MONTHS)]
    if metric in ("attrition", "absenteeism"):
        rel = ar1(rng, MONTHS, 0.07 * s)
        bump = 0.25 if metric == "absenteeism" else 0.0
        return [lv * (1 + rel[i]) + bump * lv * 0.15 * f * december(i) + change(i)
                for i in range(MONTHS)]
    if metric == "churn_after_contact":
        rel = ar1(rng, MONTHS, 0.05 * s)
        return [lv * (1 + rel[i]) * (1 + 0.12 * dip(i)) + change(i) for i in range(MONTHS)]
    if metric == "cost_per_contact":
        rel = ar1(rng, MONTHS, 0.015 * s)
        # January indexation of about 3 % a year
        return [lv * (1.03 ** ((i + 10) // 12)) * (1 + rel[i]) + change(i)
                for i in range(MONTHS)]
    if metric == "qa_score":
        noise = ar1(rng, MONTHS, 0.6 * s)
        return [lv + noise[i] + change(i) for i in range(MONTHS)]
    if metric == "report_on_time":
        # A handful of reports a month: the share moves in steps.
        out = []
        for i in range(MONTHS):
            late = sum(1 for _ in range(20) if rng.random() < (100 - lv) / 100.0 / 1.0)
            out.append(max(0.0, 100.0 - 5.0 * late + change(i)))
        return out
    if metric == "response_hours":
        rel = ar1(rng, MONTHS, 0.12 * s)
        return [lv * math.exp(rel[i]) * (1 + 0.15 * f * december(i)) + change(i)
                for i in range(MONTHS)]
    if metric == "escalations":
        out = []
        for i in range(MONTHS):
            mean = lv * (1 + 0.25 * dip(i)) + change(i)
            out.append(float(poisson(rng, mean)))
        return out
    raise ValueError(metric)


def poisson(rng, mean):
    k, t = 0, rng.random()
    limit = math.exp(-mean)
    while t > limit:
        k += 1
        t *= rng.random()
    return k


DECIMALS = {"csat": 1, "churn_after_contact": 2, "escalations": 0, "attrition": 1,
            "absenteeism": 1, "cost_per_contact": 2, "sla_adherence": 1, "fcr": 1,
            "qa_score": 1, "report_on_time": 0, "response_hours": 1}


def fmt(metric, values, missing):
    d = DECIMALS[metric]
    width = 6
    out = []
    for i, v in enumerate(values):
        out.append("-".rjust(width) if i in missing or v is None
                   else ("%.*f" % (d, v)).rjust(width))
    return " ".join(out)


def partners():
    """The eight partners: market levels, noise and stories."""
    ps = []
    # NLK: the healthy benchmark, Hamburg (onshore: high CSAT, low attrition).
    nlk = Partner("NLK", "cc", dict(csat=86.0, churn_after_contact=1.58, escalations=8,
                                    attrition=2.1, absenteeism=4.6, cost_per_contact=5.40,
                                    sla_adherence=95.0, fcr=80.0, qa_score=92.0,
                                    report_on_time=99.5, response_hours=5.0),
                  noise=0.8, season=0.8)
    ps.append(nlk)
    # ATL: Lisbon. CSAT falls from June, churn after contact doubles on the
    # phone channel only from July, escalations climb.
    atl = Partner("ATL", "cc", dict(csat=82.6, churn_after_contact=2.05, escalations=14,
                                    attrition=3.0, absenteeism=5.5, cost_per_contact=3.55,
                                    sla_adherence=93.2, fcr=76.2, qa_score=88.0,
                                    report_on_time=98.5, response_hours=8.0))
    atl.story["csat"] = lambda i: -10.0 * ramp(i, idx("2026-06"), 5)
    atl.story["csat_partner"] = lambda i: -9.0 * ramp(i, idx("2026-06"), 5)
    atl.story["phone_churn"] = lambda i: 1.0 * ramp(i, idx("2026-07"), 3)
    atl.story["escalations"] = lambda i: 16.0 * ramp(i, idx("2026-07"), 3)
    ps.append(atl)
    # VSC: Krakow. Attrition from 2.6 % to over 6 % a month from April,
    # absenteeism up from May.
    vsc = Partner("VSC", "cc", dict(csat=84.2, churn_after_contact=1.85, escalations=10,
                                    attrition=2.6, absenteeism=5.2, cost_per_contact=3.20,
                                    sla_adherence=94.0, fcr=78.0, qa_score=90.0,
                                    report_on_time=99.0, response_hours=7.0))
    vsc.story["attrition"] = lambda i: 3.6 * ramp(i, idx("2026-04"), 6)
    vsc.story["absenteeism"] = lambda i: 3.0 * ramp(i, idx("2026-05"), 5)
    ps.append(vsc)
    # SUN: Manila (offshore: attrition of 6-7 % a month is its normal).
    # From April cost per contact falls and SLA rises while the CSAT we
    # measure and the QA score fall; its own CSAT figure stays high.
    sun = Partner("SUN", "cc", dict(csat=80.0, churn_after_contact=2.6, escalations=18,
                                    attrition=6.6, absenteeism=8.0, cost_per_contact=3.80,
                                    sla_adherence=88.5, fcr=71.0, qa_score=88.2,
                                    report_on_time=97.0, response_hours=12.0),
                  noise=1.1, csat_bias=8.0)
    sun.story["cost_per_contact"] = lambda i: -0.60 * ramp(i, idx("2026-04"), 6)
    sun.story["sla_adherence"] = lambda i: 4.0 * ramp(i, idx("2026-04"), 6)
    sun.story["csat"] = lambda i: -6.5 * ramp(i, idx("2026-06"), 4)
    sun.story["csat_partner"] = lambda i: 0.0
    sun.story["qa_score"] = lambda i: -6.0 * ramp(i, idx("2026-06"), 4)
    ps.append(sun)
    # DPS: Sofia, payroll (back office). Its figures are fine; its story is
    # in the events (no contributions since spring) and its audit.
    dps = Partner("DPS", "bo", dict(csat=84.0, churn_after_contact=0, escalations=3,
                                    attrition=3.0, absenteeism=5.0, cost_per_contact=6.10,
                                    sla_adherence=96.5, fcr=82.0, qa_score=89.0,
                                    report_on_time=99.0, response_hours=9.0),
                  teams=("payroll", "tax"), noise=0.8)
    ps.append(dps)
    # CCX: Cairo (offshore). Reports late from June, answers slow, and its
    # October figures never came.
    ccx = Partner("CCX", "cc", dict(csat=78.5, churn_after_contact=2.9, escalations=16,
                                    attrition=6.0, absenteeism=7.5, cost_per_contact=1.90,
                                    sla_adherence=90.5, fcr=70.0, qa_score=86.0,
                                    report_on_time=99.0, response_hours=8.5),
                  noise=1.1)
    ccx.story["report_on_time"] = lambda i: -38.0 * ramp(i, idx("2026-06"), 3)
    ccx.story["response_hours"] = lambda i: 30.0 * ramp(i, idx("2026-06"), 4)
    ccx.missing = {idx("2026-10")}
    ps.append(ccx)
    # BSS: Riga, accounts payable (back office): figures fine; its story is
    # the overdue audit that failed the GDPR item.
    bss = Partner("BSS", "bo", dict(csat=85.5, churn_after_contact=0, escalations=4,
                                    attrition=2.8, absenteeism=4.8, cost_per_contact=7.20,
                                    sla_adherence=97.0, fcr=84.0, qa_score=84.0,
                                    report_on_time=99.5, response_hours=10.0),
                  teams=("payables", "invoices"), noise=0.8)
    ps.append(bss)
    # TMC: Cape Town. SLA and first-contact resolution slip from July.
    tmc = Partner("TMC", "cc", dict(csat=81.0, churn_after_contact=2.3, escalations=12,
                                    attrition=4.8, absenteeism=7.0, cost_per_contact=2.60,
                                    sla_adherence=94.2, fcr=77.5, qa_score=89.0,
                                    report_on_time=99.0, response_hours=9.0))
    tmc.story["sla_adherence"] = lambda i: -12.0 * ramp(i, idx("2026-07"), 4)
    tmc.story["fcr"] = lambda i: -7.0 * ramp(i, idx("2026-07"), 4)
    ps.append(tmc)
    return ps


def lines_for(rng, p):
    """(metric, segment, source, values) of one partner, in sample.sql order."""
    out = []
    cs = series(rng, p, "csat")
    csp_story = p.story.get("csat_partner", p.story.get("csat", lambda i: 0.0))
    saved = p.story.get("csat")
    p.story["csat"] = csp_story
    cs_p = [v + p.csat_bias for v in series(rng, p, "csat")]
    p.story["csat"] = saved
    out.append(("csat", "", "client", cs))
    out.append(("csat", "", "partner", cs_p))
    for ch, off in zip(p.channels, (-1.2, 0.4, 1.0)):
        noise = ar1(rng, MONTHS, 0.5 * p.noise)
        extra = 1.6 if (p.code == "ATL" and ch == "phone") else 1.0
        out.append(("csat", "channel=" + ch, "client",
                    [cs[i] + off + noise[i] + (extra - 1) * (cs[i] - p.lv["csat"])
                     for i in range(MONTHS)]))
    if p.kind == "cc":
        churn = series(rng, p, "churn_after_contact")
        out.append(("churn_after_contact", "", "partner", churn))
        for ch, fac in zip(p.channels, (1.12, 0.92, 0.80)):
            rel = ar1(rng, MONTHS, 0.05 * p.noise)
            extra = p.story.get("phone_churn", lambda i: 0.0) if ch == "phone" else (lambda i: 0.0)
            out.append(("churn_after_contact", "channel=" + ch, "partner",
                        [churn[i] * fac * (1 + rel[i]) * (1 + extra(i)) for i in range(MONTHS)]))
    out.append(("escalations", "", "partner", series(rng, p, "escalations")))
    att = series(rng, p, "attrition")
    out.append(("attrition", "", "partner", att))
    for team, fac in zip(p.teams, (1.18, 0.82)):
        rel = ar1(rng, MONTHS, 0.05 * p.noise)
        out.append(("attrition", "team=" + team, "partner",
                    [att[i] * fac * (1 + rel[i]) for i in range(MONTHS)]))
    for metric in ("absenteeism", "cost_per_contact", "sla_adherence", "fcr", "qa_score",
                   "report_on_time", "response_hours"):
        out.append((metric, "", "partner", series(rng, p, metric)))
    return out


def block():
    rng = random.Random(SEED)
    rows = ["INSERT INTO sample_series(partner, metric, segment, source, vals) VALUES",
            "-- partner metric                  segment            source     2023-11 "
            + "." * 171 + " 2026-10"]
    body = []
    for p in partners():
        body.append("")
        body.append("-- " + p.code)
        for metric, seg, src, vals in lines_for(rng, p):
            body.append("('%s', %-24s %-18s %-9s '%s')," % (
                p.code, "'%s'," % metric, "'%s'," % seg, "'%s'," % src,
                fmt(metric, vals, p.missing)))
    body[-1] = body[-1].rstrip(",") + ";"
    return "\n".join(rows + body) + "\n"


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else "sample-db/sample.sql"
    text = open(path, encoding="utf-8").read()
    start = text.index("INSERT INTO sample_series(")
    end = text.index(";\n", start) + 2
    text = text[:start] + block() + text[end:]
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


if __name__ == "__main__":
    main()
