# shellcheck shell=bash
# The PCI devices under test, the topologies around them and the boot
# firmwares, each spelled once.  Sourced by harness/lib/common.sh;
# harness/arch/*.sh names the devices (DEVICES), scenario rows name the
# topologies (topology=) and firmwares (firmware=).

# An NVMe on a null block backend: ID [more -device properties]
nvme() {
	echo "-drive if=none,id=$1,file=null-co://,format=raw -device nvme,serial=$1,drive=$1${2:+,$2}"
}

# QEMU options of one device under test: NAME[,property=value...]
device_opts() {
	local name=${1%%,*} props=
	[[ $1 == *,* ]] && props=${1#*,}
	case $name in
	# The default 16 KiB BAR0: MSI-X table 0x2000, PBA 0x3000
	nvme16k) nvme nvme16k "$props" ;;
	# A 64 KiB BAR0, table and PBA further in (0x2000-0xa000, 0xa000)
	nvme64k) nvme nvme64k "max_ioqpairs=64,msix_qsize=2048${props:+,$props}" ;;
	# qemu-xhci: table and PBA on one page
	xhci) echo "-device qemu-xhci${props:+,$props}" ;;
	*) echo "unknown device $name" >&2; return 1 ;;
	esac
}

# QEMU options of one topology, and how many devices under test it adds
topology_opts() {
	case $1 in
	# An NVMe behind a PCIe root port and a switch: buses 01-03
	switch) echo "-device pcie-root-port,id=rp1,chassis=1,slot=1" \
		"-device x3130-upstream,id=up1,bus=rp1" \
		"-device xio3130-downstream,id=dn1,bus=up1,chassis=2,slot=2 $(nvme nvmesw bus=dn1)" ;;
	# An empty PCIe slot (root port hp1, native hotplug) and the block node
	# of the NVMe that harness/hotplug.py adds into it (HOTPLUG_DEVICE)
	hotplug-slot) echo "-global ICH9-LPC.acpi-pci-hotplug-with-bridge-support=off" \
		"-device pcie-root-port,id=hp1,chassis=3,slot=3 -blockdev driver=null-co,node-name=hpnull" ;;
	# The root filesystem of the VMM that runs inside the guest (vmm=monitor),
	# read-only over virtio-9p (tag hostroot)
	hostroot) echo "-virtfs local,path=/,mount_tag=hostroot,security_model=none,readonly=on" ;;
	# An igb (82576, QEMU 11.1): MSI-X table and PBA in BAR3 of their own,
	# the NIC that mainline's libvfio drives (no network behind it)
	igb) echo "-device igb" ;;
	# An NVMe with two SR-IOV VFs behind a root port (the PF is under test)
	sriov) echo "-device pcie-root-port,id=rp1,chassis=1,slot=1 -device nvme-subsys,id=s0" \
		"-device nvme,serial=sr,subsys=s0,sriov_max_vfs=2,sriov_vq_flexible=4,sriov_vi_flexible=2,bus=rp1" ;;
	*) echo "unknown topology $1" >&2; return 1 ;;
	esac
}
topology_devices() {
	case $1 in switch|sriov|igb) echo 1 ;; *) echo 0 ;; esac
}

# A boot firmware: what it adds to QEMU's options (firmware_opts), to the
# guest's command line (firmware_append), the Debian package it comes in
# and the line the guest's /init must print about it (firmware_log)
firmware_opts() {
	case $1 in
	# UEFI (edk2) on arm64 virt, the machine described by ACPI (IORT)
	uefi-acpi) echo "-bios /usr/share/qemu-efi-aarch64/QEMU_EFI.fd" ;;
	*) echo "unknown firmware $1" >&2; return 1 ;;
	esac
}
firmware_append() { case $1 in uefi-acpi) echo acpi=force ;; esac; }
firmware_package() { case $1 in uefi-acpi) echo qemu-efi-aarch64 ;; esac; }
firmware_log() { case $1 in uefi-acpi) echo "firmware acpi=1 iort=1 dt=0" ;; esac; }

# What harness/run/hotplug.py adds into the hotplug slot (QMP device_add)
HOTPLUG_DEVICE=driver=nvme,id=hpnvme,bus=hp1,serial=hotplug,drive=hpnull
