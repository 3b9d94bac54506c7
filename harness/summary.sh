#!/bin/bash
# Sum up build/logs/*.results; the last line is "N passed, N failed, N skipped".
set -uo pipefail
source "$(dirname "$0")/common.sh"

cat "$LOGS"/*.results > "$LOGS/all.results" 2>/dev/null
echo
echo "Failures and skips:"
grep -E '^(FAIL|SKIP)' "$LOGS/all.results" | sed 's/^/  /'
pass=$(grep -c '^PASS' "$LOGS/all.results")
fail=$(grep -c '^FAIL' "$LOGS/all.results")
skip=$(grep -c '^SKIP' "$LOGS/all.results")
echo "$pass passed, $fail failed, $skip skipped" | tee "$LOGS/summary.txt"
[ "$fail" = 0 ] && [ "$pass" -gt 0 ]
