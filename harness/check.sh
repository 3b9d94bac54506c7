#!/bin/bash
# The whole test run behind `make check`: apply the series, build the
# guest kernels and initramfs images, boot every scenario, run the series
# hygiene gate (harness/gate.sh), and print one closing line
# "N passed, N failed, N skipped".
#   check.sh [scenario ...]     (default: all of harness/scenarios.txt)
set -uo pipefail
source "$(dirname "$0")/common.sh"

scenarios=("$@")
[ ${#scenarios[@]} -gt 0 ] ||
	mapfile -t scenarios < <(grep -vE '^(#|$)' "$HARNESS/scenarios.txt" | cut -d'|' -f1 | tr -d ' ')
archs=$(for s in "${scenarios[@]}"; do grep -E "^$s +\|" "$HARNESS/scenarios.txt" | cut -d'|' -f2; done | tr -d ' ' | sort -u)

mkdir -p "$LOGS"
rm -f "$LOGS"/*.results "$LOGS/summary.txt"
"$HARNESS/tree.sh" || exit 1

for arch in $archs; do
	if "$HARNESS/build-kernel.sh" "$arch" && "$HARNESS/build-initramfs.sh" "$arch"; then
		echo "PASS build/$arch" > "$LOGS/build-$arch.results"
	else
		echo "FAIL build/$arch" > "$LOGS/build-$arch.results"
	fi
done

for s in "${scenarios[@]}"; do
	arch=$(grep -E "^$s +\|" "$HARNESS/scenarios.txt" | cut -d'|' -f2 | tr -d ' ')
	if grep -q '^FAIL' "$LOGS/build-$arch.results"; then
		echo "FAIL $s/boot (no $arch build)" > "$LOGS/$s.results"
		continue
	fi
	"$HARNESS/run-scenario.sh" "$s"
done

"$HARNESS/gate.sh"

"$HARNESS/summary.sh"
