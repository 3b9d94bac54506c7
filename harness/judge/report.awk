# What one boot's console log shows, as tagged rows for the report
# (harness/judge/report.sh) and make demo (harness/run/demo.sh); the
# verdicts are harness/judge/judge.awk's.  One line a row, fields split by
# "|", the first the tag:
#   device|RUN|NAME|ARCH|QEMU|page|flags (buses)|BDF|BAR size|table|PBA|mmap|MSIX_MAPPABLE|sparse areas|table page|pass/fail/skip
#   ranges|RUN|NAME|BDF|the mmap-able ranges of its MSI-X BAR
#   bench|RUN|NAME|ARCH|QEMU|device|msi_remap|pread ns|mmap ns|ratio
#   forge|RUN|NAME|msi_remap|table forgery|platform fault|DMA forgery
#   doorbell|RUN|NAME|ARCH|QEMU|VMM QEMU|msi_remap|mapped/trapped|traps|L2 loop|per write|VMM run
#   view|BDF|a line of what vfio-pci offered the device (make demo)
#   bus|the first bus and its flag (make demo)
#   awk -f log.awk -f report.awk LOG

function out(tag, rest) { print tag "|" run "|" row["name"] "|" rest }
function word_after(s, key,    w, n, i) {
	n = split(s, w, " ")
	for (i = 1; i < n; i++) if (w[i] == key) return w[i + 1]
	return ""
}

# The guest's own lines
/^(not )?ok [0-9]+ bus / {	# (not ok: the kernel has no msi_remap)
	flags[kv($0, "msi_remap")]++; buses++
	if (first_flag == "") {
		first_flag = kv($0, "msi_remap")
		match($0, / bus [^ ]+/); print "bus|" substr($0, RSTART + 5, RLENGTH - 5) " msi_remap=" first_flag
	}
}
/^    # Subtest: / { subtests++; prog = $3; bdf = $4; sub(/\/.*/, "", bdf); areas = "-"; tbl = "?"; rareas = ""; probe_name = "" }

# What the MSI-X selftest said of the device (its lines, indented)
{ line = $0; sub(/^    /, "", line) }
prog == "vfio_pci_msix_mmap_test" && line ~ /^# MSI-X table BAR/ && !seen[subtests, line]++ {
	split(line, w, " "); tab = w[5]; pba = w[8]; sub(/,$/, "", tab); sub(/,$/, "", pba)
	print "view|" bdf "|" substr(line, 3)
}
# (v7, 6.12: "... size S msi_remap F mmap M msix_mappable X"; v8 on
# libvfio: the same without msi_remap, once per IOMMU mode: the first counts)
prog == "vfio_pci_msix_mmap_test" && line ~ /^# [0-9a-f:.]+ BAR[0-9] size .* mmap / && size_of[bdf] == "" {
	size = word_after(line, "size"); mm = word_after(line, "mmap"); mx = word_after(line, "msix_mappable")
	size_of[bdf] = size; listing = 1
	sub(/^# [0-9a-f:.]+ /, "", line); print "view|" bdf "|" line
}
prog == "vfio_pci_msix_mmap_test" && line ~ /^# [0-9a-f:.]+ BAR[0-9] size .* mmap / && size_of[bdf] != "" { listing = 0 }
prog == "vfio_pci_msix_mmap_test" && line ~ /^# [0-9a-f:.]+ BAR[0-9] sparse areas/ && listing { areas = "" }
prog == "vfio_pci_msix_mmap_test" && line ~ /^#   area / && listing {
	split(line, w, " "); areas = areas (areas == "" ? "" : " ") w[4]; rareas = areas
	sub(/^#   /, "  sparse ", line); print "view|" bdf "|" line
}
# v8: "# mmap WHAT: BARn OFF+SIZE RESULT" and "# dma-buf WHAT: ...", first mode
prog == "vfio_pci_msix_mmap_test" && line ~ /^# (mmap|dma-buf) [a-zA-Z ]+: BAR[0-9]/ && !seen[subtests, line]++ {
	if (line ~ /^# mmap table page:/ && tbl == "?") tbl = (line ~ /mapped$/) ? "mapped" : "EINVAL"
	print "view|" bdf "|" substr(line, 3)
}
prog == "vfio_pci_msix_mmap_test" && line ~ /^#  RUN +msix_mmap_probe\./ {
	split(line, w, " "); split(w[3], t, "."); probe_name = t[2]; probing = w[3] ~ /table_page\.mmap/
}
prog == "vfio_pci_msix_mmap_test" && line ~ /^# msi_remap [01]: mmap / {
	if (probing) { tbl = ($NF == "mapped") ? "mapped" : "EINVAL"; probing = 0 }
	sub(/^# msi_remap [01]: /, "", line); print "view|" bdf "|" probe_name ": " line
}
prog == "vfio_pci_msix_mmap_test" && line ~ /^# [0-9]+ MSI-X vectors fired/ { print "view|" bdf "|" substr(line, 3) }
prog == "vfio_pci_msix_mmap_test" && line ~ /^# Totals:/ && size_of[bdf] != "" && !totalled[bdf]++ {
	print "view|" bdf "|" substr(line, 3)
	fl = ""; for (k in flags) fl = fl (fl == "" ? "" : ",") k
	split(line, w, /[ :]+/)
	out("device", row["arch"] "|" row["qemu"] "|" page_size / 1024 "K|" fl " (" buses ")|" bdf "|" size "|" tab "|" pba "|" mm "|" mx "|" areas "|" tbl "|" w[4] "/" w[6] "/" w[12])
	out("ranges", bdf "|" (mm != "yes" ? "none" : rareas != "" ? rareas : "0x0-" size " (whole)"))
}

# The register read benchmark
line ~ /^bench: / && line !~ / skipped: / {
	split(line, w, " "); mmv = (w[12] == "refused") ? "refused" : w[12]
	out("bench", row["arch"] "|" row["qemu"] "|" w[2] "|" w[5] "|" w[9] "|" mmv "|" (mmv == "refused" ? "-" : w[15]))
}

# The forged-interrupt attack: the first table and DMA forgery of the
# boot, and what the platform (QEMU's VT-d or ITS model) said about it
line ~ /^# forge: / && forge_tbl == "" {
	forge_tbl = kv(line, "path") ": victim " kv(line, "victim_before") " -> " kv(line, "victim_after")
	forge_tbl = forge_tbl (kv(line, "victim_after") > kv(line, "victim_before") ? " **fired**" : ", attacker's own " kv(line, "attacker"))
}
line ~ /^# forge-dma: / && forge_dma == "" {
	forge_dma = "victim " kv(line, "victim_before") " -> " kv(line, "victim_after") \
		    (kv(line, "victim_after") > kv(line, "victim_before") ? " **fired**" : "")
}
forge_fault == "" && /vtd_irte_get: invalid IRTE SID/ { forge_fault = "VT-d: invalid IRTE SID" }
forge_fault == "" && /invalid ITE/ { forge_fault = "ITS: invalid ITE" }


END {
	if (forge_tbl != "")
		out("forge", first_flag "|" forge_tbl "|" (forge_fault == "" ? "-" : forge_fault) "|" (forge_dma == "" ? "-" : forge_dma))
	if (db_writes)
		out("doorbell", sprintf("%s|%s|%s|%s|%s|%d of %d|%.1f ms|%d ns|%.1f s", row["arch"], row["qemu"],
		    match(row["vmm_qemu_version"], /[0-9]+\.[0-9]+(\.[0-9]+)?/) ? substr(row["vmm_qemu_version"], RSTART, RLENGTH) : "?",
		    first_flag, db_trapped ? "trapped" : "mapped", db_trapped, db_writes,
		    db_secs * 1000, db_secs * 1e9 / db_writes, vmm_secs))
}
