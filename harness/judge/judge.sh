#!/bin/bash
# Turn saved console logs into results, without booting (make judge):
#   judge.sh [LOG...]        (default: every console log below build/logs)
# Each LOG is judged by harness/judge/judge.awk from what it says of
# itself (its "# row: " header), so an old log gets the verdict it had
# then.  The results go next to it (NAME.results, one "PASS|FAIL|SKIP
# NAME/what (detail)" a line); then a line "RUN/NAME: N passed, N failed,
# N skipped" and the failures.
set -uo pipefail
source "$(dirname "$0")/../lib/common.sh"

judge() { # log
	local log=$1 results=${1%.log}.results secs
	awk -f "$HARNESS/judge/log.awk" -f "$HARNESS/judge/judge.awk" "$log" > "$results"
	secs=$(sed -n 's/^host: qemu exit .* after //p' "$log")
	log "$(basename "$(dirname "$log")")/$(basename "$log" .log): $(count_results "$results")${secs:+ in $secs}"
	grep '^FAIL' "$results" | sed 's/^/  /'
	return 0
}

logs=("$@")
[ ${#logs[@]} -gt 0 ] || mapfile -t logs < <(find "$LOGS" -mindepth 2 -name '*.log' | sort)
for l in "${logs[@]}"; do
	judge "$l"
done
