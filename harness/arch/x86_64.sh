# shellcheck shell=bash
# x86_64 guests: q35 with Intel VT-d or AMD-Vi (the row's iommu=), 4K pages.
# Sourced by arch_vars (harness/lib/axes.sh); the kconfig is x86_64.config,
# the devices are named in harness/lib/devices.sh.
DEB_ARCH=amd64 KARCH=x86_64 CROSS='' IMAGE_PATH=arch/x86/boot/bzImage
QEMU_SYSTEM=x86_64 QEMU_PACKAGE=qemu-system-x86 QEMU_OPTS="-accel tcg -smp 1 -nic none"
MACHINE=q35 MEMORY=512M CONSOLE=ttyS0 TIMEOUT=180
# qemu-xhci: MSI-X table and PBA share one page (0x3000, 0x3800)
DEVICES="nvme16k nvme64k xhci"
CLASSES=0x010802,0x0c0330,0x020000
PACKAGES=""
# make check-debug boots this arch's rows on a KASAN/lockdep kernel
DEBUG_ROWS=1
# What runs inside the guest as the vfio client (vmm=monitor): the host's
# QEMU, its root filesystem mounted at VMM_ROOT over 9p (topology hostroot)
VMM_QEMU=/usr/bin/qemu-system-x86_64 VMM_MACHINE=q35 VMM_ROOT=/host
