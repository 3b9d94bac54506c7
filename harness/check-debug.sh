#!/bin/bash
# `make check-debug`: the x86 scenarios once more on a kernel with KASAN,
# lockdep (PROVE_LOCKING) and DEBUG_ATOMIC_SLEEP; any report in the guest
# kernel log fails the scenario's kernel_log check.  Slower than `make check`
# (its own kernel build), so not part of it.
set -uo pipefail
source "$(dirname "$0")/common.sh"

mkdir -p "$LOGS"
rm -f "$LOGS"/debug-*.results
"$HARNESS/tree.sh" &&
	CONFIG_FRAGMENT=$HARNESS/configs/x86_64-debug.config OUT_NAME=x86_64-debug \
		"$HARNESS/build-kernel.sh" x86_64 &&
	"$HARNESS/build-initramfs.sh" x86_64 || exit 1

for s in $(grep -E '^[a-z0-9-]+ +\| x86_64 ' "$HARNESS/scenarios.txt" | cut -d'|' -f1); do
	KERNEL=$OUT/x86_64-debug/arch/x86/boot/bzImage LOG_NAME=debug-$s \
		"$HARNESS/run-scenario.sh" "$s"
done

cat "$LOGS"/debug-*.results > "$LOGS/debug.all"
grep -E '^(FAIL|SKIP)' "$LOGS/debug.all" | sed 's/^/  /'
pass=$(grep -c ^PASS "$LOGS/debug.all"); fail=$(grep -c ^FAIL "$LOGS/debug.all")
echo "$pass passed, $fail failed, $(grep -c ^SKIP "$LOGS/debug.all") skipped"
[ "$fail" = 0 ]
