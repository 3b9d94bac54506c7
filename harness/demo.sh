#!/bin/bash
# `make demo`: boot the x86 guest with interrupt remapping on and off and
# show side by side what vfio-pci offers for each device's MSI-X BAR.
set -uo pipefail
source "$(dirname "$0")/common.sh"

"$HARNESS/tree.sh" && "$HARNESS/build-kernel.sh" x86_64 &&
	"$HARNESS/build-initramfs.sh" x86_64 || exit 1

# What one scenario's console says about the flag and the MSI-X BARs
report() {
	local log=$LOGS/$1.log

	echo "== $1: $(grep -E "^$1 +\|" "$HARNESS/scenarios.txt" | cut -d'|' -f4,5 | xargs)"
	grep -m1 '^harness: bus ' "$log" | sed 's/^harness: //'
	awk '
		/^harness: run / { dev = $4; print ""; print "device " dev; next }
		/^# MSI-X table / { sub(/^# /, "  "); print; next }
		/^# [0-9a-f:.]+ BAR[0-9] size/ { sub(/^# [0-9a-f:.]+ /, "  "); print; next }
		/^#   area / { sub(/^#  /, "  "); print; next }
		/^# msi_remap [01]: mmap / { sub(/^# msi_remap [01]: /, "  "); print; next }
		/^# [0-9]+ MSI-X vectors fired/ { sub(/^# /, "  "); print; next }
		/^# Totals:/ { sub(/^# /, "  "); print; next }' "$log"
}

for s in ir-on ir-off; do
	"$HARNESS/run-scenario.sh" "$s" >/dev/null
	report "$s" > "$LOGS/$s.report"
done

echo
pr -m -t -w 150 "$LOGS/ir-on.report" "$LOGS/ir-off.report"
echo
echo "Console logs: $LOGS/ir-on.log $LOGS/ir-off.log"
cat "$LOGS/ir-on.results" "$LOGS/ir-off.results" > "$LOGS/demo.all"
echo "$(grep -c ^PASS "$LOGS/demo.all") passed, $(grep -c ^FAIL "$LOGS/demo.all") failed, $(grep -c ^SKIP "$LOGS/demo.all") skipped"
