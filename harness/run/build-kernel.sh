#!/bin/bash
# Build the guest kernel of the base for one architecture out of tree,
# from `make tinyconfig` plus harness/arch/ARCH.config and trim.config:
#   build-kernel.sh ARCH [OUTDIR]   (default: harness/lib/axes.sh's
#                                    kernel_out, after KERNEL_KIND)
# harness/bases/BASE.config, where there is one, adds the base's own options;
# CONFIG_FRAGMENT=file adds a further fragment (e.g. debug options) and
# BASE_FRAGMENT=file replaces the architecture's (the gate's odd
# configurations: there only their own options must stick, the base's go
# where the configuration allows them, e.g. no iommufd without an IOMMU);
# MAKE_TARGETS overrides
# the image target; SRC=tree builds another source tree.
set -euo pipefail
source "$(dirname "$0")/../lib/common.sh"

arch=$1
base_vars "$BASE"
arch_vars "$arch"
o=${2:-$(kernel_out "$arch")}
mk() { make -s -C "$SRC" O="$o" ARCH="$KARCH" CROSS_COMPILE="$CROSS" "$@"; }

mkdir -p "$o"
fragments=("${BASE_FRAGMENT:-$HARNESS/arch/$arch.config}" "$HARNESS/arch/trim.config")
[ -f "$HARNESS/bases/$BASE.config" ] && fragments+=("$HARNESS/bases/$BASE.config")
[ -n "${CONFIG_FRAGMENT:-}" ] && fragments+=("$CONFIG_FRAGMENT")
# less what the architecture cannot have (KCONFIG_EXCLUDED, harness/arch/)
cat "${fragments[@]}" | grep -vE "^(${KCONFIG_EXCLUDED// /|})=" > "$o/fragment.config" || true
if ! cmp -s "$o/fragment.config" "$o/fragment.used" || [ ! -f "$o/.config" ]; then
	log "$arch: configuring $(basename "$o")"
	mk tinyconfig >/dev/null
	(cd "$SRC" && ARCH=$KARCH CROSS_COMPILE=$CROSS scripts/kconfig/merge_config.sh \
		-m -O "$o" "$o/.config" "$o/fragment.config" >/dev/null)
	mk olddefconfig >/dev/null
	# Every option asked for must have stuck
	grep -h '^CONFIG_.*=y' "${BASE_FRAGMENT:-$o/fragment.config}" | while read -r opt; do
		grep -qx "$opt" "$o/.config" || { echo "$arch: $opt did not stick" >&2; exit 1; }
	done
	cp "$o/fragment.config" "$o/fragment.used"
fi

targets=${MAKE_TARGETS:-$(basename "$IMAGE_PATH")}
log "$arch: building $targets in $(basename "$o")"
start=$(date +%s)
# shellcheck disable=SC2086 # several targets
mk -j"$JOBS" $targets > "$o/build.log" 2>&1 || { tail -30 "$o/build.log"; exit 1; }
mk headers_install > /dev/null
log "$arch: built in $(( $(date +%s) - start ))s"
