#!/usr/bin/env python3
"""peer_demand.py PLAN_DIR PEER_OUT_DIR NEW_PLAN_DIR — the plan with each family's weekly hours cut
to what the peer's roster delivered (and min_visits / joint_visits to what it made), so that
caseload and the peer can be compared on travel at the same delivered hours (issue 17: the peer
leaves some far families short, which saves their trips)."""
import csv, io, os, shutil, sys
from collections import defaultdict


def hm(s):
    h, m = s.split(":")
    return int(h) * 60 + int(m)


def main(plan, peer, new):
    shutil.rmtree(new, ignore_errors=True)
    shutil.copytree(plan, new)
    minutes = defaultdict(int); visits = defaultdict(int); joints = defaultdict(set)
    for r in csv.DictReader(open(os.path.join(peer, "roster.csv"), encoding="utf-8-sig")):
        f = r["family_id"]
        if r["kind"] in ("home_visit", "joint_visit", "remote"):
            minutes[f] += hm(r["end"]) - hm(r["start"])
        if r["kind"] == "home_visit":
            visits[f] += 1
        if r["kind"] == "joint_visit":
            joints[f].add((r["date"], r["start"]))
    src = open(os.path.join(plan, "families.csv"), encoding="utf-8-sig").read()
    rows = list(csv.DictReader(io.StringIO(src)))
    out = io.StringIO()
    w = csv.DictWriter(out, fieldnames=list(rows[0].keys()), lineterminator="\n")
    w.writeheader()
    for r in rows:
        f = r["id"]
        r["weekly_hours"] = f"{int(minutes[f] / 60 * 100) / 100:.2f}"
        made = visits[f] + len(joints[f])
        r["min_visits"] = str(min(int(r["min_visits"] or 1), made))
        r["joint_visits"] = str(len(joints[f]))
        w.writerow(r)
    open(os.path.join(new, "families.csv"), "w").write(out.getvalue())


if __name__ == "__main__":
    main(*sys.argv[1:4])
