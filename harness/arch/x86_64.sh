# x86_64 guests: q35 with Intel VT-d or AMD-Vi (the row's iommu=), 4K pages.
# Sourced by arch_vars (harness/common.sh); devices are named in harness/devices.sh.
KARCH=x86_64 CROSS='' IMAGE=bzImage IMAGE_PATH=arch/x86/boot/bzImage
QEMU="qemu-system-x86_64 -accel tcg -smp 1 -nic none"
MACHINE=q35 MEMORY=512M CONSOLE=ttyS0 TIMEOUT=180
# qemu-xhci: MSI-X table and PBA share one page (0x3000, 0x3800)
DEVICES="nvme16k nvme64k xhci"
CLASSES=0x010802,0x0c0330
PACKAGES="qemu-system-x86"
# What runs inside the guest as the vfio client (vmm=1), from the 9p root
VMM_QEMU=/usr/bin/qemu-system-x86_64 VMM_MACHINE=q35 VMM_ROOT=/
