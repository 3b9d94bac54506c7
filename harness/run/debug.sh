#!/bin/bash
# `make check-debug`: the scenario rows of the architectures that ask for
# it (DEBUG_ROWS=1 in harness/arch/ARCH.sh) once more on kernels with
# KASAN, lockdep (PROVE_LOCKING) and DEBUG_ATOMIC_SLEEP (run/debug.config;
# KERNEL_KIND=debug, logs in build/logs/BASE-debug/); any report in a
# guest's kernel log fails the row's kernel_log result (except those of
# harness/judge/known-reports.txt).  Slower than `make check` (kernels of
# their own), so not part of it.
set -uo pipefail
source "$(dirname "$0")/../lib/common.sh"

base_vars "$BASE"
export KERNEL_KIND=debug
find "$(run_dir)" -name '*.results' -delete 2>/dev/null
"$HARNESS/run/apply-series.sh" || exit 1

for arch in $(arch_names); do
	(arch_vars "$arch" && [ -n "$DEBUG_ROWS" ]) || continue
	CONFIG_FRAGMENT=$HARNESS/run/debug.config "$HARNESS/run/build-kernel.sh" "$arch" &&
		"$HARNESS/run/build-initramfs.sh" "$arch" || exit 1
	# the nested VMM rows add nothing a debug kernel would see
	mapfile -t rows < <(for s in $(scenario_names "$arch"); do
		row_load "$s"; [ "$(row vmm)" = doorbell ] || echo "$s"; done)
	"$HARNESS/run/rows.sh" "${rows[@]}"
done

SUMMARY=$(run_dir)/summary.txt "$HARNESS/judge/summary.sh" "$(run_dir)"/*.results
