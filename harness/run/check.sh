#!/bin/bash
# The whole test run behind `make check`, for each kernel base (BASES,
# default: every harness/bases/*.sh not marked IN_CHECK=no): apply its
# series, build the guest kernels and initramfs images, boot and judge the
# scenario rows (two at a time, harness/run/rows.sh), compare mainline's
# VFIO selftests with the unpatched base's where the base asks for it
# (harness/judge/suite.sh), boot the base's mutants (harness/run/mutant.sh,
# where the base asks for it), run the series gate (harness/gate/gate.sh);
# then print the closing line
# "N passed, N failed, N skipped".
#   check.sh [NAME ...]     (default: the base's CHECK_ROWS, or every row
#                            of harness/scenarios.txt; ALL_ROWS=1: every row)
set -uo pipefail
source "$(dirname "$0")/../lib/common.sh"

mkdir -p "$LOGS"
find "$LOGS" -name '*.results' -delete
rm -f "$LOGS/summary.txt"
for BASE in ${BASES:-$(checked_bases)}; do
	export BASE
	base_vars "$BASE"
	rows=("$@")
	[ ${#rows[@]} -gt 0 ] || [ -n "${ALL_ROWS:-}" ] || read -ra rows <<< "$CHECK_ROWS"
	[ ${#rows[@]} -gt 0 ] || mapfile -t rows < <(scenario_names)
	archs=$(for s in "${rows[@]}"; do scenario_arch "$s"; done | sort -u)
	dir=$(run_dir)
	mkdir -p "$dir"
	if ! "$HARNESS/run/apply-series.sh"; then
		echo "FAIL $BASE/apply (patches/$BASE does not apply, see harness/run/apply-series.sh)" > "$dir/apply.results"
		continue
	fi
	for arch in $archs; do
		if "$HARNESS/run/build-kernel.sh" "$arch" && "$HARNESS/run/build-initramfs.sh" "$arch"; then
			echo "PASS $BASE/build/$arch" > "$dir/build-$arch.results"
		else
			echo "FAIL $BASE/build/$arch" > "$dir/build-$arch.results"
		fi
	done
	"$HARNESS/run/rows.sh" "${rows[@]}"
	[ "$SUITE_COMPARED" != yes ] || "$HARNESS/judge/suite.sh"
	# the tests can fail: the base's mutants must each be caught (not
	# when only some rows were asked for)
	[ "$CHECK_MUTANTS" != yes ] || [ $# -gt 0 ] || "$HARNESS/run/mutant.sh"
	# the base's gate: CHECK_GATE (quick: no kernel builds), in full
	# for make check-BASE
	gate=${GATE:-$CHECK_GATE}
	[ -z "${ALL_ROWS:-}" ] || gate=full
	[ -n "${NO_GATE:-}" ] || GATE=$gate "$HARNESS/gate/gate.sh"
done

"$HARNESS/judge/summary.sh"
