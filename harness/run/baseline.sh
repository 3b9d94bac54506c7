#!/bin/bash
# `make baseline`: scenario rows on the unpatched base (KERNEL_KIND=unpatched,
# logs in build/logs/BASE-unpatched/), with the series' selftests, to show
# what the series changes.  Expect failures where MSIs are not isolated:
# the base maps the MSI-X table page there, and the forgery works.
#   baseline.sh [NAME ...]   (default: the rows baseline_rows picks)
set -uo pipefail
source "$(dirname "$0")/../lib/common.sh"

base_vars "$BASE"
"$HARNESS/run/apply-series.sh" || exit 1
tree=$BUILD/$BASE/linux-unpatched
worktree "$SRC" "$tree" base || exit 1

# What runs on the unpatched kernel: every row where MSIs are isolated
# (no mapping may be lost there), the rows marked baseline=1 where they are
# not, and the nested VMM rows (vmm=doorbell), whose doorbell the base
# lets QEMU map everywhere; hotplug and vmm=monitor rows are left out
# (slow, nothing more to show)
baseline_rows() {
	local s
	for s in $(scenario_names); do
		row_load "$s"
		[ -z "$(row hotplug)" ] && [ "$(row vmm)" != monitor ] &&
			{ [ "$(row msi_remap)" = 1 ] || [ "$(row baseline)" = 1 ] ||
			  [ "$(row vmm)" = doorbell ]; } &&
			echo "$s"
	done
}
rows=("$@")
[ ${#rows[@]} -gt 0 ] || mapfile -t rows < <(baseline_rows)

# Per architecture: the unpatched kernel with the harness config, the
# series' selftests in the initramfs
for arch in $(for s in "${rows[@]}"; do scenario_arch "$s"; done | sort -u); do
	SRC=$tree KERNEL_KIND=unpatched "$HARNESS/run/build-kernel.sh" "$arch" &&
		"$HARNESS/run/build-kernel.sh" "$arch" && "$HARNESS/run/build-initramfs.sh" "$arch" || exit 1
done
KERNEL_KIND=unpatched "$HARNESS/run/rows.sh" "${rows[@]}"
# What make check compares mainline's suite on the series with
[ "$SUITE_COMPARED" != yes ] || "$HARNESS/judge/suite.sh" --record

# What the series adds to the x86_64 guest kernel
"$SRC/scripts/bloat-o-meter" "$(KERNEL_KIND=unpatched kernel_out x86_64)/vmlinux" "$OUT/x86_64/vmlinux" |
	tee "$(KERNEL_KIND=unpatched run_dir)/bloat-x86_64.txt" | sed -n '1p;$p'
