// SPDX-License-Identifier: GPL-2.0
/*
 * Part of the guests' /init (harness/guest/init.c): vfio's own verdict on
 * each device's isolation (type1 with allow_unsafe_interrupts at 0), and
 * SR-IOV PFs held with a VF token.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <fcntl.h>
#include <sys/ioctl.h>
#include <linux/vfio.h>

#include "guest.h"

/*
 * The VF token the guest sets on each SR-IOV PF it holds and passes to the
 * selftests ($VFIO_SELFTESTS_VF_TOKEN), as a VMM that owns a PF would: with
 * the PF bound to vfio-pci, its VFs only open with the PF's token.
 */
#define VF_TOKEN "4b1d7f0e-8c2a-4e6b-9a35-c0ffee5eed01"

static void uuid_bytes(const char *s, unsigned char *u)
{
	int i = 0;

	for (; *s && i < 16; s++)
		if (*s != '-') {
			sscanf(s, "%2hhx", &u[i++]);
			s++;
		}
}

/*
 * The /dev/vfio node of @bdf's IOMMU group into @node (noiommu-N for the
 * groups of vfio's noiommu mode); false if the device has no group.
 */
static bool vfio_group_node(const char *bdf, char *node, size_t size)
{
	char path[300], group[32];

	snprintf(path, sizeof(path), "/sys/bus/pci/devices/%s/iommu_group", bdf);
	if (link_name(path, group, sizeof(group)))
		return false;
	snprintf(node, size, "/dev/vfio/noiommu-%s", group);
	if (access(node, F_OK))
		snprintf(node, size, "/dev/vfio/%s", group);
	return true;
}

/*
 * Open the PF @bdf through vfio, set its VF token and keep it open until
 * the guest powers off: vfio-pci resets a PF when it is opened and closed,
 * after which QEMU's NVMe VFs read all-ones, so the PF is opened once,
 * before its VFs exist.  Returns the device fd or -1.
 */
static int hold_pf(const char *bdf)
{
	static const int types[] = {
		VFIO_TYPE1v2_IOMMU, VFIO_TYPE1_IOMMU, VFIO_NOIOMMU_IOMMU,
	};
	struct {
		struct vfio_device_feature hdr;
		unsigned char uuid[16];
	} token = { .hdr.argsz = sizeof(token),
		    .hdr.flags = VFIO_DEVICE_FEATURE_SET | VFIO_DEVICE_FEATURE_PCI_VF_TOKEN };
	char node[300];
	int container, fd = -1;
	size_t i;

	if (!vfio_group_node(bdf, node, sizeof(node)))
		return -1;
	container = open("/dev/vfio/vfio", O_RDWR);
	fd = open(node, O_RDWR);
	if (container < 0 || fd < 0 || ioctl(fd, VFIO_GROUP_SET_CONTAINER, &container))
		return -1;
	for (i = 0; i < sizeof(types) / sizeof(types[0]); i++)
		if (!ioctl(container, VFIO_SET_IOMMU, types[i]))
			break;
	fd = ioctl(fd, VFIO_GROUP_GET_DEVICE_FD, bdf);
	uuid_bytes(VF_TOKEN, token.uuid);
	if (fd < 0 || ioctl(fd, VFIO_DEVICE_FEATURE, &token))
		return -1;
	return fd;
}

/*
 * SR-IOV, harness.sriov_vfs=N (vfio-pci needs vfio_pci.enable_sriov=1):
 * enable @vfs VFs on each device that has SR-IOV, holding it open with the
 * VF token first; mark it in @held: the PF stays with the guest, its VFs
 * are the devices under test.
 */
void enable_vfs(char bdfs[][16], int n, const char *vfs, bool *held)
{
	char path[300], total[16], now[16] = "";
	int i;

	for (i = 0; i < n; i++) {
		snprintf(path, sizeof(path), "/sys/bus/pci/devices/%s/sriov_totalvfs", bdfs[i]);
		if (read_file(path, total, sizeof(total)))
			continue;
		held[i] = true;
		if (hold_pf(bdfs[i]) < 0) {
			result(false, "sriov %s held=0 # %s", bdfs[i], strerror(errno));
			continue;
		}
		snprintf(path, sizeof(path), "/sys/bus/pci/devices/%s/sriov_numvfs", bdfs[i]);
		write_file(path, vfs);
		read_file(path, now, sizeof(now));
		result(!strcmp(now, vfs), "sriov %s numvfs=%s totalvfs=%s", bdfs[i], now, total);
	}
	setenv("VFIO_SELFTESTS_VF_TOKEN", VF_TOKEN, 1);
}

/*
 * vfio's type1 backend must accept @bdf's IOMMU group, with
 * allow_unsafe_interrupts at 0, exactly where the device's bus says
 * msi_remap 1, or where @isolated says ("0" or "1": a platform where the
 * flag is knowingly more careful than vfio's per-device test): set the
 * group's container to type1 and see.  Skipped for noiommu groups,
 * without type1 (PowerNV: sPAPR TCE) and with the knob already set.
 */
void report_type1(const char *bdf, const char *isolated)
{
	char path[300], group[300], knob[8] = "", remap[16] = "missing";
	int container, fd, type;
	bool accepted;

	if (!vfio_group_node(bdf, group, sizeof(group))) {
		result(true, "type1 %s # SKIP no IOMMU group", bdf);
		return;
	}
	if (strstr(group, "/noiommu-")) {
		result(true, "type1 %s # SKIP noiommu group", bdf);
		return;
	}
	read_file(UNSAFE_INTERRUPTS, knob, sizeof(knob));
	if (knob[0] == 'Y') {
		result(true, "type1 %s # SKIP allow_unsafe_interrupts already set", bdf);
		return;
	}
	container = open("/dev/vfio/vfio", O_RDWR);
	if (container < 0 || ioctl(container, VFIO_CHECK_EXTENSION, VFIO_TYPE1_IOMMU) <= 0) {
		result(true, "type1 %s # SKIP no type1 IOMMU backend", bdf);
		if (container >= 0)
			close(container);
		return;
	}
	type = ioctl(container, VFIO_CHECK_EXTENSION, VFIO_TYPE1v2_IOMMU) > 0 ?
	       VFIO_TYPE1v2_IOMMU : VFIO_TYPE1_IOMMU;

	fd = open(group, O_RDWR);
	if (fd < 0 || ioctl(fd, VFIO_GROUP_SET_CONTAINER, &container)) {
		result(false, "type1 %s group=%s # %s", bdf, strrchr(group, '/') + 1,
		       strerror(errno));
	} else {
		accepted = !ioctl(container, VFIO_SET_IOMMU, type);
		snprintf(path, sizeof(path), "/sys/class/pci_bus/%.*s/msi_remap",
			 (int)(strrchr(bdf, ':') - bdf), bdf);
		read_file(path, remap, sizeof(remap));
		if (!*isolated)
			isolated = remap;
		result(accepted == !strcmp(isolated, "1"),
		       "type1 %s group=%s accepted=%d msi_remap=%s isolated=%s",
		       bdf, strrchr(group, '/') + 1, accepted, remap, isolated);
	}
	if (fd >= 0)
		close(fd);
	close(container);
}

