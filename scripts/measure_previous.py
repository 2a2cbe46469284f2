"""Measures `plan --previous` (issue 15): plan week 49 of a plan folder, then plan the same
folder as week 50 (week moved on, meetings and absences moved by 7 days, history_next.csv as
history.csv; or the same week again with SAME=1) plainly and with --previous; prints the share
of last week's visits kept at their weekday, hour and worker, travel hours and coverage.

usage: python3 scripts/measure_previous.py PLAN_DIR LABEL TIME_LIMIT [RHYTHM_WEIGHT]
(work folders under $TMPDIR/caseload-previous/LABEL; run from the repository after a release build)
"""
import csv, datetime, os, shutil, subprocess, sys, tempfile
BIN=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "target", "release", "caseload")
def shift(path, col, days):
    if not os.path.exists(path): return
    rows=list(csv.reader(open(path)))
    h=rows[0]; i=h.index(col)
    for r in rows[1:]:
        d=datetime.date.fromisoformat(r[i]); r[i]=(d+datetime.timedelta(days=days)).isoformat()
    csv.writer(open(path,"w",newline="")).writerows(rows)
def run(args):
    r=subprocess.run([BIN]+args,capture_output=True,text=True)
    if r.returncode: print(r.stderr); sys.exit(1)
    return r.stdout
def visits(path):
    out=[]
    for r in csv.DictReader(open(path)):
        if r["kind"] in ("home_visit","joint_visit"):
            d=datetime.date.fromisoformat(r["date"]).weekday()
            out.append((r["family_id"],d,int(r["start"][:2]),r["worker_id"]))
    return out
def travel(path):
    t=0
    for r in csv.DictReader(open(path)):
        if r["kind"]=="travel":
            a=int(r["start"][:2])*60+int(r["start"][3:]); b=int(r["end"][:2])*60+int(r["end"][3:5])
            t+=b-a
    return t/60
src, label, limit = sys.argv[1], sys.argv[2], sys.argv[3]
base=os.path.join(tempfile.gettempdir(), "caseload-previous", label)
shutil.rmtree(base, ignore_errors=True); os.makedirs(base)
a=f"{base}/a"; shutil.copytree(src,a); shutil.rmtree(f"{a}/out",ignore_errors=True)
run(["plan",a,"--out",f"{base}/outa","--time-limit",limit])
b=f"{base}/b"; shutil.copytree(a,b)
if os.environ.get("SAME") != "1":
    toml=open(f"{b}/plan.toml").read().replace("2026-W49","2026-W50"); open(f"{b}/plan.toml","w").write(toml)
    shift(f"{b}/meetings.csv","date",7); shift(f"{b}/availability.csv","date",7)
    shutil.copy(f"{base}/outa/history_next.csv", f"{b}/history.csv")
w=sys.argv[4] if len(sys.argv)>4 else None
if w:
    t=open(f"{b}/plan.toml").read()
    if "[weights]" in t: t=t.replace("[weights]", f"[weights]\nrhythm = {w}")
    else: t+=f"\n[weights]\nrhythm = {w}\n"
    open(f"{b}/plan.toml","w").write(t)
run(["plan",b,"--out",f"{base}/plain","--time-limit",limit])
out=run(["plan",b,"--out",f"{base}/prev","--previous",f"{base}/outa/roster.csv","--time-limit",limit])
last=set(visits(f"{base}/outa/roster.csv")); n=len(visits(f"{base}/outa/roster.csv"))
def res(name):
    v=set(visits(f"{base}/{name}/roster.csv"))
    same=sum(1 for x in visits(f"{base}/outa/roster.csv") if x in v)
    obj=[l for l in open(f"{base}/{name}/summary.md") if l.startswith("result:")][0]
    cov=obj.split("coverage=")[1].split()[0]
    return f"{same}/{n} = {100*same/n:.1f} %", f"{travel(f'{base}/{name}/roster.csv'):.2f}", cov
for name in (["plain","prev"] if not w else ["prev"]):
    print(label, name, *res(name))
chk=subprocess.run(["python3",os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared", "tools", "check_roster.py"),b,f"{base}/prev"],capture_output=True,text=True).stdout.strip().splitlines()[-1]
print("check prev:",chk)
