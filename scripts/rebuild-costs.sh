#!/bin/bash
# Times text-only rebuilds of 1, 2 and 30 pages, no-op rebuilds, and a rebuild after every input was
# touched (every article read and hashed again), on a generated site (docs/performance.md).
#   python3 scripts/generate-workload.py --count 10000 --out /tmp/w10k
#   scripts/rebuild-costs.sh .build/release/medsite /tmp/w10k
set -euo pipefail
medsite=$(realpath "$1"); site=$2
cd "$site"
edit() { # edit N WORD: the last line of the first N articles' body says WORD (text only)
  for f in $(ls Content/*.md | head -n "$1"); do
    python3 - "$f" "$2" <<'PY'
import sys
path, word = sys.argv[1], sys.argv[2]
lines = open(path).read().rstrip("\n").split("\n")
if lines[-1].startswith("Edit marker"): lines[-1] = "Edit marker " + word + "."
else: lines += ["", "Edit marker " + word + "."]
open(path, "w").write("\n".join(lines) + "\n")
PY
  done
}
timed() { local start end; start=$(date +%s.%N); "$medsite" build --now 2026-11-23 > /dev/null 2>&1; end=$(date +%s.%N); echo "$1 $(echo "$end - $start" | bc) s"; }
"$medsite" build --now 2026-11-23 > /dev/null 2>&1; sleep 1
for pages in 1 2 30; do for run in 1 2 3 4 5; do edit "$pages" "r$run-$pages"; timed "edit-$pages-pages"; done; done
for run in 1 2 3; do timed no-op; done
for run in 1 2 3; do
  find Content -type f -exec touch {} +; sleep 1
  MEDSITE_TIMINGS=1 "$medsite" build --now 2026-11-23 2>&1 | grep "build cache read" | sed 's/^/touched: /'
done
