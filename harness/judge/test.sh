#!/bin/bash
# `make test-harness`: the judge and the report on real console logs kept
# in harness/testdata/ (passing, failing, truncated, garbage; gzip'ed),
# against the verdicts and report rows recorded beside them (NAME.results,
# NAME.report).  No QEMU, no kernel build.  Exits 1 on any difference.
#   test.sh [--record]      --record writes what the judge says now
# JUDGE=file and REPORT=file test other copies of judge.awk and report.awk.
set -uo pipefail
source "$(dirname "$0")/../lib/common.sh"

judge=${JUDGE:-$HARNESS/judge/judge.awk}
report=${REPORT:-$HARNESS/judge/report.awk}
record=
[ "${1:-}" = --record ] && record=1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

pass=0 fail=0
for gz in "$HARNESS"/testdata/*.log.gz; do
	name=$(basename "$gz" .log.gz)
	# the judge names its results after the log file: keep the name
	zcat "$gz" > "$tmp/$name.log"
	for what in results report; do
		prog=$judge; [ $what = report ] && prog=$report
		awk -f "$HARNESS/judge/log.awk" -f "$prog" "$tmp/$name.log" 2>&1 | sed "s|$tmp/||" > "$tmp/$name.$what"
		want=$HARNESS/testdata/$name.$what
		if [ -n "$record" ]; then
			cp "$tmp/$name.$what" "$want"
		elif diff -u "$want" "$tmp/$name.$what" > "$tmp/diff"; then
			pass=$((pass + 1))
		else
			fail=$((fail + 1))
			echo "FAIL test-harness/$name.$what:"
			head -20 "$tmp/diff" | sed 's/^/  /'
		fi
	done
done
[ -n "$record" ] && { echo "recorded $(ls "$HARNESS"/testdata/*.log.gz | wc -l) logs"; exit 0; }
echo "test-harness: $pass passed, $fail failed"
[ $fail = 0 ] && [ $pass -gt 0 ]
