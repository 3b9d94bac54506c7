#!/bin/bash
# Boot and judge scenarios (harness/run-scenario.sh), two at a time on a
# machine with two cores or more (BOOTS=n to choose): each TCG guest keeps
# one core busy, so run this while no kernel builds.  A scenario whose
# kernel did not build (FAIL in build/logs/build-ARCH.results) is a FAIL.
#   run-scenarios.sh [scenario ...]     (default: all)
# KERNEL and EXTRA_APPEND as for boot.sh; LOG_PREFIX=p writes pNAME.log.
set -uo pipefail
source "$(dirname "$0")/common.sh"

scenarios=("$@")
[ ${#scenarios[@]} -gt 0 ] || mapfile -t scenarios < <(scenario_names)
boots=${BOOTS:-$(( JOBS >= 2 ? 2 : 1 ))}

mkdir -p "$LOGS"
for s in "${scenarios[@]}"; do
	arch=$(scenario_field "$s" arch) || { echo "no scenario $s" >&2; exit 2; }
	if grep -qs '^FAIL' "$LOGS/build-$arch.results"; then
		echo "FAIL $s/boot (no $arch build)" > "$LOGS/${LOG_PREFIX:-}$s.results"
	else
		echo "$s"
	fi
done | xargs -r -P "$boots" -I{} env LOG_NAME="${LOG_PREFIX:-}{}" "$HARNESS/run-scenario.sh" {}
