#!/usr/bin/env bash
# One measured `caseload plan` run for BENCHMARKS.md "County scale (issue 17)":
#   scripts/measure_county.sh PLAN_DIR OUT_DIR SECONDS
# prints wall time and peak RSS (/usr/bin/time -v), the summary's result: line, the objective's
# terms (objective.py) and check_roster.py's verdict.
set -euo pipefail
plan=$1 out=$2 t=$3
bin=$(dirname "$0")/../target/release/caseload
tools=/work/shared/tools
log=$(mktemp)
/usr/bin/time -v "$bin" plan "$plan" --out "$out" --time-limit "$t" --quiet >"$log.out" 2>"$log"
echo "run: $plan --time-limit $t"
grep -E "Elapsed \(wall|Maximum resident" "$log" | sed 's/^\s*/  /'
grep -E "^- solver:|^result:" "$log.out" | sed 's/^/  /'
echo "  terms: $(python3 "$tools/objective.py" "$plan" "$out")"
echo "  check_roster.py: $(python3 "$tools/check_roster.py" "$plan" "$out" | tail -1)"
rm -f "$log" "$log.out"
