#!/bin/bash
# The series hygiene gate, what a maintainer checks before applying:
# git am onto a fresh base, patches/ up to date, checkpatch --strict,
# every prefix builds (x86_64 whole, arm64 and ppc64le where touched), no new W=1/sparse/coccinelle/kernel-doc
# findings in the touched files, the touched code builds in odd configs,
# and the cover letter carries what b4 and maintainers expect.
# Results go to build/logs/BASE/gate.results ("PASS|FAIL BASE/gate/...");
# a full gate's are also kept in build/logs/BASE-gate-full.txt, which
# make check (the quick gate, its results deleted first) leaves alone.
# GATE=quick runs steps 1-6 only, those that need no kernel build (make
# check, within CI's time); GATE=full (default, make gate) runs them all.
set -uo pipefail
source "$(dirname "$0")/../lib/common.sh"

base_vars "$BASE"
export RESULTS=$(run_dir)/gate.results RESULT_PREFIX=$BASE/gate/
am=$BUILD/$BASE/gate/linux-am		# base + git am of patches/BASE/
base=$BUILD/$BASE/gate/linux-base	# base alone
work=$BUILD/$BASE/gate/work
mkdir -p "$(dirname "$RESULTS")" "$work"
: > "$RESULTS"

check() { # name command...: PASS if the command succeeds
	local name=$1 log=$work/${1//\//_}.log; shift
	if "$@" > "$log" 2>&1; then result PASS "$name"; else
		result FAIL "$name" "$( (grep -m1 -E '^(ERROR|WARNING|CHECK):|error:|Error ' "$log" ||
			tail -3 "$log") | tr '\n' ' ')"; fi
}

"$HARNESS/run/apply-series.sh" > /dev/null ||
	{ result FAIL am "patches/$BASE does not apply to base, see harness/run/apply-series.sh"; exit 1; }

# 1. The series applies with git am to a fresh copy of the base
worktree "$SRC" "$am" base
worktree "$SRC" "$base" base
am_series() { git -C "$1" -c user.name=gate -c user.email=gate@localhost am $(series); }
check am am_series "$am"
patches=$(git -C "$am" rev-list --reverse base..HEAD)
# ... and to the base as shipped, without the fixes the rows need
# (PREREQ_DIR): the series does not depend on them
if [ -n "$PREREQ_DIR" ]; then
	pristine=$BUILD/$BASE/gate/linux-pristine
	worktree "$SRC" "$pristine" pristine
	check am-pristine am_series "$pristine"
fi

# 2. patches/BASE is what the tree exports, to the byte (Message-Ids and
# dates come from the content, harness/gate/export-patches.sh)
export_matches() {
	git -C "$am" checkout -q -B gate-export &&
		SENDER=keep SRC=$am EXPORT_DIR=$work/export "$HARNESS/gate/export-patches.sh" > /dev/null &&
		diff -r -x cover-letter.txt "$PATCHES" "$work/export" &&
		{ [ -z "$PREREQ_DIR" ] || diff -r "$ROOT/patches/$PREREQ_DIR" "$work/export-fixes"; }
}
check export export_matches

# 3. checkpatch --strict, each patch on its own.  UNKNOWN_COMMIT_ID is
# ignored: the Debian tarball has no history to look commits up in.
# FILE_PATH_CHANGES ("does MAINTAINERS need updating?") is ignored where
# MAINTAINERS already covers every file the patch adds; COMPLEX_MACRO
# where it flags the FIXTURE_VARIANT_ADD_IOMMU_MODE() idiom that every
# mainline VFIO selftest uses.  Anything else fails.
checkpatch_clean() { # tree patch
	local out
	out=$(cd "$1" && ./scripts/checkpatch.pl --strict --show-types --ignore UNKNOWN_COMMIT_ID "$2")
	echo "$out"
	echo "$out" | awk -v tree="$1" -v patch="$2" '
		/^(ERROR|WARNING|CHECK):/ { if (issue != "") verdict(); issue = $0; ctx = ""; next }
		issue != "" && /^$/ { verdict(); issue = ""; next }
		issue != "" { ctx = ctx "\n" $0 }
		function verdict() {
			if (issue ~ /:COMPLEX_MACRO:/ && ctx ~ /#define FIXTURE_VARIANT_ADD_IOMMU_MODE\(/) return
			if (issue ~ /:FILE_PATH_CHANGES:/) {
				# every added file in a MAINTAINERS section of its own
				cmd = "cd " tree " && grep -h -B1 \"^new file mode\" " patch " | sed -n \"s|^diff --git a/\\([^ ]*\\) .*|\\1|p\" | while read -r f; do ./scripts/get_maintainer.pl --no-git --sections -f \"$f\" 2>/dev/null | grep -E \"^[A-Z][A-Z]\" | grep -qvx \"THE REST\" || echo \"$f\"; done"
				cmd | getline uncovered; close(cmd)
				if (uncovered == "") return
			}
			print "unaccepted: " issue; bad++
		}
		END { if (issue != "") verdict(); exit bad > 0 }'
}
for p in $(series); do
	n=$(basename "$p" | cut -c4-7)
	check "checkpatch/$n" checkpatch_clean "$am" "$p"
done
for p in $(prereqs); do
	check "checkpatch/fix-$(basename "$p" | cut -c1-4)" checkpatch_clean "$am" "$p"
done

# 4. The cover letter
cover_ok() {
	local c=$PATCHES/$SERIES_VERSION-0000-cover-letter.patch n
	n=$(series | wc -l)
	grep -Eq "^Subject: \[PATCH $SERIES_VERSION 0+/$n\]" "$c" && grep -q '^To: ' "$c" &&
		grep -q '^Cc: ' "$c" && grep -q 'RFC v6' "$c" &&
		grep -q "$SOURCE_PACKAGE" "$c" && grep -q 'files changed' "$c" &&
		! grep -q '\*\*\*' "$c"
}
check cover-letter cover_ok

# 5. Ready to send (a person's From: and sign-off; SKIP for the placeholder),
# and b4 am + git am of the exported mbox
"$HARNESS/gate/send-check.sh" --gate
"$HARNESS/gate/b4.sh" "$PATCHES" "$(git -C "$am" rev-parse HEAD)"
# 6. No new kernel-doc findings in the touched files
touched=$(git -C "$am" diff --name-only base..HEAD -- '*.c' | grep -v '^tools/')
for f in $touched $(git -C "$am" diff --name-only base..HEAD -- '*.h'); do
	kerneldoc_findings() { (cd "$1" && scripts/kernel-doc -none "$f" 2>&1 | sed -E 's/:[0-9]+(:| )/:\1/' | sort -u); }
	new=$(comm -13 <(kerneldoc_findings "$base") <(kerneldoc_findings "$am"))
	[ -z "$new" ] && result PASS "kernel-doc/$f" ||
		result FAIL "kernel-doc/$f" "$(echo "$new" | head -2 | tr '\n' ' ')"
done

# GATE=quick (make check) stops here: what needs no kernel build
if [ "${GATE:-full}" = quick ]; then
	log "$BASE gate (quick): $(count_results "$RESULTS")"
	exit 0
fi

# 7. Bisectable: every prefix of the series builds, the whole x86_64
# kernel, and on the other architectures the directories the series
# touches there (harness/lib/common.sh: touched_dirs).  The x86_64 run
# starts from the base, for what the series costs (scripts/bloat-o-meter).
tip=$(echo "$patches" | tail -1)
for arch in $(arch_names); do
	targets= i=0 prefixes=$patches
	[ "$arch" = x86_64 ] || targets=$(arch_vars "$arch" && touched_dirs "$KARCH" "$am" "$tip")
	[ "$arch" != x86_64 ] || prefixes="base $patches" i=-1
	for c in $prefixes; do
		i=$((i + 1))
		git -C "$am" checkout -q "$c"
		check "bisect/$arch/$(printf %04d $i)" env SRC="$am" MAKE_TARGETS="$targets" \
			"$HARNESS/run/build-kernel.sh" "$arch" "$OUT/gate-$arch"
		[ "$arch$i" != x86_640 ] || cp "$OUT/gate-x86_64/vmlinux" "$work/vmlinux.base"
	done
done
git -C "$am" checkout -q "$tip"
if "$am/scripts/bloat-o-meter" "$work/vmlinux.base" "$OUT/gate-x86_64/vmlinux" > "$work/bloat.log" 2>&1; then
	result PASS bloat-o-meter "x86_64 vmlinux: $(grep -m1 '^add/remove' "$work/bloat.log"), $(grep -m1 '^Total:' "$work/bloat.log")"
else
	result FAIL bloat-o-meter "$(tail -1 "$work/bloat.log")"
fi

# 7b. Bisectable selftests: at every patch that touches the VFIO selftests
# or what they include (the uapi headers, tools/include), they build
# (mainline's Makefile has -Wall -Werror) against that prefix's uapi
# headers; on x86_64, whose libraries the machine has
selftests_build() { # out
	rm -rf "$1" && mkdir -p "$1"
	make -s -C "$am" O="$1/kernel" ARCH=x86 headers_install &&
		make -s -C "$am/tools/testing/selftests/vfio" OUTPUT="$1" ARCH=x86_64 \
			KHDR_INCLUDES="-isystem $1/kernel/usr/include"
}
i=0
for c in $patches; do
	i=$((i + 1))
	[ -n "$(git -C "$am" diff --name-only "$c~1" "$c" -- tools/testing/selftests/vfio include/uapi tools/include)" ] || continue
	git -C "$am" checkout -q "$c"
	check "bisect/selftests-x86_64/$(printf %04d $i)" selftests_build "$work/selftests"
done
git -C "$am" checkout -q "$tip"

# 8. No new W=1, sparse or coccinelle findings in the touched files, each
# compiled for an architecture whose guest config builds it: its own
# (arch/, arch-only drivers), else the first whose bisect build above
# compiled it (drivers/of/ is not in the x86_64 guest's), else x86_64
build_arch() { # file
	local a
	a=$(arch_only "$1")
	[ -z "$a" ] || { echo "$a"; return; }
	for a in x86_64 $(arch_names); do
		[ -f "$OUT/gate-$a/${1%.c}.o" ] && { echo "$a"; return; }
	done
	echo x86_64
}
findings() { # tree outname file: W=1 and sparse warnings of one object,
	# whatever path (absolute, or relative through ccache) they name it by
	local tree=$1 o=$OUT/$2 f=$3 arch
	arch=$(build_arch "$f"); arch_vars "$arch"
	[ -f "$o/.config" ] || SRC=$tree MAKE_TARGETS=prepare \
		"$HARNESS/run/build-kernel.sh" "$arch" "$o" > /dev/null
	make -s -C "$tree" O="$o" ARCH="$KARCH" CROSS_COMPILE="$CROSS" W=1 C=2 \
		"${f%.c}.o" 2>&1 | grep -E 'warning|error' | grep -F "$f" |
		sed -E -e "s|^[^:]*$f:|$f:|" -e 's/:[0-9]+:[0-9]+:/:/' | sort -u
}
for f in $touched; do
	arch=$(build_arch "$f")
	findings "$base" "gate-base-$arch" "$f" > "$work/w1.base"
	findings "$am" "gate-head-$arch" "$f" > "$work/w1.head"
	new=$(comm -13 "$work/w1.base" "$work/w1.head")
	# no object, nothing was checked (drivers/of/unittest.c: OF_UNITTEST
	# is in no configuration here)
	if [ ! -f "$OUT/gate-head-$arch/${f%.c}.o" ]; then
		result SKIP "w1-sparse/$f" "not compiled: no $arch configuration here builds it"
		continue
	fi
	[ -z "$new" ] && result PASS "w1-sparse/$f" ||
		result FAIL "w1-sparse/$f" "$(echo "$new" | head -3 | tr '\n' ' ')"
done

cocci() { # tree: reports of every coccinelle script on the touched files
	local c opts
	for c in "$1"/scripts/coccinelle/*/*.cocci; do
		opts=$(sed -n '\#^// *Options:#{s#^// *Options: *##p;q}' "$c")
		# shellcheck disable=SC2086 # options from the script
		(cd "$1" && spatch -D report --very-quiet $opts --cocci-file "$c" $touched 2>/dev/null)
	done | grep -E '^[^ +@-][^:]*:[0-9]+:' |	# reports, not the diffs some print
		sed -E 's/:[0-9]+:[0-9]+[-0-9]*:/:/' | sort -u
}
cocci "$am" > "$work/cocci.head"
if [ -s "$work/cocci.head" ]; then
	cocci "$base" > "$work/cocci.base"
	new=$(comm -13 "$work/cocci.base" "$work/cocci.head")
else
	new=
fi
[ -z "$new" ] && result PASS coccicheck "$(echo $touched | wc -w) files" ||
	result FAIL coccicheck "$(echo "$new" | head -3 | tr '\n' ' ')"

# 9. The touched directories build in configurations the harness does not boot
for cfg in "$HARNESS"/gate/configs/x86_64-*.config; do
	name=$(basename "$cfg" .config)
	# modpost, which catches a module using an unexported symbol, only
	# runs for the modules target, and needs vmlinux
	targets=$(touched_dirs x86_64 "$am" HEAD)
	grep -q '^CONFIG_MODULES=y' "$cfg" && targets="vmlinux modules"
	check "config/$name" env SRC="$am" BASE_FRAGMENT="$cfg" MAKE_TARGETS="$targets" \
		"$HARNESS/run/build-kernel.sh" x86_64 "$OUT/gate-$name"
done

# 10. Debian's own amd64 and arm64 configs: the touched directories with
# W=1 at base and tip, then the CRCs of their exports (CONFIG_MODVERSIONS)
for a in amd64 arm64; do
	DEBIAN_ARCH=$a "$HARNESS/gate/debian.sh" "$(git -C "$am" rev-parse HEAD)"
	DEBIAN_ARCH=$a "$HARNESS/gate/abi.sh" --gate "$(git -C "$am" rev-parse HEAD)"
done

cp "$RESULTS" "$LOGS/$BASE-gate-full.txt"
log "$BASE gate: $(count_results "$RESULTS")"
