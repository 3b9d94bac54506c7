#!/bin/bash
# Sum up results files (default: those of the series' runs, below): the
# failures and skips, then the closing line "N passed, N failed, N
# skipped", which also goes to SUMMARY (default build/logs/summary.txt).
# Fails if anything failed or nothing passed.
#   summary.sh [RESULTS...]
set -uo pipefail
source "$(dirname "$0")/../lib/common.sh"

files=("$@")
# By default the series' runs: build/logs/*.results and build/logs/BASE/,
# not the side runs whose failures are the point (BASE-unpatched,
# BASE-mutant-NAME) or have a summary of their own (BASE-debug)
[ ${#files[@]} -gt 0 ] || mapfile -t files < <(
	find "$LOGS" -maxdepth 1 -name '*.results'
	for b in $(base_names); do find "$LOGS/$b" -name '*.results' 2>/dev/null; done | sort)
echo
echo "Failures and skips:"
cat "${files[@]}" 2>/dev/null | grep -E '^(FAIL|SKIP)' | sed 's/^/  /'
line=$(count_results "${files[@]}")
echo "$line" | tee "${SUMMARY:-$LOGS/summary.txt}"
[[ $line == [1-9]*" passed, 0 failed"* ]]
