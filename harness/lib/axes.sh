# shellcheck shell=bash
# The four axes of a boot, each declared in one place:
#   kernel base   harness/bases/BASE.sh    (BASE=, default below)
#   architecture  harness/arch/ARCH.sh     (+ ARCH.config, its kconfig)
#   QEMU          harness/qemu/VERSION.sh  (a row's emulator=, default below)
#   scenario      harness/scenarios.txt    (one row a boot)
# Sourced by harness/lib/common.sh.

export BASE=${BASE:-7.3}
QEMU_DEFAULT=7.2
# A one-base script's caller may point it at another tree (SRC=: the
# gate's worktrees, the unpatched base); make check never sets it
SRC_GIVEN=${SRC:-}

# ---- kernel base: where its source comes from, the series on it, and
# the directories of its trees, builds and logs
base_vars() { # BASE
	[ -f "$HARNESS/bases/$1.sh" ] || { echo "unknown base $1 (harness/bases/)" >&2; return 1; }
	BASE=$1 SERIES_DIR='' PREREQ_DIR='' IN_CHECK=yes CHECK_ROWS='' CHECK_GATE=quick SUITE_COMPARED=no CHECK_MUTANTS=no
	source "$HARNESS/bases/$1.sh"
	PATCHES=$ROOT/patches/${SERIES_DIR:-$BASE}
	SRC=${SRC_GIVEN:-$BUILD/$BASE/linux}
	OUT=$BUILD/$BASE/out
	INITRAMFS=$BUILD/$BASE/initramfs
}
base_names() { local f; for f in "$HARNESS"/bases/*.sh; do f=${f##*/}; echo "${f%.sh}"; done; }
# The bases make check runs (those not marked IN_CHECK=no)
checked_bases() { local b; for b in $(base_names); do (base_vars "$b" && [ "$IN_CHECK" != no ]) && echo "$b"; done; }

# What a boot of this base runs: the series (kernel built in
# build/BASE/out/ARCH, logs in build/logs/BASE/), the unpatched base
# (make baseline), the series on a debug kernel (make check-debug) or a
# mutant of it (mutant-NAME, make mutants)
export KERNEL_KIND=${KERNEL_KIND:-series}
kernel_out() { # ARCH
	case $KERNEL_KIND in
	series) echo "$OUT/$1" ;;
	# the mutants share one build, rebuilt incrementally, laid out like
	# the series' (BASE-mutant/linux, BASE-mutant/out/ARCH) so that
	# ccache, which sees paths relative to build/, finds what the
	# series compiled
	mutant-*) echo "$BUILD/$BASE-mutant/out/$1" ;;
	*) echo "$OUT/$1-$KERNEL_KIND" ;;
	esac
}
run_dir() { echo "$LOGS/$BASE$([ "$KERNEL_KIND" = series ] || echo "-$KERNEL_KIND")"; }

# The patches of the base's series, cover letter left out, and a checksum
series() { ls "$PATCHES"/"$SERIES_VERSION"-*.patch | grep -v -- '-0000-'; }
# the fixes applied before it (PREREQ_DIR), if any
prereqs() { [ -z "$PREREQ_DIR" ] || ls "$ROOT/patches/$PREREQ_DIR"/*.patch; }
series_id() { cat $(prereqs) $(series) | sha1sum | cut -d' ' -f1; }

# ---- architecture: kernel ARCH, cross compiler, image, QEMU binary and
# options, console, timeout, devices under test, packages
arch_vars() { # ARCH
	[ -f "$HARNESS/arch/$1.sh" ] || { echo "unknown arch $1 (harness/arch/)" >&2; return 1; }
	ARCH_NAME=$1 MACHINE='' VMM_QEMU='' VMM_MACHINE='' VMM_ROOT='' DEBUG_ROWS='' KCONFIG_EXCLUDED=''
	source "$HARNESS/arch/$1.sh"
}
arch_names() { local f; for f in "$HARNESS"/arch/*.sh; do f=${f##*/}; echo "${f%.sh}"; done; }

# The architecture whose kernel alone builds a source file: arch/KARCH/ or
# an arch-only driver directory such as drivers/acpi/arm64/ (empty for
# generic code); arch_of: the same, x86_64 for generic code
arch_only() { # PATH
	local a
	for a in $(arch_names); do
		(arch_vars "$a" && [[ $1 == arch/$KARCH/* || $1 == */$KARCH/* ||
			($KARCH == x86_64 && $1 == arch/x86/*) ]]) && { echo "$a"; return; }
	done
}
arch_of() { arch_only "$1" | grep . || echo x86_64; }

# ---- QEMU: how to get it and how to run one of its system emulators
qemu_vars() { # VERSION
	[ -f "$HARNESS/qemu/$1.sh" ] || { echo "unknown QEMU $1 (harness/qemu/)" >&2; return 1; }
	QEMU_NAME=$1
	source "$HARNESS/qemu/$1.sh"
}

# ---- scenario: one row of harness/scenarios.txt,
#   name | arch | msi_remap | key=value | ...
# read once into ROW[] (ROW[name], ROW[arch], ROW[msi_remap], ROW[key]),
# with the row's architecture and QEMU loaded
shopt -s extglob
declare -A ROW
row_load() { # NAME
	local line f kv k
	line=$(grep -E "^$1 +[|]" "$HARNESS/scenarios.txt") ||
		{ echo "no scenario $1 (harness/scenarios.txt)" >&2; return 1; }
	ROW=()
	IFS='|' read -ra f <<< "$line"
	f=("${f[@]/#+( )/}") f=("${f[@]/%+( )/}")	# each field trimmed
	ROW[name]=${f[0]} ROW[arch]=${f[1]} ROW[msi_remap]=${f[2]}
	for kv in "${f[@]:3}"; do
		[[ ${kv%%=*} == *@* ]] || ROW[${kv%%=*}]=${kv#*=}
	done
	# KEY@BASE=VALUE: what differs on one kernel base (msi_remap too)
	for kv in "${f[@]:3}"; do
		k=${kv%%=*}
		[[ $k != *@"$BASE" ]] || ROW[${k%@*}]=${kv#*=}
	done
	arch_vars "${ROW[arch]}" && qemu_vars "${ROW[emulator]:-$QEMU_DEFAULT}"
}
row() { echo "${ROW[$1]:-}"; }	# KEY: a field of the loaded row, or empty

# The scenarios of the base (a row with bases=B,.. only on those), all or
# those of one architecture
scenario_names() { # [ARCH]
	awk -F' *[|] *' -v arch="${1:-}" -v base="${BASE:-}" '
		/^#/ || NF < 3 { next }
		{ for (i = 4; i <= NF; i++)
			if ($i ~ /^bases=/ && index("," substr($i, 7) ",", "," base ",") == 0) next }
		arch == "" || $2 == arch { print $1 }' "$HARNESS/scenarios.txt"
}
scenario_arch() { # NAME
	awk -F' *[|] *' -v n="$1" '$1 == n { print $2; f = 1 } END { exit !f }' "$HARNESS/scenarios.txt"
}

# What the loaded row adds to its arch's QEMU options: the platform
# (machine, IOMMU, topologies, firmware, further options), RAM, devices
row_qemu_opts() {
	local t d
	echo "-machine $(row machine | grep . || echo "$MACHINE")"
	[ -z "$(row iommu)" ] || echo "-device $(row iommu)"
	for t in $(row topology | tr , ' '); do topology_opts "$t"; done
	[ -z "$(row firmware)" ] || firmware_opts "$(row firmware)"
	row opts
	echo "-m $(row memory | grep . || echo "$MEMORY")"
	for d in $DEVICES; do device_opts "$d"; done
}

# The guest kernel command line the loaded row adds
row_append() {
	local key
	row append
	[ -z "$(row firmware)" ] || firmware_append "$(row firmware)"
	[ -z "$(row sriov_vfs)" ] || echo vfio_pci.enable_sriov=1
	for key in hotplug vmm vmm_iommufd sriov_vfs unsafe_interrupts isolated; do
		[ -z "$(row $key)" ] || echo "harness.$key=$(row $key)"
	done
	[ -z "$(row vmm)" ] || echo "harness.vmm_qemu=$VMM_QEMU harness.vmm_machine=$VMM_MACHINE harness.vmm_root=$(row_vmm_root)"
}

# Where the loaded row's VMM runs from in the guest: the arch's VMM_ROOT,
# or with vmm_emulator=VERSION that QEMU's root on the machine, which the
# guest mounts at /host
row_vmm_root() {
	[ -n "$(row vmm_emulator)" ] || { echo "$VMM_ROOT"; return; }
	(qemu_vars "$(row vmm_emulator)" && echo "/host$(qemu_vmm_root)")
}

# How many devices under test the loaded row boots with
row_devices() {
	local n t
	n=$(echo $DEVICES | wc -w)
	for t in $(row topology | tr , ' '); do
		n=$((n + $(topology_devices "$t")))
	done
	echo $((n + $(row sriov_vfs | grep . || echo 0)))
}

# The line the loaded row's console log must contain, if any
row_log() { row log | grep . || { [ -z "$(row firmware)" ] || firmware_log "$(row firmware)"; }; }
