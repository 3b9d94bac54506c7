#!/bin/bash
# The series with the configuration a distro ships: Debian's own config
# (amd64: package linux-config-6.12; arm64: /boot/config-* of Debian's
# arm64 linux-image package of the same version, fetched once, see
# debian_arm64_config), `make olddefconfig`, nothing else changed, builds
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

# Debian's arm64 config, without touching the machine's apt setup: a
# private apt configuration for arm64 over the machine's own Debian
# archive, `apt-get download` of the arm64 image package of the version
# linux-source-6.12 has, /boot/config-* out of it (93 MB, a few seconds)
debian_arm64_config() { # file
	local d=$BUILD/debian/apt-arm64 ver pkg
	ver=$(dpkg-query -W -f='${Version}' "$SOURCE_PACKAGE") || return 1
	apt_private "$d" arm64 || return 1
	pkg=$(apt-cache search --names-only "^linux-image-${ver%%-*}\\+.*-arm64-unsigned\$" | cut -d' ' -f1 | head -1)
	[ -n "$pkg" ] || { echo "no arm64 image package of $ver" >&2; return 1; }
	apt_private_download "$d" "$pkg=$ver"
	unset APT_CONFIG
	dpkg-deb --fsys-tarfile "$d"/dl/*.deb | tar -xO --wildcards './boot/config-*' > "$1.tmp" &&
		[ -s "$1.tmp" ] && mv "$1.tmp" "$1"
}

case $darch in
amd64)	KARCH=x86_64 CROSS=
	DEBIAN_CONFIG=${DEBIAN_CONFIG:-/usr/src/$DEBIAN_CONFIG_PACKAGE/config.amd64_none_amd64.xz}
	skip='^arch/[^x]|/arm64/' ;;
arm64)	KARCH=arm64 CROSS=aarch64-linux-gnu-
	DEBIAN_CONFIG=${DEBIAN_CONFIG:-$BUILD/$BASE/debian/config-arm64}
	[ -s "$DEBIAN_CONFIG" ] || debian_arm64_config "$DEBIAN_CONFIG" ||
		{ result FAIL config "could not fetch Debian's arm64 config"; exit 1; }
	skip='^arch/[^a]|^arch/alpha|^arch/arc/|^arch/arm/' ;;
*)	echo "DEBIAN_ARCH: amd64 or arm64" >&2; exit 1 ;;
esac
if [ ! -s "$DEBIAN_CONFIG" ]; then
	result FAIL config "$DEBIAN_CONFIG missing: apt-get install $DEBIAN_CONFIG_PACKAGE"
	exit 1
fi
# The touched directories: these, and that of any other .c file the
# series touches that this arch builds (not tools/, not other arches')
DIRS=${DEBIAN_DIRS:-$(
	{ printf '%s\n' $(touched_dirs $KARCH)
	  git -C "$SRC" diff --name-only base "$tip" -- '*.c' |
		grep -vE "^(tools|samples|Documentation)/|$skip" | xargs -r -n1 dirname | sed 's|$|/|'
	} | sort -u | awk '{ for (i = 1; i <= n; i++) if (index($0, d[i]) == 1) next; d[++n] = $0; print }' |
	tr '\n' ' ' | sed 's/ $//')}

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
