# The one reader of the guests' console logs (the grammar is documented at
# the top of harness/guest/init.c).  What it prints depends on `what`:
#   what=results  judge one boot: "PASS|FAIL|SKIP NAME/what (detail)" lines
#                 (-v name=, want= expected msi_remap, ndev= devices under
#                 test, rounds= hotplug rounds, vmm=1, must= a line the log
#                 must contain); files:
#                 harness/known-reports.txt LOG [HOTPLUG_LOG]
#   what=table    README rows: what vfio-pci offered per device (-v name=)
#   what=bench    README rows: the register read benchmark (-v name=)
#   what=forge    README row: the forged-interrupt attack, through the table
#                 and by DMA (vfio_pci_msix_forge_test; -v name=, kernel=)
#   what=ranges   "BDF<TAB>ranges": what of each device's MSI-X BAR could be
#                 mmap'ed (the whole BAR, its sparse areas, or none)
#   what=header   the first bus and its flag (make demo)
#   what=devices  the BDFs bound to vfio-pci (make demo)
#   what=device   what the MSI-X selftest said about one device (-v dev=)
#   what=doorbell README row: the nested VMM's doorbell writes (vmm=doorbell;
#                 -v name=, kernel=)
# Logs written before the guest spoke KTAP ("harness: ..." lines) are read too.

function hex(s,  i, v) {
	sub(/^0x/, "", s)
	for (i = 1; i <= length(s); i++)
		v = v * 16 + index("0123456789abcdef", substr(s, i, 1)) - 1
	return v
}
function emit(res, what, detail) {
	print res " " name "/" what (detail == "" ? "" : " (" detail ")")
}

BEGIN { files = 0 }
FNR == 1 { files++ }

# harness/known-reports.txt: headline | words in the lines after it | reason
what == "results" && files == 1 {
	if ($0 !~ /^#/ && split($0, f, / *[|] */) == 3) {
		known++; known_head[known] = f[1]; known_words[known] = f[2]; known_why[known] = f[3]
	}
	next
}
# The hotplug driver's own log: its QMP steps
what == "results" && files == 3 {
	if (/ ok$/) qmp_steps++
	if (/^hotplug: error/) qmp_error = 1
	qmp_last = $0
	next
}

# A line the scenario asks for, e.g. "ACPI: IORT" (booted in ACPI mode)
what == "results" && must != "" && index($0, must) { must_seen = 1 }

# Old grammar, read as the new one
/^harness: bus / { $0 = ($5 == "missing" ? "not ok 0 " : "ok 0 ") substr($0, 10) }
/^harness: device .* bound to vfio-pci$/ { $0 = "ok 0 " substr($0, 10) }
/^harness: hotplug (slot .*, rescanned|round .* added, bound, removed)$/ { $0 = "ok 0 " substr($0, 10) }
/^harness: vmm exit / { $0 = ($4 == 0 ? "ok 0 " : "not ok 0 ") substr($0, 10) }
/^harness: exit / {
	$0 = ($5 == 0 || $5 == 4 ? "ok 0 " : "not ok 0 ") $3 " " $4 " # " ($5 == 4 ? "SKIP " : "") "exit " $5
}
/^harness: / { $0 = "# " $0 }

# What a line is: a result of the guest's own (res, text, comment), of a
# selftest (in a run of prog on bdf), or a diagnostic
{ kind = "" }
/^(not )?ok [0-9]+ / {
	res = /^not / ? "FAIL" : "PASS"
	text = $0; sub(/^(not )?ok [0-9]+ /, "", text)
	comment = ""
	if ((i = index(text, " # ")) > 0) { comment = substr(text, i + 3); text = substr(text, 1, i - 1) }
	if (comment ~ /^SKIP/) { res = "SKIP"; sub(/^SKIP */, "", comment) }
	if (prog != "" && text == prog " " bdf) { kind = "run_end"; ended = prog; prog = "" }
	else if (prog != "") kind = "selftest"
	else if (text ~ /^bus /) kind = "bus"
	else if (text ~ /^device /) kind = "device"
	else kind = "init"
}
/^# harness: run / { kind = "run"; prog = $4; bdf = $5 }
/^# harness: start, page size/ { page = $NF / 1024 "K" }
/^# harness: done/ { done = 1 }

# ---- what=table: one README row per device the MSI-X selftest ran on
what == "table" && kind == "bus" { split(text, b, " "); flags[b[4]]++; buses++ }
what == "table" && kind == "run" && prog == "vfio_pci_msix_mmap_test" { dev = bdf; areas = "-"; tbl = "?" }
what == "table" && /^# MSI-X table BAR/ { tab = $5; pba = $8; sub(/,$/, "", tab); sub(/,$/, "", pba) }
what == "table" && /^# [0-9a-f:.]+ BAR[0-9] size .* mmap / { size = $5; mm = $9; mx = $11 }
what == "table" && /^# [0-9a-f:.]+ BAR[0-9] sparse areas/ { areas = "" }
what == "table" && /^#   area / { areas = areas (areas == "" ? "" : " ") $4 }
what == "table" && /^#  RUN +msix_mmap_probe.table_page.mmap/ { probe = 1 }
what == "table" && probe && /^# msi_remap [01]: mmap / { tbl = ($NF == "mapped") ? "mapped" : "EINVAL"; probe = 0 }
what == "table" && /^# Totals:/ && dev != "" {
	flag_list = ""; for (k in flags) flag_list = flag_list (flag_list == "" ? "" : ",") k
	split($3 " " $4 " " $7, t, /[ :]/)
	printf "| %s | %s | %s (%d) | %s | %s | %s | %s | %s | %s | %s | %s | %s/%s/%s |\n",
	       name, page, flag_list, buses, dev, size, tab, pba, mm, mx, areas, tbl, t[2], t[4], t[6]
	dev = ""
}

# ---- what=ranges: the mmap-able ranges of each device's MSI-X BAR
what == "ranges" && kind == "run" { rdev = (prog == "vfio_pci_msix_mmap_test") ? bdf : ""; rsize = "" }
what == "ranges" && rdev != "" && rsize == "" && /^# [0-9a-f:.]+ BAR[0-9] size .* mmap / {
	rsize = $5; rmm = $9; rareas = ""
}
what == "ranges" && rdev != "" && /^#   area / { rareas = rareas (rareas == "" ? "" : " ") $4 }
what == "ranges" && rdev != "" && /^# Totals:/ {
	print rdev "\t" (rmm != "yes" ? "none" : rareas != "" ? rareas : "0x0-" rsize " (whole)")
	rdev = ""
}

# ---- what=forge: the first table and DMA forgery of the boot, and what
# the platform said about it (QEMU's VT-d or ITS model, on its stderr)
function kv(line, key,  m) {
	if (!match(line, "(^| )" key "=[^ ]+")) return ""
	m = substr(line, RSTART, RLENGTH); sub(/^ /, "", m); return substr(m, length(key) + 2)
}
what == "forge" && /^# forge: / && forge_tbl == "" {
	forge_tbl = kv($0, "path") ": victim " kv($0, "victim_before") " -> " kv($0, "victim_after")
	forge_tbl = forge_tbl (kv($0, "victim_after") > kv($0, "victim_before") ? " **fired**" : ", attacker's own " kv($0, "attacker"))
}
what == "forge" && /^# forge-dma: / && forge_dma == "" {
	forge_dma = "victim " kv($0, "victim_before") " -> " kv($0, "victim_after") \
		    (kv($0, "victim_after") > kv($0, "victim_before") ? " **fired**" : "")
}
what == "forge" && forge_fault == "" && /vtd_irte_get: invalid IRTE SID/ { forge_fault = "VT-d: invalid IRTE SID" }
what == "forge" && forge_fault == "" && /invalid ITE/ { forge_fault = "ITS: invalid ITE" }
what == "forge" && kind == "bus" && forge_flag == "" { split(text, b, " "); forge_flag = b[4] }

# ---- what=bench: the register read benchmark
what == "bench" && /^bench: / {
	mm = ($12 == "refused") ? "refused" : $12
	printf "| %s | %s | %s | %s | %s | %s |\n", name, $2, $5, $9, mm, (mm == "refused") ? "-" : $15
}

# ---- make demo: the first bus, the devices, what one device was offered
what == "header" && kind == "bus" && !shown { print text; shown = 1 }
what == "devices" && kind == "device" && res == "PASS" { split(text, d, " "); print d[2] }
what == "device" && kind == "run" { on = (prog == "vfio_pci_msix_mmap_test" && bdf == dev); next }
what == "device" && kind == "run_end" { on = 0 }
what == "device" && !on { next }	# (only make demo's lines below)
what == "device" && /^# MSI-X table / { sub(/^# /, ""); print; next }
what == "device" && /^# [0-9a-f:.]+ BAR[0-9] size/ { sub(/^# [0-9a-f:.]+ /, ""); print; next }
what == "device" && /^#   area / { sub(/^#   /, "  sparse "); print; next }
what == "device" && /^#  RUN +msix_mmap_probe\./ { split($3, t, "."); probe_name = t[2] }
what == "device" && /^# msi_remap [01]: mmap / { sub(/^# msi_remap [01]: /, ""); print probe_name ": " $0; next }
what == "device" && /^# [0-9]+ MSI-X vectors fired/ { sub(/^# /, ""); print; next }
what == "device" && /^# Totals:/ { sub(/^# /, ""); print; next }

# The nested VMM's L2 program (vmm=doorbell): its doorbell writes, those
# QEMU trapped (each traced), how long its loop and the whole VMM took
/vfio_region_(read|write) .*:region0\+0x1000,/ { db_trapped++ }
match($0, /l2: [0-9]+ doorbell writes in 0x[0-9a-f]+ ticks at 0x[0-9a-f]+ Hz/) {
	split(substr($0, RSTART, RLENGTH), l2, " ")
	db_writes = l2[2]; db_secs = hex(l2[6]) / hex(l2[9])
}
/^# harness: vmm time [0-9]+ ms/ { vmm_secs = $5 / 1000 }
kind == "bus" && first_flag == "" { split(text, b, " "); first_flag = b[4] }
function doorbell(  d) {
	d = db_trapped + 0 " of " db_writes + 0 " trapped"
	if (db_writes) d = d sprintf(", L2 loop %.1f ms, %d ns/write", db_secs * 1000, db_secs * 1e9 / db_writes)
	if (vmm_secs != "") d = d sprintf(", VMM %.1f s", vmm_secs)
	return d
}

# ---- what=results: judge one boot
what != "results" { next }
/^host: qemu exit / { qemu_exit = $4 " after " $6 }
/^host: hotplug driver exit / { qmp_rc = $5 }
kind == "bus" {
	split(text, b, " "); buses++
	if (b[4] != want) bad_buses = bad_buses " " b[2] "=" b[4]
}
kind == "device" && res == "PASS" { bound++ }
kind == "selftest" {	# the selftest's own line, comment and all
	line = $0; sub(/^(not )?ok [0-9]+ /, "", line); emit(res, bdf "/" line)
}
kind == "run_end" && res == "FAIL" { emit("FAIL", bdf "/" ended, comment) }
kind == "init" && text ~ /^hotplug slot .*, rescanned$/ { rescanned = 1 }
kind == "init" && text ~ /^hotplug / && first_hotplug == "" { first_hotplug = text }
kind == "init" && text ~ /^hotplug round .* added, bound, removed$/ { hotplug_rounds++ }
kind == "init" && text ~ /^vmm[ :]/ { vmm_result = res; vmm_line = text }
kind == "init" && text !~ /^(hotplug|vmm)[ :]/ { emit(res, text, comment) }
/^# harness: vmm start/ { vmm_started = 1 }
/^# harness: vmm: / && vmm_line == "" { vmm_line = substr($0, 12) }
/^# harness: hotplug resources before: / { res_before = $0; sub(/^[^:]*:[^:]*: /, "", res_before) }
/^# harness: hotplug resources after: / { res_after = $0; sub(/^[^:]*:[^:]*: /, "", res_after) }

# QEMU as the vfio client (its vfio_* trace): what it did with BAR0
/vfio_region_setup .*region 0 / {
	match($0, /size: 0x[0-9a-f]+/)
	bar_size = hex(substr($0, RSTART + 6, RLENGTH - 6))
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

# Kernel reports: oops, BUG, WARN ("Internal error" is how arm64 reports an
# external abort or other fatal exception); those of known-reports.txt,
# recognized by the next 12 lines, are a SKIP
pending { block = block "\n" $0; if (++pending_lines == 12) report_end() }
!pending && /(WARNING:|BUG:|Oops|Kernel panic|Unable to handle kernel|Internal error:)/ {
	head = $0; block = ""; pending_lines = 0
	for (k = 1; k <= known; k++)
		if (head ~ known_head[k]) pending = 1
	if (!pending) report_end()
}
function report_end(  k, n, w, i, all) {
	pending = 0
	for (k = 1; k <= known; k++) {
		if (head !~ known_head[k]) continue
		n = split(known_words[k], w, " "); all = 1
		for (i = 1; i <= n; i++) if (index(block, w[i]) == 0) all = 0
		if (all) { known_seen = known_why[k]; return }
	}
	if (bad_report == "") bad_report = head
}

END {
	if (what == "forge" && forge_tbl != "")
		printf "| %s | %s | %s | %s | %s | %s |\n", name, kernel, forge_flag, forge_tbl,
		       forge_fault == "" ? "-" : forge_fault, forge_dma == "" ? "-" : forge_dma
	if (what == "doorbell" && db_writes)
		printf "| %s | %s | %s | %s | %d of %d | %.1f ms | %d ns | %.1f s |\n", name, kernel,
		       first_flag, db_trapped ? "trapped" : "mapped", db_trapped, db_writes,
		       db_secs * 1000, db_secs * 1e9 / db_writes, vmm_secs
	if (what != "results") exit
	if (pending) report_end()
	if (done) emit("PASS", "boot")
	else emit("FAIL", "boot", "qemu exit " (qemu_exit == "" ? "?" : qemu_exit))

	# Every PCI bus carries the flag the platform calls for
	if (!buses) emit("FAIL", "msi_remap", "no bus reported")
	else if (bad_buses != "") emit("FAIL", "msi_remap", "want " want ":" bad_buses)
	else emit("PASS", "msi_remap", buses " buses = " want)

	if (must != "") emit(must_seen ? "PASS" : "FAIL", "log_line", must)

	# Each device under test was bound to vfio-pci
	if (bound == ndev) emit("PASS", "bind", bound + 0 " devices")
	else emit("FAIL", "bind", bound + 0 " of " ndev " devices")

	# QEMU inside the guest: it maps BAR0 whole where msi_remap is 1, and
	# no page of the MSI-X table otherwise
	if (vmm || vmm_started) {
		if (vmm_result == "PASS") emit("PASS", "vmm_exit")
		else emit("FAIL", "vmm_exit", vmm_line)
		mapped = maps + 0 " mmaps, " covered + 0 " of " bar_size + 0 " bytes"
		if (!bar_size || !table_end)
			emit("FAIL", "vmm_bar0_mmaps", "no BAR0 or MSI-X table traced")
		else if (!maps && want == 0 && page == "64K" && bar_size <= 65536)
			emit("PASS", "vmm_bar0_mmaps", "no mmap: BAR0 is all on the table's page")
		else if (!maps)
			emit("FAIL", "vmm_bar0_mmaps", "no BAR0 mmap traced")
		else if (want == 1 && covered == bar_size) emit("PASS", "vmm_bar0_mmaps", mapped)
		else if (want == 0 && !over_table)
			emit("PASS", "vmm_bar0_mmaps", mapped ", table page trapped")
		else emit("FAIL", "vmm_bar0_mmaps", mapped)
		# vmm=doorbell: no doorbell write trapped where msi_remap is 1, all where 0
		if (vmm == "doorbell" && !db_writes)
			emit("FAIL", "vmm_doorbell", "no report of the L2 program")
		else if (vmm == "doorbell" && want == 1 && db_trapped == 0)
			emit("PASS", "vmm_doorbell", "mapped: " doorbell())
		else if (vmm == "doorbell" && want == 0 && db_trapped == db_writes)
			emit("PASS", "vmm_doorbell", "trapped: " doorbell())
		else if (vmm == "doorbell")
			emit("FAIL", "vmm_doorbell", "msi_remap " want ": " doorbell())
	}

	# Hotplug: the slot's bus created anew, every round added, bound and
	# removed, as many resources afterwards as before, QMP never refused
	if (rounds) {
		if (rescanned) emit("PASS", "hotplug_rescan", "the slot's bus created anew")
		else emit("FAIL", "hotplug_rescan", first_hotplug)
		if (hotplug_rounds == rounds) emit("PASS", "hotplug_rounds", rounds)
		else emit("FAIL", "hotplug_rounds", hotplug_rounds + 0 " of " rounds)
		if (res_before != "" && res_before == res_after)
			emit("PASS", "hotplug_resources", res_after)
		else emit("FAIL", "hotplug_resources", "before: " res_before ", after: " res_after)
		if (qmp_rc == "") qmp_rc = qmp_error	# logs from before "host:" lines
		if (qmp_rc == 0) emit("PASS", "hotplug_qmp", qmp_steps + 0 " QMP steps")
		else emit("FAIL", "hotplug_qmp", "exit " qmp_rc ": " qmp_last)
	}

	if (bad_report != "") emit("FAIL", "kernel_log", bad_report)
	else if (known_seen != "") emit("SKIP", "kernel_log", known_seen)
	else emit("PASS", "kernel_log")
}
