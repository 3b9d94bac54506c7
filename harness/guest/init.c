// SPDX-License-Identifier: GPL-2.0
/*
 * /init of the test guests.  It mounts the pseudo filesystems, reports
 * PCI_BUS_FLAGS_MSI_REMAP of every PCI bus, binds every device of the
 * classes under test to vfio-pci and runs each selftest given on the
 * kernel command line against each of them.  Everything goes to the
 * console, where the host reads it; then the guest powers off.
 *
 * Kernel command line:
 *   harness.tests=prog[,prog...]   programs in / to run, BDF appended
 *   harness.classes=hex[,hex...]   PCI classes to bind (default NVMe)
 *   harness.vmm=1                  also start the host's QEMU (shared
 *                                  read-only over 9p, tag "hostroot") with
 *                                  -device vfio-pci for the first device
 *   harness.hotplug=N              hot-add and remove an NVMe N times in
 *                                  the PCIe slot, with harness/hotplug.py
 *                                  driving QEMU on the host
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/wait.h>

#define MAX_DEVICES 8
#define HOTPLUG_TIMEOUT 60	/* seconds for a device to come or go (TCG) */

static char cmdline[4096];

static void write_file(const char *path, const char *val)
{
	int fd = open(path, O_WRONLY);

	if (fd < 0 || write(fd, val, strlen(val)) < 0)
		printf("harness: cannot write '%s' to %s: %s\n", val, path,
		       strerror(errno));
	if (fd >= 0)
		close(fd);
}

static int read_file(const char *path, char *buf, size_t size)
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
static const char *param(const char *key, const char *def)
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

/* "harness: bus 0000:00 msi_remap 1" (or "missing"); the host checks it */
static void report_bus(const char *bus)
{
	char path[300], val[16];

	snprintf(path, sizeof(path), "/sys/class/pci_bus/%s/msi_remap", bus);
	if (read_file(path, val, sizeof(val)))
		snprintf(val, sizeof(val), "missing");
	printf("harness: bus %s msi_remap %s\n", bus, val);
}

static void report_buses(void)
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
static int link_name(const char *path, char *name, size_t size)
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
static bool bind_device(const char *bdf)
{
	char path[300], driver[64];

	snprintf(path, sizeof(path), "/sys/bus/pci/devices/%s/driver_override", bdf);
	write_file(path, "vfio-pci");
	write_file("/sys/bus/pci/drivers_probe", bdf);

	snprintf(path, sizeof(path), "/sys/bus/pci/devices/%s/driver", bdf);
	if (!link_name(path, driver, sizeof(driver)) && !strcmp(driver, "vfio-pci"))
		return true;
	printf("harness: %s not bound to vfio-pci\n", bdf);
	return false;
}

/* Bind devices of the wanted classes to vfio-pci; return how many */
static int bind_devices(char bdfs[][16], const char *classes)
{
	char path[300], class[32];
	struct dirent *de;
	DIR *dir = opendir("/sys/bus/pci/devices");
	int n = 0;

	while (dir && (de = readdir(dir)) && n < MAX_DEVICES) {
		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "/sys/bus/pci/devices/%s/class",
			 de->d_name);
		if (read_file(path, class, sizeof(class)) ||
		    !class_wanted(class, classes))
			continue;

		if (!bind_device(de->d_name))
			continue;
		snprintf(bdfs[n++], 16, "%.15s", de->d_name);
		printf("harness: device %s class %s bound to vfio-pci\n",
		       de->d_name, class);
	}
	if (dir)
		closedir(dir);
	return n;
}

/*
 * Let a real VMM judge what vfio-pci offers: QEMU from the host's root
 * filesystem realizes -device vfio-pci, traces how it maps the BARs, lets
 * its firmware assign them (harness.vmm_wait seconds; there is no guest to
 * boot), prints its memory map and quits.
 */
static void run_vmm(const char *bdf)
{
	static const char monitor[] = "info mtree -f\nquit\n";
	int wait = atoi(param("harness.vmm_wait", "20"));
	char host[64];
	int in[2], status;
	pid_t pid;

	mkdir("/host", 0755);
	if (mount("hostroot", "/host", "9p", MS_RDONLY, "trans=virtio,version=9p2000.L")) {
		printf("harness: vmm: cannot mount the host root: %s\n", strerror(errno));
		return;
	}
	mount("proc", "/host/proc", "proc", 0, NULL);
	mount("sysfs", "/host/sys", "sysfs", 0, NULL);
	mount("devtmpfs", "/host/dev", "devtmpfs", 0, NULL);
	mount("tmpfs", "/host/tmp", "tmpfs", 0, NULL);

	snprintf(host, sizeof(host), "vfio-pci,host=%s", bdf);
	printf("harness: vmm start %s\n", bdf);
	fflush(stdout);
	if (pipe(in))
		return;
	pid = fork();
	if (pid == 0) {
		dup2(in[0], 0);
		close(in[1]);
		if (chroot("/host") || chdir("/"))
			_exit(126);
		execl("/usr/bin/qemu-system-x86_64", "qemu-system-x86_64",
		      "-machine", "q35", "-accel", "tcg", "-m", "64",
		      "-nodefaults", "-nographic", "-monitor", "stdio",
		      "-trace", "vfio_region_setup", "-trace", "vfio_region_mmap",
		      "-trace", "vfio_region_sparse_mmap_*",
		      "-trace", "vfio_msix_early_setup", "-device", host, (char *)NULL);
		_exit(127);
	}
	close(in[0]);
	sleep(wait);
	if (write(in[1], monitor, sizeof(monitor) - 1) < 0)
		printf("harness: vmm: cannot talk to QEMU\n");
	close(in[1]);
	waitpid(pid, &status, 0);
	printf("harness: vmm exit %d\n",
	       WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status));
}

/*
 * Run /prog against @bdf; @tag (e.g. "/hotplug-1") tells runs against the
 * same device apart in the results.
 */
static void run(const char *prog, const char *bdf, const char *tag)
{
	char path[128];
	pid_t pid;
	int status;

	snprintf(path, sizeof(path), "/%s", prog);
	printf("harness: run %s %s%s\n", prog, bdf, tag);
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		execl(path, prog, bdf, (char *)NULL);
		printf("harness: exec %s: %s\n", path, strerror(errno));
		_exit(127);
	}
	waitpid(pid, &status, 0);
	printf("harness: exit %s %s%s %d\n", prog, bdf, tag,
	       WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status));
}

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
	printf("harness: hotplug resources %s: devices %d iommu_groups %d vfio %d irqs %d\n",
	       when, count_entries("/sys/bus/pci/devices"),
	       count_entries("/sys/kernel/iommu_groups"),
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
	snprintf(path, sizeof(path), "/sys/class/pci_bus/%.7s/device", addr);
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
static void hotplug(int rounds)
{
	char dev[32], port[32], bus[8], path[300], tag[32];
	bool bound;
	int i;

	if (!find_slot(dev, sizeof(dev), port, sizeof(port))) {
		printf("harness: hotplug: no PCIe hotplug slot\n");
		return;
	}
	snprintf(path, sizeof(path), "/sys/bus/pci/devices/%s/remove", port);
	write_file(path, "1");
	write_file("/sys/bus/pci/rescan", "1");
	if (!find_slot(dev, sizeof(dev), port, sizeof(port))) {
		printf("harness: hotplug: slot gone after rescan of %s\n", port);
		return;
	}
	printf("harness: hotplug slot %s below %s, rescanned\n", dev, port);
	report_buses();

	report_resources("before");
	snprintf(path, sizeof(path), "/sys/bus/pci/devices/%s", dev);
	for (i = 1; i <= rounds; i++) {
		printf("harness: hotplug add %d\n", i);
		if (!wait_path(path, true)) {
			printf("harness: hotplug round %d: %s did not appear\n", i, dev);
			return;
		}
		snprintf(bus, sizeof(bus), "%.7s", dev);	/* "0000:01" */
		report_bus(bus);
		bound = bind_device(dev);
		if (bound && (i == 1 || i == rounds)) {
			snprintf(tag, sizeof(tag), "/hotplug-%d", i);
			run("vfio_pci_msix_mmap_test", dev, tag);
		}
		printf("harness: hotplug del %d\n", i);
		if (!wait_path(path, false)) {
			printf("harness: hotplug round %d: %s was not removed\n", i, dev);
			return;
		}
		printf("harness: hotplug round %d: %s added, %s, removed\n", i, dev,
		       bound ? "bound" : "not bound");
	}
	report_resources("after");
}

int main(void)
{
	char bdfs[MAX_DEVICES][16], tests[512], *tok, *save;
	int i, n;

	mount("proc", "/proc", "proc", 0, NULL);
	mount("sysfs", "/sys", "sysfs", 0, NULL);
	mount("devtmpfs", "/dev", "devtmpfs", 0, NULL);
	setvbuf(stdout, NULL, _IOLBF, 0);

	read_file("/proc/cmdline", cmdline, sizeof(cmdline));
	printf("harness: start, page size %ld\n", sysconf(_SC_PAGESIZE));
	report_buses();

	n = bind_devices(bdfs, param("harness.classes", "0x010802"));
	if (!n)
		printf("harness: no device to test\n");

	snprintf(tests, sizeof(tests), "%s", param("harness.tests", ""));
	for (tok = strtok_r(tests, ",", &save); tok; tok = strtok_r(NULL, ",", &save))
		for (i = 0; i < n; i++)
			run(tok, bdfs[i], "");

	if (n && !strcmp(param("harness.vmm", "0"), "1"))
		run_vmm(bdfs[0]);

	if (atoi(param("harness.hotplug", "0")) > 0)
		hotplug(atoi(param("harness.hotplug", "0")));

	printf("harness: done\n");
	fflush(stdout);
	sync();
	reboot(RB_POWER_OFF);
	return 0;
}
