#!/bin/bash
# The series with the configuration a distro ships: Debian's own amd64
# config (package linux-config-6.12, `make olddefconfig`, nothing else
# changed) builds the touched directories with W=1 at base and at the
# tip, and the tip adds no warning.  Builds `prepare` and the directories
# only, not the kernel, with KBUILD_SYMTYPES=1 so that harness/abi-report.sh
# can compare the symbol CRCs (CONFIG_MODVERSIONS) of the same objects.
#
#   gate-debian.sh [TIP]     TIP: a commit of $SRC (default: its HEAD)
#
# Source trees: worktrees build/debian/src-{base,tip}, kept between runs;
# objects in build/out/debian-{base,tip}, compiled again on every run
# (warnings are printed only by the compiler; ccache makes it cheap);
# ccache as everywhere.  Prints "PASS|FAIL gate/debian-amd64/..." lines;
# the build logs are build/out/debian-{base,tip}.log.  Exit 1 when a
# build fails, 2 when the tip adds warnings.
# Run heavy jobs one at a time: flock /tmp/cpu.lock harness/gate-debian.sh
set -uo pipefail
source "$(dirname "$0")/common.sh"

DEBIAN_CONFIG=${DEBIAN_CONFIG:-/usr/src/linux-config-6.12/config.amd64_none_amd64.xz}
tip=$(git -C "$SRC" rev-parse --verify "${1:-HEAD}^{commit}") || exit 1
# The touched directories: these, and that of any other .c file the
# series touches that an amd64 kernel builds (not tools/, other arches,
# arm64-only code)
DIRS=${DEBIAN_DIRS:-$(
	{ printf '%s\n' drivers/pci/ drivers/vfio/ drivers/iommu/ arch/x86/pci/ kernel/irq/
	  git -C "$SRC" diff --name-only base "$tip" -- '*.c' |
		grep -vE '^(tools|samples|Documentation)/|^arch/[^x]|/arm64/' | xargs -r -n1 dirname | sed 's|$|/|'
	} | sort -u | awk '{ for (i = 1; i <= n; i++) if (index($0, d[i]) == 1) next; d[++n] = $0; print }' |
	tr '\n' ' ' | sed 's/ $//')}
name=${DEBIAN_NAME:-debian-amd64}

result() { echo "$1 gate/$name/$2${3:+ ($3)}"; }

if [ ! -f "$DEBIAN_CONFIG" ]; then
	result FAIL config "$DEBIAN_CONFIG missing: apt-get install linux-config-6.12"
	exit 1
fi

worktree() { # dir commit: a worktree of $SRC at commit, reused
	if [ -d "$1/.git" ] || [ -f "$1/.git" ]; then
		git -C "$1" checkout -q --detach -f "$2"
	else
		git -C "$SRC" worktree prune
		mkdir -p "$(dirname "$1")"
		git -C "$SRC" worktree add -q --detach "$1" "$2"
	fi
}

build() { # tree out: Debian's config, prepare, the directories with W=1
	local tree=$1 o=$2 d mk
	mkdir -p "$o"
	mk=(make -C "$tree" O="$o" ARCH=x86_64 -j"$JOBS" W=1 KBUILD_SYMTYPES=1)
	xzcat "$DEBIAN_CONFIG" > "$o/.config"
	# prepare's own warnings (host tools, built once) are not compared
	{ "${mk[@]}" -s olddefconfig && "${mk[@]}" prepare; } > "$o.prepare.log" 2>&1 ||
		{ cat "$o.prepare.log"; return 1; }
	# Warnings are printed only when an object is compiled: compile every
	# object of the directories again (ccache replays them when warm)
	for d in $DIRS; do
		[ -d "$o/$d" ] && find "$o/$d" -name '*.o' -delete
	done
	"${mk[@]}" $DIRS
}

warnings() { # build log: its warnings, by path inside the tree, no line numbers
	grep -E '(warning|error):' "$1" |
		sed -E -e 's#^([^:]*/)?src-(base|tip)/##' -e 's#^([^ :]*):[0-9]+:[0-9]+:#\1:#' |
		sort -u
}

mkdir -p "$OUT"
worktree "$BUILD/debian/src-base" base || { result FAIL worktree base; exit 1; }
worktree "$BUILD/debian/src-tip" "$tip" || { result FAIL worktree "$tip"; exit 1; }

rc=0
for side in base tip; do
	o=$OUT/debian-$side
	start=$(date +%s)
	if build "$BUILD/debian/src-$side" "$o" > "$o.log" 2>&1; then
		result PASS "build-$side" "$(($(date +%s) - start)) s, $(warnings "$o.log" | wc -l) W=1 warnings"
	else
		result FAIL "build-$side" "$(grep -m1 -E 'error|Error' "$o.log" | cut -c1-200)"
		rc=1
	fi
done
[ $rc = 0 ] || exit 1
# for abi-report.sh: what was built
echo "$DIRS" > "$OUT/debian-tip/.gate-debian-dirs"
echo "$tip" > "$OUT/debian-tip/.gate-debian-tip"

new=$(comm -13 <(warnings "$OUT/debian-base.log") <(warnings "$OUT/debian-tip.log"))
if [ -z "$new" ]; then
	result PASS w1 "no new warning in ${DIRS// /, }"
else
	echo "$new" > "$OUT/debian-tip.new-warnings"
	result FAIL w1 "$(echo "$new" | wc -l) new: $(echo "$new" | head -3 | tr '\n' ' ')"
	exit 2
fi
