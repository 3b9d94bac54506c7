# What QEMU, as the vfio client inside the guest, did with the device's
# BAR0 (its vfio_* trace): one result line.  With msi_remap 1 the mmaps
# must cover the whole BAR; with 0 none may touch a page of the MSI-X table.
#   awk -v n=SCENARIO -v want=0|1 -f vmm-mmaps.awk console.log

function hex(s,  i, v) {
	sub(/^0x/, "", s)
	for (i = 1; i <= length(s); i++)
		v = v * 16 + index("0123456789abcdef", substr(s, i, 1)) - 1
	return v
}

/vfio_region_setup .*region 0 / {
	match($0, /size: 0x[0-9a-f]+/)
	size = hex(substr($0, RSTART + 6, RLENGTH - 6))
}

# "... PCI MSI-X CAP @0x40, BAR 0, offset 0x2000, entries 2048, ..."
/vfio_msix_early_setup .* BAR 0, / {
	match($0, /offset 0x[0-9a-f]+/)
	table = hex(substr($0, RSTART + 7, RLENGTH - 7))
	match($0, /entries [0-9]+/)
	table_end = table + 16 * substr($0, RSTART + 8, RLENGTH - 8)
	table -= table % 4096
}

/vfio_region_mmap Region .* BAR 0 mmaps/ {
	match($0, /\[0x[0-9a-f]+ - 0x[0-9a-f]+\]/)
	split(substr($0, RSTART + 1, RLENGTH - 2), r, " - ")
	maps++
	covered += hex(r[2]) + 1 - hex(r[1])
	if (table_end && hex(r[1]) < table_end && table <= hex(r[2]))
		over_table = 1
}

END {
	what = maps + 0 " mmaps, " covered + 0 " of " size + 0 " bytes"
	if (!size || !maps || !table_end)
		print "FAIL " n "/vmm_bar0_mmaps (no BAR0 mmap or MSI-X table traced)"
	else if (want == 1 && covered == size)
		print "PASS " n "/vmm_bar0_mmaps (" what ")"
	else if (want == 0 && !over_table)
		print "PASS " n "/vmm_bar0_mmaps (" what ", table page trapped)"
	else
		print "FAIL " n "/vmm_bar0_mmaps (" what ")"
}
