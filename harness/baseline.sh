#!/bin/bash
# `make baseline`: the same x86 scenarios and selftest on Debian's
# unpatched 6.12, to show what the series changes.  Expect failures: no
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
