#!/bin/bash
# Boot one scenario row under QEMU (TCG), bounded by the arch's timeout,
# and save its console log; harness/judge/ turns the log into results.
#   boot.sh NAME
# The log, build/logs/RUN/NAME.log (RUN: BASE, BASE-unpatched, BASE-debug),
# describes itself:
# a header of "# row: key=value" lines (the row's axes, its expectations
# and the QEMU command), then the console, then "host: ..." lines (QEMU's
# exit, and for hotplug rows the QMP steps of harness/run/hotplug.py).
# KERNEL_KIND=series|unpatched|debug|mutant-NAME picks the kernel
# (harness/lib/axes.sh), EXTRA_APPEND adds to the guest command line.
set -uo pipefail
source "$(dirname "$0")/../lib/common.sh"

name=$1
base_vars "$BASE" && row_load "$name" || exit 2
dir=$(run_dir)
mkdir -p "$dir"
log=$dir/$name.log
kout=$(kernel_out "${ROW[arch]}")
kernel=$kout/$IMAGE_PATH
kind=$KERNEL_KIND
[ "$kind" = unpatched ] || kind="$kind $SERIES_VERSION $(cut -c1-12 "$SRC/.git/series-id" 2>/dev/null)"
initramfs=$INITRAMFS/$(row initramfs | grep . || echo "${ROW[arch]}").cpio.gz

# The selftests each device runs: all in the initramfs, none, or a list
tests=$(row tests)
case $tests in
''|all) tests=$(cd "$INITRAMFS/${ROW[arch]}" && ls vfio_* 2>/dev/null | grep -E '_(test|bench)$' | paste -sd,) ;;
none) tests= ;;
esac
# less those the row leaves out (skip_tests=, with its reason in scenarios.txt)
for t in $(row skip_tests | tr , ' '); do
	tests=$(echo "$tests" | tr , '\n' | grep -vx "$t" | paste -sd,)
done
append="console=$CONSOLE loglevel=5 panic=-1 $(row_append | paste -sd' ')"
append="$append ${tests:+harness.tests=$tests }harness.classes=$CLASSES ${EXTRA_APPEND:-}"

timeout=$(row timeout | grep . || echo "$TIMEOUT")
rounds=$(row hotplug)
if [ -n "$rounds" ]; then
	qmp=$(mktemp -u /tmp/qmp.XXXXXX)
	# pciehp waits 5 s per removal; a press it ignores costs 20 s more
	timeout=$((timeout + rounds * 15))
fi
# shellcheck disable=SC2206 # option strings are split on purpose
cmd=($(qemu_system "$QEMU_SYSTEM") $QEMU_OPTS -name "$name" $(row_qemu_opts)
	${qmp:+-qmp unix:$qmp,server=on,wait=off} -nographic -no-reboot
	-kernel "$kernel" -initrd "$initramfs" -append "${append% }")

quoted() { # a command, quoted only where a shell needs it
	local arg
	for arg in "$@"; do
		[[ $arg =~ ^[][A-Za-z0-9_./:,=@+%-]+$ ]] && echo -n "$arg " || echo -n "'$arg' "
	done | sed 's/ $//'
}
known_reports() { # judge/known-reports.txt, without comments
	grep -v '^#' "$HARNESS/judge/known-reports.txt" | grep .
}
{
	echo "# row: name=$name"
	echo "# row: base=$BASE"
	echo "# row: kernel=$kind"
	echo "# row: kernel_release=$(cat "$kout/include/config/kernel.release" 2>/dev/null)"
	echo "# row: arch=${ROW[arch]}"
	echo "# row: qemu=$QEMU_NAME"
	echo "# row: qemu_version=$(${cmd[0]} --version | head -1)"
	echo "# row: msi_remap=${ROW[msi_remap]}"
	echo "# row: devices=$(row_devices)"
	for key in hotplug vmm vmm_iommufd; do
		[ -z "$(row $key)" ] || echo "# row: $key=$(row $key)"
	done
	# the QEMU inside the guest: the initramfs's (harness/run/nested-ARCH.sh
	# records it), else the machine's, over 9p
	[ -z "$(row vmm)" ] || echo "# row: vmm_qemu_version=$(cat "${initramfs%.cpio.gz}.version" 2>/dev/null ||
		(qemu_vars "$(row vmm_emulator | grep . || echo "$QEMU_DEFAULT")" &&
		 $(qemu_system "$QEMU_SYSTEM") --version | head -1))"
	[ -z "$(row_log)" ] || echo "# row: log=$(row_log)"
	known_reports | sed 's/^/# row: known_report=/'
	echo "# row: scenario=$(grep -E "^$name +[|]" "$HARNESS/scenarios.txt" | tr -s ' ')"
	echo "# row: command=$(quoted "${cmd[@]}")"
} > "$log"

log "$name: booting $(basename "$kernel") (base $BASE, ${ROW[arch]}, QEMU $QEMU_NAME, msi_remap ${ROW[msi_remap]} expected)"
start=$(date +%s)
if [ -n "$rounds" ]; then
	# harness/run/hotplug.py answers the guest's requests over QMP
	"$HARNESS/run/hotplug.py" "$qmp" "$log" "$HOTPLUG_DEVICE" > "$log.hotplug" 2>&1 &
	driver=$!
fi
timeout "$timeout" "${cmd[@]}" < /dev/null >> "$log" 2>&1
rc=$?
sed -i 's/\r//g' "$log"
echo "host: qemu exit $rc after $(( $(date +%s) - start ))s" >> "$log"
if [ -n "$rounds" ]; then
	# It ends by itself once the guest is done; killed, it failed
	kill "$driver" 2>/dev/null
	wait "$driver"
	driver_rc=$?
	rm -f "$qmp"
	sed 's/^/host: /' "$log.hotplug" >> "$log" && rm -f "$log.hotplug"
	echo "host: hotplug driver exit $driver_rc" >> "$log"
fi
