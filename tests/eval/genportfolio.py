#!/usr/bin/env python3
"""genportfolio.py: a seeded generator of realistic BPO partner portfolios
with known truth, the data `make eval` (tests/eval/eval.py) judges bpowatch on.

    genportfolio.py --seed N --out DIR [--partners 60] [--months 36] [--end 2026-10]

writes partners.csv, observations.csv, events.csv and qa.csv in the formats
`bpowatch import` reads, and truth.json: which partners carry a planted
problem, of which type, since which month. Markets have their own normal
levels, partners their own noise; December, a product release and onboarding
move figures without anything being wrong. The same seed always gives the
same files (Python 3 standard library only). tests/eval/README.md lists the
model and its parameter ranges.
"""

import argparse
import calendar
import csv
import datetime
import json
import math
import os
import random
import sys

INDICATORS = ["customer_satisfaction", "workforce_stability", "value_balance",
              "proactivity", "communication", "quality_assurance",
              "service_delivery", "partnership_fit"]

# Normal levels by market: (low, high) of a partner's own level.
MARKETS = {
    "DACH": {"countries": ["DE", "DE", "DE", "AT", "CH"], "share": 0.25,
             "csat": (84, 90), "attrition": (1.5, 3.0), "absenteeism": (4, 6),
             "cost": (4.0, 7.0), "fte_cost": 58000},
    "nearshore": {"countries": ["PL", "PT", "BG", "LV", "RO"], "share": 0.40,
                  "csat": (78, 86), "attrition": (2.5, 4.5), "absenteeism": (5, 7.5),
                  "cost": (2.5, 4.5), "fte_cost": 31000},
    "offshore": {"countries": ["PH", "IN", "EG", "ZA"], "share": 0.35,
                 "csat": (72, 82), "attrition": (5.0, 8.0), "absenteeism": (7, 10),
                 "cost": (1.2, 2.5), "fte_cost": 16000},
}

CITIES = {
    "DE": ["Berlin", "Hamburg", "Leipzig", "Dortmund", "Rostock", "Magdeburg"],
    "AT": ["Wien", "Graz", "Linz"], "CH": ["Zürich", "Bern", "St. Gallen"],
    "PL": ["Kraków", "Gdańsk", "Łódź", "Wrocław", "Szczecin"],
    "PT": ["Lisboa", "Porto", "Braga"], "BG": ["Sofia", "Plovdiv", "Varna"],
    "LV": ["Riga"], "RO": ["Cluj-Napoca", "Bucharest", "Iași", "Timișoara"],
    "PH": ["Manila", "Cebu City", "Davao", "Quezon City"],
    "IN": ["Pune", "Bengaluru", "Hyderabad", "Chennai"],
    "EG": ["Cairo", "Alexandria"], "ZA": ["Cape Town", "Durban", "Johannesburg"],
}

LEGAL = {"DE": "GmbH", "AT": "GmbH", "CH": "AG", "PL": "Sp. z o.o.", "PT": "Lda.",
         "BG": "EOOD", "LV": "SIA", "RO": "S.R.L.", "PH": "Inc.", "IN": "Pvt. Ltd.",
         "EG": "S.A.E.", "ZA": "(Pty) Ltd"}

LANGUAGES = {"DE": "German, English", "AT": "German", "CH": "German, French",
             "PL": "German, Polish, English", "PT": "Portuguese, Spanish, German",
             "BG": "German, Bulgarian", "LV": "Latvian, Russian, English",
             "RO": "German, Romanian, French", "PH": "English", "IN": "English",
             "EG": "Arabic, English, German", "ZA": "English, Dutch"}

LOCAL_STEMS = {"DE": ["Elbe", "Spree", "Isar", "Hanse"], "AT": ["Donau", "Alpen"],
               "CH": ["Limmat", "Aare"], "PL": ["Vistula", "Tatra", "Amber Coast"],
               "PT": ["Tagus", "Douro", "Atlântico"], "BG": ["Balkan", "Rila", "Vitosha"],
               "LV": ["Daugava", "Gauja"], "RO": ["Carpathia", "Danubius"],
               "PH": ["Luzon", "Visayas", "Pacific"], "IN": ["Deccan", "Sahyadri", "Kaveri"],
               "EG": ["Nile", "Pharos"], "ZA": ["Table Mountain", "Drakensberg", "Cape"]}

STEMS = ["Atlas", "Meridian", "Harbour", "Summit", "Northwind", "Bluebridge",
         "Keystone", "Lumen", "Vertex", "Orbit", "Anchor", "Beacon", "Cedar",
         "Evergreen", "Falcon", "Granite", "Horizon", "Iris", "Juniper", "Kestrel",
         "Lighthouse", "Mosaic", "Nova", "Oakline", "Pioneer", "Quartz", "Riverside",
         "Sterling", "Tidewater", "Unity", "Vantage", "Willow", "Zenith", "Brightway",
         "Clearview", "Crescent", "Fjord", "Globe", "Helix", "Jade", "Kinetic",
         "Linden", "Magnolia", "Nimbus", "Opal", "Polar", "Redwood", "Sapphire",
         "Tandem", "Vista", "Westgate", "Yarrow", "Aurora", "Bastion", "Cobalt",
         "Ember", "Fairway", "Greenleaf", "Highland", "Lotus", "Maple", "Onyx",
         "Prism", "Regent", "Solstice", "Terra", "Vanguard"]

CC_NOUNS = ["Contact", "Connect", "Customer Care", "CX", "Interactive", "Teleservices",
            "Voice", "Support Services"]
BO_NOUNS = ["Shared Services", "Business Services", "Back Office", "Processing",
            "Operations"]
BO_SERVICES = ["accounts payable and invoice processing", "payroll administration",
               "claims processing", "order management and master data",
               "KYC document checks", "returns and refunds processing"]

OWNERS = ["Anna Becker", "Jonas Weber", "Mara Schulz", "Lukas Hoffmann", "Sophie Wagner"]

# The checklist `bpowatch init` creates ("BPO quality audit", version 1):
# section key, title, items (text, weight, critical, kind). The import
# refuses audits whose sections and items differ, so this must match it.
TEMPLATE_NAME, TEMPLATE_VERSION = "BPO quality audit", 1
TEMPLATE = [
    ("policies", "Policies and procedures", [
        ("Documented procedures exist for every process in scope", 2, False, "pass_fail"),
        ("Data protection (GDPR): personal data stays in the agreed systems", 3, True, "pass_fail"),
        ("Agents complete the mandatory compliance training", 1, False, "pass_fail")]),
    ("support", "Level of customer support", [
        ("Contacts are handled politely and completely (call/case listening)", 2, False, "scale"),
        ("Complaints reach us within the agreed time", 2, True, "pass_fail")]),
    ("expertise", "Expertise in the tasks", [
        ("Agents resolve without hand-off (product and process knowledge)", 2, False, "scale"),
        ("Knowledge base reviewed within the last 90 days", 1, False, "pass_fail")]),
    ("business_model", "Understands our business model", [
        ("Knows our customer segments and what they are worth to us", 2, False, "scale"),
        ("Handles contacts with our commercial goals in mind", 2, False, "scale")]),
    ("culture", "Adapts to our culture", [
        ("Tone and values match our brand guide", 2, False, "scale"),
        ("Team leads take part in our brand and culture sessions", 1, False, "pass_fail")]),
    ("communication", "Follows our customer-communication philosophy", [
        ("Plain-language style and salutation rules are followed", 2, False, "scale"),
        ("Promises to customers stay within our service policy", 2, True, "pass_fail")]),
    ("reporting", "Timely reports and answers", [
        ("Monthly report delivered by the agreed day", 2, False, "pass_fail"),
        ("Questions from us answered within 24 hours", 1, False, "pass_fail"),
        ("Report figures reconcile with our own measurements", 1, False, "pass_fail")]),
]
FIT_SECTIONS = ("business_model", "culture", "communication")

BEST_PRACTICES = ["Call-listening calibration with our QA team", "Shared macro library",
                  "Peer coaching for new joiners", "Knowledge-base clean-up sprint",
                  "Callback slots at peak hours", "Complaint root-cause board",
                  "Shift swap app for agents", "Tone-of-voice refresher"]
IDEAS = ["Self-service FAQ for delivery questions", "Proactive SMS on delays",
         "Merge two refund forms into one", "Chatbot hand-off with context",
         "Skill-based routing for billing", "Weekend chat coverage",
         "Invoice OCR pre-check", "Survey after e-mail contacts"]
ESCALATIONS = ["Customer complaint reached management", "Repeated wrong refund",
               "Data request answered late", "Social media complaint"]
INCIDENTS = ["Telephony outage", "Ticket system down", "Power failure at site",
             "VPN outage"]
NOTES = ["New site manager introduced", "Team lead change", "Asked for forecast update",
         "Training plan received", "Holiday staffing plan agreed"]


# ------------------------------------------------------------ months and days

def ym_parse(text):
    """'YYYY-MM' -> a month number (year*12 + month-1)."""
    year, month = text.split("-")
    return int(year) * 12 + int(month) - 1


def ym_str(ym):
    return "%04d-%02d" % (ym // 12, ym % 12 + 1)


def month_days(ym):
    return calendar.monthrange(ym // 12, ym % 12 + 1)[1]


def day_str(ym, day):
    return "%s-%02d" % (ym_str(ym), day)


def weekday_in(rng, ym, lo=1, hi=None):
    """A random weekday of month ym between day lo and hi."""
    hi = min(hi or month_days(ym), month_days(ym))
    days = [d for d in range(lo, hi + 1)
            if calendar.weekday(ym // 12, ym % 12 + 1, d) < 5]
    return rng.choice(days or [lo])


def date_ordinal(text):
    """'YYYY-MM-DD' -> a day number, for distances in days."""
    year, month, day = (int(x) for x in text.split("-"))
    return datetime.date(year, month, day).toordinal()


def ordinal_date(n):
    return datetime.date.fromordinal(n).isoformat()


class Calendar:
    """The generated months: index t = 0 .. n-1, the last n months up to end."""

    def __init__(self, end, n_months):
        self.end = ym_parse(end)
        self.n = n_months
        self.first = self.end - n_months + 1

    def ym(self, t):
        return self.first + t

    def label(self, t):
        return ym_str(self.first + t)

    def moy(self, t):
        """Month of year, 1-12."""
        return (self.first + t) % 12 + 1

    def judged(self):
        return list(range(self.n - 12, self.n))


# ------------------------------------------------------------ random helpers

def uni(rng, lo_hi):
    return rng.uniform(*lo_hi)


def poisson(rng, lam):
    """Knuth's method; lam stays below ~150 here."""
    if lam <= 0:
        return 0
    limit, k, p = math.exp(-lam), 0, rng.random()
    while p > limit:
        k += 1
        p *= rng.random()
    return k


def ar1(rng, n, phi, sd):
    """n values of a stationary AR(1) process with standard deviation sd."""
    out, e = [], rng.gauss(0, sd)
    inno = sd * math.sqrt(1 - phi * phi)
    for _ in range(n):
        out.append(e)
        e = phi * e + rng.gauss(0, inno)
    return out


def spread(rng, noisy, lo, hi):
    """A partner's noise level in lo..hi, tied to its overall noisiness."""
    x = min(1.0, max(0.0, noisy + rng.gauss(0, 0.2)))
    return lo + (hi - lo) * x


# ------------------------------------------------------------ the portfolio

class Portfolio:
    """What every partner shares: December peak, the product release."""

    def __init__(self, rng, cal):
        self.sla_dec = rng.uniform(1.5, 4.0)
        self.fcr_dec = rng.uniform(0.5, 2.0)
        self.csat_dec = rng.uniform(0.5, 2.0)
        self.abs_dec = rng.uniform(0.8, 2.0)
        self.resp_dec = rng.uniform(0.12, 0.30)      # log scale
        self.esc_dec = rng.uniform(0.10, 0.30)
        self.dip_csat = rng.uniform(3.0, 6.0)
        self.dip_churn = rng.uniform(0.08, 0.20)      # relative
        self.dip_esc = rng.uniform(0.05, 0.25)        # relative
        choices = [t for t in cal.judged()[:-2] if cal.moy(t) != 12]
        self.dip = rng.choice(choices)

    def dip_weight(self, t):
        return 1.0 if t == self.dip else 0.5 if t == self.dip + 1 else 0.0


def peak_weight(moy):
    """The December peak, with a Black-Friday shoulder and a January tail."""
    return {11: 0.3, 12: 1.0, 1: 0.2}.get(moy, 0.0)


def summer_weight(moy):
    return {7: 0.7, 8: 1.0}.get(moy, 0.0)


class Partner:
    """One partner: its profile, normal levels, noise and (maybe) problem."""

    def __init__(self, index, market, kind):
        self.index, self.market, self.kind = index, market, kind
        self.problem = None
        self.effects = []           # (metric, segment, mode, amount)
        self.flags = {}             # non-metric problem effects


def draw_identity(rng, p, used_codes):
    """Country, site, name and a unique three-letter code."""
    p.country = rng.choice(MARKETS[p.market]["countries"])
    p.site = rng.choice(CITIES[p.country])
    local = LOCAL_STEMS[p.country]
    stem = rng.choice(local) if rng.random() < 0.35 else rng.choice(STEMS)
    noun = rng.choice(CC_NOUNS if p.kind == "cc" else BO_NOUNS)
    p.name = "%s %s %s" % (stem, noun, LEGAL[p.country])
    p.code = unique_code(rng, stem, noun, used_codes)
    used_codes.add(p.code)


def unique_code(rng, stem, noun, used):
    letters = [c for c in (stem + noun).upper() if "A" <= c <= "Z"]
    tries = [stem[:3].upper(), (stem[:2] + noun[0]).upper(),
             (stem[0] + noun[:2]).upper()]
    tries += ["".join(rng.sample(letters, 3)) for _ in range(20)]
    for code in tries:
        if code.isalpha() and code.isascii() and len(code) == 3 and code not in used:
            return code
    while True:
        code = stem[0].upper() + "%02d" % rng.randrange(100)
        if code not in used:
            return code


def draw_channels(rng, p):
    """Contact channels and their share of volume; back office has none."""
    if p.kind != "cc":
        p.channels = {}
        return
    n = rng.choices([1, 2, 3], [0.2, 0.4, 0.4])[0]
    if n == 3:
        names = ["phone", "email", "chat"]
    elif n == 2:
        names = ["phone", rng.choice(["email", "email", "chat"])]
    else:
        names = [rng.choice(["phone", "phone", "phone", "email", "chat"])]
    weight = {"phone": (1.5, 3.0), "email": (0.5, 1.5), "chat": (0.3, 1.2)}
    raw = {c: uni(rng, weight[c]) for c in names}
    total = sum(raw.values())
    p.channels = {c: raw[c] / total for c in names}


def draw_sources(rng, p):
    """Which CSAT sources the partner has: client, partner or both."""
    if p.kind != "cc":
        p.csat_sources = []
        return
    pick = rng.choices(["both", "partner", "client"], [0.60, 0.25, 0.15])[0]
    p.csat_sources = ["client", "partner"] if pick == "both" else [pick]


def draw_levels(rng, p):
    """The partner's own normal level of every metric."""
    m = MARKETS[p.market]
    p.fte = int(min(600, max(15, math.exp(rng.gauss(math.log(90), 0.7)))))
    p.csat = uni(rng, m["csat"])
    p.csat_bias = rng.uniform(0.0, 3.0)
    p.attrition = uni(rng, m["attrition"])
    p.absenteeism = uni(rng, m["absenteeism"])
    p.cost = uni(rng, m["cost"]) * (1 if p.kind == "cc" else rng.uniform(2.0, 4.0))
    p.sla = rng.uniform(85, 96)
    p.fcr = rng.uniform(62, 80)
    p.churn = rng.uniform(1.5, 4.0)
    p.escalations = min(40.0, max(2.0, p.fte / 10.0 * rng.uniform(0.6, 1.4)))
    p.reports = rng.choice([8, 10, 10, 12, 15, 20, 20])
    p.late_p = rng.uniform(0.0, 0.06)
    p.response = math.exp(rng.uniform(math.log(6), math.log(30)))
    p.qa_score = rng.uniform(82, 95)


def draw_dynamics(rng, p):
    """Noise, autocorrelation, slow drifts and seasonal sensitivity. Small
    partners tend to be noisier (fewer survey answers, fewer agents)."""
    small = 1 - (math.log(p.fte) - math.log(15)) / (math.log(600) - math.log(15))
    noisy = 0.6 * rng.random() + 0.4 * small
    p.linked = rng.uniform(80, 200)     # contacts a month per FTE linked to a customer
    p.phi = rng.uniform(0.15, 0.45)
    p.sd = {"csat": spread(rng, noisy, 0.6, 2.0), "csat_p": rng.uniform(0.3, 0.9),
            "sla": spread(rng, noisy, 0.8, 2.5), "fcr": spread(rng, noisy, 0.8, 2.0),
            "attrition": spread(rng, noisy, 0.08, 0.20),
            "absenteeism": spread(rng, noisy, 0.25, 0.7),
            "cost": spread(rng, noisy, 0.015, 0.04),
            "response": spread(rng, noisy, 0.10, 0.30),
            "qa_score": spread(rng, noisy, 0.5, 1.5),
            "churn": spread(rng, noisy, 0.04, 0.10)}
    p.slope = {"csat": rng.uniform(-1.0, 1.0), "sla": rng.uniform(-1.0, 1.0),
               "fcr": rng.uniform(-1.0, 1.0), "attrition": rng.uniform(-0.10, 0.10)}
    p.season = rng.uniform(0.5, 1.5)
    p.summer = rng.uniform(0.3, 1.0) if p.market != "offshore" else rng.uniform(0, 0.3)
    p.jan_attrition = rng.uniform(0.0, 0.2)
    p.dec_cost = rng.uniform(0.0, 0.04)
    p.indexation = rng.uniform(0.02, 0.05)
    p.dip_factor = rng.uniform(0.6, 1.4)
    p.ramp = rng.uniform(0.3, 1.0)


def draw_habits(rng, p):
    """Meetings, contributions, events and audits: how the partner works."""
    p.monthly_meetings = rng.random() < 0.2
    p.rate = {"best_practice": rng.uniform(0.15, 0.8),
              "improvement_idea": rng.uniform(0.15, 0.8),
              "report_late": rng.uniform(0.0, 0.15),
              "escalation": rng.uniform(0.0, 0.10),
              "incident": rng.uniform(0.0, 0.06),
              "note": rng.uniform(0.02, 0.10)}
    p.audit_days = rng.randint(180, 330)
    p.quality = rng.random()
    p.self_assess = rng.random() < 0.3


def draw_contract(rng, p, cal):
    """Contract dates, value and owner; start = first month with data."""
    first = cal.ym(p.start)
    begin = first - (rng.randint(0, 36) if p.start == 0 else rng.randint(0, 2))
    end = begin + 12 * rng.choice([3, 3, 4, 5]) - 1
    while end < cal.end + 2:
        end += 24
    p.contract = (day_str(begin, 1), day_str(end, month_days(end)))
    value = p.fte * MARKETS[p.market]["fte_cost"] * rng.uniform(0.9, 1.2)
    p.annual_value = int(round(value, -4))
    p.owner = rng.choice(OWNERS)
    if p.kind == "cc":
        chans = {"phone": "phone", "email": "e-mail", "chat": "chat"}
        p.services = "contact centre: %s (%s)" % (
            ", ".join(chans[c] for c in p.channels), LANGUAGES[p.country])
    else:
        p.services = "back office: " + rng.choice(BO_SERVICES)
    p.notes = rng.choice(["", "", "", "Monthly figures due by the 10th.",
                          "Renewal talks planned.", "GDPR-relevant data in scope.",
                          "Second site planned."])


def draw_partners(rng, cal, n_partners):
    """The partners: market, kind, history length, profile."""
    markets = list(MARKETS)
    weights = [MARKETS[m]["share"] for m in markets]
    n_new = int(round(n_partners * rng.uniform(0.10, 0.20)))
    newcomers = set(rng.sample(range(n_partners), n_new))
    partners, used = [], set()
    for i in range(n_partners):
        sub = random.Random(rng.getrandbits(64))
        p = Partner(i, sub.choices(markets, weights)[0],
                    "cc" if sub.random() < 0.8 else "bo")
        p.start = max(0, cal.n - sub.randint(8, 20)) if i in newcomers else 0
        draw_identity(sub, p, used)
        draw_channels(sub, p)
        draw_sources(sub, p)
        draw_levels(sub, p)
        draw_dynamics(sub, p)
        draw_habits(sub, p)
        draw_contract(sub, p, cal)
        p.rng = sub
        partners.append(p)
    partners.sort(key=lambda q: q.code)
    return partners


# ------------------------------------------------------------ planted problems

# The chance that a type's problem drifts in over 3-6 months instead of
# arriving as a step.
SHAPES = {"customer_satisfaction": 0.5, "workforce_stability": 0.6, "value_balance": 1.0,
          "proactivity": 0.0, "communication": 0.3, "quality_assurance": 0.0,
          "service_delivery": 0.5, "partnership_fit": 0.0}


def plant_problems(rng, partners, cal):
    """Give 35-45 % of the partners one problem each, every type at least once."""
    n_prob = int(round(len(partners) * rng.uniform(0.35, 0.45)))
    types = []
    while len(types) < n_prob:          # rounds of every type, each shuffled
        types += rng.sample(INDICATORS, len(INDICATORS))
    free = [p for p in partners if p.start <= cal.n - 12 - 2]
    rng.shuffle(free)
    for kind, p in zip(types[:n_prob], free):
        plant(rng, p, kind, cal)


def plant(rng, p, kind, cal):
    """Draw onset and shape, then the type's own effects."""
    lo = max(cal.n - 12, p.start + 6)
    onset = rng.randint(lo, cal.n - 4)
    drift = rng.random() < SHAPES[kind]
    prob = {"type": kind, "indicator": kind, "related": [], "onset": onset,
            "shape": "drift" if drift else "step",
            "ramp": rng.randint(3, 6) if drift else 1, "size": {}}
    p.problem = prob
    PLANTERS[kind](rng, p, prob, cal)


def effect(p, metric, segment, mode, amount):
    p.effects.append((metric, segment, mode, amount))


def plant_customer(rng, p, prob, cal):
    options = ["escalations"]
    if p.csat_sources:
        options += ["csat", "csat"]
    if p.channels:
        options.append("churn_channel")
    variant = rng.choice(options)
    prob["variant"] = variant
    if variant == "csat":
        drop = rng.uniform(3, 8)
        effect(p, "csat", None, "add", -drop)
        prob["size"] = {"csat_pts": -round(drop, 1)}
    elif variant == "churn_channel":
        chan = rng.choice(sorted(p.channels))
        rise = rng.uniform(0.40, 1.00)
        effect(p, "churn_after_contact", "channel=" + chan, "mul", 1 + rise)
        prob["size"] = {"churn_pct": round(100 * rise), "channel": chan,
                        "channel_share": round(p.channels[chan], 2)}
    else:
        factor = rng.uniform(1.8, 3.0)
        effect(p, "escalations", None, "mul", factor)
        p.flags["escalation_events"] = 0.4
        prob["size"] = {"escalations_x": round(factor, 2)}


def plant_workforce(rng, p, prob, cal):
    variant = rng.choices(["attrition", "absenteeism", "both"], [0.5, 0.25, 0.25])[0]
    prob["variant"] = variant
    if variant in ("attrition", "both"):
        rise = rng.uniform(0.35, 0.90)
        effect(p, "attrition", None, "mul", 1 + rise)
        prob["size"]["attrition_pct"] = round(100 * rise)
    if variant in ("absenteeism", "both"):
        pts = rng.uniform(2, 4)
        effect(p, "absenteeism", None, "add", pts)
        prob["size"]["absenteeism_pts"] = round(pts, 1)


def plant_value(rng, p, prob, cal):
    prob["shape"], prob["ramp"] = "drift", rng.randint(3, 6)
    cut = rng.uniform(0.08, 0.15)
    effect(p, "cost_per_contact", None, "mul", 1 - cut)
    qa = rng.uniform(3, 6)
    effect(p, "qa_score", None, "add", -qa)
    prob["size"] = {"cost_pct": -round(100 * cut), "qa_score_pts": -round(qa, 1)}
    if p.csat_sources:
        drop = rng.uniform(3, 6)
        effect(p, "csat", None, "add", -drop)
        prob["size"]["csat_pts"] = -round(drop, 1)
        prob["related"] = ["customer_satisfaction"]
    prob["variant"] = "cost_vs_quality"


def plant_proactivity(rng, p, prob, cal):
    prob["shape"], prob["ramp"], prob["variant"] = "step", 1, "contributions_stop"
    p.flags["no_contributions"] = True
    prob["size"] = {"contributions_per_month_before": round(
        p.rate["best_practice"] + p.rate["improvement_idea"], 2)}


def plant_communication(rng, p, prob, cal):
    if rng.random() < 0.3:
        months = rng.choice([1, 2])
        prob.update(variant="figures_missing", shape="step", ramp=1,
                    onset=cal.n - months, size={"months_missing": months})
        p.flags["missing_from"] = cal.n - months
        return
    prob["variant"] = "late_and_slow"
    on_time = rng.uniform(60, 80)
    slower = rng.uniform(1.7, 2.4)
    p.flags["late_p"] = 1 - on_time / 100
    p.flags["late_events"] = rng.uniform(0.6, 1.2)
    effect(p, "response_hours", None, "mul", slower)
    prob["size"] = {"report_on_time": round(on_time), "response_x": round(slower, 2)}


def plant_quality(rng, p, prob, cal):
    prob["shape"], prob["ramp"] = "step", 1
    variant = rng.choices(["poor", "critical", "overdue"], [0.5, 0.25, 0.25])[0]
    prob["variant"] = variant
    if variant == "overdue":
        due = prob["onset"]
        last = cal.ym(due) - 12
        p.flags["audit_last"] = day_str(last, weekday_in(p.rng, last, 1, 28))
        prob["size"] = {"last_audit": p.flags["audit_last"]}
        return
    score = rng.uniform(65, 79) if variant == "poor" else None
    critical = variant == "critical" or rng.random() < 0.3
    item = rng.choice(["Data protection", "Complaints reach", "Promises to customers"])
    p.flags["audit_bad"] = {"score": score, "critical": item if critical else None}
    prob["size"] = {"score_target": round(score, 1) if score else None,
                    "critical_item": item if critical else None}
    if critical and item == "Promises to customers":
        prob["related"] = ["partnership_fit"]


def plant_service(rng, p, prob, cal):
    options = ["sla"] + (["fcr", "both"] if p.kind == "cc" else [])
    variant = rng.choice(options)
    prob["variant"] = variant
    if variant in ("sla", "both"):
        pts = rng.uniform(4, 9)
        effect(p, "sla_adherence", None, "add", -pts)
        prob["size"]["sla_pts"] = -round(pts, 1)
    if variant in ("fcr", "both"):
        pts = rng.uniform(4, 8)
        effect(p, "fcr", None, "add", -pts)
        prob["size"]["fcr_pts"] = -round(pts, 1)
        if p.csat_sources:
            effect(p, "csat", None, "add", -0.2 * pts)
            prob["related"] = ["customer_satisfaction"]


def plant_fit(rng, p, prob, cal):
    prob["shape"], prob["ramp"], prob["variant"] = "step", 1, "weak_fit_sections"
    p.flags["audit_fit"] = True
    prob["related"] = ["quality_assurance"]


PLANTERS = {"customer_satisfaction": plant_customer, "workforce_stability": plant_workforce,
            "value_balance": plant_value, "proactivity": plant_proactivity,
            "communication": plant_communication, "quality_assurance": plant_quality,
            "service_delivery": plant_service, "partnership_fit": plant_fit}


def problem_weight(p, t):
    """0 before onset, then 1 (step) or rising to 1 over the ramp (drift)."""
    prob = p.problem
    if prob is None or t < prob["onset"]:
        return 0.0
    return min(1.0, (t - prob["onset"] + 1) / float(prob["ramp"]))


def problem_adjust(p, metric, t, value, segment=None):
    """value with the planted effects on metric (and segment) at month t."""
    w = problem_weight(p, t)
    if w == 0:
        return value
    for m, seg, mode, amount in p.effects:
        if m != metric or (seg is not None and seg != segment):
            continue
        value = value + w * amount if mode == "add" else value * (1 + w * (amount - 1))
    return value


# ------------------------------------------------------------ monthly figures

def draw_incidents(p, cal):
    """Months with an incident (outage): half of them dent that month's SLA
    by 2-5 pts and slow answers down; logged as incident events."""
    p.incidents = {}
    for t in range(p.start, cal.n):
        if poisson(p.rng, p.rate["incident"]) > 0:
            dent = p.rng.uniform(2, 5) if p.rng.random() < 0.5 else 0.0
            p.incidents[t] = dent


def onboarding(p, t):
    """1 in a new partner's first month, fading to 0 after three."""
    if p.start == 0:
        return 0.0
    return max(0.0, 1.0 - (t - p.start) / 3.0) * p.ramp


def years(cal, t):
    return (t - cal.n / 2.0) / 12.0


def gen_csat(p, cal, port, rows):
    """Client-measured and/or partner-reported CSAT."""
    rng, n = p.rng, cal.n
    noise = ar1(rng, n, p.phi, p.sd["csat"])
    for t in range(p.start, n):
        v = p.csat + p.slope["csat"] * years(cal, t)
        v -= port.csat_dec * p.season * peak_weight(cal.moy(t))
        v -= port.dip_csat * p.dip_factor * port.dip_weight(t)
        v -= 3.0 * onboarding(p, t)
        v = problem_adjust(p, "csat", t, v + noise[t])
        if "client" in p.csat_sources:
            rows.append(("csat", t, "", "client", clip(v, 0, 100), 1))
        if "partner" in p.csat_sources:
            vp = v + p.csat_bias + rng.gauss(0, p.sd["csat_p"])
            rows.append(("csat", t, "", "partner", clip(vp, 0, 100), 1))


def gen_churn(p, cal, port, rows):
    """Churn after contact by channel and in total. Besides the partner's
    own month-to-month noise, each channel's rate is counted on the churners
    among its contacts that can be linked to a customer (binomial-like
    sampling noise), so small channels of small partners are noisiest."""
    rng, n = p.rng, cal.n
    base = {c: p.churn * rng.uniform(0.8, 1.25) for c in p.channels}
    noise = {c: ar1(rng, n, p.phi, p.sd["churn"]) for c in p.channels}
    for t in range(p.start, n):
        dip = 1 + port.dip_churn * p.dip_factor * port.dip_weight(t)
        total = 0.0
        for c, share in sorted(p.channels.items()):
            churners = p.fte * p.linked * share * base[c] / 100.0
            v = base[c] * dip * max(0.2, 1 + noise[c][t])
            v *= max(0.05, 1 + rng.gauss(0, 1 / math.sqrt(churners)))
            v = problem_adjust(p, "churn_after_contact", t, v, "channel=" + c)
            total += share * v
            rows.append(("churn_after_contact", t, "channel=" + c, "partner", v, 2))
        rows.append(("churn_after_contact", t, "", "partner", total, 2))


def gen_escalations(p, cal, port, rows):
    for t in range(p.start, cal.n):
        lam = p.escalations * (1 + port.esc_dec * p.season * peak_weight(cal.moy(t)))
        lam *= 1 + port.dip_esc * p.dip_factor * port.dip_weight(t)
        lam = problem_adjust(p, "escalations", t, lam)
        rows.append(("escalations", t, "", "partner", poisson(p.rng, lam), 0))


def gen_attrition(p, cal, port, rows):
    noise = ar1(p.rng, cal.n, p.phi, p.sd["attrition"])
    for t in range(p.start, cal.n):
        v = p.attrition * (1 + p.slope["attrition"] * years(cal, t))
        v *= 1 + p.jan_attrition * (cal.moy(t) == 1) + 0.4 * onboarding(p, t)
        v = problem_adjust(p, "attrition", t, v * max(0.3, 1 + noise[t]))
        rows.append(("attrition", t, "", "partner", v, 1))


def gen_absenteeism(p, cal, port, rows):
    noise = ar1(p.rng, cal.n, p.phi, p.sd["absenteeism"])
    for t in range(p.start, cal.n):
        moy = cal.moy(t)
        v = p.absenteeism + port.abs_dec * p.season * peak_weight(moy)
        v += p.summer * summer_weight(moy) + noise[t]
        v = problem_adjust(p, "absenteeism", t, v)
        rows.append(("absenteeism", t, "", "partner", max(0.5, v), 1))


def gen_cost(p, cal, port, rows):
    """Cost per contact: indexed every January, a little lower in the peak."""
    noise = ar1(p.rng, cal.n, p.phi, p.sd["cost"])
    index = 1.0
    for t in range(0, cal.n):
        if t > 0 and cal.moy(t) == 1:
            index *= 1 + p.indexation
        if t < p.start:
            continue
        v = p.cost * index * (1 - p.dec_cost * peak_weight(cal.moy(t)))
        v = problem_adjust(p, "cost_per_contact", t, v * (1 + noise[t]))
        rows.append(("cost_per_contact", t, "", "partner", v, 2))


def gen_service(p, cal, port, rows):
    """SLA adherence (everyone) and first-contact resolution (contact centres)."""
    specs = [("sla_adherence", "sla", p.sla, port.sla_dec)]
    if p.kind == "cc":
        specs.append(("fcr", "fcr", p.fcr, port.fcr_dec))
    for metric, key, level, dec in specs:
        noise = ar1(p.rng, cal.n, p.phi, p.sd[key])
        for t in range(p.start, cal.n):
            v = level + p.slope[key] * years(cal, t)
            v -= dec * p.season * peak_weight(cal.moy(t)) + 3.0 * onboarding(p, t)
            v -= p.incidents.get(t, 0.0) if metric == "sla_adherence" else 0.0
            v = problem_adjust(p, metric, t, v + noise[t])
            rows.append((metric, t, "", "partner", clip(v, 0, 100), 1))


def gen_reporting(p, cal, port, rows):
    """Reports on time (few reports a month, so lumpy) and response hours."""
    rng = p.rng
    noise = ar1(rng, cal.n, p.phi, p.sd["response"])
    for t in range(p.start, cal.n):
        late_p = p.late_p * (1 + 0.5 * peak_weight(cal.moy(t)))
        if problem_weight(p, t) > 0 and "late_p" in p.flags:
            late_p = late_p + problem_weight(p, t) * (p.flags["late_p"] - late_p)
        late = sum(rng.random() < late_p for _ in range(p.reports))
        rows.append(("report_on_time", t, "", "partner",
                     100.0 * (p.reports - late) / p.reports, 1))
        v = p.response * math.exp(noise[t] + port.resp_dec * p.season
                                  * peak_weight(cal.moy(t)))
        v *= 1 + 0.06 * p.incidents.get(t, 0.0)
        v = problem_adjust(p, "response_hours", t, v)
        rows.append(("response_hours", t, "", "partner", v, 1))


def gen_qa_score(p, cal, port, rows):
    noise = ar1(p.rng, cal.n, p.phi, p.sd["qa_score"])
    for t in range(p.start, cal.n):
        v = problem_adjust(p, "qa_score", t, p.qa_score + noise[t])
        rows.append(("qa_score", t, "", "partner", clip(v, 0, 100), 1))


def clip(v, lo, hi):
    return min(hi, max(lo, v))


def partner_observations(p, cal, port):
    """Every figure of a partner as CSV rows, a few single values missing."""
    rows = []
    draw_incidents(p, cal)
    if p.kind == "cc":
        gen_csat(p, cal, port, rows)
        gen_churn(p, cal, port, rows)
    for gen in (gen_escalations, gen_attrition, gen_absenteeism, gen_cost,
                gen_service, gen_reporting, gen_qa_score):
        gen(p, cal, port, rows)
    out, missing_from = [], p.flags.get("missing_from", cal.n)
    for metric, t, segment, source, value, digits in rows:
        if t >= missing_from or p.rng.random() < 0.02:
            continue
        text = str(int(value)) if digits == 0 else "%.*f" % (digits, value)
        out.append([p.code, metric, cal.label(t), segment, source, text])
    return out


# ------------------------------------------------------------ events

def meeting_events(p, cal):
    """Review meetings: monthly (8 % dropped) or a quarterly business review
    in Jan/Apr/Jul/Oct, 8 % of them postponed by a month and 3 % dropped,
    never two dropped in a row. New partners start with a kick-off."""
    rng, out, dropped = p.rng, [], False
    for t in range(p.start, cal.n):
        ym = cal.ym(t)
        if t == p.start and p.start > 0:
            out.append((day_str(ym, weekday_in(rng, ym, 1, 10)), "meeting",
                        "Kick-off and transition review", ""))
        elif p.monthly_meetings and rng.random() > 0.08:
            out.append((day_str(ym, weekday_in(rng, ym, 5, 25)), "meeting",
                        "Monthly operations review %s" % ym_str(ym - 1), ""))
        elif not p.monthly_meetings and cal.moy(t) in (1, 4, 7, 10):
            roll = rng.random()
            dropped = roll < 0.03 and not dropped
            held = ym + (1 if roll > 0.92 else 0)
            if not dropped and held <= cal.end:
                quarter = "Q%d/%d" % (((ym - 1) % 12) // 3 + 1, (ym - 1) // 12)
                out.append((day_str(held, weekday_in(rng, held, 8, 28)), "meeting",
                            "Quarterly business review " + quarter, ""))
    return out


def rate_events(p, cal, kind, titles, detail):
    """Events of one kind at the partner's Poisson rate per month."""
    rng, out = p.rng, []
    for t in range(p.start, cal.n):
        rate = p.rate[kind]
        if kind in ("best_practice", "improvement_idea") and \
                p.flags.get("no_contributions") and t >= p.problem["onset"]:
            rate = 0.0
        if kind == "escalation" and problem_weight(p, t) > 0:
            rate += p.flags.get("escalation_events", 0.0)
        for _ in range(poisson(rng, rate)):
            ym = cal.ym(t)
            out.append((day_str(ym, weekday_in(rng, ym)), kind, rng.choice(titles), detail))
    return out


def late_report_events(p, cal):
    """report_late: the report for month t arrived late, logged in month t+1."""
    rng, out = p.rng, []
    for t in range(p.start, cal.n - 1):
        rate = p.rate["report_late"]
        if "late_events" in p.flags and problem_weight(p, t) > 0:
            rate += p.flags["late_events"] * problem_weight(p, t)
        if poisson(rng, rate) > 0:
            ym = cal.ym(t + 1)
            day = weekday_in(rng, ym, 8, 22)
            out.append((day_str(ym, day), "report_late",
                        "Monthly report %s late" % ym_str(ym - 1),
                        "Arrived on %s, due on the 5th working day." % day_str(ym, day)))
    return out


def incident_events(p, cal):
    out = []
    for t, dent in sorted(p.incidents.items()):
        ym = cal.ym(t)
        detail = ("Service restored the same day." if dent == 0 else
                  "Down for most of a day; SLA for the month affected.")
        out.append((day_str(ym, weekday_in(p.rng, ym)), "incident",
                    p.rng.choice(INCIDENTS), detail))
    return out


def partner_events(p, cal):
    events = meeting_events(p, cal) + late_report_events(p, cal)
    events += rate_events(p, cal, "best_practice", BEST_PRACTICES, "Shared with us.")
    events += rate_events(p, cal, "improvement_idea", IDEAS, "Proposed by the site.")
    events += rate_events(p, cal, "escalation", ESCALATIONS, "")
    events += incident_events(p, cal)
    events += rate_events(p, cal, "note", NOTES, "")
    seen, out = set(), []
    for date, kind, title, detail in sorted(events):
        if (date, kind, title) not in seen:
            seen.add((date, kind, title))
            out.append([p.code, date, kind, title, detail])
    return out


# ------------------------------------------------------------ QA audits

def audit_dates(p, cal):
    """(date, bad) for each final audit up to the end month's last day.

    The schedule is anchored on one audit and stepped back and forth by the
    partner's interval (+-15 days): the audit that finds a QA or fit problem
    (in the onset month; later audits find it too), the last audit before an
    overdue one, a readiness audit the month before a new partner starts, or
    else a recent audit."""
    rng, last_day = p.rng, date_ordinal(day_str(cal.end, month_days(cal.end)))
    begin = cal.ym(p.start)
    bad = "audit_bad" in p.flags or "audit_fit" in p.flags
    if "audit_last" in p.flags:
        anchor = date_ordinal(p.flags["audit_last"])
    elif bad:
        onset = cal.ym(p.problem["onset"])
        anchor = date_ordinal(day_str(onset, weekday_in(rng, onset, 1, 28)))
    elif p.start > 0:
        anchor = date_ordinal(day_str(begin - 1, weekday_in(rng, begin - 1, 1, 25)))
    else:
        anchor = last_day - rng.randint(0, p.audit_days - 20)
    before, after = [], []
    floor = date_ordinal(day_str(begin, 1)) - p.audit_days
    while (before[-1] if before else anchor) - p.audit_days > floor:
        before.append((before[-1] if before else anchor) - p.audit_days + rng.randint(-15, 15))
    while "audit_last" not in p.flags:
        step = (after[-1] if after else anchor) + p.audit_days + rng.randint(-15, 15)
        if step > last_day:
            break
        after.append(step)
    dates = [(d, False) for d in reversed(before)] + [(anchor, bad)]
    return [(ordinal_date(d), b) for d, b in dates + [(d, bad) for d in after]]


def healthy_answers(p, rng):
    """Answers of a partner without a QA problem: mostly passes, scale 3-5."""
    answers = []
    for key, title, items in TEMPLATE:
        for text, weight, critical, kind in items:
            if kind == "scale":
                answers.append(str(rng.choices([3, 4, 5], [0.25 - 0.15 * p.quality, 0.5,
                                                           0.25 + 0.15 * p.quality])[0]))
            elif not critical and rng.random() < 0.08 - 0.06 * p.quality:
                answers.append("fail")
            else:
                answers.append("pass")
            if p.kind == "bo" and text.startswith("Contacts are handled"):
                answers[-1] = "na"
    return answers


def audit_score(answers):
    """The score bpowatch computes: weighted points, pass 1, scale n/5."""
    earned = possible = 0.0
    for (key, text, weight, critical, kind), a in zip(template_items(), answers):
        if a in ("", "na"):
            continue
        got = 1.0 if a == "pass" else 0.0 if a == "fail" else int(a) / 5.0
        earned += weight * got
        possible += weight
    return 100.0 * earned / possible if possible else float("nan")


def template_items():
    return [(key, text, weight, critical, kind)
            for key, title, items in TEMPLATE for text, weight, critical, kind in items]


def degrade(rng, answers, sections, target):
    """Worsen random answers in sections until the score is below target."""
    items = template_items()
    idx = [i for i, it in enumerate(items) if it[0] in sections and not it[3]
           and answers[i] != "na"]
    for _ in range(60):
        if audit_score(answers) <= target:
            break
        i = rng.choice(idx)
        if items[i][4] == "scale":
            answers[i] = str(max(0, int(answers[i]) - 1))
        else:
            answers[i] = "fail"
    return answers


def problem_answers(p, rng, answers):
    """The audit that finds a QA or partnership-fit problem."""
    items = template_items()
    if p.flags.get("audit_fit"):
        for i, (key, text, weight, critical, kind) in enumerate(items):
            if key in FIT_SECTIONS and kind == "scale":
                answers[i] = str(rng.choice([0, 1, 2, 2]))
            elif key in FIT_SECTIONS and not critical:
                answers[i] = "fail"
        return answers
    bad = p.flags["audit_bad"]
    if bad["score"] is not None:
        other = [s[0] for s in TEMPLATE if s[0] not in FIT_SECTIONS]
        degrade(rng, answers, other, bad["score"])
    if bad["critical"]:
        i = next(i for i, it in enumerate(items) if it[1].startswith(bad["critical"]))
        answers[i] = "fail"
    return answers


def partner_view(rng, ours):
    """A partner's self-assessment of the same audit: ours, or kinder on
    some items. It is made of the healthy answers, so when the audit finds a
    problem the partner's own view stays kind (the calibration gap)."""
    out = []
    for a in ours:
        if a == "fail" and rng.random() < 0.3:
            a = "pass"
        elif a not in ("pass", "fail", "na") and int(a) < 5 and rng.random() < 0.25:
            a = str(int(a) + 1)
        out.append(a)
    return out


ITEM_NOTES = {"fail": ["2 of 10 sampled contacts missed it", "Not evidenced on site",
                       "Open finding from the last audit", "Training records incomplete"]}


def partner_audits(p, cal, review_start):
    """The final audits of one partner as qa.csv rows."""
    rows, review = [], review_start
    for date, bad in audit_dates(p, cal):
        rng = random.Random("%s:%s" % (p.code, date))
        ours = healthy_answers(p, rng)
        while not bad and audit_score(ours) < 85:
            ours = healthy_answers(p, rng)
        theirs = partner_view(rng, ours) if p.self_assess else None
        if bad:
            ours = problem_answers(p, rng, ours)
        rows += audit_rows(rng, p, review, date, ours, theirs)
        review += 1
    return rows, review


def audit_rows(rng, p, review, date, ours, theirs):
    rows, i = [], 0
    for key, title, items in TEMPLATE:
        for text, weight, critical, kind in items:
            note = rng.choice(ITEM_NOTES["fail"]) if ours[i] in ("fail", "0", "1") else ""
            rows.append([review, p.code, date, p.owner, "final", TEMPLATE_NAME,
                         TEMPLATE_VERSION, title, text, weight,
                         "yes" if critical else "no", kind, ours[i],
                         theirs[i] if theirs else "", note, "", "", ""])
            i += 1
    return rows


# ------------------------------------------------------------ output

def write_csv(path, header, rows):
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


def partner_row(p):
    return [p.code, p.name, p.site, p.country, p.services, p.contract[0],
            p.contract[1], p.annual_value, "EUR", p.owner, p.notes]


def truth_entry(p, cal):
    entry = {"healthy": p.problem is None, "start": cal.label(p.start),
             "market": p.market, "country": p.country,
             "kind": "contact_centre" if p.kind == "cc" else "back_office",
             "channels": sorted(p.channels), "csat_sources": p.csat_sources,
             "problem": None}
    if p.problem:
        prob = dict(p.problem)
        prob["onset"] = cal.label(prob["onset"])
        prob["related"] = sorted(set(prob["related"]) - {prob["indicator"]})
        del prob["ramp"]
        prob["ramp_months"] = p.problem["ramp"]
        entry["problem"] = prob
    return entry


def generate(seed, out, n_partners=60, n_months=36, end="2026-10"):
    """Generate one portfolio into directory out; returns the truth dict."""
    if n_months < 24:
        raise ValueError("--months must be 24 or more (12 judged, 12 of history)")
    rng = random.Random("genportfolio:%d" % seed)    # a str seed is hashed (SHA-512)
    cal = Calendar(end, n_months)
    port = Portfolio(rng, cal)
    partners = draw_partners(rng, cal, n_partners)
    plant_problems(rng, partners, cal)
    obs, events, audits, review = [], [], [], 1
    for p in partners:
        obs += partner_observations(p, cal, port)
        events += partner_events(p, cal)
        rows, review = partner_audits(p, cal, review)
        audits += rows
    os.makedirs(out, exist_ok=True)
    write_files(out, partners, obs, events, audits)
    truth = {"seed": seed, "end": ym_str(cal.end),
             "judged": [cal.label(t) for t in cal.judged()],
             "dip_month": cal.label(port.dip),
             "partners": {p.code: truth_entry(p, cal) for p in partners}}
    with open(os.path.join(out, "truth.json"), "w", encoding="utf-8") as f:
        json.dump(truth, f, indent=1, sort_keys=True, ensure_ascii=False)
        f.write("\n")
    return truth


def write_files(out, partners, obs, events, audits):
    write_csv(os.path.join(out, "partners.csv"),
              ["code", "name", "site", "country", "services", "contract_start",
               "contract_end", "annual_value", "currency", "owner", "notes"],
              [partner_row(p) for p in partners])
    write_csv(os.path.join(out, "observations.csv"),
              ["partner", "metric", "period", "segment", "source", "value"], obs)
    write_csv(os.path.join(out, "events.csv"),
              ["partner", "date", "kind", "title", "detail"], events)
    write_csv(os.path.join(out, "qa.csv"),
              ["review", "partner", "date", "reviewer", "status", "template", "version",
               "section", "item", "weight", "critical", "kind", "answer",
               "partner_answer", "item_note", "score", "failed", "review_notes"], audits)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seed", type=int, required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--partners", type=int, default=60)
    ap.add_argument("--months", type=int, default=36)
    ap.add_argument("--end", default="2026-10")
    args = ap.parse_args(argv)
    truth = generate(args.seed, args.out, args.partners, args.months, args.end)
    n_prob = sum(1 for e in truth["partners"].values() if not e["healthy"])
    print("%s: %d partners, %d with a planted problem, dip %s"
          % (args.out, len(truth["partners"]), n_prob, truth["dip_month"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
