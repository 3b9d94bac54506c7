#!/bin/bash
# The whole test run behind `make check`: apply the series, build the
# guest kernels and initramfs images, boot and judge every scenario (two
# at a time, harness/run-scenarios.sh), run the series gate
# (harness/gate.sh), and print the closing line
# "N passed, N failed, N skipped".
#   check.sh [scenario ...]     (default: all of harness/scenarios.txt)
set -uo pipefail
source "$(dirname "$0")/common.sh"

scenarios=("$@")
[ ${#scenarios[@]} -gt 0 ] || mapfile -t scenarios < <(scenario_names)
archs=$(for s in "${scenarios[@]}"; do scenario_field "$s" arch; done | sort -u)

mkdir -p "$LOGS"
rm -f "$LOGS"/*.results "$LOGS/summary.txt"
"$HARNESS/apply-series.sh" || exit 1

for arch in $archs; do
	if "$HARNESS/build-kernel.sh" "$arch" && "$HARNESS/build-initramfs.sh" "$arch"; then
		echo "PASS build/$arch" > "$LOGS/build-$arch.results"
	else
		echo "FAIL build/$arch" > "$LOGS/build-$arch.results"
	fi
done

"$HARNESS/run-scenarios.sh" "${scenarios[@]}"

"$HARNESS/gate.sh"

"$HARNESS/summary.sh"
