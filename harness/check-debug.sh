#!/bin/bash
# `make check-debug`: the x86_64 and 64K arm64 scenarios once more on
# kernels with KASAN, lockdep (PROVE_LOCKING) and DEBUG_ATOMIC_SLEEP; any
# report in a guest's kernel log fails the scenario's kernel_log result
# (except those of harness/known-reports.txt).  Slower than `make check`
# (kernels of their own), so not part of it.
set -uo pipefail
source "$(dirname "$0")/common.sh"

mkdir -p "$LOGS"
rm -f "$LOGS"/debug-*.results
"$HARNESS/apply-series.sh" || exit 1

for arch in x86_64 arm64; do
	CONFIG_FRAGMENT=$HARNESS/configs/debug.config OUT_NAME=$arch-debug \
		"$HARNESS/build-kernel.sh" "$arch" &&
		"$HARNESS/build-initramfs.sh" "$arch" || exit 1
	arch_vars "$arch"
	# the nested VMM rows add nothing a debug kernel would see
	mapfile -t scenarios < <(for s in $(scenario_names "$arch"); do
		[ "$(scenario_field "$s" vmm)" = doorbell ] || echo "$s"; done)
	KERNEL=$OUT/$arch-debug/$IMAGE_PATH LOG_PREFIX=debug- \
		"$HARNESS/run-scenarios.sh" "${scenarios[@]}"
done

SUMMARY=$LOGS/debug-summary.txt "$HARNESS/summary.sh" "$LOGS"/debug-*.results
