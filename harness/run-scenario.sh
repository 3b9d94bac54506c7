#!/bin/bash
# Boot one scenario of harness/scenarios.txt under QEMU (TCG) and turn its
# console log into results:
#   run-scenario.sh NAME
# The console goes to build/logs/NAME.log, the results to
# build/logs/NAME.results, one "PASS|FAIL|SKIP NAME/what" per line.
# KERNEL=path boots another kernel image (e.g. an unpatched one),
# EXTRA_APPEND adds to the guest command line, and LOG_NAME=name writes
# build/logs/name.{log,results} instead.
set -uo pipefail
source "$(dirname "$0")/common.sh"

name=$1
line=$(grep -E "^$name +\|" "$HARNESS/scenarios.txt") || { echo "no scenario $name" >&2; exit 2; }
IFS='|' read -r _ arch expect qemu_opts append <<< "$line"
arch=$(echo $arch); expect=$(echo $expect)
append="$append ${EXTRA_APPEND:-}"
arch_vars "$arch"

nvme() { # id, serial, extra options
	echo "-drive if=none,id=$1,file=null-co://,format=raw -device nvme,serial=$2,drive=$1${3:-}"
}
# Per architecture: emulator, console, devices under test.  Each NVMe
# comes twice: the default 16 KiB BAR0 (table 0x2000, PBA 0x3000) and a
# 64 KiB BAR0 with table and PBA further in (0x2000, 0xa000).
big=",max_ioqpairs=64,msix_qsize=2048"
case $arch in
x86_64)
	qemu="qemu-system-x86_64 -accel tcg -m 512M -smp 1 -nic none"
	console=ttyS0; timeout=180
	# qemu-xhci: table and PBA share one page (0x3000, 0x3800)
	devices="$(nvme d0 nvme16k) $(nvme d1 nvme64k "$big") -device qemu-xhci"
	classes=0x010802,0x0c0330 ;;
arm64)
	qemu="qemu-system-aarch64 -accel tcg -cpu max -m 1G -smp 1 -nic none"
	console=ttyAMA0; timeout=400
	# The 16 KiB BAR0 lands 64K aligned after the 64 KiB one: a sub-page
	# BAR vfio-pci can mmap (pci=resource_alignment= would resize it)
	devices="$(nvme d0 nvme16k) $(nvme d1 nvme64k "$big")"
	classes=0x010802 ;;
ppc64le)
	qemu="qemu-system-ppc64 -accel tcg,thread=single -m 2G"
	console=hvc0; timeout=400
	devices="$(nvme d0 nvme16k ,bus=pcie.0) $(nvme d1 nvme64k "$big,bus=pcie.1")"
	classes=0x010802 ;;
esac
ndev=$(grep -o -- '-device \(nvme\|qemu-xhci\)' <<< "$qemu_opts $devices" | wc -l)
tests=$(cd "$BUILD/initramfs/$arch" && ls vfio_*_test vfio_*_bench | paste -sd,)

mkdir -p "$LOGS"
log=$LOGS/${LOG_NAME:-$name}.log
results=$LOGS/${LOG_NAME:-$name}.results
kernel=${KERNEL:-$OUT/$arch/$IMAGE_PATH}

# PCIe hotplug (harness.hotplug=N): harness/hotplug.py answers the guest's
# requests over a QMP socket, its steps go to NAME.hotplug.log
rounds=$(grep -o 'harness\.hotplug=[0-9]*' <<< "$append" | cut -d= -f2)
hotplug_log=$LOGS/${LOG_NAME:-$name}.hotplug.log
if [ -n "$rounds" ]; then
	qmp=$(mktemp -u /tmp/qmp.XXXXXX)
	qemu_opts="$qemu_opts -qmp unix:$qmp,server=on,wait=off"
fi

log "$name: booting $(basename "$kernel") ($arch, msi_remap $expect expected)"
start=$(date +%s)
: > "$log"
if [ -n "$rounds" ]; then
	"$HARNESS/hotplug.py" "$qmp" "$log" > "$hotplug_log" 2>&1 &
	driver=$!
	timeout=$((timeout + rounds * 15))	# pciehp waits 5 s per removal
fi
# shellcheck disable=SC2086 # option strings are split on purpose
timeout "$timeout" $qemu $qemu_opts $devices -nographic -no-reboot \
	-kernel "$kernel" -initrd "$BUILD/initramfs/$arch.cpio.gz" \
	-append "console=$console loglevel=5 panic=-1 $append harness.tests=$tests harness.classes=$classes" \
	< /dev/null >> "$log" 2>&1
rc=$?
if [ -n "$rounds" ]; then
	# It ends by itself once the guest is done; killed, it failed
	kill "$driver" 2>/dev/null
	wait "$driver"
	driver_rc=$?
	rm -f "$qmp"
fi
tr -d '\r' < "$log" > "$log.tmp" && mv "$log.tmp" "$log"
secs=$(( $(date +%s) - start ))

{
	# The guest got through and powered off by itself
	if grep -q '^harness: done' "$log"; then
		echo "PASS $name/boot"
	else
		echo "FAIL $name/boot (qemu exit $rc after ${secs}s)"
	fi

	# Every PCI bus carries the flag the platform calls for
	awk -v n="$name" -v want="$expect" '
		/^harness: bus / { buses++; if ($5 != want) bad = bad " " $3 "=" $5 }
		END {
			if (!buses) print "FAIL " n "/msi_remap (no bus reported)"
			else if (bad) print "FAIL " n "/msi_remap (want " want ":" bad ")"
			else print "PASS " n "/msi_remap (" buses " buses = " want ")"
		}' "$log"

	# Each device under test was bound to vfio-pci
	bound=$(grep -c 'bound to vfio-pci$' "$log")
	[ "$bound" = "$ndev" ] && echo "PASS $name/bind ($bound devices)" ||
		echo "FAIL $name/bind ($bound of $ndev devices)"

	# KTAP results of each selftest run, named NAME/BDF/test
	awk -v n="$name" '
		/^harness: run / { bdf = $4; next }
		/^harness: exit / { if ($5 != 0 && $5 != 4) print "FAIL " n "/" $4 "/" $3 " (exit " $5 ")"; next }
		/^(not )?ok [0-9]+ / {
			res = ($1 == "not") ? "FAIL" : "PASS"
			sub(/^(not )?ok [0-9]+ /, "")
			if ($0 ~ /# SKIP/) res = "SKIP"
			print res " " n "/" bdf "/" $0
		}' "$log"

	# QEMU inside the guest as the vfio client (harness.vmm=1): it maps
	# BAR0 whole where msi_remap is 1, and around the MSI-X table (NVMe:
	# 0x2000) otherwise
	if grep -q '^harness: vmm start' "$log"; then
		grep -q '^harness: vmm exit 0' "$log" && echo "PASS $name/vmm_exit" ||
			echo "FAIL $name/vmm_exit ($(grep -m1 -E '^harness: vmm (exit|:)' "$log"))"
		awk -v n="$name" -v want="$expect" -f "$HARNESS/vmm-mmaps.awk" "$log"
	fi

	# Hotplug: every round added, bound and removed, as many devices,
	# groups and interrupts afterwards as before, QMP never refused
	if [ -n "$rounds" ]; then
		grep -q '^harness: hotplug slot .*, rescanned$' "$log" &&
			echo "PASS $name/hotplug_rescan (the slot's bus created anew)" ||
			echo "FAIL $name/hotplug_rescan ($(grep -m1 '^harness: hotplug' "$log"))"
		done_rounds=$(grep -c '^harness: hotplug round .* added, bound, removed$' "$log")
		[ "$done_rounds" = "$rounds" ] && echo "PASS $name/hotplug_rounds ($rounds)" ||
			echo "FAIL $name/hotplug_rounds ($done_rounds of $rounds)"
		before=$(sed -n 's/^harness: hotplug resources before: //p' "$log")
		after=$(sed -n 's/^harness: hotplug resources after: //p' "$log")
		[ -n "$before" ] && [ "$before" = "$after" ] &&
			echo "PASS $name/hotplug_resources ($after)" ||
			echo "FAIL $name/hotplug_resources (before: $before, after: $after)"
		[ "$driver_rc" = 0 ] &&
			echo "PASS $name/hotplug_qmp ($(grep -c ' ok$' "$hotplug_log") QMP steps)" ||
			echo "FAIL $name/hotplug_qmp (exit $driver_rc: $(tail -n 1 "$hotplug_log"))"
	fi

	# No oops, BUG or WARN from the guest kernel ("Internal error" is how
	# arm64 reports an external abort or other fatal exception), except
	# one report that unpatched 6.12 gives as well (README, check-debug):
	# on every PCIe native hot-add, pciehp_configure_device() takes
	# pciehp's reset_lock again while it holds pci_rescan_remove_lock, and
	# lockdep reports the lock order.  It is a SKIP, never a PASS.
	awk -v n="$name" '
		/(WARNING:|BUG:|Oops|Kernel panic|Unable to handle kernel|Internal error:)/ {
			head = $0; block = ""
			# which locks: the next lines of a lockdep report
			if (head ~ /possible circular locking dependency/)
				for (i = 0; i < 12 && (getline line) > 0; i++)
					block = block "\n" line
			if (block ~ /pciehp/ && block ~ /reset_lock/ &&
			    block ~ /pci_rescan_remove_lock/)
				known++
			else if (!bad)
				bad = head
		}
		END {
			if (bad) print "FAIL " n "/kernel_log (" bad ")"
			else if (known) print "SKIP " n "/kernel_log (pre-existing pciehp lock order report; lockdep is off after it)"
			else print "PASS " n "/kernel_log"
		}' "$log"
} > "$results"

log "$name: $(grep -c ^PASS "$results") passed, $(grep -c ^FAIL "$results") failed, $(grep -c ^SKIP "$results") skipped in ${secs}s"
grep '^FAIL' "$results" | sed 's/^/  /'
exit 0
