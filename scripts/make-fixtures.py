#!/usr/bin/env python3
"""Write the synthetic office exports in fixtures/mumbai and fixtures/partner.

Every person, name, phone number and case in these files is made up (names are
random pairs of neutral syllables). The Mumbai exports are built so that, for
the window 2000-01-01..2019-12-31 and the Mumbai office only, they give the
figures of the Mumbai brochure exactly (see fixtures/mumbai/EXPECTED.md):

  distinct survivors rescued   647   (published "640+")
  criminals restrained         178
  officials trained         24,861   (published "24,800+")
  first conviction            2004
  500th survivor              2013

Usage:
  python3 scripts/make-fixtures.py           write the files (same bytes every run)
  python3 scripts/make-fixtures.py --check   recompute the figures from the written
                                             files independently (plain Python, and
                                             mlr when installed); exit 1 on a mismatch

Standard library only; deterministic: one random.Random(seed) per file.
"""
import argparse
import csv
import datetime as dt
import io
import json
import os
import random
import shutil
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MUMBAI = os.path.join(ROOT, "fixtures", "mumbai")
PARTNER = os.path.join(ROOT, "fixtures", "partner")

SINCE = dt.date(2000, 1, 1)
AS_OF = dt.date(2019, 12, 31)

TARGET = {
    "rescue_rows": 681,
    "rescue_rejected": 2,
    "survivors_rescued": 647,
    "suspect_rows": 196,
    "criminals_restrained": 178,
    "training_rows": 97,
    "officials_trained": 24861,
    "first_conviction_year": 2004,
    "survivor_500_year": 2013,
}

# New (first-time, within the window) Mumbai survivors per year. Sums to 647;
# cumulative 494 at the end of 2012 and 544 at the end of 2013.
NEW_SURVIVORS = {
    2000: 2, 2001: 4, 2002: 7, 2003: 11, 2004: 28, 2005: 36, 2006: 44, 2007: 50,
    2008: 54, 2009: 58, 2010: 63, 2011: 67, 2012: 70, 2013: 50, 2014: 26,
    2015: 22, 2016: 18, 2017: 15, 2018: 12, 2019: 10,
}
# Repeat rescues of a person first rescued earlier: (first year, second year).
# Eight second rescues fall in 2005..2012, so a cumulative sum of per-year
# distinct counts (wrong) reaches 500 in 2012, the true distinct count in 2013.
REPEATS = [(2001, 2005), (2002, 2006), (2003, 2007), (2004, 2008), (2004, 2009),
           (2005, 2010), (2006, 2011), (2008, 2012), (2013, 2016)]

SYLLABLES = ["ra", "lu", "te", "mi", "so", "na", "ki", "pa", "vo", "de", "li", "ma",
             "nu", "ta", "ri", "se", "bo", "ga", "ze", "ko", "fa", "yu", "hi", "ne"]
STATES = [("West Bengal", 22), ("Maharashtra", 14), ("Karnataka", 8), ("Andhra Pradesh", 8),
          ("Telangana", 5), ("Uttar Pradesh", 6), ("Bihar", 5), ("Jharkhand", 4),
          ("Odisha", 4), ("Assam", 3), ("Madhya Pradesh", 4), ("Nepal", 10), ("Bangladesh", 9)]
PLACES_EARLY = [("brothel", 70), ("bar", 15), ("hotel", 10), ("private network", 5)]
PLACES_LATE = [("brothel", 45), ("bar", 12), ("hotel", 15), ("private network", 18), ("online", 10)]
NOTES = ["", "", "", "", "Found in a hidden room behind the kitchen, referred to shelter",
         "Brought by an agent from {origin}, promised work in a salon",
         'Says "didi" kept her papers and phone', "Rescued with others in the same operation",
         "Needs interpreter, speaks Bengali", "Family contacted, home study pending",
         "Medical check done; counselling started"]


def weighted(rng, table):
    total = sum(w for _, w in table)
    pick = rng.randrange(total)
    for value, w in table:
        if pick < w:
            return value
        pick -= w
    raise AssertionError("unreachable")


def made_up_name(rng):
    first = "".join(rng.choice(SYLLABLES) for _ in range(2)).capitalize()
    last = "".join(rng.choice(SYLLABLES) for _ in range(rng.choice([2, 3]))).capitalize()
    return f"{first} {last}"


def random_day(rng, year, first=None):
    start = dt.date(year, 1, 1) if first is None else first
    end = dt.date(year, 12, 31)
    return start + dt.timedelta(days=rng.randrange((end - start).days + 1))


def dmy(day):
    return day.strftime("%d/%m/%Y")


# --------------------------------------------------------------------------- rescues

class Rescues:
    """Builds the Mumbai rescue rows and the operations (FIRs) they belong to."""

    def __init__(self, rng):
        self.rng = rng
        self.ops = []          # dicts: fir, op, office, date, persons (list of row dicts)
        self.fir_seq = {}
        self.person_seq = 0
        self.people = {}       # pid -> dict(age, sex, origin, name, mobile, first_date)

    def new_person(self, first_date, age=None):
        self.person_seq += 1
        pid = f"SV{self.person_seq:05d}"
        rng = self.rng
        self.people[pid] = {
            "age": age if age is not None else min(12 + int(rng.betavariate(1.6, 4.5) * 30), 40),
            "sex": weighted(rng, [("Female", 58), ("F", 22), ("female", 13), ("Male", 7)]),
            "origin": weighted(rng, STATES),
            "name": made_up_name(rng) if rng.random() < 0.9 else ", ".join(reversed(made_up_name(rng).split(" "))),
            "mobile": "" if rng.random() < 0.45 else f"+91 55{rng.randrange(100, 1000)} {rng.randrange(10000, 100000)}",
            "first": first_date,
        }
        return pid

    def new_op(self, office, day):
        seq = self.fir_seq.get(day.year, 0) + 1
        self.fir_seq[day.year] = seq
        op = {"fir": f"CR {seq}/{day.year}", "op": f"OP-{day.year}-{seq:03d}",
              "office": office, "date": day, "rows": []}
        self.ops.append(op)
        return op

    def add_row(self, op, pid, age_text=None, date_text=None):
        rng = self.rng
        person = self.people[pid]
        years = op["date"].year - person["first"].year
        if age_text is None:
            roll = rng.random()
            if roll < 0.02:
                age_text = ""
            elif roll < 0.035:
                age_text = "NA"
            elif roll < 0.05:
                age_text = "-99"
            else:
                age_text = str(person["age"] + years)
        places = PLACES_EARLY if op["date"].year < 2011 else PLACES_LATE
        note = rng.choice(NOTES).format(origin=person["origin"])
        row = [pid, op["fir"], op["op"], op["office"], date_text or dmy(op["date"]), age_text,
               person["sex"], person["origin"], weighted(rng, places), person["name"],
               person["mobile"], note]
        op["rows"].append(row)
        return row

    def ops_for_year(self, office, year, count):
        """Spread `count` new persons over operations of 1 to 5 persons in `year`."""
        made = []
        while count > 0:
            k = min(count, self.rng.choice([1, 1, 2, 2, 2, 3, 3, 4, 5]))
            op = self.new_op(office, random_day(self.rng, year))
            for _ in range(k):
                self.add_row(op, self.new_person(op["date"]))
            made.append(op)
            count -= k
        return made


def build_rescues():
    rng = random.Random(2000)
    r = Rescues(rng)
    # Before the window: three persons seen only then, and one seen again in 2003.
    for year in (1997, 1998, 1999):
        op = r.new_op("Mumbai", random_day(rng, year))
        r.add_row(op, r.new_person(op["date"]))
    early = r.new_op("Mumbai", dt.date(1999, 11, 14))
    returning = r.new_person(early["date"], age=15)
    r.add_row(early, returning)

    mumbai_ops = {}
    for year, count in NEW_SURVIVORS.items():
        if year == 2003:
            op = r.new_op("Mumbai", dt.date(2003, 6, 9))
            r.add_row(op, returning)  # counts as one of 2003's new survivors in the window
            count -= 1
            mumbai_ops[year] = [op]
        mumbai_ops.setdefault(year, []).extend(r.ops_for_year("Mumbai", year, count))

    # Repeat rescues: a person of the first year joins an operation of the second.
    used = {returning}
    for first, second in REPEATS:
        pid = next(row[0] for op in mumbai_ops[first] for row in op["rows"] if row[0] not in used)
        used.add(pid)
        r.add_row(rng.choice(mumbai_ops[second]), pid)

    # Another office: excluded by the pipeline's where: office == "Mumbai".
    for year in (2001, 2005, 2007, 2009, 2011, 2013, 2015, 2016, 2017, 2018):
        r.ops_for_year("Kolkata", year, 1)

    # After the as-of date: the data goes on (7 new persons and one repeat).
    later = []
    for year in (2020, 2021, 2022, 2023, 2024, 2025):
        later.extend(r.ops_for_year("Mumbai", year, 2 if year == 2022 else 1))
    repeat_2015 = next(row[0] for op in mumbai_ops[2015] for row in op["rows"] if row[0] not in used)
    r.add_row(next(op for op in later if op["date"].year == 2021), repeat_2015)

    # Exactly two rows that must be rejected (new persons, so accepting them shows).
    bad_date_op = r.new_op("Mumbai", dt.date(2011, 4, 30))
    bad_date = r.add_row(bad_date_op, r.new_person(bad_date_op["date"]), date_text="31/04/2011")
    bad_age_op = r.new_op("Mumbai", dt.date(2012, 8, 17))
    bad_date_op["defect"] = bad_age_op["defect"] = True
    bad_age = r.add_row(bad_age_op, r.new_person(bad_age_op["date"]), age_text="150")

    rows = [(op["date"], row) for op in r.ops for row in op["rows"]]
    rows.sort(key=lambda item: (item[0], item[1][1], item[1][0]))
    ordered = [row for _, row in rows]
    # An exact duplicate row (a double paste): a warning, the person counts once.
    original = next(row for row in ordered if row[4].endswith("/2010") and row[3] == "Mumbai")
    ordered.insert(ordered.index(original) + 1, list(original))
    return r, ordered, {"bad_date": bad_date, "bad_age": bad_age, "duplicate": original}


RESCUE_HEADER = ["Survivor No", "FIR No.", "Operation", "Office", "Rescued On", "Age at rescue",
                 "Sex", "Native State", "Place of exploitation", "Survivor Name", "Mobile", "Notes"]


def rescues_csv(rows):
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(RESCUE_HEADER)
    for row in rows:
        writer.writerow(row)
    return out.getvalue()


# --------------------------------------------------------------------------- suspects

ROLES = [("owner", 18), ("manager", 22), ("pimp", 27), ("recruiter", 18), ("customer", 15)]
DISTRICTS = {"Mumbai": [("Mumbai City", 6), ("Mumbai Suburban", 3), ("Thane", 1)],
             "Kolkata": [("Kolkata", 1)]}
STATE_OF = {"Mumbai": "Maharashtra", "Kolkata": "West Bengal"}


def suspect(rng, op, arrest, charge, status, judgment, months=None, role=None):
    return {"op": op, "role": role or weighted(rng, ROLES), "arrest": arrest, "charge": charge,
            "status": status, "judgment": judgment, "months": months,
            "district": weighted(rng, DISTRICTS[op["office"]])}


def decide(rng, charge, last):
    """A verdict for a case charged on `charge`, as known on `last` (None: still pending)."""
    if charge is None:
        return "Pending", None, None
    judgment = charge + dt.timedelta(days=rng.randrange(300, 2600))
    if judgment > last:
        return "Pending", None, None
    status = weighted(rng, [("Convicted", 40), ("guilty", 10), ("Acquitted", 38), ("Discharged", 12)])
    if status in ("Convicted", "guilty") and judgment.year < TARGET["first_conviction_year"]:
        status = "Acquitted"
    months = rng.choice([36, 60, 84, 84, 120, 120, 168, 240]) if status in ("Convicted", "guilty") else None
    return status, judgment, months


def restrained_suspect(rng, op, charged_only=False):
    """Arrested (or charged in absence) on the operation's case; every date within the window."""
    arrest = None if charged_only else op["date"] + dt.timedelta(days=rng.randrange(0, 11))
    if arrest is not None and arrest > AS_OF:
        arrest = AS_OF
    base = arrest or op["date"]
    charge = base + dt.timedelta(days=rng.randrange(45, 120))
    if charge > AS_OF or (not charged_only and rng.random() < 0.08):
        charge = None
    status, judgment, months = decide(rng, charge, AS_OF)
    return suspect(rng, op, arrest, charge, status, judgment, months)


def build_suspects(r):
    rng = random.Random(2004)
    in_window = [op for op in r.ops if op["office"] == "Mumbai" and SINCE <= op["date"] <= AS_OF
                 and not op.get("defect")]
    early = [op for op in in_window if op["date"] < dt.date(2019, 6, 1)]
    people = []  # one list of rows per distinct accused
    for i in range(TARGET["criminals_restrained"]):
        charged_only = i % 30 == 7  # six charged in their absence, never arrested
        people.append([restrained_suspect(rng, rng.choice(early if charged_only else in_window), charged_only)])
    # Pin the timeline: an acquittal in 2003 (not a conviction) and the first conviction in 2004.
    pinned = sorted((p for p in people if p[0]["op"]["date"].year == 2002), key=lambda p: p[0]["op"]["date"])
    for person, (status, judgment) in zip(pinned[:2], [("Acquitted", dt.date(2003, 9, 22)),
                                                       ("Convicted", dt.date(2004, 7, 15))]):
        row = person[0]
        row["arrest"] = row["op"]["date"] + dt.timedelta(days=2)
        row["charge"] = row["arrest"] + dt.timedelta(days=80)
        row["status"], row["judgment"] = status, judgment
        row["months"] = 84 if status == "Convicted" else None
    # Five arrested again in a later case: one person, counted once.
    for person in [p for p in people if p[0]["arrest"] and p[0]["op"]["date"].year < 2015][:5]:
        later = [op for op in in_window if op["date"].year >= person[0]["op"]["date"].year + 2
                 and op["date"] < dt.date(2019, 6, 1)]
        again = restrained_suspect(rng, rng.choice(later))
        again["role"] = person[0]["role"]
        person.append(again)
    # Five never arrested nor charged (absconding): not restrained.
    for _ in range(5):
        people.append([suspect(rng, rng.choice(in_window), None, None, "Pending", None)])
    # Another office, with a conviction in 2003 that is not Mumbai's first.
    kolkata = [op for op in r.ops if op["office"] == "Kolkata" and op["date"] <= AS_OF]
    for i, op in enumerate(kolkata[:4]):
        arrest = op["date"] + dt.timedelta(days=3)
        charge = arrest + dt.timedelta(days=70)
        if i == 0:
            people.append([suspect(rng, op, arrest, charge, "Convicted", dt.date(2003, 2, 11), 60)])
        else:
            status, judgment, months = decide(rng, charge, AS_OF)
            people.append([suspect(rng, op, arrest, charge, status, judgment, months)])
    # After the as-of date: arrests in 2020 and later.
    later = [op for op in r.ops if op["office"] == "Mumbai" and op["date"] > AS_OF]
    for op in later[:4]:
        arrest = op["date"] + dt.timedelta(days=1)
        charge = arrest + dt.timedelta(days=60)
        status, judgment, months = decide(rng, charge, dt.date(2025, 12, 31))
        people.append([suspect(rng, op, arrest, charge, status, judgment, months)])

    people.sort(key=lambda p: (p[0]["op"]["date"], p[0]["op"]["fir"]))
    records = []
    for number, person in enumerate(people, start=1):
        name = made_up_name(rng)
        for row in person:
            records.append((row["op"]["date"], number, {
                "accused_no": f"A-{number:04d}",
                "fir_no": row["op"]["fir"],
                "office": row["op"]["office"],
                "role": row["role"],
                "name": name,
                "date_of_arrest": row["arrest"].isoformat() if row["arrest"] else None,
                "chargesheet_date": row["charge"].isoformat() if row["charge"] else None,
                "status": row["status"],
                "judgment_date": row["judgment"].isoformat() if row["judgment"] else None,
                "sentence_months": row["months"],
                "location": {"district": row["district"], "state": STATE_OF[row["op"]["office"]]},
            }))
    records.sort(key=lambda item: (item[0], item[1]))
    data = [record for _, _, record in records]
    # Two absconding suspects' exports leave the date keys out instead of writing null.
    absent = [rec for rec in data if rec["date_of_arrest"] is None and rec["chargesheet_date"] is None]
    for rec in absent[:2]:
        del rec["date_of_arrest"]
        del rec["chargesheet_date"]
    return data


def suspects_json(data):
    return json.dumps({"exported": "case-management", "data": data}, indent=2, ensure_ascii=False) + "\n"


# --------------------------------------------------------------------------- trainings

SESSIONS = {2000: 1, 2001: 1, 2002: 2, 2003: 2, 2004: 3, 2005: 3, 2006: 3, 2007: 3, 2008: 4,
            2009: 4, 2010: 4, 2011: 4, 2012: 5, 2013: 5, 2014: 20, 2015: 7, 2016: 5, 2017: 4,
            2018: 4, 2019: 4}
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
AUDIENCES = [("Police", 35), ("Prosecutor", 10), ("Judge", 6), ("Government Official", 20),
             ("NGO", 17), ("Community", 12)]


def build_trainings():
    rng = random.Random(2014)
    sessions = []  # (date, office, audience, attendees)
    for year, count in SESSIONS.items():
        for _ in range(count):
            if year == 2014:  # the government invitation: large sessions for officials
                sessions.append([random_day(rng, year), "Mumbai",
                                 weighted(rng, [("Police", 60), ("Government Official", 40)]),
                                 rng.randrange(300, 1271)])
            else:
                sessions.append([random_day(rng, year), "Mumbai", weighted(rng, AUDIENCES),
                                 rng.randrange(20, 251)])
    spike = [s for s in sessions if s[0].year == 2014]
    short = TARGET["officials_trained"] - sum(s[3] for s in sessions)
    for i, s in enumerate(spike):
        s[3] += short // len(spike) + (1 if i < short % len(spike) else 0)
        assert 100 <= s[3] <= 2500, s
    for year in (2006, 2012, 2016, 2019):
        sessions.append([random_day(rng, year), "Kolkata", weighted(rng, AUDIENCES), rng.randrange(20, 251)])
    for year in (2020, 2021, 2022, 2024, 2025):
        sessions.append([random_day(rng, year), "Mumbai", weighted(rng, AUDIENCES), rng.randrange(20, 1400)])
    sessions.sort(key=lambda s: (s[0], s[1]))
    seq = {}
    lines = ["Programme ID\tHeld On\tOffice\tAudience Type\tAttendees"]
    for day, office, audience, attendees in sessions:
        seq[day.year] = seq.get(day.year, 0) + 1
        if attendees >= 1000 and rng.random() < 0.75:
            count = f'"{attendees:,}"'  # a spreadsheet's "1,200", quoted
        else:
            count = str(attendees)
        lines.append("\t".join([f"TRG-{day.year}-{seq[day.year]:02d}", f"{day.day:02d}-{MONTHS[day.month - 1]}-{day.year}",
                                office, audience, count]))
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- partner

PARTNER_HEADER = ["Ref", "Date de sauvetage", "Âge", "Genre", "Bureau", "Origine", "Lieu", "Nom", "Jours en foyer"]
NAME_SYLLABLES = [
    ["ră", "lu", "ți", "mă", "so", "ne", "și", "ca", "vi", "dă", "lo", "re", "ân", "te"],  # Romanian letters
    ["রা", "লু", "তে", "মি", "সো", "না", "কি", "পা"],                                    # Bengali script
    ["रा", "लू", "ते", "मी", "सो", "ना", "की", "पा"],                                    # Devanagari
]
PARTNER_TARGET = {"rows": 50, "office_rows": 40, "distinct_persons": 39, "missing_ages": 4,
                  "minors": 15, "shelter_days": 24255}


def partner_name(rng):
    pool = NAME_SYLLABLES[weighted(rng, [(0, 6), (1, 2), (2, 2)])]
    first = "".join(rng.choice(pool) for _ in range(2))
    last = "".join(rng.choice(pool) for _ in range(3))
    return (first[:1].upper() + first[1:]) + " " + (last[:1].upper() + last[1:])


def build_partner():
    rng = random.Random(40)
    origins = [("România", 10), ("Republica Moldova", 5), ("Ucraina", 2), ("Bangladesh", 2), ("नेपाल", 1)]
    places = [("bordel", 3), ("hotel", 3), ("rețea privată", 4), ("online", 4), ("bar", 2)]
    rows = []
    plan = ([("Iași", year) for year in range(2012, 2020) for _ in range(5)]
            + [("Iași", year) for year in (2020, 2021, 2023, 2024)]
            + [("Chișinău", year) for year in (2013, 2015, 2016, 2018, 2019, 2021)])
    for i, (office, year) in enumerate(plan, start=1):
        rows.append([f"RO-{i:03d}", random_day(rng, year), rng.choice(range(13, 31)), rng.choice("FFFFM"),
                     office, weighted(rng, origins), weighted(rng, places), partner_name(rng),
                     rng.randrange(0, 1461)])
    for index in (3, 17, 26, 38):      # missing ages: -99
        rows[index][2] = -99
    rows[30][0] = rows[6][0]           # the same person rescued again, in 2018
    rows[30][7] = rows[6][7]
    rows[12][6] = "hotel; etaj 2"      # a quoted delimiter
    rows[21][7] = 'Ioa "Lilo" Tănăse'  # a quoted quote (made up)
    rows.sort(key=lambda row: (row[1], row[0]))
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(PARTNER_HEADER)
    for ref, day, age, sex, office, origin, place, name, days in rows:
        writer.writerow([ref, dmy(day), age, sex, office, origin, place, name, f"{days:,}"])
    return "\ufeff" + out.getvalue()


# --------------------------------------------------------------------------- independent check

def in_window(day):
    return day is not None and SINCE <= day <= AS_OF


def parse_dmy(text):
    try:
        return dt.datetime.strptime(text, "%d/%m/%Y").date()
    except ValueError:
        return None


def figures_rescues(path):
    """Recomputes the rescue figures from the CSV file: rejects, then Mumbai within the window."""
    rejected, duplicates, seen = [], 0, set()
    per_year, first_year, minors, cross_border, rows = {}, {}, set(), set(), 0
    with open(path, newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        for row in reader:
            rows += 1
            line = reader.line_num  # no field spans lines in this file
            day = parse_dmy(row["Rescued On"])
            age_text = row["Age at rescue"]
            age = None if age_text in ("", "NA", "-99") else int(age_text)
            if day is None:
                rejected.append((line, "Rescued On", row["Rescued On"]))
                continue
            if age is not None and not 0 <= age <= 120:
                rejected.append((line, "Age at rescue", age_text))
                continue
            key = tuple(row.values())
            duplicates += key in seen
            seen.add(key)
            if row["Office"] != "Mumbai" or not in_window(day):
                continue
            pid = row["Survivor No"]
            per_year.setdefault(day.year, set()).add(pid)
            first_year[pid] = min(first_year.get(pid, day.year), day.year)
            if age is not None and age < 18:
                minors.add(pid)
            if row["Native State"] in ("Nepal", "Bangladesh"):
                cross_border.add(pid)
    cumulative, total, reach = {}, 0, None
    for year in sorted(per_year):
        total += sum(1 for y in first_year.values() if y == year)
        cumulative[year] = total
        if reach is None and total >= 500:
            reach = year
    return {"rows": rows, "rejected": rejected, "duplicates": duplicates,
            "survivors_rescued": len(first_year), "per_year": {y: len(p) for y, p in per_year.items()},
            "cumulative": cumulative, "survivor_500_year": reach,
            "minors": len(minors), "cross_border": len(cross_border)}


def figures_suspects(path):
    with open(path, encoding="utf-8") as f:
        data = json.load(f)["data"]
    restrained, convictions, first, straddling = set(), 0, None, 0
    for rec in data:
        if rec["office"] != "Mumbai":
            continue
        dates = [dt.date.fromisoformat(rec[k]) for k in ("date_of_arrest", "chargesheet_date", "judgment_date")
                 if rec.get(k)]
        straddling += any(d <= AS_OF for d in dates) and any(d > AS_OF for d in dates)
        arrest, charge = (dt.date.fromisoformat(rec[k]) if rec.get(k) else None
                          for k in ("date_of_arrest", "chargesheet_date"))
        if in_window(arrest) or in_window(charge):
            restrained.add(rec["accused_no"])
        judged = dt.date.fromisoformat(rec["judgment_date"]) if rec.get("judgment_date") else None
        if rec["status"] in ("Convicted", "guilty") and in_window(judged):
            convictions += 1
            first = judged.year if first is None else min(first, judged.year)
    return {"rows": len(data), "criminals_restrained": len(restrained), "convictions": convictions,
            "first_conviction_year": first, "straddling": straddling}


def figures_trainings(path):
    total, per_year, rows = 0, {}, 0
    with open(path, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            rows += 1
            d, m, y = row["Held On"].split("-")
            day = dt.date(int(y), MONTHS.index(m) + 1, int(d))
            if row["Office"] == "Mumbai" and in_window(day):
                count = int(row["Attendees"].replace(",", ""))
                total += count
                per_year[day.year] = per_year.get(day.year, 0) + count
    return {"rows": rows, "officials_trained": total, "per_year": per_year,
            "peak_year": max(per_year, key=lambda y: per_year[y])}


def figures_partner(path):
    with open(path, newline="", encoding="utf-8-sig") as f:
        rows = list(csv.DictReader(f, delimiter=";"))
    mine = [r for r in rows if r["Bureau"] == "Iași" and in_window(parse_dmy(r["Date de sauvetage"]))]
    return {"rows": len(rows), "office_rows": len(mine), "distinct_persons": len({r["Ref"] for r in mine}),
            "missing_ages": sum(r["Âge"] == "-99" for r in mine),
            "minors": len({r["Ref"] for r in mine if r["Âge"] != "-99" and int(r["Âge"]) < 18}),
            "shelter_days": sum(int(r["Jours en foyer"].replace(",", "")) for r in mine)}


# --------------------------------------------------------------------------- mlr cross-check

RESCUES_KEPT = ('t = strptime(${Rescued On}, "%d/%m/%Y"); a = ${Age at rescue}; '
                '$Office == "Mumbai" && !is_error(t) && t >= strptime("2000-01-01", "%Y-%m-%d") '
                '&& t <= strptime("2019-12-31", "%Y-%m-%d") '
                '&& (a == "" || a == "NA" || a == -99 || (a >= 0 && a <= 120))')
SUSPECTS_UNWRAP = "for (e in $data) { emit e }"
SUSPECTS_KEPT = ('$office == "Mumbai" && ((is_string($date_of_arrest) && $date_of_arrest >= "2000-01-01" '
                 '&& $date_of_arrest <= "2019-12-31") || (is_string($chargesheet_date) '
                 '&& $chargesheet_date >= "2000-01-01" && $chargesheet_date <= "2019-12-31"))')
CONVICTED = ('$office == "Mumbai" && ($status == "Convicted" || $status == "guilty") '
             '&& is_string($judgment_date) && $judgment_date <= "2019-12-31"')
TRAININGS_KEPT = ('y = int(splitax(${Held On}, "-")[3]); $Office == "Mumbai" && y >= 2000 && y <= 2019')

# (figure, argv, which output cell holds the value)
MLR_CHECKS = [
    ("survivors_rescued",
     ["--icsv", "--onidx", "filter", RESCUES_KEPT, "then", "count-distinct", "-f", "Survivor No",
      "then", "count", "fixtures/mumbai/rescues.csv"]),
    ("survivor_500_year",
     ["--icsv", "--onidx", "filter", RESCUES_KEPT, "then", "put", '$y = splitax(${Rescued On}, "/")[3]',
      "then", "stats1", "-a", "min", "-f", "y", "-g", "Survivor No", "then", "count", "-g", "y_min",
      "then", "sort", "-nf", "y_min", "then", "step", "-a", "rsum", "-f", "count",
      "then", "filter", "$count_rsum >= 500", "then", "head", "-n", "1", "then", "cut", "-f", "y_min",
      "fixtures/mumbai/rescues.csv"]),
    ("criminals_restrained",
     ["--ijson", "--onidx", "put", "-q", SUSPECTS_UNWRAP, "then", "filter", SUSPECTS_KEPT,
      "then", "count-distinct", "-f", "accused_no", "then", "count", "fixtures/mumbai/suspects.json"]),
    ("first_conviction_year",
     ["--ijson", "--onidx", "put", "-q", SUSPECTS_UNWRAP, "then", "filter", CONVICTED,
      "then", "put", "$y = int(substr($judgment_date, 0, 3))", "then", "stats1", "-a", "min", "-f", "y",
      "fixtures/mumbai/suspects.json"]),
    ("officials_trained",
     ["--icsv", "--ifs", "tab", "--onidx", "filter", TRAININGS_KEPT, "then", "put",
      '$n = int(gsub(string($Attendees), ",", ""))', "then", "stats1", "-a", "sum", "-f", "n",
      "fixtures/mumbai/trainings.tsv"]),
]


def shell_quote(arg):
    return arg if all(c.isalnum() or c in "-_./,=" for c in arg) else "'" + arg.replace("'", "'\\''") + "'"


def mlr_command(argv):
    return "mlr " + " ".join(shell_quote(a) for a in argv)


# --------------------------------------------------------------------------- EXPECTED.md

def expected_mumbai(rescues, suspects, trainings):
    years = sorted(set(rescues["per_year"]) | set(trainings["per_year"]))
    table = "\n".join(f"| {y} | {rescues['per_year'].get(y, 0)} | {rescues['cumulative'].get(y, '')} "
                      f"| {trainings['per_year'].get(y, 0):,} |" for y in years)
    rejected = "\n".join(f"| {line} | {field} | `{value}` |" for line, field, value in rescues["rejected"])
    checks = "\n\n".join(f"{name}:\n\n```sh\n{mlr_command(argv)}\n```" for name, argv in MLR_CHECKS)
    return f"""# fixtures/mumbai: expected figures

Synthetic exports of a made-up Mumbai office (no real person: names are random
syllables, phone numbers use the unallocated +91 55 range). Written by
`python3 scripts/make-fixtures.py`; checked by `python3 scripts/make-fixtures.py --check`,
which recomputes every figure below from the written files with plain Python and
with the `mlr` commands at the end. Do not edit these files by hand: change the script.

Window: **2000-01-01 to 2019-12-31** (`since: 2000-01-01`, `--as-of 2019-12-31`),
**office == "Mumbai"** only.

## Headline figures

| figure | exact | published | definition |
| --- | ---: | ---: | --- |
| survivors_rescued | {TARGET['survivors_rescued']} | 640+ | distinct `Survivor No` over accepted rescue rows, office Mumbai, `Rescued On` in the window |
| criminals_restrained | {TARGET['criminals_restrained']} | 178 | distinct `accused_no`, office Mumbai, with `date_of_arrest` or `chargesheet_date` in the window |
| officials_trained | {TARGET['officials_trained']:,} | 24,800+ | sum of `Attendees` ("1,200" is 1200), office Mumbai, `Held On` in the window |

## Milestones found in the data

| milestone | year | definition |
| --- | ---: | --- |
| first conviction | {TARGET['first_conviction_year']} | earliest year of `judgment_date` with `status` Convicted or guilty, office Mumbai |
| 500th survivor | {TARGET['survivor_500_year']} | first year in which the cumulative count of distinct survivors (each counted in the year of their first rescue in the window) reaches 500 |
| training spike | {trainings['peak_year']} | the year with the most attendees (the government's invitation) |

Traps, on purpose: a Kolkata conviction in 2003 and a Mumbai acquittal in 2003 (the first
conviction is still 2004); eight repeat rescues fall in 2005..2012, so summing the yearly
distinct counts (wrong) reaches 500 in 2012, one year early.

## Rows

| file | rows read | rejected | notes |
| --- | ---: | ---: | --- |
| rescues.csv | {rescues['rows']} | {len(rescues['rejected'])} | {rescues['duplicates']} exact duplicate row (a warning, kept); 10 Kolkata rows; 4 rows before 2000 (one of those persons is rescued again in 2003 and counts); 8 rows after 2019-12-31; 9 repeat rescues of a person in a later year; ages missing as `""`, `NA` or `-99` |
| suspects.json | {suspects['rows']} | 0 | 5 accused appear in two cases; 5 never arrested nor charged (two leave the date keys out, the others write null); 4 Kolkata; 4 arrested after 2019; {suspects['straddling']} Mumbai rows with dates on both sides of the as-of date |
| trainings.tsv | {trainings['rows']} | 0 | 4 Kolkata sessions; 5 sessions after 2019; tab-separated, `dd-MMM-yyyy`, some counts written `"1,200"` |

Rows dated after 2019-12-31 are not defects: the data goes on, and an as-of of
2019-12-31 leaves them out of the window. A pipeline that rejects dates after the
as-of date would reject those 8 rescue rows, 4 suspect rows and 5 training rows instead.

The two rescue rows that must be rejected (1-based physical line, the header is line 1):

| line | field | value |
| --- | --- | --- |
{rejected}

Identifying columns, dropped on read: `Survivor Name`, `Mobile`, `Notes` (rescues), `name` (suspects).

## Other figures (not on the brochure; handy for tests)

| figure | value | definition |
| --- | ---: | --- |
| convictions | {suspects['convictions']} | Mumbai suspect rows with status Convicted or guilty and `judgment_date` in the window |
| minors | {rescues['minors']} | distinct survivors with an age under 18 on an accepted row in the window |
| cross_border | {rescues['cross_border']} | distinct survivors whose `Native State` is Nepal or Bangladesh |

## Per year (office Mumbai)

| year | survivors rescued (distinct that year) | cumulative distinct | officials trained |
| ---: | ---: | ---: | ---: |
{table}

## Cross-check with mlr

Run from the repository root (Miller 6; the check runs them when `mlr` is installed).

{checks}
"""


def expected_partner(partner):
    return f"""# fixtures/partner: expected figures

A made-up partner office's rescue export with its own column names:
`{';'.join(PARTNER_HEADER)}`. UTF-8 with a byte order mark, CRLF line ends, `;` as
delimiter, dates `dd/MM/yyyy`, `-99` for a missing age, thousands separators in the
count column `Jours en foyer` (days in a shelter: `1,095`), and Romanian, Bengali and
Devanagari text in `Nom` (identifying: dropped), `Origine` and `Lieu`. Written by
`python3 scripts/make-fixtures.py`, checked by its `--check`.

Window 2000-01-01 to 2019-12-31, `Bureau == "Iași"` only. No row is a defect.

| figure | value | definition |
| --- | ---: | --- |
| rows read | {partner['rows']} | every data row of the file |
| rows kept | {partner['office_rows']} | Bureau Iași, `Date de sauvetage` in the window (the rest: Chișinău, or after 2019) |
| survivors rescued | {partner['distinct_persons']} | distinct `Ref` among the rows kept (one person is rescued twice) |
| missing ages | {partner['missing_ages']} | rows kept with `Âge` = `-99` |
| minors | {partner['minors']} | distinct `Ref` with an `Âge` under 18 among the rows kept |
| shelter days | {partner['shelter_days']:,} | sum of `Jours en foyer` over the rows kept |

Quirks: one `Lieu` holds the delimiter (`"hotel; etaj 2"`, quoted) and one `Nom` a quoted quote.
"""


# --------------------------------------------------------------------------- main

def contents():
    r, rescue_rows, _ = build_rescues()
    return {
        os.path.join(MUMBAI, "rescues.csv"): rescues_csv(rescue_rows),
        os.path.join(MUMBAI, "suspects.json"): suspects_json(build_suspects(r)),
        os.path.join(MUMBAI, "trainings.tsv"): build_trainings(),
        os.path.join(PARTNER, "rescues.csv"): build_partner(),
    }


def all_figures():
    return (figures_rescues(os.path.join(MUMBAI, "rescues.csv")),
            figures_suspects(os.path.join(MUMBAI, "suspects.json")),
            figures_trainings(os.path.join(MUMBAI, "trainings.tsv")),
            figures_partner(os.path.join(PARTNER, "rescues.csv")))


def compare(label, got, want):
    ok = got == want
    print(f"{'ok  ' if ok else 'FAIL'} {label:<32} {got!s:>8}   expected {want}")
    return ok


def check():
    ok = True
    for path, text in contents().items():
        with open(path, encoding="utf-8", newline="") as f:
            ok &= compare(os.path.relpath(path, ROOT) + " as generated", f.read() == text, True)
    rescues, suspects, trainings, partner = all_figures()
    ok &= compare("rescues rows read", rescues["rows"], TARGET["rescue_rows"])
    ok &= compare("rescues rows rejected", len(rescues["rejected"]), TARGET["rescue_rejected"])
    ok &= compare("survivors_rescued", rescues["survivors_rescued"], TARGET["survivors_rescued"])
    ok &= compare("survivor_500_year", rescues["survivor_500_year"], TARGET["survivor_500_year"])
    ok &= compare("suspects rows read", suspects["rows"], TARGET["suspect_rows"])
    ok &= compare("criminals_restrained", suspects["criminals_restrained"], TARGET["criminals_restrained"])
    ok &= compare("first_conviction_year", suspects["first_conviction_year"], TARGET["first_conviction_year"])
    ok &= compare("suspects straddling the as-of", suspects["straddling"], 0)
    ok &= compare("trainings rows read", trainings["rows"], TARGET["training_rows"])
    ok &= compare("officials_trained", trainings["officials_trained"], TARGET["officials_trained"])
    ok &= compare("training peak year", trainings["peak_year"], 2014)
    for key, want in PARTNER_TARGET.items():
        ok &= compare("partner " + key, partner[key], want)
    mlr = shutil.which("mlr")
    if mlr is None:
        print("skip mlr cross-check: mlr is not installed (apt-get install miller)")
    else:
        for name, argv in MLR_CHECKS:
            out = subprocess.run([mlr] + argv, cwd=ROOT, capture_output=True, text=True)
            value = out.stdout.strip()
            ok &= compare("mlr " + name, value, str(TARGET[name]))
    print("all figures as expected" if ok else "MISMATCH: see FAIL lines above")
    return 0 if ok else 1


def write():
    for path, text in contents().items():
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8", newline="") as f:
            f.write(text)
    rescues, suspects, trainings, partner = all_figures()
    for path, text in ((os.path.join(MUMBAI, "EXPECTED.md"), expected_mumbai(rescues, suspects, trainings)),
                       (os.path.join(PARTNER, "EXPECTED.md"), expected_partner(partner))):
        with open(path, "w", encoding="utf-8", newline="") as f:
            f.write(text)
    print("wrote fixtures/mumbai (rescues.csv, suspects.json, trainings.tsv, EXPECTED.md), "
          "fixtures/partner (rescues.csv, EXPECTED.md)")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true",
                        help="recompute the figures from the written files; exit 1 on a mismatch")
    args = parser.parse_args()
    if args.check:
        sys.exit(check())
    write()


if __name__ == "__main__":
    main()
