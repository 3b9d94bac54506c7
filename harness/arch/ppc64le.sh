# ppc64le guests: PowerNV (the row's machine= picks POWER8 or POWER9), 64K pages.
# Sourced by arch_vars (harness/common.sh); devices are named in harness/devices.sh.
KARCH=powerpc CROSS=powerpc64le-linux-gnu- IMAGE=vmlinux IMAGE_PATH=vmlinux
QEMU="qemu-system-ppc64 -accel tcg,thread=single"
MACHINE=powernv9 MEMORY=2G CONSOLE=hvc0 TIMEOUT=400
# One NVMe on each of the first two PHBs
DEVICES="nvme16k,bus=pcie.0 nvme64k,bus=pcie.1"
CLASSES=0x010802
PACKAGES="qemu-system-ppc gcc-powerpc64le-linux-gnu libc6-dev-ppc64el-cross"
