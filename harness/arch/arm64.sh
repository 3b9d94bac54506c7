# shellcheck shell=bash
# arm64 guests: QEMU virt (the row's machine= picks GIC, ITS, SMMUv3), 64K pages.
# Sourced by arch_vars (harness/lib/axes.sh); the kconfig is arm64.config,
# the devices are named in harness/lib/devices.sh.
DEB_ARCH=arm64 KARCH=arm64 CROSS=aarch64-linux-gnu- IMAGE_PATH=arch/arm64/boot/Image
QEMU_SYSTEM=aarch64 QEMU_PACKAGE=qemu-system-arm
QEMU_OPTS="-accel tcg -cpu max -smp 1 -nic none -d guest_errors"
MACHINE=virt MEMORY=1G CONSOLE=ttyAMA0 TIMEOUT=400
# The 16 KiB BAR0 lands 64K aligned after the 64 KiB one: a sub-page BAR
# vfio-pci can mmap (pci=resource_alignment= would resize it)
DEVICES="nvme16k nvme64k"
CLASSES=0x010802
PACKAGES="gcc-aarch64-linux-gnu libc6-dev-arm64-cross"
DEBUG_ROWS=1
# What runs inside the guest as the vfio client (vmm=doorbell rows): Debian's
# arm64 QEMU from the initramfs=arm64-vmm cpio (harness/run/nested-arm64.sh)
VMM_QEMU=/usr/bin/qemu-system-aarch64 VMM_MACHINE=virt,highmem=off VMM_ROOT=/vmm
