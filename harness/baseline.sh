#!/bin/bash
# `make baseline`: the same x86 scenarios and selftest, and the nested
# arm64 QEMU rows (vmm=doorbell), on Debian's unpatched 6.12, to show what
# the series changes.  Expect failures: no
# msi_remap in sysfs, and the MSI-X table mmap-able with MSIs not isolated.
set -uo pipefail
source "$(dirname "$0")/common.sh"

"$HARNESS/apply-series.sh" || exit 1
base=$BUILD/linux-base
if [ ! -d "$base" ]; then
	git -C "$SRC" worktree prune
	git -C "$SRC" worktree add -q --detach "$base" base
fi

# The unpatched kernel with the harness config, the patched selftest
SRC=$base OUT_NAME=x86_64-base "$HARNESS/build-kernel.sh" x86_64 &&
	"$HARNESS/build-kernel.sh" x86_64 && "$HARNESS/build-initramfs.sh" x86_64 || exit 1

arch_vars x86_64
KERNEL=$OUT/x86_64-base/$IMAGE_PATH LOG_PREFIX=baseline- \
	"$HARNESS/run-scenarios.sh" ir-on ir-off noiommu

# 64K arm64: the nested QEMU rows, whose L2 doorbell writes unpatched 6.12
# lets QEMU map on every platform
SRC=$base OUT_NAME=arm64-base "$HARNESS/build-kernel.sh" arm64 &&
	"$HARNESS/build-kernel.sh" arm64 && "$HARNESS/build-initramfs.sh" arm64 || exit 1
arch_vars arm64
mapfile -t nested < <(for s in $(scenario_names arm64); do
	[ "$(scenario_field "$s" vmm)" = doorbell ] && echo "$s"; done)
KERNEL=$OUT/arm64-base/$IMAGE_PATH LOG_PREFIX=baseline- "$HARNESS/run-scenarios.sh" "${nested[@]}"
