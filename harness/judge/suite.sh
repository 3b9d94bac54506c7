#!/bin/bash
# Mainline's own VFIO selftests, on the series against the unpatched base:
# every test of the suite that passed in a row on the unpatched kernel must
# pass in that row on the series, flag 0 or 1.  The unpatched side is
# recorded by `make baseline` in harness/baselines/BASE.txt (one
# "ROW/DEVICE/TEST" a line: what passed there); comparing needs no boot.
#   suite.sh            one result per recorded test of a row that ran now,
#                       into RUN/suite.results: PASS if it passed again,
#                       FAIL if it failed, was skipped or did not run
#   suite.sh --record   write harness/baselines/BASE.txt from the
#                       unpatched run's results (build/logs/BASE-unpatched)
set -uo pipefail
source "$(dirname "$0")/../lib/common.sh"

# The suite: mainline's tests, run unchanged (the series' own are judged
# in their rows)
SUITE="vfio_pci_device_test vfio_dma_mapping_test vfio_dma_mapping_mmio_test
vfio_iommufd_setup_test vfio_pci_driver_test"

reference=$HARNESS/baselines/$BASE.txt

# "ROW/DEVICE/TEST.VARIANT.CASE" of each result of the suite in RESULTS...
# with verdict VERDICT (the run's own prefix, "BASE[-KIND]/", dropped)
suite_results() { # VERDICT RESULTS...
	local verdict=$1
	shift
	cat "$@" 2>/dev/null | awk -v v="$verdict" -v suite="$SUITE" '
		BEGIN { n = split(suite, t, /[ \n]+/); for (i = 1; i <= n; i++) in_suite[t[i]] = 1 }
		$1 == v {
			name = $2; sub(/^[^\/]*\//, "", name)
			test = name; sub(/^[^\/]*\/[^\/]*\//, "", test); sub(/\..*/, "", test)
			if (test in in_suite) print name
		}' | sort -u
}

if [ "${1:-}" = --record ]; then
	dir=$(KERNEL_KIND=unpatched run_dir)
	mkdir -p "$(dirname "$reference")"
	{
		echo "# Mainline's VFIO selftests that passed on unpatched $BASE, per row"
		echo "# (written by harness/judge/suite.sh --record after make baseline)"
		suite_results PASS "$dir"/*.results
	} > "$reference"
	log "$BASE: $(grep -vc '^#' "$reference") passing tests of mainline's suite recorded in ${reference#"$HARNESS"/}"
	exit 0
fi

dir=$(run_dir)
if [ ! -f "$reference" ]; then
	echo "FAIL $BASE/suite (no ${reference#"$HARNESS"/}: run make baseline)" > "$dir/suite.results"
	exit 0
fi
passed=$(suite_results PASS "$dir"/*.results)
grep -v '^#' "$reference" | while read -r t; do
	row=${t%%/*}
	# only rows this run booted
	[ -f "$dir/$row.results" ] || continue
	if grep -qxF "$t" <<< "$passed"; then
		echo "PASS $BASE/suite/$t"
	else
		echo "FAIL $BASE/suite/$t (passed on unpatched $BASE)"
	fi
done > "$dir/suite.results"
log "$BASE: mainline's suite against unpatched $BASE: $(count_results "$dir/suite.results")"
