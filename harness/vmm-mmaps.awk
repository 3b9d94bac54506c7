# What QEMU, as the vfio client inside the guest, did with the NVMe's BAR0
# (its vfio_region_* trace): one result line.  With msi_remap 1 the mmaps
# must cover the whole BAR; with 0 none may reach the MSI-X table at 0x2000.
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

/vfio_region_mmap Region .* BAR 0 mmaps/ {
	match($0, /\[0x[0-9a-f]+ - 0x[0-9a-f]+\]/)
	split(substr($0, RSTART + 1, RLENGTH - 2), r, " - ")
	maps++
	covered += hex(r[2]) + 1 - hex(r[1])
	if (hex(r[2]) >= 8192)
		over_table = 1
}

END {
	what = maps + 0 " mmaps, " covered + 0 " of " size + 0 " bytes"
	if (!size || !maps)
		print "FAIL " n "/vmm_bar0_mmaps (no BAR0 mmap traced)"
	else if (want == 1 && covered == size)
		print "PASS " n "/vmm_bar0_mmaps (" what ")"
	else if (want == 0 && !over_table)
		print "PASS " n "/vmm_bar0_mmaps (" what ", table page trapped)"
	else
		print "FAIL " n "/vmm_bar0_mmaps (" what ")"
}
