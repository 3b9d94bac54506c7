# shellcheck shell=bash
# ppc64le guests: PowerNV (the row's machine= picks POWER8 or POWER9), 64K pages.
# Sourced by arch_vars (harness/lib/axes.sh); the kconfig is ppc64le.config,
# the devices are named in harness/lib/devices.sh.
DEB_ARCH=ppc64el KARCH=powerpc CROSS=powerpc64le-linux-gnu- IMAGE_PATH=vmlinux
QEMU_SYSTEM=ppc64 QEMU_PACKAGE=qemu-system-ppc QEMU_OPTS="-accel tcg,thread=single"
MACHINE=powernv9 MEMORY=2G CONSOLE=hvc0 TIMEOUT=400
# One NVMe on each of the first two PHBs
DEVICES="nvme16k,bus=pcie.0 nvme64k,bus=pcie.1"
CLASSES=0x010802
PACKAGES="gcc-powerpc64le-linux-gnu libc6-dev-ppc64el-cross"
# Options of a base's fragment (harness/bases/) this architecture cannot
# have: the VFIO cdev excludes the SPAPR TCE IOMMU (vfio groups only)
KCONFIG_EXCLUDED="CONFIG_VFIO_DEVICE_CDEV"
