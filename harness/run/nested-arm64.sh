#!/bin/bash
# The initramfs of the nested arm64 rows (initramfs=arm64-vmm, vmm=doorbell):
# the arch's own (harness/run/build-initramfs.sh) with a second cpio
# appended that holds, below /vmm, Debian's arm64 qemu-system-aarch64, the
# shared objects it links and the L2 program (harness/guest/l2-doorbell.S).
#   nested-arm64.sh [QEMU]  -> build/BASE/initramfs/arm64-vmm[-QEMU].cpio.gz
# QEMU is a version of harness/qemu/ (default: the harness's, Debian 12's
# 7.2, named arm64-vmm); its QEMU_APT says which suite the VMM comes from.
# The packages come from Debian's archive through a private apt
# configuration (harness/lib/apt.sh): the closure of qemu-system-arm
# against an empty dpkg status, `apt-get download`, `dpkg-deb -x`, kept in
# build/debian/vmm-arm64[-QEMU] between runs; only what a DT_NEEDED walk
# from the binary reaches goes into the cpio.  DOORBELL_WRITES=N (default
# 10000).
set -euo pipefail
source "$(dirname "$0")/../lib/common.sh"
source "$HARNESS/lib/apt.sh"

base_vars "$BASE"
arch_vars arm64
qemu_vars "${1:-$QEMU_DEFAULT}" || exit 2
name=arm64-vmm$([ "$QEMU_NAME" = "$QEMU_DEFAULT" ] || echo "-$QEMU_NAME")
apt=$BUILD/debian/${name/arm64-vmm/vmm-arm64}
x=$apt/x			# every package of the closure, unpacked
dir=$INITRAMFS/$name		# what the cpio holds
writes=${DOORBELL_WRITES:-10000}
suites=() target=()
if [ "$QEMU_APT" != host ]; then
	read -ra suites <<< "$QEMU_SUITES"
	target=(-t "$QEMU_APT")
fi

if [ ! -x "$x$VMM_QEMU" ]; then
	apt_private "$apt" arm64 "${suites[@]}" || exit 1
	# each at the version the resolver chose (apt-get download alone
	# would take the default release's, not the target's)
	mapfile -t pkgs < <(apt-get -s "${target[@]}" install qemu-system-arm |
		awk '/^Inst / { print $2 "=" substr($3, 2) }')
	apt_private_download "$apt" "${pkgs[@]}"
	unset APT_CONFIG
	mkdir -p "$x.tmp"
	for deb in "$apt"/dl/*.deb; do dpkg-deb -x "$deb" "$x.tmp"; done
	rm -rf "$x" && mv "$x.tmp" "$x"
	log "$name: ${#pkgs[@]} packages of $(dpkg-deb -f "$(ls "$apt"/dl/qemu-system-arm_*.deb)" Version)"
fi

# A file of the unpacked packages by the path the loader looks for
lookup() { # /path or soname
	local p
	case $1 in
	# trixie's libc6 has the loader in /usr/lib only (/lib is base-files')
	/*) if [ -e "$x$1" ]; then readlink -f "$x$1"; else readlink -f "$x/usr$1"; fi ;;
	*) for p in /lib/aarch64-linux-gnu /usr/lib/aarch64-linux-gnu /lib /usr/lib; do
		[ -e "$x$p/$1" ] && { echo "$x$p/$1"; return; }
	   done; echo "missing shared object $1" >&2; return 1 ;;
	esac
}

rm -rf "$dir" && mkdir -p "$dir"/vmm/{proc,sys,dev,tmp}
# The binary, its interpreter and the DT_NEEDED closure, each at its path
readelf=${CROSS}readelf
todo=("$VMM_QEMU" "$("$readelf" -l "$x$VMM_QEMU" | sed -n 's/.*interpreter: \(.*\)]/\1/p')")
declare -A seen
while [ ${#todo[@]} -gt 0 ]; do
	f=${todo[0]} todo=("${todo[@]:1}")
	[ -z "${seen[$f]:-}" ] || continue
	seen[$f]=1
	src=$(lookup "$f")
	case $f in /*) dst=$f ;; *) dst=${src#"$x"} ;; esac
	mkdir -p "$dir/vmm$(dirname "$dst")"
	cp -L "$src" "$dir/vmm$dst"
	mapfile -t -O ${#todo[@]} todo < <("$readelf" -d "$src" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p')
done

# The L2 program: raw code for -device loader
"${CROSS}gcc" -nostdlib -static -DWRITES="$writes" -Wl,-Ttext=0x40200000 -Wl,--build-id=none \
	-o "$dir/l2-doorbell.elf" "$HARNESS/guest/l2-doorbell.S"
"${CROSS}objcopy" -O binary "$dir/l2-doorbell.elf" "$dir/vmm/l2-doorbell.bin"
rm "$dir/l2-doorbell.elf"

(cd "$dir" && find vmm | cpio -o -H newc --quiet | gzip -9) > "$dir.vmm.cpio.gz"
cat "$INITRAMFS/arm64.cpio.gz" "$dir.vmm.cpio.gz" > "$INITRAMFS/$name.cpio.gz"
# what harness/run/boot.sh prints as the row's vmm_qemu_version
echo "qemu-system-aarch64 $(dpkg-deb -f "$(ls "$apt"/dl/qemu-system-arm_*.deb)" Version) (Debian, arm64)" > "$INITRAMFS/$name.version"
log "$name: ${#seen[@]} files, $(du -h "$dir.vmm.cpio.gz" | cut -f1) gzip, L2 writes the doorbell $writes times"
