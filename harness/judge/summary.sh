#!/bin/bash
# Sum up results files (default: every .results below build/logs): the
# failures and skips, then the closing line "N passed, N failed, N
# skipped", which also goes to SUMMARY (default build/logs/summary.txt).
# Fails if anything failed or nothing passed.
#   summary.sh [RESULTS...]
set -uo pipefail
source "$(dirname "$0")/../lib/common.sh"

files=("$@")
[ ${#files[@]} -gt 0 ] || mapfile -t files < <(find "$LOGS" -name '*.results' | sort)
echo
echo "Failures and skips:"
cat "${files[@]}" 2>/dev/null | grep -E '^(FAIL|SKIP)' | sed 's/^/  /'
line=$(count_results "${files[@]}")
echo "$line" | tee "${SUMMARY:-$LOGS/summary.txt}"
[[ $line == [1-9]*" passed, 0 failed"* ]]
