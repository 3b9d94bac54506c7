#!/bin/bash
# Build the guest kernel for one architecture out of tree, in
# build/out/ARCH, from `make tinyconfig` plus harness/configs/ARCH.config:
#   build-kernel.sh x86_64|arm64|ppc64le
# CONFIG_FRAGMENT=file adds a second fragment (e.g. debug options) and
# BASE_FRAGMENT=file replaces the architecture's; OUT_NAME=name picks
# another output directory; MAKE_TARGETS overrides the image target.
set -euo pipefail
source "$(dirname "$0")/common.sh"

arch=$1
arch_vars "$arch"
o=$OUT/${OUT_NAME:-$arch}
mk() { make -s -C "$SRC" O="$o" ARCH="$KARCH" CROSS_COMPILE="$CROSS" "$@"; }

mkdir -p "$o"
fragments=("${BASE_FRAGMENT:-$HARNESS/configs/$arch.config}" ${CONFIG_FRAGMENT:+"$CONFIG_FRAGMENT"})
cat "${fragments[@]}" > "$o/fragment.config"
if ! cmp -s "$o/fragment.config" "$o/fragment.used" || [ ! -f "$o/.config" ]; then
	log "$arch: configuring"
	mk tinyconfig >/dev/null
	(cd "$SRC" && ARCH=$KARCH CROSS_COMPILE=$CROSS scripts/kconfig/merge_config.sh \
		-m -O "$o" "$o/.config" "$o/fragment.config" >/dev/null)
	mk olddefconfig >/dev/null
	# Every option asked for must have stuck
	grep '^CONFIG_.*=y' "$o/fragment.config" | while read -r opt; do
		grep -qx "$opt" "$o/.config" || { echo "$arch: $opt did not stick" >&2; exit 1; }
	done
	cp "$o/fragment.config" "$o/fragment.used"
fi

targets=${MAKE_TARGETS:-$IMAGE}
log "$arch: building $targets in $(basename "$o")"
start=$(date +%s)
# shellcheck disable=SC2086 # several targets
mk -j"$JOBS" $targets > "$o/build.log" 2>&1 || { tail -30 "$o/build.log"; exit 1; }
mk headers_install > /dev/null
log "$arch: built in $(( $(date +%s) - start ))s"
