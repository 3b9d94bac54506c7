# What harness/judge/judge.awk and report.awk share: the log's header and
# small helpers.  Run first: awk -f log.awk -f judge.awk LOG
#   row[KEY]   the "# row: KEY=value" header lines (harness/run/boot.sh;
#              known_report lines go to known, known_head/words/why[])
#   run        BASE, or BASE-KIND for a kernel other than the series
#   page_size  the guest's page size
#   vmm_secs   the nested VMM's run, from exec to exit
#   db_writes, db_secs, db_trapped
#              the L2 program's doorbell writes, their loop's time, and
#              how many of them the VMM trapped (its vfio_region_* trace)

/^# row: / && !console {
	k = substr($0, 8); v = k; sub(/=.*/, "", k); sub(/^[^=]*=/, "", v)
	if (k != "known_report") row[k] = v
	else if (split(v, f, / *[|] */) == 3) {
		known++; known_head[known] = f[1]; known_words[known] = f[2]; known_why[known] = f[3]
	}
	next
}
!console { console = 1; set_run() }
function set_run(  kind) {
	kind = row["kernel"]; sub(/ .*/, "", kind)
	run = row["base"] (kind == "series" ? "" : "-" kind)
}

/^# harness: page_size=/ { page_size = substr($3, 11) }
/^# harness: vmm time_ms=/ { vmm_secs = substr($4, 9) / 1000 }
/vfio_region_(read|write) .*:region0\+0x1000,/ { db_trapped++ }
match($0, /l2: [0-9]+ doorbell writes in 0x[0-9a-f]+ ticks at 0x[0-9a-f]+ Hz/) {
	split(substr($0, RSTART, RLENGTH), l2, " ")
	db_writes = l2[2]; db_secs = hex(l2[6]) / hex(l2[9])
}

function hex(s,  i, v) {
	sub(/^0x/, "", s)
	for (i = 1; i <= length(s); i++)
		v = v * 16 + index("0123456789abcdef", substr(s, i, 1)) - 1
	return v
}
# The value of KEY in "... KEY=value ...", or ""
function kv(line, key,  m) {
	if (!match(line, "(^| )" key "=[^ ]+")) return ""
	m = substr(line, RSTART, RLENGTH); sub(/^ /, "", m); return substr(m, length(key) + 2)
}
