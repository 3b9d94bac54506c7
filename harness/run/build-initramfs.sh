#!/bin/bash
# Build the guest's initramfs for one architecture: a static /init
# (harness/guest/init.c) and the static VFIO selftests of the series,
# compiled against the patched kernel's uapi headers:
#   build-initramfs.sh ARCH      -> build/BASE/initramfs/ARCH.cpio.gz
set -euo pipefail
source "$(dirname "$0")/../lib/common.sh"

arch=$1
base_vars "$BASE"
arch_vars "$arch"
cc=${CROSS}gcc
dir=$INITRAMFS/$arch
tests=$BUILD/$BASE/selftests/$arch
headers=$(kernel_out "$arch")/usr/include

rm -rf "$dir" && mkdir -p "$dir"/{proc,sys,dev} "$tests"
$cc -static -O2 -Wall -o "$dir/init" "$HARNESS"/guest/*.c

make -s -C "$SRC/tools/testing/selftests/vfio" OUTPUT="$tests" \
	CC="$cc" LDFLAGS=-static KHDR_INCLUDES="-isystem $headers"
for t in "$tests"/vfio_*; do
	[ -x "$t" ] && cp "$t" "$dir/"
done

(cd "$dir" && find . | cpio -o -H newc --quiet | gzip -9) > "$INITRAMFS/$arch.cpio.gz"
log "$arch: initramfs with $(cd "$dir" && ls vfio_* | tr '\n' ' ')"

# The nested-VMM rows' initramfs (initramfs=ARCH-vmm): this one and the VMM
if [ -x "$HARNESS/run/nested-$arch.sh" ]; then
	"$HARNESS/run/nested-$arch.sh" || log "$arch: no nested-VMM initramfs"
fi
