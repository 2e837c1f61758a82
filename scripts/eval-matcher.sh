#!/usr/bin/env bash
# Scores the matcher (enrich/) on the ClimActor-derived name variants in
# ../shared/eval/ and prints correct / wrong / unmatched rates over all rows
# and over the hard clean subset, each raw (every row) and on the verified
# subset (ref_verified = 1, rule V25), as shared/eval/README.md defines them,
# then whether issue 13's targets are met.
#
# Usage: scripts/eval-matcher.sh [path/to/name_variants.dev.csv] [dump.tsv] [gazetteer file]
# The optional dump gets one line per row (outcome, input, match, why); an
# optional gazetteer file (citynets gazetteer update -o FILE) is scored
# instead of the embedded one, without the regression limits.
#
# The eval data is test data only and never enters this repository.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
data="${1:-$root/../shared/eval/name_variants.dev.csv}"
dump="${2:-}"
gaz="${3:-}"
if [[ ! -f "$data" ]]; then
  echo "eval data not found: $data" >&2
  exit 1
fi
data="$(cd "$(dirname "$data")" && pwd)/$(basename "$data")"
args=(-eval.data="$data")
if [[ -n "$dump" ]]; then
  args+=(-eval.dump="$(cd "$(dirname "$dump")" && pwd)/$(basename "$dump")")
fi

if [[ -n "$gaz" ]]; then
  args+=(-eval.gazetteer="$(cd "$(dirname "$gaz")" && pwd)/$(basename "$gaz")")
fi

cd "$root"
out="$(go test ./enrich/ -run '^TestEvalNameVariants$' -count=1 -v -args "${args[@]}" 2>&1)" || status=$?
echo "Matcher eval on $(basename "$data") — data derived from ClimActor:"
echo "  Hsu, A., Yeo, Z.Y., Rauber, R. et al. \"ClimActor, harmonized transnational data"
echo "  on climate network participation by city and regional governments\","
echo "  Scientific Data 7, 374 (2020). Correct = within 25 km of ClimActor's point."
echo
grep -E 'eval |method |target|limit' <<<"$out" | sed -E 's/^ *eval_test\.go:[0-9]+: //; s/^ +//'
if [[ "${status:-0}" -ne 0 ]]; then
  echo
  echo "FAIL: the matcher fell below its regression limits" >&2
  grep -vE '^(=== RUN|--- |PASS|FAIL|ok )' <<<"$out" | grep -vE 'eval_test' | head -20 >&2 || true
  exit "$status"
fi
