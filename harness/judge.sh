#!/bin/bash
# Turn saved console logs into results, without booting (make judge):
#   judge.sh [LOG...]        (default: every console log in build/logs)
# Each LOG's results go next to it (NAME.results, one "PASS|FAIL|SKIP
# NAME/what (detail)" a line, by harness/parse-log.awk); then a line
# "NAME: N passed, N failed, N skipped" and the failures.  The scenario is
# the one the log's first line (the QEMU command) names with -name, or for
# older logs the log's name (baseline-NAME, debug-NAME: NAME).
set -uo pipefail
source "$(dirname "$0")/common.sh"

judge() { # log
	local log=$1 name arch results hotplug_log secs
	name=$(head -n 1 "$log" | grep -o -- ' -name [^ ]*' | cut -d' ' -f3)
	if [ -z "$name" ]; then
		name=$(basename "$log" .log)
		until scenario_field "$name" arch > /dev/null || [[ $name != *-* ]]; do
			name=${name#*-}
		done
	fi
	arch=$(scenario_field "$name" arch) || { echo "$log: no scenario $name" >&2; return 1; }
	arch_vars "$arch"
	results=${log%.log}.results
	hotplug_log=${log%.log}.hotplug.log
	[ -f "$hotplug_log" ] || hotplug_log=
	awk -v what=results -v name="$name" -v want="$(scenario_field "$name" msi_remap)" \
		-v ndev="$(scenario_devices "$name")" -v rounds="$(scenario_field "$name" hotplug)" \
		-v vmm="$(scenario_field "$name" vmm)" -v must="$(scenario_field "$name" log)" \
		-f "$HARNESS/parse-log.awk" \
		"$HARNESS/known-reports.txt" "$log" ${hotplug_log:+"$hotplug_log"} > "$results"
	secs=$(sed -n 's/^host: qemu exit .* after //p' "$log")
	log "$name: $(count_results "$results")${secs:+ in $secs}"
	grep '^FAIL' "$results" | sed 's/^/  /'
	return 0
}

logs=("$@")
[ ${#logs[@]} -gt 0 ] || mapfile -t logs < <(ls "$LOGS"/*.log | grep -v '\.hotplug\.log$')
for l in "${logs[@]}"; do
	judge "$l"
done
