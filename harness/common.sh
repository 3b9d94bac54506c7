# Shared settings of the harness scripts; sourced, not run.
HARNESS=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$HARNESS")
BUILD=${BUILD_DIR:-$ROOT/build}
SRC=${SRC:-$BUILD/linux}
OUT=$BUILD/out
LOGS=${LOGS:-$BUILD/logs}
JOBS=$(nproc)

# Debian's source package and the base of the series
KERNEL_TARBALL=${KERNEL_TARBALL:-/usr/src/linux-source-6.12.tar.xz}

# ccache keeps its cache in ~/.cache/ccache, outside the clone, so that a
# fresh clone (CI) reuses what earlier builds compiled; /usr/bin next so
# that Debian's python3 (with ply, for checkpatch) wins over any other
export PATH=/usr/lib/ccache:/usr/bin:$PATH
# Paths below build/ hash the same from any clone
export CCACHE_BASEDIR=$BUILD CCACHE_NOHASHDIR=true

# Per architecture: kernel ARCH, cross prefix, image target, image path
arch_vars() {
	case "$1" in
	x86_64)	KARCH=x86_64; CROSS=; IMAGE=bzImage; IMAGE_PATH=arch/x86/boot/bzImage ;;
	arm64)	KARCH=arm64; CROSS=aarch64-linux-gnu-; IMAGE=Image; IMAGE_PATH=arch/arm64/boot/Image ;;
	ppc64le) KARCH=powerpc; CROSS=powerpc64le-linux-gnu-; IMAGE=vmlinux; IMAGE_PATH=vmlinux ;;
	*) echo "unknown arch $1" >&2; return 1 ;;
	esac
}

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*"; }

# The patches of the series, cover letter left out, and their checksum
series() {
	ls "${PATCHES_DIR:-$ROOT/patches}"/v7-*.patch | grep -v -- '-0000-'
}

series_id() {
	cat $(series) | sha1sum | cut -d' ' -f1
}
