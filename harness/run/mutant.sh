#!/bin/bash
# `make mutants`: the tests can fail.  Each harness/mutants/NAME.patch is a
# deliberately wrong change to the kernel side of the series, as a git
# commit whose message says what it breaks, with a "Rows:" line (the rows
# that must catch it), "Must-fail:" lines (each an extended regex that
# some FAIL result of those rows must match) and optional "Must-pass:"
# lines (a regex that PASS results match and no FAIL does: what another
# part of the series still holds despite the fault).  Per mutant, on BASE's
# series: the patch applied in a worktree (build/BASE-mutant/linux), its
# kernels built (KERNEL_KIND=mutant-NAME; the mutants share
# build/BASE-mutant/out/ARCH, rebuilt incrementally), the rows booted with
# the series' initramfs and judged (logs in build/logs/BASE-mutant-NAME/);
# then one result per Must-fail and Must-pass line, into
# build/logs/BASE-mutants.results: PASS if a FAIL matched it (the mutant
# was caught), FAIL if none did (a test that did not fail); likewise for
# what must still pass.  A row that did not boot credits nothing: a FAIL
# of its own.
#   mutant.sh [NAME ...]    (default: every harness/mutants/*.patch)
set -uo pipefail
source "$(dirname "$0")/../lib/common.sh"

base_vars "$BASE"
tree=$BUILD/$BASE-mutant/linux	# beside out/, like the series' (kernel_out)
results=$LOGS/$BASE-mutants.results
mkdir -p "$LOGS"
: > "$results"
fail() { result FAIL "$BASE/mutant$1" "$2" >> "$results"; }

names=("$@")
if [ ${#names[@]} -eq 0 ]; then
	for p in "$HARNESS"/mutants/*.patch; do names+=("$(basename "$p" .patch)"); done
fi
"$HARNESS/run/apply-series.sh" || { fail "" "the series does not apply"; exit 1; }
tip=$(git -C "$SRC" rev-parse HEAD)

# The series' kernels and initramfs, once: the mutants boot the series'
# selftests, only their kernel differs
for arch in $(for n in "${names[@]}"; do
		for s in $(sed -n 's/^Rows: //p' "$HARNESS/mutants/$n.patch" 2>/dev/null); do
			scenario_arch "$s"; done; done | sort -u); do
	"$HARNESS/run/build-kernel.sh" "$arch" && "$HARNESS/run/build-initramfs.sh" "$arch" ||
		{ fail "" "the series' $arch kernel or initramfs does not build"; exit 1; }
done

# FAIL or PASS results of the rows in DIR matching REGEX: "FAIL|PASS REGEX"
matching() { cat "$dir"/*.results 2>/dev/null | grep -E "^$1 [^ ]*($2)"; }

for name in "${names[@]}"; do
	patch=$HARNESS/mutants/$name.patch
	[ -f "$patch" ] || { fail "/$name" "no harness/mutants/$name.patch"; continue; }
	rows=$(sed -n 's/^Rows: //p' "$patch" | tr '\n' ' ')
	mapfile -t must < <(sed -n 's/^Must-fail: //p' "$patch")
	mapfile -t hold < <(sed -n 's/^Must-pass: //p' "$patch")
	if [ -z "${rows// /}" ] || [ ${#must[@]} -eq 0 ]; then
		fail "/$name" "no Rows: or Must-fail: line"
		continue
	fi
	worktree "$SRC" "$tree" "$tip" || { fail "/$name" "no worktree at $tree"; continue; }
	if ! git -C "$tree" -c user.name=harness -c user.email=harness@localhost am -q "$patch"; then
		fail "/$name" "does not apply to the series"
		continue
	fi
	export KERNEL_KIND=mutant-$name
	dir=$(run_dir)
	rm -rf "$dir" && mkdir -p "$dir"
	for arch in $(for s in $rows; do scenario_arch "$s"; done | sort -u); do
		if SRC=$tree "$HARNESS/run/build-kernel.sh" "$arch"; then
			echo "PASS ${dir##*/}/build/$arch" > "$dir/build-$arch.results"
		else
			echo "FAIL ${dir##*/}/build/$arch" > "$dir/build-$arch.results"
		fi
	done
	# shellcheck disable=SC2086 # the row names
	"$HARNESS/run/rows.sh" $rows
	booted=yes
	for s in $rows; do
		grep -q "^PASS [^ ]*/$s/boot\$" "$dir/$s.results" 2>/dev/null ||
			{ fail "/$name/$s" "did not boot: nothing it shows counts"; booted=no; }
	done
	unset KERNEL_KIND
	[ "$booted" = yes ] || continue
	for re in "${must[@]}"; do
		hit=$(matching FAIL "$re" | head -1)
		if [ -n "$hit" ]; then
			result PASS "$BASE/mutant/$name/$re" "caught: ${hit#FAIL }"
		else
			result FAIL "$BASE/mutant/$name/$re" "no FAIL in $rows: the tests did not catch it"
		fi >> "$results"
	done
	for re in "${hold[@]}"; do
		fails=$(matching FAIL "$re" | wc -l) passes=$(matching PASS "$re" | wc -l)
		if [ "$fails" -eq 0 ] && [ "$passes" -gt 0 ]; then
			result PASS "$BASE/mutant/$name/$re" "still holds: $passes passed"
		else
			result FAIL "$BASE/mutant/$name/$re" "$passes passed, $fails failed: should hold despite the fault"
		fi >> "$results"
	done
done
SUMMARY=$LOGS/$BASE-mutants.txt "$HARNESS/judge/summary.sh" "$results"
