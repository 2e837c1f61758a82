#!/usr/bin/env bash
# Measures issue 14's write budget: committing a snapshot of 100,000
# synthetic members (Parquet + Arrow, synced, committed) must take under
# 1 s and stay under 300 MB resident. Go's -benchmem counts allocations,
# not what the process holds, so the benchmark binary runs under
# /usr/bin/time -v and its "Maximum resident set size" is the peak.
#
# Usage: scripts/bench-write.sh [runs]   (default 3 snapshots, one process)
# Prints the time per snapshot and the peak RSS, and exits 1 when either
# is over budget. On a busy machine the time varies: run it twice.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-3}"
if [[ ! -x /usr/bin/time ]]; then
  echo "/usr/bin/time is not installed (apt-get install time)" >&2
  exit 2
fi
bin="$(mktemp -d)"
trap 'rm -rf "$bin"' EXIT
go -C "$root" test -c -o "$bin/output.test" ./output/
# The test binary runs in its package folder, as go test would.
cd "$root/output"
/usr/bin/time -v "$bin/output.test" -test.run '^$' -test.bench '^BenchmarkWriteSnapshot$' \
  -test.benchtime "${runs}x" >"$bin/out" 2>&1 || { cat "$bin/out"; exit 2; }
ns="$(awk '/^BenchmarkWriteSnapshot/ {print $3}' "$bin/out")"
kb="$(awk -F': ' '/Maximum resident set size/ {print $2}' "$bin/out")"
# time reports kilobytes of 1,024 bytes; the budget is 300 MB of 10^6.
awk -v ns="$ns" -v kb="$kb" -v runs="$runs" 'BEGIN {
  s = ns / 1e9; mb = kb * 1024 / 1e6
  printf "100,000 members: %.2f s per snapshot (budget 1 s), peak RSS %d KiB = %.0f MB (budget 300 MB), %d snapshots\n", s, kb, mb, runs
  exit (s >= 1 || mb >= 300) ? 1 : 0
}'
