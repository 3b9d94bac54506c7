# Judge one boot from its console log alone (the grammar: the top of
# harness/guest/init.c; the header: harness/run/boot.sh).  Prints one
# "PASS|FAIL|SKIP RUN/NAME/what (detail)" line a result.
#   awk -f log.awk -f judge.awk LOG
# What the boot had to show comes from the log's own "# row: " header:
# name, msi_remap (on every bus), devices (bound to vfio-pci), hotplug
# (rounds), vmm (monitor|doorbell), vmm_iommufd (the VMM bound the device
# through iommufd), log (a line the console must hold),
# known_report (kernel reports that are not the series', a SKIP).

function emit(res, what, detail) {
	print res " " run "/" row["name"] "/" what (detail == "" ? "" : " (" detail ")")
}
# "name key=value ... [# comment]": name is what precedes the first key
function split_line(text,  i, n, w) {
	comment = ""
	if ((i = index(text, " # ")) > 0) { comment = substr(text, i + 3); text = substr(text, 1, i - 1) }
	else if (text ~ / #$/) { comment = " "; sub(/ #$/, "", text) }
	n = split(text, w, " "); lname = ""; lkeys = ""
	for (i = 1; i <= n; i++)
		if (w[i] ~ /^[a-z_0-9]+=/) lkeys = lkeys (lkeys == "" ? "" : " ") w[i]
		else if (lkeys == "") lname = lname (lname == "" ? "" : " ") w[i]
}
function key(k) { return kv(lkeys, k) }

# ---- kernel reports: oops, BUG, WARN ("Internal error" is how arm64
# reports an external abort), on any line of the console (also one a
# guest or subtest line shares); a known one, recognized by its headline
# and words in the next 12 lines, is a SKIP
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

# ---- host lines, after QEMU ended
/^host: qemu exit / { qemu_exit = $4 " after " $6; next }
/^host: hotplug: / { if (/ ok$/) qmp_steps++; qmp_last = substr($0, 7); next }
/^host: hotplug driver exit / { qmp_rc = $5; next }

row["log"] != "" && index($0, row["log"]) { log_seen = 1 }

# ---- subtests: what a program the guest ran printed, indented
/^    # Subtest: / { sub_name = substr($0, 16); next }
/^    (not )?ok [0-9]+ / && sub_name !~ /^vmm / {
	line = substr($0, 5); res = line ~ /^not / ? "FAIL" : "PASS"
	sub(/^(not )?ok [0-9]+ /, "", line)
	if (line ~ / # SKIP/) res = "SKIP"
	split(sub_name, p, " ")
	emit(res, p[2] "/" line)
	next
}

# ---- the guest's own results
/^(not )?ok [0-9]+ / {
	res = /^not / ? "FAIL" : "PASS"
	text = $0; sub(/^(not )?ok [0-9]+ /, "", text)
	split_line(text)
	if (comment ~ /^SKIP/) { res = "SKIP"; sub(/^SKIP */, "", comment) }
	split(lname, w, " ")
	if (w[1] == "bus") {
		buses++
		if (key("msi_remap") != row["msi_remap"]) bad_buses = bad_buses " " w[2] "=" key("msi_remap")
	} else if (w[1] == "device") {
		bound += res == "PASS"
	} else if (w[1] == "hotplug" && key("slot") != "") {
		rescanned = res == "PASS"; hotplug_line = text
	} else if (w[1] == "hotplug") {
		hotplug_rounds += res == "PASS" && key("removed") == 1
		if (res == "FAIL") hotplug_line = text
	} else if (w[1] == "vmm") {
		vmm_result = res; vmm_line = text
	} else if (lname == sub_name) {	# a program's end: its exit status
		if (res == "FAIL") emit("FAIL", w[2] "/" w[1], "exit=" key("exit"))
	} else {
		emit(res, lname, lkeys (comment == "" ? "" : (lkeys == "" ? "" : ", ") comment))
	}
	sub_name = ""
	next
}
/^# harness: done/ { done = 1 }
/^# harness: hotplug resources when=before / { res_before = substr($0, index($0, "devices=")) }
/^# harness: hotplug resources when=after / { res_after = substr($0, index($0, "devices=")) }

# ---- QEMU as the vfio client (its trace): what it did with BAR0
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
/iommufd_cdev_connect_and_bind .*Successfully bound device/ { iommufd_bound = 1 }
function doorbell(  d) {
	d = db_trapped + 0 " of " db_writes + 0 " trapped"
	if (db_writes) d = d sprintf(", L2 loop %.1f ms, %d ns/write", db_secs * 1000, db_secs * 1e9 / db_writes)
	if (vmm_secs != "") d = d sprintf(", VMM %.1f s", vmm_secs)
	return d
}

END {
	if (row["name"] == "") { print "FAIL " FILENAME "/header (no # row: lines: not a log of harness/run/boot.sh)"; exit }
	if (!console) set_run()
	want = row["msi_remap"]
	if (pending) report_end()
	if (done) emit("PASS", "boot")
	else emit("FAIL", "boot", "qemu exit " (qemu_exit == "" ? "?" : qemu_exit))
	# A program the log stops in the middle of
	if (sub_name != "") { split(sub_name, p, " "); emit("FAIL", p[2] "/" p[1], "no end: the log stops inside it") }

	# Every PCI bus carries the flag the platform calls for
	if (!buses) emit("FAIL", "msi_remap", "no bus reported")
	else if (bad_buses != "") emit("FAIL", "msi_remap", "want " want ":" bad_buses)
	else emit("PASS", "msi_remap", buses " buses = " want)

	if (row["log"] != "") emit(log_seen ? "PASS" : "FAIL", "log_line", row["log"])

	# Each device under test was bound to vfio-pci
	if (bound + 0 == row["devices"] + 0) emit("PASS", "bind", bound + 0 " devices")
	else emit("FAIL", "bind", bound + 0 " of " row["devices"] " devices")

	# QEMU inside the guest: it maps BAR0 whole where msi_remap is 1, and
	# no page of the MSI-X table otherwise
	if (row["vmm"] != "") {
		if (vmm_result == "PASS") emit("PASS", "vmm_exit")
		else emit("FAIL", "vmm_exit", vmm_line)
		mapped = maps + 0 " mmaps, " covered + 0 " of " bar_size + 0 " bytes"
		if (!bar_size || !table_end)
			emit("FAIL", "vmm_bar0_mmaps", "no BAR0 or MSI-X table traced")
		else if (!maps && want == 0 && page_size == 65536 && bar_size <= 65536)
			emit("PASS", "vmm_bar0_mmaps", "no mmap: BAR0 is all on the table's page")
		else if (!maps)
			emit("FAIL", "vmm_bar0_mmaps", "no BAR0 mmap traced")
		else if (want == 1 && covered == bar_size) emit("PASS", "vmm_bar0_mmaps", mapped)
		else if (want == 0 && !over_table)
			emit("PASS", "vmm_bar0_mmaps", mapped ", table page trapped")
		else emit("FAIL", "vmm_bar0_mmaps", mapped)
	}
	# vmm_iommufd=1: the VMM bound the device through iommufd
	if (row["vmm_iommufd"] == 1)
		emit(iommufd_bound ? "PASS" : "FAIL", "vmm_iommufd", iommufd_bound ? "device bound to iommufd" : "no iommufd bind traced")
	# vmm=doorbell: no doorbell write trapped where msi_remap is 1, all where 0
	if (row["vmm"] == "doorbell") {
		if (!db_writes) emit("FAIL", "vmm_doorbell", "no report of the L2 program")
		else if (want == 1 && db_trapped == 0) emit("PASS", "vmm_doorbell", "mapped: " doorbell())
		else if (want == 0 && db_trapped == db_writes) emit("PASS", "vmm_doorbell", "trapped: " doorbell())
		else emit("FAIL", "vmm_doorbell", "msi_remap " want ": " doorbell())
	}

	# Hotplug: the slot's bus created anew, every round added, bound and
	# removed, as many resources afterwards as before, QMP never refused
	if (row["hotplug"] != "") {
		if (rescanned) emit("PASS", "hotplug_rescan", "the slot's bus created anew")
		else emit("FAIL", "hotplug_rescan", hotplug_line)
		if (hotplug_rounds + 0 == row["hotplug"] + 0) emit("PASS", "hotplug_rounds", row["hotplug"])
		else emit("FAIL", "hotplug_rounds", hotplug_rounds + 0 " of " row["hotplug"] (hotplug_line == "" ? "" : ": " hotplug_line))
		if (res_before != "" && res_before == res_after)
			emit("PASS", "hotplug_resources", res_after)
		else emit("FAIL", "hotplug_resources", "before: " res_before ", after: " res_after)
		if (qmp_rc == "0") emit("PASS", "hotplug_qmp", qmp_steps + 0 " QMP steps")
		else emit("FAIL", "hotplug_qmp", "exit " (qmp_rc == "" ? "?" : qmp_rc) ": " qmp_last)
	}

	if (bad_report != "") emit("FAIL", "kernel_log", bad_report)
	else if (known_seen != "") emit("SKIP", "kernel_log", known_seen)
	else emit("PASS", "kernel_log")
}
