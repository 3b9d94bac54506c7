#!/bin/bash
# Boot and judge scenario rows (harness/run/boot.sh, harness/judge/judge.sh),
# two at a time on a machine with two cores or more (BOOTS=n to choose):
# each TCG guest keeps one core busy, so run this while no kernel builds.
# A row whose kernel did not build (FAIL in RUN/build-ARCH.results) is a
# FAIL without a boot.
#   rows.sh [NAME ...]     (default: all of harness/scenarios.txt)
# BASE, KERNEL_KIND and EXTRA_APPEND as for boot.sh.
set -uo pipefail
source "$(dirname "$0")/../lib/common.sh"
source "$HARNESS/lib/apt.sh"

base_vars "$BASE" || exit 2
rows=("$@")
[ ${#rows[@]} -gt 0 ] || mapfile -t rows < <(scenario_names)
boots=${BOOTS:-$(( JOBS >= 2 ? 2 : 1 ))}
dir=$(run_dir)

mkdir -p "$dir"
# Each QEMU the rows boot on, fetched if it is not the machine's
for q in $(for s in "${rows[@]}"; do row_load "$s" && echo "$QEMU_NAME" && row vmm_emulator; done | sort -u); do
	qemu_vars "$q" && qemu_prepare || echo "QEMU $q: could not be set up" >&2
done
for s in "${rows[@]}"; do
	arch=$(scenario_arch "$s") || { echo "no scenario $s" >&2; exit 2; }
	if grep -qs '^FAIL' "$dir/build-$arch.results"; then
		echo "FAIL ${dir##*/}/$s/boot (no $arch build)" > "$dir/$s.results"
	else
		echo "$s"
	fi
done | xargs -r -P "$boots" -I{} sh -c '"$1/run/boot.sh" "$2" && "$1/judge/judge.sh" "$3/$2.log"' _ "$HARNESS" {} "$dir"
