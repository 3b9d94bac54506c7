# shellcheck shell=bash
# Debian 12's own QEMU (7.2), installed on the machine by
# harness/run/deps.sh.  Sourced by qemu_vars (harness/lib/axes.sh).
#   QEMU_APT      "host", or a suite fetched into build/ (harness/lib/apt.sh)
#   QEMU_SUITES   the suites that resolve its dependencies, that one last
#   qemu_system   the command line prefix of qemu-system-$1
#   qemu_vmm_root where on the machine a guest finds it to run as its VMM
#                 (vmm_emulator=, below the machine's root over 9p)
QEMU_APT=host QEMU_SUITES=
qemu_system() { echo "qemu-system-$1"; }
qemu_vmm_root() { echo; }
qemu_prepare() { :; }
