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
# Source trees: worktrees build/debian/src-{base,tip}, kept between runs
# (checking out another tip touches only the files that differ, so make
# rebuilds only what changed); objects in build/out/debian-{base,tip};
# ccache as everywhere.  Prints "PASS|FAIL gate/debian-amd64/..." lines;
# the build logs are build/out/debian-*/build.log.
# Run heavy jobs one at a time: flock /tmp/cpu.lock harness/gate-debian.sh
set -uo pipefail
source "$(dirname "$0")/common.sh"

DEBIAN_CONFIG=${DEBIAN_CONFIG:-/usr/src/linux-config-6.12/config.amd64_none_amd64.xz}
DIRS=${DEBIAN_DIRS:-drivers/pci/ drivers/vfio/ drivers/iommu/ arch/x86/pci/ kernel/irq/}
tip=$(git -C "$SRC" rev-parse --verify "${1:-HEAD}^{commit}") || exit 1
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
	"${mk[@]}" -s olddefconfig && "${mk[@]}" prepare || return 1
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
	cp "$o.log" "$o/build.log" 2>/dev/null
done
[ $rc = 0 ] || exit 1

new=$(comm -13 <(warnings "$OUT/debian-base.log") <(warnings "$OUT/debian-tip.log"))
if [ -z "$new" ]; then
	result PASS w1 "no new warning in ${DIRS// /, }"
else
	echo "$new" > "$OUT/debian-tip.new-warnings"
	result FAIL w1 "$(echo "$new" | wc -l) new: $(echo "$new" | head -3 | tr '\n' ' ')"
	exit 1
fi
