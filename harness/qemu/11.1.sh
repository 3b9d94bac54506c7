# shellcheck shell=bash
# QEMU 11.1 from Debian trixie-backports (Debian 12 has 7.2): unpacked
# into build/qemu/11.1 with a private apt configuration (harness/lib/apt.sh)
# and run with its own loader and libraries.  Its module directory is
# compiled in (QEMU_MODULE_DIR is not honoured), so each run binds the
# unpacked one over the machine's (which Debian 12's QEMU, installed for
# the 7.2 rows, provides) in a mount namespace of its own: nothing on the
# machine changes.  Sourced by qemu_vars (harness/lib/axes.sh).
QEMU_SUITES="trixie trixie-backports" QEMU_APT=${QEMU_SUITES##* }
QEMU_DIR=$BUILD/qemu/11.1

qemu_system() { echo "$QEMU_DIR/bin/qemu-system-$1"; }
# As a guest's VMM (vmm_emulator=11.1): the unpacked root, chrooted to
qemu_vmm_root() { echo "$QEMU_DIR/root"; }

# Fetch and unpack it once, and write a wrapper for each emulator
qemu_prepare() {
	local r=$QEMU_DIR/root lib e ns=-m
	lib=/usr/lib/$(dpkg-architecture -qDEB_HOST_MULTIARCH)
	[ -d "$lib/qemu" ] || { echo "no $lib/qemu to bind QEMU 11.1's modules over" >&2; return 1; }
	[ "$(id -u)" = 0 ] || ns=-rm	# a user namespace of its own too
	(apt_unpack "$QEMU_DIR" "$QEMU_SUITES" qemu-system-x86 qemu-system-arm qemu-system-ppc) || return 1
	# what a guest that chroots into it needs: the loader where the binary
	# looks for it (base-files makes these links on a Debian system) and
	# mount points, the 9p export being read-only
	ln -sfn usr/lib "$r/lib" && ln -sfn usr/lib64 "$r/lib64" && mkdir -p "$r"/{proc,sys,dev,tmp}
	mkdir -p "$QEMU_DIR/bin"
	for e in "$r"/usr/bin/qemu-system-*; do
		cat > "$QEMU_DIR/bin/${e##*/}" <<-WRAPPER
			#!/bin/sh
			# ${e##*/} of QEMU 11.1 (harness/qemu/11.1.sh)
			exec unshare $ns sh -c 'mount --bind "\$0$lib/qemu" $lib/qemu &&
				exec "\$0$lib/ld-linux-x86-64.so.2" --library-path "\$0$lib:\$0/lib/${lib##*/}" \\
				"\$0/usr/bin/${e##*/}" -L "\$0/usr/share/qemu" "\$@"' "$r" "\$@"
		WRAPPER
		chmod +x "$QEMU_DIR/bin/${e##*/}"
	done
}
