#!/bin/bash
# The README's tables, from the console logs in build/logs (by
# harness/parse-log.awk): what vfio-pci offered for each device's MSI-X BAR
# in each scenario, and the register read benchmark.  Only what the logs
# say; run `make check` first.
#   readme-tables.sh [scenario ...]
set -uo pipefail
source "$(dirname "$0")/common.sh"

scenarios=("$@")
[ ${#scenarios[@]} -gt 0 ] || mapfile -t scenarios < <(scenario_names)

rows() { # what
	local s
	for s in "${scenarios[@]}"; do
		[ -f "$LOGS/$s.log" ] || continue
		awk -v what="$1" -v name="$s" -f "$HARNESS/parse-log.awk" "$LOGS/$s.log"
	done
}

echo "| scenario | page | msi_remap (buses) | device | BAR0 size | MSI-X table | PBA | mmap | MSIX_MAPPABLE | sparse areas | mmap of table page | selftest pass/fail/skip |"
echo "|---|---|---|---|---|---|---|---|---|---|---|---|"
rows table

echo
echo "Register read through the mmap vs. pread() on the device fd (vfio_pci_bar_read_bench, NVMe VS at BAR0+0x8, 20000 reads, QEMU TCG):"
echo
echo "| scenario | device | msi_remap | pread ns/op | mmap ns/op | ratio |"
echo "|---|---|---|---|---|---|"
rows bench

echo
echo "Nested QEMU on 64K arm64 (vmm=doorbell rows): the L2 program's writes to the NVMe SQ0 doorbell (BAR0+0x1000, on the MSI-X table's page), those QEMU trapped (vfio_region_write in its trace), the L2 loop (generic timer) and the VMM's run (exec to exit), series and unpatched 6.12 (make baseline):"
echo
echo "| scenario | kernel | msi_remap | doorbell access | traps | L2 loop | per write | VMM run |"
echo "|---|---|---|---|---|---|---|---|"
for s in "${scenarios[@]}"; do
	[ "$(scenario_field "$s" vmm)" = doorbell ] || continue
	for k in series:"$s" unpatched:"baseline-$s"; do
		[ -f "$LOGS/${k#*:}.log" ] &&
			awk -v what=doorbell -v name="$s" -v kernel="${k%%:*}" -f "$HARNESS/parse-log.awk" "$LOGS/${k#*:}.log"
	done
done

echo
echo "Where MSIs are isolated nothing may be lost: the mmap-able ranges of each device's MSI-X BAR on unpatched 6.12 (make baseline) and with the series:"
echo
echo "| scenario | device | unpatched 6.12 | series | same |"
echo "|---|---|---|---|---|"
ranges() { awk -v what=ranges -f "$HARNESS/parse-log.awk" "$1" | sort; }
for s in "${scenarios[@]}"; do
	[ "$(scenario_field "$s" msi_remap)" = 1 ] && [ -f "$LOGS/baseline-$s.log" ] &&
		[ -f "$LOGS/$s.log" ] || continue
	join -t "$(printf '\t')" <(ranges "$LOGS/baseline-$s.log") <(ranges "$LOGS/$s.log") |
		awk -F '\t' -v s="$s" '{ printf "| %s | %s | %s | %s | %s |\n", s, $1, $2, $3, $2 == $3 ? "yes" : "**no**" }'
done

echo
echo "The forged-interrupt attack (vfio_pci_msix_forge_test): the victim NVMe's vector written into the attacker NVMe's MSI-X entry through whatever vfio leaves open (the mapped table, or pwrite, which vfio-pci drops), then the attacker completes a command; the victim's /proc/interrupts count before and after, and what the platform (QEMU's IOMMU or ITS model) reported.  Then the same forgery by DMA (Get Features data written to the MSI doorbell), reported only:"
echo
echo "| scenario | kernel | msi_remap | table forgery | platform fault | DMA forgery |"
echo "|---|---|---|---|---|---|"
for s in "${scenarios[@]}"; do
	for k in series:"$s" unpatched:"baseline-$s"; do
		[ -f "$LOGS/${k#*:}.log" ] &&
			awk -v what=forge -v name="$s" -v kernel="${k%%:*}" -f "$HARNESS/parse-log.awk" "$LOGS/${k#*:}.log"
	done
done
