#!/bin/bash
# `make check-debug`: the x86 scenarios once more on a kernel with KASAN,
# lockdep (PROVE_LOCKING) and DEBUG_ATOMIC_SLEEP; any report in the guest
# kernel log fails the scenario's kernel_log result (except those of
# harness/known-reports.txt).  Slower than `make check` (its own kernel
# build), so not part of it.
set -uo pipefail
source "$(dirname "$0")/common.sh"

mkdir -p "$LOGS"
rm -f "$LOGS"/debug-*.results
"$HARNESS/apply-series.sh" &&
	CONFIG_FRAGMENT=$HARNESS/configs/x86_64-debug.config OUT_NAME=x86_64-debug \
		"$HARNESS/build-kernel.sh" x86_64 &&
	"$HARNESS/build-initramfs.sh" x86_64 || exit 1

arch_vars x86_64
mapfile -t scenarios < <(scenario_names x86_64)
KERNEL=$OUT/x86_64-debug/$IMAGE_PATH LOG_PREFIX=debug- \
	"$HARNESS/run-scenarios.sh" "${scenarios[@]}"

SUMMARY=$LOGS/debug-summary.txt "$HARNESS/summary.sh" "$LOGS"/debug-*.results
