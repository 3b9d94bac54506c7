#!/bin/bash
# `make demo`: boot the x86 guest with interrupt remapping on and off (both
# at once) and show side by side, device by device, what vfio-pci offers
# for the BAR holding the MSI-X table.
set -uo pipefail
source "$(dirname "$0")/common.sh"

"$HARNESS/apply-series.sh" && "$HARNESS/build-kernel.sh" x86_64 &&
	"$HARNESS/build-initramfs.sh" x86_64 || exit 1

parse() { # what scenario [device]
	awk -v what="$1" -v dev="${3:-}" -f "$HARNESS/parse-log.awk" "$LOGS/$2.log"
}

"$HARNESS/run-scenarios.sh" ir-on ir-off > /dev/null
for s in ir-on ir-off; do
	# The scenario's QEMU and kernel options, and the flag of its first bus
	arch_vars "$(scenario_field "$s" arch)"
	{
		echo "== $s: $(scenario_platform_opts "$s" | paste -sd' ') | $(scenario_append "$s" | paste -sd' ')"
		parse header "$s"
	} > "$LOGS/$s.report"
done

echo
pr -m -t -w 150 "$LOGS/ir-on.report" "$LOGS/ir-off.report"
for dev in $(parse devices ir-on); do
	parse device ir-on "$dev" > "$LOGS/ir-on.$dev.report"
	parse device ir-off "$dev" > "$LOGS/ir-off.$dev.report"
	echo
	echo "device $dev"
	pr -m -t -w 150 "$LOGS/ir-on.$dev.report" "$LOGS/ir-off.$dev.report"
done
echo
echo "Console logs: $LOGS/ir-on.log $LOGS/ir-off.log"
count_results "$LOGS/ir-on.results" "$LOGS/ir-off.results"
