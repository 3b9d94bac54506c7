# What harness/judge/judge.awk and report.awk share: the log's header and
# small helpers.  Run first: awk -f log.awk -f judge.awk LOG
#   row[KEY]   the "# row: KEY=value" header lines (harness/run/boot.sh;
#              known_report lines go to known, known_head/words/why[])
#   run        BASE, or BASE-KIND for a kernel other than the series

/^# row: / && !console {
	k = substr($0, 8); v = k; sub(/=.*/, "", k); sub(/^[^=]*=/, "", v)
	if (k != "known_report") row[k] = v
	else if (split(v, f, / *[|] */) == 3) {
		known++; known_head[known] = f[1]; known_words[known] = f[2]; known_why[known] = f[3]
	}
	next
}
!console {
	console = 1
	kind = row["kernel"]; sub(/ .*/, "", kind)
	run = row["base"] (kind == "series" ? "" : "-" kind)
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
