#!/bin/bash
# `make demo`: boot the x86 guest with interrupt remapping on and off (both
# at once) and show side by side, device by device, what vfio-pci offers
# for the BAR holding the MSI-X table (harness/judge/report.awk's view).
set -uo pipefail
source "$(dirname "$0")/../lib/common.sh"

base_vars "$BASE"
"$HARNESS/run/apply-series.sh" && "$HARNESS/run/build-kernel.sh" x86_64 &&
	"$HARNESS/run/build-initramfs.sh" x86_64 || exit 1
"$HARNESS/run/rows.sh" ir-on ir-off > /dev/null

dir=$(run_dir) tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for s in ir-on ir-off; do
	# The row's QEMU platform and guest options, the flag of its first bus
	awk -f "$HARNESS/judge/log.awk" -f "$HARNESS/judge/report.awk" "$dir/$s.log" > "$tmp/$s"
	row_load "$s"
	{
		echo "== $s: $(row_qemu_opts | grep -v -- '-drive\|-device nvme\|qemu-xhci' | paste -sd' ') | $(row_append | paste -sd' ')"
		sed -n 's/^bus|//p' "$tmp/$s"
	} > "$tmp/$s.head"
done

echo
pr -m -t -w 150 "$tmp/ir-on.head" "$tmp/ir-off.head"
for dev in $(sed -n 's/^view|\([^|]*\)|.*/\1/p' "$tmp/ir-on" | uniq); do
	for s in ir-on ir-off; do
		grep "^view|$dev|" "$tmp/$s" | cut -d'|' -f3- > "$tmp/$s.$dev"
	done
	echo
	echo "device $dev"
	pr -m -t -w 150 "$tmp/ir-on.$dev" "$tmp/ir-off.$dev"
done
echo
echo "Console logs: $dir/ir-on.log $dir/ir-off.log"
count_results "$dir/ir-on.results" "$dir/ir-off.results"
