#!/usr/bin/env python3
"""versus_peer.py SECONDS OUT_ROOT PLAN_DIR...  — caseload and the OR-Tools peer side by side.

For each plan folder: `caseload plan` and `peer_ortools.py` with the same time limit, one after
the other on the same machine; then each roster through ../shared/tools/objective.py (term by
term, the same measure for both) and check_roster.py. Prints one markdown row per planner:
coverage (delivered hours capped at each family's weekly hours over demand), meetings staffed,
travel hours, worker-family pairs (client work), objective, checker verdict, wall time.
Environment: CASELOAD (binary, default target/release/caseload), PEER_PY (python with ortools,
default from ../shared/tools/peer_setup.sh), SKIP_PEER=1 to run caseload only,
PAIR_WEIGHTS="1 0.5" to also run caseload with those `[weights] worker_per_family` (the trade-off
between travel and workers per family; every roster is still scored with the plan's own weights).
"""
import csv, json, os, shutil, subprocess, sys, time, tomllib

HERE = os.path.dirname(os.path.abspath(__file__))
TOOLS = os.path.normpath(os.path.join(HERE, "..", "..", "shared", "tools"))
CASELOAD = os.environ.get("CASELOAD", os.path.join(HERE, "..", "target", "release", "caseload"))


def peer_python():
    if "PEER_PY" in os.environ:
        return os.environ["PEER_PY"]
    return subprocess.run(["bash", os.path.join(TOOLS, "peer_setup.sh")], capture_output=True,
                          text=True, check=True).stdout.strip()


def demand(plan):
    with open(os.path.join(plan, "families.csv"), encoding="utf-8-sig") as f:
        raw = f.read()
    delim = ";" if raw.split("\n", 1)[0].count(";") > raw.split("\n", 1)[0].count(",") else ","
    rows = list(csv.DictReader(raw.splitlines(), delimiter=delim))
    return sum(float(r["weekly_hours"].replace(",", ".")) for r in rows)


def meetings(plan):
    p = os.path.join(plan, "meetings.csv")
    if not os.path.exists(p):
        return 0
    with open(p, encoding="utf-8-sig") as f:
        return max(0, len([l for l in f.read().splitlines() if l.strip()]) - 1)


def measure(plan, out, label, wall):
    obj = json.loads(subprocess.run([sys.executable, os.path.join(TOOLS, "objective.py"), plan, out],
                                    capture_output=True, text=True, check=True).stdout)
    chk = subprocess.run([sys.executable, os.path.join(TOOLS, "check_roster.py"), plan, out],
                         capture_output=True, text=True).stdout.strip().splitlines()
    verdict = chk[-1] if chk else "checker printed nothing"
    d = demand(plan)
    cov = 100.0 * (1 - obj["shortfall_hour"] / d) if d else 100.0
    m = meetings(plan)
    return (f"| {label} | {cov:.2f} % | {m - int(obj['uncovered_meeting'])}/{m} | "
            f"{obj['travel_hour']:.2f} | {int(obj['worker_per_family'])} | {obj['objective']:.2f} | "
            f"{wall:.1f} s | {verdict} |")


def main():
    secs, root, plans = sys.argv[1], sys.argv[2], sys.argv[3:]
    py = None if os.environ.get("SKIP_PEER") else peer_python()
    print("| instance / planner | coverage | meetings | travel h | pairs | objective | wall | check_roster |")
    print("|---|---|---|---|---|---|---|---|")
    for plan in plans:
        name = os.path.basename(os.path.normpath(plan))
        out = os.path.join(root, name + "-caseload")
        t = time.time()
        subprocess.run([CASELOAD, "plan", plan, "--out", out, "--time-limit", secs, "--quiet"],
                       check=False, stdout=subprocess.DEVNULL)
        print(measure(plan, out, f"{name} caseload", time.time() - t), flush=True)
        for w in os.environ.get("PAIR_WEIGHTS", "").split():
            variant = os.path.join(root, f"{name}-pairs{w}-plan")
            shutil.rmtree(variant, ignore_errors=True)
            shutil.copytree(plan, variant)
            with open(os.path.join(variant, "plan.toml"), "rb") as f:
                toml = tomllib.load(f)
            weights = "\n".join(f"{k} = {v}" for k, v in toml.get("weights", {}).items()
                                if k != "worker_per_family")
            with open(os.path.join(variant, "plan.toml"), "a") as f:
                if "weights" in toml:
                    raise SystemExit("PAIR_WEIGHTS: the plan already has [weights]; edit it by hand")
                f.write(f"\n[weights]\nworker_per_family = {w}\n{weights}\n")
            out = os.path.join(root, f"{name}-pairs{w}")
            t = time.time()
            subprocess.run([CASELOAD, "plan", variant, "--out", out, "--time-limit", secs, "--quiet"],
                           check=False, stdout=subprocess.DEVNULL)
            print(measure(plan, out, f"{name} caseload, pair weight {w}", time.time() - t), flush=True)
        if py:
            out = os.path.join(root, name + "-peer")
            t = time.time()
            subprocess.run([py, os.path.join(TOOLS, "peer_ortools.py"), plan, out, "--time-limit",
                            secs, "--quiet"], check=False, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL)
            print(measure(plan, out, f"{name} peer", time.time() - t), flush=True)


if __name__ == "__main__":
    main()
