#!/bin/bash
# `make mutants`: the tests can fail.  Each harness/mutants/NAME.patch is a
# deliberately wrong change to the kernel side of the series, as a git
# commit whose message says what it breaks, with a "Rows:" line (the rows
# that must catch it) and "Must-fail:" lines (each an extended regex that
# some FAIL result of those rows must match).  Per mutant, on BASE's
# series: the patch applied in a worktree (build/BASE/linux-mutant), its
# kernels built (KERNEL_KIND=mutant-NAME; the mutants share out/ARCH-mutant,
# rebuilt incrementally), the rows booted with the series' initramfs and
# judged (logs in build/logs/BASE-mutant-NAME/); then one result per
# Must-fail line, into build/logs/BASE-mutants.results: PASS if a FAIL
# matched it (the mutant was caught), FAIL if none did (a test that did
# not fail).
#   mutant.sh [NAME ...]    (default: every harness/mutants/*.patch)
set -uo pipefail
source "$(dirname "$0")/../lib/common.sh"

base_vars "$BASE"
"$HARNESS/run/apply-series.sh" || exit 1
tree=$BUILD/$BASE/linux-mutant
results=$LOGS/$BASE-mutants.results
mkdir -p "$LOGS"
: > "$results"

names=("$@")
if [ ${#names[@]} -eq 0 ]; then
	for p in "$HARNESS"/mutants/*.patch; do names+=("$(basename "$p" .patch)"); done
fi

for name in "${names[@]}"; do
	patch=$HARNESS/mutants/$name.patch
	read -ra rows <<< "$(sed -n 's/^Rows: //p' "$patch")"
	mapfile -t must < <(sed -n 's/^Must-fail: //p' "$patch")
	if [ ${#rows[@]} -eq 0 ] || [ ${#must[@]} -eq 0 ]; then
		result FAIL "$BASE/mutant/$name" "no Rows: or Must-fail: line" >> "$results"
		continue
	fi
	worktree "$SRC" "$tree" "$(git -C "$SRC" rev-parse HEAD)" || exit 1
	if ! git -C "$tree" -c user.name=harness -c user.email=harness@localhost am -q "$patch"; then
		result FAIL "$BASE/mutant/$name" "does not apply to the series" >> "$results"
		continue
	fi
	export KERNEL_KIND=mutant-$name
	dir=$(run_dir)
	mkdir -p "$dir" && find "$dir" -name '*.results' -delete
	for arch in $(for s in "${rows[@]}"; do scenario_arch "$s"; done | sort -u); do
		# the series' selftests in the initramfs; only the kernel mutates
		if KERNEL_KIND=series "$HARNESS/run/build-kernel.sh" "$arch" &&
		   KERNEL_KIND=series "$HARNESS/run/build-initramfs.sh" "$arch" &&
		   SRC=$tree "$HARNESS/run/build-kernel.sh" "$arch"; then
			echo "PASS ${dir##*/}/build/$arch" > "$dir/build-$arch.results"
		else
			echo "FAIL ${dir##*/}/build/$arch" > "$dir/build-$arch.results"
		fi
	done
	"$HARNESS/run/rows.sh" "${rows[@]}"
	for re in "${must[@]}"; do
		hit=$(cat "$dir"/*.results | grep -E "^FAIL [^ ]*($re)" | head -1)
		if [ -n "$hit" ]; then
			result PASS "$BASE/mutant/$name/$re" "caught: ${hit#FAIL }"
		else
			result FAIL "$BASE/mutant/$name/$re" "no FAIL in ${rows[*]}: the tests did not catch it"
		fi >> "$results"
	done
	unset KERNEL_KIND
done
SUMMARY=$LOGS/$BASE-mutants.txt "$HARNESS/judge/summary.sh" "$results"
