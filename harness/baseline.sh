#!/bin/bash
# `make baseline`: the scenarios and selftests on Debian's unpatched 6.12,
# to show what the series changes.  Expect failures: no msi_remap in
# sysfs, and the MSI-X table mmap-able with MSIs not isolated.
set -uo pipefail
source "$(dirname "$0")/common.sh"

"$HARNESS/apply-series.sh" || exit 1
base=$BUILD/linux-base
if [ ! -d "$base" ]; then
	git -C "$SRC" worktree prune
	git -C "$SRC" worktree add -q --detach "$base" base
fi

# What runs on the unpatched kernel: every row where MSIs are isolated
# (no mapping may be lost there), the rows marked baseline=1 where they are
# not (6.12 maps the table page there, and the forgery works), and the
# nested arm64
# QEMU rows (vmm=doorbell), whose doorbell 6.12 lets QEMU map everywhere;
# hotplug and the x86 VMM rows are left out (slow, nothing more to show)
baseline_rows() { # ARCH
	local s
	for s in $(scenario_names "$1"); do
		[ -z "$(scenario_field "$s" hotplug)" ] && [ "$(scenario_field "$s" vmm)" != 1 ] &&
			{ [ "$(scenario_field "$s" msi_remap)" = 1 ] ||
			  [ "$(scenario_field "$s" baseline)" = 1 ] ||
			  [ "$(scenario_field "$s" vmm)" = doorbell ]; } &&
			echo "$s"
	done
}

# Per architecture: the unpatched kernel with the harness config, the
# patched selftest in the initramfs
for arch in x86_64 arm64 ppc64le; do
	SRC=$base OUT_NAME=$arch-base "$HARNESS/build-kernel.sh" "$arch" &&
		"$HARNESS/build-kernel.sh" "$arch" && "$HARNESS/build-initramfs.sh" "$arch" || exit 1
	arch_vars "$arch"
	mapfile -t rows < <(baseline_rows "$arch")
	KERNEL=$OUT/$arch-base/$IMAGE_PATH LOG_PREFIX=baseline- "$HARNESS/run-scenarios.sh" "${rows[@]}"
done

# What the series adds to the x86_64 guest kernel
"$SRC/scripts/bloat-o-meter" "$OUT/x86_64-base/vmlinux" "$OUT/x86_64/vmlinux" |
	tee "$LOGS/bloat-x86_64.txt" | sed -n '1p;$p'
