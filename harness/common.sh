# Shared settings of the harness scripts; sourced, not run.
HARNESS=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$HARNESS")
BUILD=${BUILD_DIR:-$ROOT/build}
SRC=${SRC:-$BUILD/linux}
OUT=$BUILD/out
LOGS=${LOGS:-$BUILD/logs}
INITRAMFS=${INITRAMFS:-$BUILD/initramfs}
JOBS=$(nproc)
SCENARIOS=${SCENARIOS:-$HARNESS/scenarios.txt}

# Debian's source package and the base of the series
KERNEL_TARBALL=${KERNEL_TARBALL:-/usr/src/linux-source-6.12.tar.xz}

# ccache keeps its cache in ~/.cache/ccache, outside the clone, so that a
# fresh clone (CI) reuses what earlier builds compiled; /usr/bin next so
# that Debian's python3 (with ply, for checkpatch) wins over any other
export PATH=/usr/lib/ccache:/usr/bin:$PATH
# Paths below build/ hash the same from any clone
export CCACHE_BASEDIR=$BUILD CCACHE_NOHASHDIR=true

source "$HARNESS/devices.sh"

# The settings of one architecture (harness/arch/ARCH.sh): kernel ARCH,
# cross prefix, image, QEMU, console, timeout, devices, classes, packages
arch_vars() {
	[ -f "$HARNESS/arch/$1.sh" ] || { echo "unknown arch $1" >&2; return 1; }
	MACHINE='' VMM_QEMU='' VMM_MACHINE='' VMM_ROOT=''
	source "$HARNESS/arch/$1.sh"
}

# The architectures, and the one whose kernel builds a source file
arch_names() {
	local f
	for f in "$HARNESS"/arch/*.sh; do f=${f##*/}; echo "${f%.sh}"; done
}
arch_of() { # path in the kernel tree: arch/KARCH/ or an arch-only
	local a	# driver directory such as drivers/acpi/arm64/
	for a in $(arch_names); do
		(arch_vars "$a" && [[ $1 == arch/$KARCH/* || $1 == */$KARCH/* ]]) &&
			{ echo "$a"; return; }
	done
	echo x86_64
}

# The scenarios of harness/scenarios.txt (of one architecture)
scenario_names() { # [ARCH]
	awk -F' *[|] *' -v arch="${1:-}" '
		/^#/ || NF < 3 { next }
		arch == "" || $2 == arch { print $1 }' "$SCENARIOS"
}

# One field of a scenario row: arch, msi_remap or a key (empty if unset);
# fails for an unknown scenario
scenario_field() { # NAME KEY
	awk -F' *[|] *' -v name="$1" -v key="$2" '
		/^#/ || NF < 3 || $1 != name { next }
		{
			found = 1; sub(/ +$/, "", $NF)
			if (key == "arch") val = $2
			else if (key == "msi_remap") val = $3
			else for (i = 4; i <= NF; i++)
				if (index($i, key "=") == 1) val = substr($i, length(key) + 2)
		}
		END { if (found) print val; exit !found }' "$SCENARIOS"
}

# How many devices under test a scenario boots with (arch_vars first)
scenario_devices() { # NAME
	local n t
	n=$(echo $DEVICES | wc -w)
	for t in $(scenario_field "$1" topology | tr , ' '); do
		n=$((n + $(topology_devices "$t")))
	done
	echo $((n + $(scenario_field "$1" sriov_vfs | grep . || echo 0)))
}

# What a scenario adds to its arch's QEMU options (arch_vars first): the
# platform (machine, IOMMU, topologies, firmware), then RAM and devices
scenario_platform_opts() { # NAME
	local key val t
	echo "-machine $(scenario_field "$1" machine | grep . || echo "$MACHINE")"
	for key in iommu topology qemu firmware; do
		val=$(scenario_field "$1" $key)
		[ -n "$val" ] || continue
		case $key in
		iommu) echo "-device $val" ;;
		topology) for t in ${val//,/ }; do topology_opts "$t"; done ;;
		qemu) echo "$val" ;;
		firmware) echo "-bios $val" ;;
		esac
	done
}
scenario_qemu_opts() { # NAME
	local d
	scenario_platform_opts "$1"
	echo "-m $(scenario_field "$1" memory | grep . || echo "$MEMORY")"
	for d in $DEVICES; do device_opts "$d"; done
}

# The guest kernel command line a scenario adds (arch_vars first)
scenario_append() { # NAME
	local key val
	scenario_field "$1" append
	[ -z "$(scenario_field "$1" sriov_vfs)" ] || echo vfio_pci.enable_sriov=1
	for key in hotplug vmm sriov_vfs unsafe_interrupts; do
		val=$(scenario_field "$1" $key)
		[ -n "$val" ] && echo "harness.$key=$val"
	done
	[ -z "$(scenario_field "$1" vmm)" ] || [ -z "$VMM_QEMU" ] ||
		echo "harness.vmm_qemu=$VMM_QEMU harness.vmm_machine=$VMM_MACHINE"
}

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*"; }

# "N passed, N failed, N skipped" of results files (PASS|FAIL|SKIP lines)
count_results() { # FILE...
	cat "$@" 2>/dev/null | awk '
		{ n[$1]++ }
		END { printf "%d passed, %d failed, %d skipped\n", n["PASS"], n["FAIL"], n["SKIP"] }'
}

# The patches of the series, cover letter left out, and their checksum
series() {
	ls "${PATCHES_DIR:-$ROOT/patches}"/v7-*.patch | grep -v -- '-0000-'
}

series_id() {
	cat $(series) | sha1sum | cut -d' ' -f1
}
