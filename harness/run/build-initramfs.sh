#!/bin/bash
# Build the guest's initramfs for one architecture: a static /init
# (harness/guest/init.c) and the static VFIO selftests of the series,
# compiled against the patched kernel's uapi headers:
#   build-initramfs.sh ARCH      -> build/BASE/initramfs/ARCH.cpio.gz
set -euo pipefail
source "$(dirname "$0")/../lib/common.sh"
source "$HARNESS/lib/apt.sh"

arch=$1
base_vars "$BASE"
arch_vars "$arch"
cc=${CROSS}gcc
dir=$INITRAMFS/$arch
tests=$BUILD/$BASE/selftests/$arch
headers=$(kernel_out "$arch")/usr/include

# Libraries the selftests link beyond libc (mainline's libvfio: libuuid),
# for the target: the machine's own, or the target's Debian packages
# unpacked into build/sysroot/DEB_ARCH (the machine's apt left alone)
sysroot() {
	local d=$BUILD/sysroot/$DEB_ARCH pkgs=(uuid-dev libuuid1)
	[ "$DEB_ARCH" != "$(dpkg --print-architecture)" ] || return 0
	if [ "$(cat "$d/unpacked" 2>/dev/null)" != "${pkgs[*]}" ]; then
		(apt_private "$d/apt" "$DEB_ARCH" && apt_private_download "$d/apt" "${pkgs[@]}") || return 1
		rm -rf "$d/root" && mkdir -p "$d/root"
		for deb in "$d"/apt/dl/*.deb; do dpkg-deb -x "$deb" "$d/root"; done
		rm -rf "$d/apt" && echo "${pkgs[*]}" > "$d/unpacked"
	fi
	echo "-isystem $d/root/usr/include -L$d/root/usr/lib/$(dpkg-architecture -a "$DEB_ARCH" -qDEB_HOST_MULTIARCH 2>/dev/null)"
}

rm -rf "$dir" && mkdir -p "$dir"/{proc,sys,dev} "$tests"
$cc -static -O2 -Wall -o "$dir/init" "$HARNESS"/guest/*.c

libs=$(sysroot) || { echo "$arch: no libraries for the selftests" >&2; exit 1; }
make -s -C "$SRC/tools/testing/selftests/vfio" OUTPUT="$tests" ARCH="$KARCH" \
	CC="$cc" LDFLAGS="-static $libs" KHDR_INCLUDES="-isystem $headers $libs"
for t in "$tests"/vfio_*; do
	[ -x "$t" ] && cp "$t" "$dir/"
done

(cd "$dir" && find . | cpio -o -H newc --quiet | gzip -9) > "$INITRAMFS/$arch.cpio.gz"
log "$arch: initramfs with $(find "$dir" -maxdepth 1 -name "vfio_*" -printf "%f ")"

# The nested-VMM rows' initramfs (initramfs=ARCH-vmm[-QEMU]): this one and
# the VMM, one for each QEMU the arch's rows name (ARCH-vmm: the default)
vmm_qemus() {
	local s i
	for s in $(scenario_names "$arch"); do
		row_load "$s" || continue
		i=$(row initramfs)
		case $i in
		"$arch-vmm") echo "$QEMU_DEFAULT" ;;
		"$arch-vmm-"*) echo "${i#"$arch-vmm-"}" ;;
		esac
	done | sort -u
}
if [ -x "$HARNESS/run/nested-$arch.sh" ]; then
	vmm_qemus | while read -r q; do
		"$HARNESS/run/nested-$arch.sh" "$q" || log "$arch: no nested-VMM initramfs (QEMU $q)"
	done
fi
