#!/bin/bash
# `make demo`: boot the x86 guest with interrupt remapping on and off and
# show side by side, device by device, what vfio-pci offers for the BAR
# holding the MSI-X table.
set -uo pipefail
source "$(dirname "$0")/common.sh"

"$HARNESS/tree.sh" && "$HARNESS/build-kernel.sh" x86_64 &&
	"$HARNESS/build-initramfs.sh" x86_64 || exit 1

# The scenario's QEMU and kernel options, and the flag of its first bus
header() { # scenario
	echo "== $1: $(grep -E "^$1 +\|" "$HARNESS/scenarios.txt" | cut -d'|' -f4,5 | xargs)"
	grep -m1 '^harness: bus ' "$LOGS/$1.log" | sed 's/^harness: //'
}

# What the MSI-X selftest said about one device in one scenario
device_report() { # scenario bdf
	awk -v dev="$2" '
		/^harness: run vfio_pci_msix_mmap_test / { on = ($4 == dev); next }
		/^harness: exit / { on = 0 }
		!on { next }
		/^# MSI-X table / { sub(/^# /, ""); print; next }
		/^# [0-9a-f:.]+ BAR[0-9] size/ { sub(/^# [0-9a-f:.]+ /, ""); print; next }
		/^#   area / { sub(/^#   /, "  sparse "); print; next }
		/^#  RUN +msix_mmap_probe\./ { split($3, t, "."); probe = t[2] }
		/^# msi_remap [01]: mmap / { sub(/^# msi_remap [01]: /, ""); print probe ": " $0; next }
		/^# [0-9]+ MSI-X vectors fired/ { sub(/^# /, ""); print; next }
		/^# Totals:/ { sub(/^# /, ""); print; next }' "$LOGS/$1.log"
}

for s in ir-on ir-off; do
	"$HARNESS/run-scenario.sh" "$s" > /dev/null
	header "$s" > "$LOGS/$s.report"
done

echo
pr -m -t -w 150 "$LOGS/ir-on.report" "$LOGS/ir-off.report"
for dev in $(sed -n 's/^harness: device \([^ ]*\) .* bound to vfio-pci$/\1/p' "$LOGS/ir-on.log"); do
	device_report ir-on "$dev" > "$LOGS/ir-on.$dev.report"
	device_report ir-off "$dev" > "$LOGS/ir-off.$dev.report"
	echo
	echo "device $dev"
	pr -m -t -w 150 "$LOGS/ir-on.$dev.report" "$LOGS/ir-off.$dev.report"
done
echo
echo "Console logs: $LOGS/ir-on.log $LOGS/ir-off.log"
cat "$LOGS/ir-on.results" "$LOGS/ir-off.results" > "$LOGS/demo.all"
echo "$(grep -c ^PASS "$LOGS/demo.all") passed, $(grep -c ^FAIL "$LOGS/demo.all") failed, $(grep -c ^SKIP "$LOGS/demo.all") skipped"
