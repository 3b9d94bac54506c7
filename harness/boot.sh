#!/bin/bash
# Boot one scenario of harness/scenarios.txt under QEMU (TCG), bounded by
# the arch's timeout, and save its console log; harness/judge.sh turns the
# log into results.
#   boot.sh NAME
# The log is build/logs/NAME.log: first line the exact QEMU command, then
# the console, then "host: qemu exit RC after Ns" (and, for hotplug rows,
# "host: hotplug driver exit RC"; its QMP steps go to NAME.hotplug.log).
# KERNEL=path boots another kernel image (e.g. an unpatched one),
# EXTRA_APPEND adds to the guest command line, and LOG_NAME=name writes
# build/logs/name.log instead.
set -uo pipefail
source "$(dirname "$0")/common.sh"

name=$1
arch=$(scenario_field "$name" arch) || { echo "no scenario $name" >&2; exit 2; }
arch_vars "$arch"
mkdir -p "$LOGS"
log=$LOGS/${LOG_NAME:-$name}.log
hotplug_log=$LOGS/${LOG_NAME:-$name}.hotplug.log
kernel=${KERNEL:-$OUT/$arch/$IMAGE_PATH}

# The selftests each device runs: all in the initramfs, none, or a list
tests=$(scenario_field "$name" tests)
case $tests in
''|all) tests=$(cd "$INITRAMFS/$arch" && ls vfio_*_test vfio_*_bench | paste -sd,) ;;
none) tests= ;;
esac
append="console=$CONSOLE loglevel=5 panic=-1 $(scenario_append "$name" | paste -sd' ')"
append="$append ${tests:+harness.tests=$tests }harness.classes=$CLASSES ${EXTRA_APPEND:-}"

timeout=$TIMEOUT
rounds=$(scenario_field "$name" hotplug)
if [ -n "$rounds" ]; then
	qmp=$(mktemp -u /tmp/qmp.XXXXXX)
	timeout=$((timeout + rounds * 15))	# pciehp waits 5 s per removal
fi
# shellcheck disable=SC2206 # option strings are split on purpose
cmd=($QEMU -name "$name" $(scenario_qemu_opts "$name")
	${qmp:+-qmp unix:$qmp,server=on,wait=off} -nographic -no-reboot
	-kernel "$kernel" -initrd "$INITRAMFS/$(scenario_field "$name" initramfs | grep . || echo "$arch").cpio.gz"
	-append "${append% }")

log "$name: booting $(basename "$kernel") ($arch, msi_remap $(scenario_field "$name" msi_remap) expected)"
start=$(date +%s)
for arg in "${cmd[@]}"; do	# quoted only where a shell needs it
	[[ $arg =~ ^[][A-Za-z0-9_./:,=@+%-]+$ ]] && echo -n "$arg" || echo -n "'$arg'"
	echo -n ' '
done | sed 's/ $//' > "$log"
echo >> "$log"
if [ -n "$rounds" ]; then
	# harness/hotplug.py answers the guest's requests over QMP
	"$HARNESS/hotplug.py" "$qmp" "$log" "$HOTPLUG_DEVICE" > "$hotplug_log" 2>&1 &
	driver=$!
fi
timeout "$timeout" "${cmd[@]}" < /dev/null >> "$log" 2>&1
rc=$?
if [ -n "$rounds" ]; then
	# It ends by itself once the guest is done; killed, it failed
	kill "$driver" 2>/dev/null
	wait "$driver"
	driver_rc=$?
	rm -f "$qmp"
fi
tr -d '\r' < "$log" > "$log.tmp" && mv "$log.tmp" "$log"
echo "host: qemu exit $rc after $(( $(date +%s) - start ))s" >> "$log"
[ -z "$rounds" ] || echo "host: hotplug driver exit $driver_rc" >> "$log"
