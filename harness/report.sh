#!/bin/bash
# Tables for the README from the console logs in build/logs: what vfio-pci
# offered for each device's MSI-X BAR in each scenario, and the register
# read benchmark.  Only what the logs say; run `make check` first.
#   report.sh [scenario ...]
set -uo pipefail
source "$(dirname "$0")/common.sh"

scenarios=("$@")
[ ${#scenarios[@]} -gt 0 ] ||
	mapfile -t scenarios < <(grep -vE '^(#|$)' "$HARNESS/scenarios.txt" | cut -d'|' -f1 | tr -d ' ')

echo "| scenario | page | msi_remap (buses) | device | BAR0 size | MSI-X table | PBA | mmap | MSIX_MAPPABLE | sparse areas | mmap of table page | selftest pass/fail/skip |"
echo "|---|---|---|---|---|---|---|---|---|---|---|---|"
for s in "${scenarios[@]}"; do
	log=$LOGS/$s.log
	[ -f "$log" ] || continue
	awk -v s="$s" '
		/^harness: start, page size/ { page = $NF / 1024 "K" }
		/^harness: bus / { flags[$5]++; buses++ }
		/^harness: run vfio_pci_msix_mmap_test / { dev = $4; areas = "-"; tbl = "?" }
		/^# MSI-X table BAR/ { table = $5; pba = $8; sub(/,$/, "", table); sub(/,$/, "", pba) }
		/^# [0-9a-f:.]+ BAR[0-9] size .* mmap / { size = $5; mm = $9; mx = $11 }
		/^# [0-9a-f:.]+ BAR[0-9] sparse areas/ { areas = "" }
		/^#   area / { areas = areas (areas == "" ? "" : " ") $4 }
		/^#  RUN +msix_mmap_probe.table_page.mmap/ { probe = 1 }
		probe && /^# msi_remap [01]: mmap / { tbl = ($NF == "mapped") ? "mapped" : "EINVAL"; probe = 0 }
		/^# Totals:/ && dev != "" {
			f = ""; for (k in flags) f = f (f == "" ? "" : ",") k
			split($3 " " $4 " " $7, t, /[ :]/)
			printf "| %s | %s | %s (%d) | %s | %s | %s | %s | %s | %s | %s | %s | %s/%s/%s |\n",
			       s, page, f, buses, dev, size, table, pba, mm, mx, areas, tbl, t[2], t[4], t[6]
			dev = ""
		}' "$log"
done

echo
echo "Register read through the mmap vs. pread() on the device fd (vfio_pci_bar_read_bench, NVMe VS at BAR0+0x8, 20000 reads, QEMU TCG):"
echo
echo "| scenario | device | msi_remap | pread ns/op | mmap ns/op | ratio |"
echo "|---|---|---|---|---|---|"
for s in "${scenarios[@]}"; do
	[ -f "$LOGS/$s.log" ] || continue
	awk -v s="$s" '/^bench: / {
		mm = ($12 == "refused") ? "refused" : $12
		printf "| %s | %s | %s | %s | %s | %s |\n", s, $2, $5, $9, mm, (mm == "refused") ? "-" : $15
	}' "$LOGS/$s.log"
done
