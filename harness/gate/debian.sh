#!/bin/bash
# The series with the configuration a distro ships: Debian's own config
# (package linux-config-VERSION of the base, for amd64 and arm64, see
# debian_config), `make olddefconfig`, nothing else changed, builds
# the touched directories with W=1 at base and at the tip, and the tip
# adds no warning.  Builds `prepare` and the directories only, not the
# kernel, with KBUILD_SYMTYPES=1 so that harness/gate/abi.sh can compare
# the symbol CRCs (CONFIG_MODVERSIONS) of the same objects.
#
#   [DEBIAN_ARCH=amd64|arm64] debian.sh [TIP]
#                            TIP: a commit of $SRC (default: its HEAD)
#
# Source trees: worktrees build/BASE/debian/src-{base,tip}, kept between
# runs; objects in build/BASE/out/debian-ARCH-{base,tip}, compiled again
# on every run (warnings are printed only by the compiler; ccache makes it
# cheap).  Prints "PASS|FAIL BASE/gate/debian-ARCH/..." lines; the build
# logs are build/BASE/out/debian-ARCH-{base,tip}.log.  Exit 1 when a build
# fails, 2 when the tip adds warnings.
set -uo pipefail
source "$(dirname "$0")/../lib/common.sh"
source "$HARNESS/lib/apt.sh"

darch=${DEBIAN_ARCH:-amd64}
name=debian-$darch
base_vars "$BASE"
tip=$(git -C "$SRC" rev-parse --verify "${1:-HEAD}^{commit}") || exit 1

RESULT_PREFIX=${RESULT_PREFIX:-$BASE/gate/}$name/

# Debian's config of the base for DARCH, without touching the machine's
# apt setup: the machine's own linux-config package where it is installed
# (deps.sh, for a base from the machine's archive), else that package for
# DARCH from the base's suite through a private apt configuration
# (harness/lib/apt.sh), config.DARCH_none_DARCH.xz out of it (a few MB)
debian_config() { # DARCH file
	local f=config.$1_none_$1.xz d=$BUILD/$BASE/debian/apt-$1 suites=()
	if [ -s "/usr/src/$DEBIAN_CONFIG_PACKAGE/$f" ]; then
		cp "/usr/src/$DEBIAN_CONFIG_PACKAGE/$f" "$2"
		return
	fi
	[ "$SOURCE_APT" = host ] || suites=(trixie "$SOURCE_APT")
	(apt_private "$d" "$1" "${suites[@]}" && apt_private_download "$d" "$DEBIAN_CONFIG_PACKAGE") || return 1
	dpkg-deb --fsys-tarfile "$d"/dl/*.deb | tar -xO "./usr/src/$DEBIAN_CONFIG_PACKAGE/$f" > "$2.tmp" &&
		[ -s "$2.tmp" ] && mv "$2.tmp" "$2" && rm -rf "$d"
}

case $darch in
amd64)	KARCH=x86_64 CROSS= ;;
arm64)	KARCH=arm64 CROSS=aarch64-linux-gnu- ;;
*)	echo "DEBIAN_ARCH: amd64 or arm64" >&2; exit 1 ;;
esac
DEBIAN_CONFIG=${DEBIAN_CONFIG:-$BUILD/$BASE/debian/config-$darch.xz}
[ -s "$DEBIAN_CONFIG" ] || debian_config "$darch" "$DEBIAN_CONFIG" ||
	{ result FAIL config "could not fetch $DEBIAN_CONFIG_PACKAGE for $darch"; exit 1; }
# The touched directories (harness/lib/common.sh)
DIRS=${DEBIAN_DIRS:-$(touched_dirs "$KARCH" "$SRC" "$tip")}

build() { # tree out: Debian's config, prepare, the directories with W=1
	local tree=$1 o=$2 d mk
	mkdir -p "$o"
	mk=(make -C "$tree" O="$o" ARCH="$KARCH" CROSS_COMPILE="$CROSS" -j"$JOBS" W=1 KBUILD_SYMTYPES=1)
	case $DEBIAN_CONFIG in *.xz) xzcat "$DEBIAN_CONFIG" ;; *) cat "$DEBIAN_CONFIG" ;; esac > "$o/.config"
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
worktree "$SRC" "$BUILD/$BASE/debian/src-base" base || { result FAIL worktree base; exit 1; }
worktree "$SRC" "$BUILD/$BASE/debian/src-tip" "$tip" || { result FAIL worktree "$tip"; exit 1; }

rc=0
for side in base tip; do
	o=$OUT/$name-$side
	start=$(date +%s)
	if build "$BUILD/$BASE/debian/src-$side" "$o" > "$o.log" 2>&1; then
		result PASS "build-$side" "$(($(date +%s) - start)) s, $(warnings "$o.log" | wc -l) W=1 warnings"
	else
		result FAIL "build-$side" "$(grep -m1 -E 'error|Error' "$o.log" | cut -c1-200)"
		rc=1
	fi
done
[ $rc = 0 ] || exit 1
# for harness/gate/abi.sh: what was built
echo "$DIRS" > "$OUT/$name-tip/.gate-debian-dirs"
echo "$tip" > "$OUT/$name-tip/.gate-debian-tip"

new=$(comm -13 <(warnings "$OUT/$name-base.log") <(warnings "$OUT/$name-tip.log"))
if [ -z "$new" ]; then
	result PASS w1 "no new warning in ${DIRS// /, }"
else
	echo "$new" > "$OUT/$name-tip.new-warnings"
	result FAIL w1 "$(echo "$new" | wc -l) new: $(echo "$new" | head -3 | tr '\n' ' ')"
	exit 2
fi
