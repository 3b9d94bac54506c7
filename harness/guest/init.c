// SPDX-License-Identifier: GPL-2.0
/*
 * /init of the test guests.  It mounts the pseudo filesystems, reports
 * PCI_BUS_FLAGS_MSI_REMAP of every PCI bus, binds every device of the
 * classes under test to vfio-pci, tests that vfio's type1 IOMMU backend
 * agrees with the flag, and runs each selftest given on the kernel command
 * line against each device.  Everything goes to the console, where the
 * host reads it (harness/judge/); then the guest powers off.
 *
 * Kernel command line:
 *   harness.tests=prog[,prog...]   programs in / to run, BDF appended
 *   harness.classes=hex[,hex...]   PCI classes to bind (default NVMe)
 *   harness.sriov_vfs=N            enable N SR-IOV VFs on the devices that
 *                                  have SR-IOV, then bind and test them too
 *   harness.env=K=V[,K=V...]       environment of the selftests (e.g.
 *                                  VFIO_FORGE_DMA=1)
 *   harness.isolated=0|1           what type1 must answer, where it is not
 *                                  the bus flag (default: the flag)
 *   harness.unsafe_interrupts=1    after the type1 results, set
 *                                  vfio_iommu_type1.allow_unsafe_interrupts
 *                                  (and iommufd's, where there is iommufd)
 *   harness.vmm=monitor|doorbell   then run a VMM (harness.vmm_qemu, with
 *                                  -machine harness.vmm_machine, chrooted
 *                                  to harness.vmm_root) with -device
 *                                  vfio-pci: "monitor" for the first
 *                                  device, the host's root mounted over 9p
 *                                  (tag hostroot) at /host, printing its
 *                                  memory map after harness.vmm_wait (20)
 *                                  seconds; harness.vmm_iommufd=1: through
 *                                  iommufd (-object iommufd), not the
 *                                  legacy container;
 *                                  "doorbell" for the device with the
 *                                  largest BAR0, from the initramfs,
 *                                  running /l2-doorbell.bin, which writes
 *                                  the NVMe doorbell N times
 *                                  (harness/guest/l2-doorbell.S), killed
 *                                  after harness.vmm_wait (300) seconds
 *   harness.hotplug=N              hot-add and remove an NVMe N times in
 *                                  the PCIe slot, harness/run/hotplug.py
 *                                  driving QEMU on the host
 *
 * Console output, KTAP.  The guest's own results are numbered lines
 * "ok N name key=value..." / "not ok N name key=value... [# SKIP reason]";
 * its diagnostics are "# harness: what [key=value...]"; what a program
 * it runs prints is a subtest, indented by four spaces:
 *   KTAP version 1
 *   # harness: page_size=4096
 *   # harness: firmware acpi=1 iort=1 dt=0
 *   ok 1 bus 0000:00 msi_remap=1                 (not ok: msi_remap=missing)
 *   ok 2 device 0000:00:04.0 class=0x010802 driver=vfio-pci
 *   ok 3 sriov 0000:01:00.0 numvfs=2 totalvfs=2  (harness.sriov_vfs=2; the
 *                                                 VFs' device lines follow)
 *   ok 4 type1 0000:00:04.0 group=4 accepted=1 msi_remap=1 isolated=1
 *                                                (ok: accepted == isolated,
 *                                                 by default msi_remap;
 *                                                 # SKIP for noiommu groups,
 *                                                 no type1, knob already set)
 *   # harness: allow_unsafe_interrupts=1
 *       # Subtest: PROG BDF[/hotplug-I]         the selftest's own KTAP,
 *       ...                                     indented,
 *   ok 5 PROG BDF[/hotplug-I] exit=0            closed by this line (exit=4:
 *                                                # SKIP; else not ok)
 *       # Subtest: vmm BDF                       the VMM's output, then its
 *       ...                                     trace
 *   # harness: vmm time_ms=2345                  (from exec to exit)
 *   ok 6 vmm BDF exit=0
 *   ok 7 hotplug slot=0000:01:00.0 port=0000:00:05.0 rescanned=1
 *   # harness: hotplug resources when=before devices=9 iommu_groups=7 vfio=4 irqs=20
 *   # harness: hotplug add 1                     a request to the host
 *   # harness: hotplug del 1                     (harness/run/hotplug.py)
 *   ok 8 hotplug round=1 bdf=0000:01:00.0 bound=1 removed=1
 *   # harness: hotplug resources when=after ...
 *   1..8
 *   # harness: done
 * Kernel messages interleave with all of it.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/stat.h>

#include "guest.h"

static char cmdline[4096];
static int results;	/* numbered results printed so far */

/* One result of the guest's own: "ok N what" or "not ok N what" */
void result(bool ok, const char *fmt, ...)
{
	va_list ap;

	printf("%sok %d ", ok ? "" : "not ", ++results);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
}

/* A diagnostic line: "# harness: ..." */
void note(const char *fmt, ...)
{
	va_list ap;

	fputs("# harness: ", stdout);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
}

void write_file(const char *path, const char *val)
{
	int fd = open(path, O_WRONLY);

	if (fd < 0 || write(fd, val, strlen(val)) < 0)
		note("cannot write '%s' to %s: %s", val, path, strerror(errno));
	if (fd >= 0)
		close(fd);
}

int read_file(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = read(fd, buf, size - 1);
	close(fd);
	if (n < 0)
		return -1;
	buf[n] = '\0';
	buf[strcspn(buf, "\n")] = '\0';
	return 0;
}

/* Value of "key=" on the kernel command line, or @def */
const char *cmdline_value(const char *key, const char *def)
{
	static char val[512];
	size_t len = strlen(key);
	char *p;

	for (p = cmdline; (p = strstr(p, key)); p += len) {
		if ((p == cmdline || p[-1] == ' ') && p[len] == '=') {
			snprintf(val, sizeof(val), "%s", p + len + 1);
			val[strcspn(val, " \n")] = '\0';
			return val;
		}
	}
	return def;
}

/* "ok N bus 0000:00 msi_remap=1" ("not ok ... missing"); the host judges the value */
void report_bus(const char *bus)
{
	char path[300], val[16];

	snprintf(path, sizeof(path), "/sys/class/pci_bus/%s/msi_remap", bus);
	if (read_file(path, val, sizeof(val)))
		snprintf(val, sizeof(val), "missing");
	result(strcmp(val, "missing"), "bus %s msi_remap=%s", bus, val);
}

void report_buses(void)
{
	struct dirent *de;
	DIR *dir = opendir("/sys/class/pci_bus");

	if (!dir)
		return;
	while ((de = readdir(dir)))
		if (de->d_name[0] != '.')
			report_bus(de->d_name);
	closedir(dir);
}

static int class_wanted(const char *class, const char *classes)
{
	char list[256], *tok, *save;

	snprintf(list, sizeof(list), "%s", classes);
	for (tok = strtok_r(list, ",", &save); tok; tok = strtok_r(NULL, ",", &save))
		if (strtoul(class, NULL, 16) == strtoul(tok, NULL, 16))
			return 1;
	return 0;
}

/* The last component of the sysfs link @path ("vfio-pci"); -1 if none */
int link_name(const char *path, char *name, size_t size)
{
	char link[300];
	ssize_t n = readlink(path, link, sizeof(link) - 1);

	if (n < 0)
		return -1;
	link[n] = '\0';
	snprintf(name, size, "%s", basename(link));
	return 0;
}

/* Hand @bdf to vfio-pci; false if vfio-pci did not take it */
bool bind_device(const char *bdf)
{
	char path[300], driver[64];

	snprintf(path, sizeof(path), "/sys/bus/pci/devices/%s/driver_override", bdf);
	write_file(path, "vfio-pci");
	write_file("/sys/bus/pci/drivers_probe", bdf);

	snprintf(path, sizeof(path), "/sys/bus/pci/devices/%s/driver", bdf);
	if (!link_name(path, driver, sizeof(driver)) && !strcmp(driver, "vfio-pci"))
		return true;
	return false;
}

static bool listed(char bdfs[][16], int n, const char *bdf)
{
	while (n--)
		if (!strcmp(bdfs[n], bdf))
			return true;
	return false;
}

/*
 * Bind the devices of the wanted classes that are not among the @n in
 * @bdfs yet to vfio-pci and add them there; return how many there are now
 */
int bind_devices(char bdfs[][16], int n, const char *classes)
{
	char path[300], class[32];
	struct dirent *de;
	DIR *dir = opendir("/sys/bus/pci/devices");

	while (dir && (de = readdir(dir)) && n < MAX_DEVICES) {
		if (de->d_name[0] == '.' || listed(bdfs, n, de->d_name))
			continue;
		snprintf(path, sizeof(path), "/sys/bus/pci/devices/%s/class",
			 de->d_name);
		if (read_file(path, class, sizeof(class)) ||
		    !class_wanted(class, classes))
			continue;

		if (!bind_device(de->d_name)) {
			result(false, "device %s class=%s driver=none", de->d_name, class);
			continue;
		}
		snprintf(bdfs[n++], 16, "%.15s", de->d_name);
		result(true, "device %s class=%s driver=vfio-pci", de->d_name, class);
	}
	if (dir)
		closedir(dir);
	return n;
}

static void report_firmware(void)
{
	bool acpi = !access("/sys/firmware/acpi/tables", F_OK);
	bool iort = !access("/sys/firmware/acpi/tables/IORT", F_OK);
	bool dt = !access("/sys/firmware/devicetree/base", F_OK);

	note("firmware acpi=%d iort=%d dt=%d", acpi, iort, dt);
}

int main(void)
{
	char bdfs[MAX_DEVICES][16], classes[256], vfs[16], tests[512], *tok, *save;
	bool held[MAX_DEVICES] = { false };
	int i, m, n;

	mount("proc", "/proc", "proc", 0, NULL);
	mount("sysfs", "/sys", "sysfs", 0, NULL);
	/* vfio-pci's latched policy per device, read by the selftests (7.3) */
	mount("debugfs", "/sys/kernel/debug", "debugfs", 0, NULL);
	mount("devtmpfs", "/dev", "devtmpfs", 0, NULL);
	/* the terminals the programs it runs write to (run.c) */
	mkdir("/dev/pts", 0755);
	mount("devpts", "/dev/pts", "devpts", 0, NULL);
	setvbuf(stdout, NULL, _IOLBF, 0);

	read_file("/proc/cmdline", cmdline, sizeof(cmdline));
	printf("KTAP version 1\n");
	note("page_size=%ld", sysconf(_SC_PAGESIZE));
	report_firmware();
	report_buses();

	snprintf(classes, sizeof(classes), "%s", cmdline_value("harness.classes", "0x010802"));
	n = bind_devices(bdfs, 0, classes);
	if (!n)
		note("no device to test");

	/* The type1 verdict first: with the knob at 0 */
	for (i = 0; i < n; i++)
		report_type1(bdfs[i], cmdline_value("harness.isolated", ""));
	if (!strcmp(cmdline_value("harness.unsafe_interrupts", "0"), "1")) {
		write_file(UNSAFE_INTERRUPTS, "1");
		if (!access(IOMMUFD_UNSAFE_INTERRUPTS, F_OK))
			write_file(IOMMUFD_UNSAFE_INTERRUPTS, "1");
		note("allow_unsafe_interrupts=1");
	}

	/* SR-IOV: the PFs held with a VF token, their VFs tested */
	snprintf(vfs, sizeof(vfs), "%s", cmdline_value("harness.sriov_vfs", ""));
	if (vfs[0]) {
		enable_vfs(bdfs, n, vfs, held);
		m = n;
		n = bind_devices(bdfs, n, classes);
		for (i = m; i < n; i++)
			report_type1(bdfs[i], cmdline_value("harness.isolated", ""));
	}

	/*
	 * Every device of this VM is there for the tests: the forge test may
	 * take any other NVMe as its victim (harness.env can name one), the
	 * tests may read any register of the emulated devices and turn
	 * allow_unsafe_interrupts off for a moment to ask type1, and the
	 * forge test may run in noiommu mode
	 */
	setenv("VFIO_FORGE_VICTIM", "any", 1);
	setenv("VFIO_SELFTESTS_BAR_READS", "1", 1);
	setenv("VFIO_SELFTESTS_ASK_TYPE1", "1", 1);
	setenv("VFIO_FORGE_NOIOMMU", "1", 1);
	snprintf(tests, sizeof(tests), "%s", cmdline_value("harness.env", ""));
	for (tok = strtok_r(tests, ",", &save); tok; tok = strtok_r(NULL, ",", &save))
		putenv(strdup(tok));

	snprintf(tests, sizeof(tests), "%s", cmdline_value("harness.tests", ""));
	for (tok = strtok_r(tests, ",", &save); tok; tok = strtok_r(NULL, ",", &save))
		for (i = 0; i < n; i++)
			if (!held[i])
				run_selftest(tok, bdfs[i], "");

	if (n && !strcmp(cmdline_value("harness.vmm", ""), "monitor"))
		run_vmm(bdfs[0], "monitor");
	if (n && !strcmp(cmdline_value("harness.vmm", ""), "doorbell"))
		run_vmm(bdfs[largest_bar0(bdfs, n)], "doorbell");

	if (atoi(cmdline_value("harness.hotplug", "0")) > 0)
		hotplug(atoi(cmdline_value("harness.hotplug", "0")));

	printf("1..%d\n", results);
	note("done");
	fflush(stdout);
	sync();
	reboot(RB_POWER_OFF);
	return 0;
}
