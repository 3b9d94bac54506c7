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
# A test the policy itself takes away: where MSIs are not isolated, the
# page that holds the MSI-X table is not mmap-able, and a device whose MSI-X
# BAR is that one page (an NVMe's 16 KiB BAR0 on a 64K-page host) leaves
# vfio_dma_mapping_mmio_test nothing to map.  Such a loss is a SKIP, with
# its reason, only if all of these hold: it is that test, the row's flag is
# 0, the test skipped saying it found no mappable BAR, the device's MSI-X
# BAR is no larger than the guest's page (the sizes its log prints), and
# the series' own vfio_pci_msix_mmap_test passed its region_info and mmap
# cases on that device and failed none (the hole is the policy's, and
# libvfio found no sparse area because there is none).  Anything else that
# passed before and does not now is a FAIL.
lost_by_policy() { # ROW/DEVICE/TEST
	local t=$1 row=${1%%/*} dev page bar res=$dir/${1%%/*}.results
	dev=${t#*/} dev=${dev%%/*}
	[[ ${t#*/*/} == vfio_dma_mapping_mmio_test.* ]] || return 1
	row_load "$row" 2>/dev/null && [ "$(row msi_remap)" = 0 ] || return 1
	grep -qE "^SKIP [^ ]*/$t # SKIP No mappable BAR found" "$res" || return 1
	page=$(sed -n 's/^# harness: page_size=\([0-9]*\)$/\1/p' "$dir/$row.log" | head -1)
	bar=$(sed -n "s/^ *# $dev BAR[0-9] size \(0x[0-9a-f]*\) .*/\1/p" "$dir/$row.log" | head -1)
	[ -n "$page" ] && [ -n "$bar" ] && [ $((bar)) -le "$page" ] || return 1
	! grep -qE "^FAIL [^ ]*/$row/$dev/vfio_pci_msix_mmap_test\." "$res" &&
		grep -qE "^PASS [^ ]*/$row/$dev/vfio_pci_msix_mmap_test\.[^ .]+\.region_info( |\$)" "$res" &&
		grep -qE "^PASS [^ ]*/$row/$dev/vfio_pci_msix_mmap_test\.[^ .]+\.mmap( |\$)" "$res"
}

passed=$(suite_results PASS "$dir"/*.results)
grep -v '^#' "$reference" | while read -r t; do
	row=${t%%/*}
	# only rows this run booted
	[ -f "$dir/$row.results" ] || continue
	if grep -qxF "$t" <<< "$passed"; then
		echo "PASS $BASE/suite/$t"
	elif lost_by_policy "$t"; then
		echo "SKIP $BASE/suite/$t # SKIP lost by policy: flag 0, the device's MSI-X BAR is the one page of its table"
	else
		echo "FAIL $BASE/suite/$t (passed on unpatched $BASE)"
	fi
done > "$dir/suite.results"
log "$BASE: mainline's suite against unpatched $BASE: $(count_results "$dir/suite.results")"
