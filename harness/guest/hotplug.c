// SPDX-License-Identifier: GPL-2.0
/*
 * Part of the guests' /init (harness/guest/init.c): PCIe hotplug, with
 * harness/run/hotplug.py driving QEMU on the host.
 */
#include <dirent.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "guest.h"

/*
 * Seconds for a device to come or go: longer than hotplug.py's 120 s, so
 * that the host's verdict, not the guest's, says why a removal did not happen
 */
#define HOTPLUG_TIMEOUT 130

static int count_entries(const char *path)
{
	struct dirent *de;
	DIR *dir = opendir(path);
	int n = 0;

	while (dir && (de = readdir(dir)))
		n += de->d_name[0] != '.';
	if (dir)
		closedir(dir);
	return n;
}

static int count_lines(const char *path)
{
	FILE *f = fopen(path, "r");
	int c, n = 0;

	while (f && (c = fgetc(f)) != EOF)
		n += c == '\n';
	if (f)
		fclose(f);
	return n;
}

/* What a leak in add/bind/remove would leave behind, on one line */
static void report_resources(const char *when)
{
	note("hotplug resources when=%s devices=%d iommu_groups=%d vfio=%d irqs=%d", when,
	     count_entries("/sys/bus/pci/devices"), count_entries("/sys/kernel/iommu_groups"),
	     count_entries("/dev/vfio"), count_lines("/proc/interrupts"));
}

/* Wait until @path exists (@present) or is gone; false on timeout */
static bool wait_path(const char *path, bool present)
{
	int i;

	for (i = 0; i < HOTPLUG_TIMEOUT * 10; i++) {
		if ((access(path, F_OK) == 0) == present)
			return true;
		usleep(100000);
	}
	return false;
}

/*
 * The one PCIe hotplug slot of the machine, as the BDF its device gets
 * ("0000:01:00.0") and the BDF of the root port above it; false if there
 * is no slot.
 */
static bool find_slot(char *dev, size_t dev_size, char *port, size_t port_size)
{
	char path[300], addr[32];
	struct dirent *de;
	DIR *dir = opendir("/sys/bus/pci/slots");
	bool found = false;

	while (dir && !found && (de = readdir(dir))) {
		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "/sys/bus/pci/slots/%s/address",
			 de->d_name);
		found = !read_file(path, addr, sizeof(addr));
	}
	if (dir)
		closedir(dir);
	if (!found)
		return false;

	/* "0000:01:00" is slot 0 of bus 0000:01, below the root port */
	snprintf(dev, dev_size, "%.20s.0", addr);
	snprintf(path, sizeof(path), "/sys/class/pci_bus/%.*s/device",
		 (int)(strrchr(addr, ':') - addr), addr);
	return !link_name(path, port, port_size);
}

/*
 * PCIe hotplug, harness.hotplug=N.  First the slot's root port is removed
 * and the root bus rescanned, so that the bus below it is created anew and
 * must inherit the flag again.  Then, N times: ask the host for an NVMe in
 * the slot ("hotplug add", harness/hotplug.py answers with QMP device_add),
 * report its bus, bind it to vfio-pci, test it on the first and last round,
 * ask for its removal ("hotplug del": device_del, an attention button press
 * for the guest) and wait until it is gone.  The count of devices, IOMMU
 * groups, VFIO groups and interrupts must be the same before and after.
 */
void hotplug(int rounds)
{
	char dev[32], port[32], bus[32], path[300], tag[32];
	bool bound;
	int i;

	if (!find_slot(dev, sizeof(dev), port, sizeof(port))) {
		result(false, "hotplug slot=none");
		return;
	}
	snprintf(path, sizeof(path), "/sys/bus/pci/devices/%s/remove", port);
	write_file(path, "1");
	write_file("/sys/bus/pci/rescan", "1");
	if (!find_slot(dev, sizeof(dev), port, sizeof(port))) {
		result(false, "hotplug port=%s rescanned=0 # the slot is gone", port);
		return;
	}
	result(true, "hotplug slot=%s port=%s rescanned=1", dev, port);
	report_buses();

	report_resources("before");
	snprintf(path, sizeof(path), "/sys/bus/pci/devices/%s", dev);
	for (i = 1; i <= rounds; i++) {
		note("hotplug add %d", i);
		if (!wait_path(path, true)) {
			result(false, "hotplug round=%d bdf=%s added=0", i, dev);
			return;
		}
		/* "0000:01" of "0000:01:00.0" */
		snprintf(bus, sizeof(bus), "%.*s", (int)(strrchr(dev, ':') - dev), dev);
		report_bus(bus);
		bound = bind_device(dev);
		if (bound && (i == 1 || i == rounds)) {
			snprintf(tag, sizeof(tag), "/hotplug-%d", i);
			run_selftest("vfio_pci_msix_mmap_test", dev, tag);
		}
		note("hotplug del %d", i);
		if (!wait_path(path, false)) {
			result(false, "hotplug round=%d bdf=%s bound=%d removed=0", i, dev, bound);
			return;
		}
		result(bound, "hotplug round=%d bdf=%s bound=%d removed=1", i, dev, bound);
	}
	report_resources("after");
}

