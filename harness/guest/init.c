// SPDX-License-Identifier: GPL-2.0
/*
 * /init of the test guests.  It mounts the pseudo filesystems, reports
 * PCI_BUS_FLAGS_MSI_REMAP of every PCI bus, binds every device of the
 * classes under test to vfio-pci, tests that vfio's type1 IOMMU backend
 * agrees with the flag, and runs each selftest given on the kernel command
 * line against each device.  Everything goes to the console, where the
 * host reads it (harness/parse-log.awk); then the guest powers off.
 *
 * Kernel command line:
 *   harness.tests=prog[,prog...]   programs in / to run, BDF appended
 *   harness.classes=hex[,hex...]   PCI classes to bind (default NVMe)
 *   harness.sriov_vfs=N            enable N SR-IOV VFs on the devices that
 *                                  have SR-IOV, then bind and test them too
 *   harness.env=K=V[,K=V...]       environment of the selftests (e.g.
 *                                  VFIO_FORGE_DMA=1)
 *   harness.unsafe_interrupts=1    after the type1 results, set
 *                                  vfio_iommu_type1.allow_unsafe_interrupts
 *   harness.vmm=1                  also start the VMM (shared read-only
 *                                  over 9p, tag "hostroot") with -device
 *                                  vfio-pci for the first device
 *   harness.vmm_qemu=path          the VMM (default /usr/bin/qemu-system-x86_64)
 *   harness.vmm_machine=type       its -machine (default q35)
 *   harness.vmm=doorbell           the VMM from the initramfs instead
 *                                  (below harness.vmm_root, default
 *                                  /vmm), for the device with the largest
 *                                  BAR0: it runs /l2-doorbell.bin, which
 *                                  writes the NVMe doorbell N times
 *                                  (harness/guest/l2-doorbell.S); killed
 *                                  after harness.vmm_wait (300) seconds
 *   harness.hotplug=N              hot-add and remove an NVMe N times in
 *                                  the PCIe slot, with harness/hotplug.py
 *                                  driving QEMU on the host
 *
 * Console output, KTAP-like.  The guest's own results are numbered lines
 * "ok N what" / "not ok N what [# reason]"; everything else it says is a
 * diagnostic line "# harness: ...":
 *   KTAP version 1
 *   # harness: start, page size 4096
 *   # harness: firmware: ACPI with IORT, no device tree
 *   ok 1 bus 0000:00 msi_remap 1                 (not ok: flag missing)
 *   ok 2 device 0000:00:04.0 class 0x010802 bound to vfio-pci
 *   ok 3 sriov 0000:01:00.0 numvfs 2 of 2        (harness.sriov_vfs=2; the
 *                                                 VFs' device lines follow)
 *   ok 3 type1 accepts group == msi_remap: 0000:00:04.0 group 4 accepted, msi_remap 1
 *                                                (# SKIP for noiommu groups,
 *                                                 no type1, knob already set)
 *   # harness: allow_unsafe_interrupts 1
 *   # harness: run PROG BDF[/hotplug-I]          the selftest's own KTAP
 *   ...                                          follows, as it prints it,
 *   ok 4 PROG BDF[/hotplug-I] # exit 0           closed by this line (exit 4:
 *                                                # SKIP; else not ok)
 *   # harness: vmm start BDF                     the VMM's trace follows
 *   # harness: vmm time 2345 ms                  (vmm=doorbell: from exec to
 *                                                exit; its L2 program says
 *                                                "l2: N doorbell writes in
 *                                                0xT ticks at 0xF Hz")
 *   ok 5 vmm exit 0
 *   ok 6 hotplug slot 0000:01:00.0 below 0000:00:05.0, rescanned
 *   # harness: hotplug resources before: devices 9 iommu_groups 7 vfio 4 irqs 20
 *   # harness: hotplug add 1                     a request to the host
 *   # harness: hotplug del 1                     (harness/hotplug.py)
 *   ok 7 hotplug round 1: 0000:01:00.0 added, bound, removed
 *   # harness: hotplug resources after: ...
 *   1..7
 *   # harness: done
 * Kernel messages interleave with all of it.
 */
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <linux/vfio.h>

#define MAX_DEVICES 8
#define HOTPLUG_TIMEOUT 60	/* seconds for a device to come or go (TCG) */

#define UNSAFE_INTERRUPTS "/sys/module/vfio_iommu_type1/parameters/allow_unsafe_interrupts"

static char cmdline[4096];
static int results;	/* numbered results printed so far */

/* One result of the guest's own: "ok N what" or "not ok N what" */
static void result(bool ok, const char *fmt, ...)
{
	va_list ap;

	printf("%sok %d ", ok ? "" : "not ", ++results);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
}

/* A diagnostic line: "# harness: ..." */
static void note(const char *fmt, ...)
{
	va_list ap;

	fputs("# harness: ", stdout);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
}

static void write_file(const char *path, const char *val)
{
	int fd = open(path, O_WRONLY);

	if (fd < 0 || write(fd, val, strlen(val)) < 0)
		note("cannot write '%s' to %s: %s", val, path, strerror(errno));
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
static const char *cmdline_value(const char *key, const char *def)
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

/* "ok N bus 0000:00 msi_remap 1" ("not ok ... missing"); the host judges the value */
static void report_bus(const char *bus)
{
	char path[300], val[16];

	snprintf(path, sizeof(path), "/sys/class/pci_bus/%s/msi_remap", bus);
	if (read_file(path, val, sizeof(val)))
		snprintf(val, sizeof(val), "missing");
	result(strcmp(val, "missing"), "bus %s msi_remap %s", bus, val);
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
static int bind_devices(char bdfs[][16], int n, const char *classes)
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
			result(false, "device %s class %s not bound to vfio-pci",
			       de->d_name, class);
			continue;
		}
		snprintf(bdfs[n++], 16, "%.15s", de->d_name);
		result(true, "device %s class %s bound to vfio-pci", de->d_name, class);
	}
	if (dir)
		closedir(dir);
	return n;
}

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
static void enable_vfs(char bdfs[][16], int n, const char *vfs, bool *held)
{
	char path[300], total[16], now[16] = "";
	int i;

	for (i = 0; i < n; i++) {
		snprintf(path, sizeof(path), "/sys/bus/pci/devices/%s/sriov_totalvfs", bdfs[i]);
		if (read_file(path, total, sizeof(total)))
			continue;
		held[i] = true;
		if (hold_pf(bdfs[i]) < 0) {
			result(false, "sriov %s held with a VF token: %s", bdfs[i], strerror(errno));
			continue;
		}
		snprintf(path, sizeof(path), "/sys/bus/pci/devices/%s/sriov_numvfs", bdfs[i]);
		write_file(path, vfs);
		read_file(path, now, sizeof(now));
		result(!strcmp(now, vfs), "sriov %s numvfs %s of %s", bdfs[i], now, total);
	}
	setenv("VFIO_SELFTESTS_VF_TOKEN", VF_TOKEN, 1);
}

/*
 * vfio's type1 backend must accept @bdf's IOMMU group, with
 * allow_unsafe_interrupts at 0, exactly where the device's bus says
 * msi_remap 1: set the group's container to type1 and see.  Skipped for
 * noiommu groups, without type1 (PowerNV: sPAPR TCE) and with the knob
 * already set.
 */
static void report_type1(const char *bdf)
{
	char path[300], group[300], knob[8] = "", remap[16] = "missing";
	int container, fd, type;
	bool accepted;

	if (!vfio_group_node(bdf, group, sizeof(group))) {
		result(true, "type1 accepts group == msi_remap: %s # SKIP no IOMMU group", bdf);
		return;
	}
	if (strstr(group, "/noiommu-")) {
		result(true, "type1 accepts group == msi_remap: %s # SKIP noiommu group", bdf);
		return;
	}
	read_file(UNSAFE_INTERRUPTS, knob, sizeof(knob));
	if (knob[0] == 'Y') {
		result(true, "type1 accepts group == msi_remap: %s # SKIP allow_unsafe_interrupts already set",
		       bdf);
		return;
	}
	container = open("/dev/vfio/vfio", O_RDWR);
	if (container < 0 || ioctl(container, VFIO_CHECK_EXTENSION, VFIO_TYPE1_IOMMU) <= 0) {
		result(true, "type1 accepts group == msi_remap: %s # SKIP no type1 IOMMU backend", bdf);
		if (container >= 0)
			close(container);
		return;
	}
	type = ioctl(container, VFIO_CHECK_EXTENSION, VFIO_TYPE1v2_IOMMU) > 0 ?
	       VFIO_TYPE1v2_IOMMU : VFIO_TYPE1_IOMMU;

	fd = open(group, O_RDWR);
	if (fd < 0 || ioctl(fd, VFIO_GROUP_SET_CONTAINER, &container)) {
		result(false, "type1 accepts group == msi_remap: %s group %s: %s", bdf,
		       strrchr(group, '/') + 1, strerror(errno));
	} else {
		accepted = !ioctl(container, VFIO_SET_IOMMU, type);
		snprintf(path, sizeof(path), "/sys/class/pci_bus/%.7s/msi_remap", bdf);
		read_file(path, remap, sizeof(remap));
		result(accepted == !strcmp(remap, "1"),
		       "type1 accepts group == msi_remap: %s group %s %s, msi_remap %s",
		       bdf, strrchr(group, '/') + 1, accepted ? "accepted" : "refused", remap);
	}
	if (fd >= 0)
		close(fd);
	close(container);
}

/* /proc, /sys and /dev below the VMM's root, for its chroot */
static void vmm_mounts(const char *root)
{
	static const char *const fs[][2] = {
		{ "proc", "proc" }, { "sysfs", "sys" }, { "devtmpfs", "dev" },
	};
	char path[300];
	unsigned int i;

	for (i = 0; i < sizeof(fs) / sizeof(fs[0]); i++) {
		snprintf(path, sizeof(path), "%s/%s", root, fs[i][1]);
		mkdir(path, 0755);
		mount(fs[i][0], path, fs[i][0], 0, NULL);
	}
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
	int wait = atoi(cmdline_value("harness.vmm_wait", "20"));
	char vmm[128], machine[128], host[64];
	int in[2], status;
	pid_t pid;

	mkdir("/host", 0755);
	if (mount("hostroot", "/host", "9p", MS_RDONLY, "trans=virtio,version=9p2000.L")) {
		result(false, "vmm: cannot mount the host root: %s", strerror(errno));
		return;
	}
	vmm_mounts("/host");
	mount("tmpfs", "/host/tmp", "tmpfs", 0, NULL);

	snprintf(vmm, sizeof(vmm), "%s",
		 cmdline_value("harness.vmm_qemu", "/usr/bin/qemu-system-x86_64"));
	snprintf(machine, sizeof(machine), "%s", cmdline_value("harness.vmm_machine", "q35"));
	snprintf(host, sizeof(host), "vfio-pci,host=%s", bdf);
	note("vmm start %s", bdf);
	fflush(stdout);
	if (pipe(in))
		return;
	pid = fork();
	if (pid == 0) {
		dup2(in[0], 0);
		close(in[1]);
		if (chroot("/host") || chdir("/"))
			_exit(126);
		execl(vmm, basename(vmm),
		      "-machine", machine, "-accel", "tcg", "-m", "64",
		      "-nodefaults", "-nographic", "-monitor", "stdio",
		      "-trace", "vfio_region_setup", "-trace", "vfio_region_mmap",
		      "-trace", "vfio_region_sparse_mmap_*",
		      "-trace", "vfio_msix_early_setup", "-device", host, (char *)NULL);
		_exit(127);
	}
	close(in[0]);
	sleep(wait);
	if (write(in[1], monitor, sizeof(monitor) - 1) < 0)
		note("vmm: cannot talk to QEMU");
	close(in[1]);
	waitpid(pid, &status, 0);
	status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
	result(status == 0, "vmm exit %d", status);
}

/* The index in @bdfs of the device with the largest BAR0 (the 64 KiB NVMe) */
static int largest_bar0(char bdfs[][16], int n)
{
	unsigned long long start, end, size, max = 0;
	char path[300];
	int i, best = 0;
	FILE *f;

	for (i = 0; i < n; i++) {
		snprintf(path, sizeof(path), "/sys/bus/pci/devices/%s/resource", bdfs[i]);
		f = fopen(path, "r");
		if (f && fscanf(f, "%llx %llx", &start, &end) == 2) {
			size = end > start ? end - start + 1 : 0;
			if (size > max) {
				max = size;
				best = i;
			}
		}
		if (f)
			fclose(f);
	}
	return best;
}

/*
 * harness.vmm=doorbell: what a guest's doorbell writes cost, on the device
 * with the largest BAR0.  The VMM in the initramfs (harness/nested-arm64.sh) runs the L2 program, which
 * assigns BAR0, writes the NVMe SQ0 doorbell N times, reports and powers
 * off; no guest kernel, no monitor.  Its vfio_region_* trace goes to a
 * file while it runs (so that the console does not slow it down) and to
 * the console afterwards, where the host counts the trapped writes.
 */
static void run_vmm_doorbell(const char *bdf)
{
	int limit = atoi(cmdline_value("harness.vmm_wait", "300"));
	char root[128], vmm[128], machine[128], host[64], trace[160], line[512];
	struct timespec t0, t1;
	int status = -1, i;
	FILE *f;
	pid_t pid;

	snprintf(root, sizeof(root), "%s", cmdline_value("harness.vmm_root", "/vmm"));
	snprintf(vmm, sizeof(vmm), "%s",
		 cmdline_value("harness.vmm_qemu", "/usr/bin/qemu-system-aarch64"));
	snprintf(machine, sizeof(machine), "%s",
		 cmdline_value("harness.vmm_machine", "virt,highmem=off"));
	snprintf(host, sizeof(host), "vfio-pci,host=%s,addr=1", bdf);
	snprintf(trace, sizeof(trace), "%s/tmp/vmm-trace.log", root);
	vmm_mounts(root);
	note("vmm start %s", bdf);
	fflush(stdout);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	pid = fork();
	if (pid == 0) {
		if (chroot(root) || chdir("/"))
			_exit(126);
		freopen("/dev/null", "r", stdin);
		execl(vmm, basename(vmm),
		      "-machine", machine, "-cpu", "max", "-accel", "tcg", "-m", "64",
		      "-nodefaults", "-display", "none", "-serial", "stdio",
		      "-D", "/tmp/vmm-trace.log", "-trace", "vfio_region_*",
		      "-trace", "vfio_msix_early_setup", "-device", host,
		      "-device", "loader,file=/l2-doorbell.bin,addr=0x40200000,cpu-num=0",
		      (char *)NULL);
		_exit(127);
	}
	for (i = 0; pid > 0 && i < limit * 10; i++) {
		if (waitpid(pid, &status, WNOHANG) == pid)
			break;
		usleep(100000);
	}
	if (pid > 0 && i == limit * 10) {
		note("vmm: still running after %d s, killed", limit);
		kill(pid, SIGKILL);
		waitpid(pid, &status, 0);
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	f = fopen(trace, "r");
	while (f && fgets(line, sizeof(line), f))
		fputs(line, stdout);
	if (f)
		fclose(f);
	note("vmm time %ld ms", (long)((t1.tv_sec - t0.tv_sec) * 1000 +
				       (t1.tv_nsec - t0.tv_nsec) / 1000000));
	status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
	result(status == 0, "vmm exit %d", status);
}

/*
 * Run /prog against @bdf; @tag (e.g. "/hotplug-1") tells runs against the
 * same device apart in the results.
 */
static void run_selftest(const char *prog, const char *bdf, const char *tag)
{
	char path[128];
	pid_t pid;
	int status;

	snprintf(path, sizeof(path), "/%s", prog);
	note("run %s %s%s", prog, bdf, tag);
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		execl(path, prog, bdf, (char *)NULL);
		note("exec %s: %s", path, strerror(errno));
		_exit(127);
	}
	waitpid(pid, &status, 0);
	status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
	result(status == 0 || status == 4, "%s %s%s # %sexit %d", prog, bdf, tag,
	       status == 4 ? "SKIP " : "", status);
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
	note("hotplug resources %s: devices %d iommu_groups %d vfio %d irqs %d", when, count_entries("/sys/bus/pci/devices"),
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
		result(false, "hotplug slot: none");
		return;
	}
	snprintf(path, sizeof(path), "/sys/bus/pci/devices/%s/remove", port);
	write_file(path, "1");
	write_file("/sys/bus/pci/rescan", "1");
	if (!find_slot(dev, sizeof(dev), port, sizeof(port))) {
		result(false, "hotplug slot: gone after rescan of %s", port);
		return;
	}
	result(true, "hotplug slot %s below %s, rescanned", dev, port);
	report_buses();

	report_resources("before");
	snprintf(path, sizeof(path), "/sys/bus/pci/devices/%s", dev);
	for (i = 1; i <= rounds; i++) {
		note("hotplug add %d", i);
		if (!wait_path(path, true)) {
			result(false, "hotplug round %d: %s did not appear", i, dev);
			return;
		}
		snprintf(bus, sizeof(bus), "%.7s", dev);	/* "0000:01" */
		report_bus(bus);
		bound = bind_device(dev);
		if (bound && (i == 1 || i == rounds)) {
			snprintf(tag, sizeof(tag), "/hotplug-%d", i);
			run_selftest("vfio_pci_msix_mmap_test", dev, tag);
		}
		note("hotplug del %d", i);
		if (!wait_path(path, false)) {
			result(false, "hotplug round %d: %s was not removed", i, dev);
			return;
		}
		result(bound, "hotplug round %d: %s added, %s, removed", i, dev,
		       bound ? "bound" : "not bound");
	}
	report_resources("after");
}

/* How the platform was described to the kernel: ACPI (IORT?) or a DT */
static void report_firmware(void)
{
	bool acpi = !access("/sys/firmware/acpi/tables", F_OK);
	bool iort = !access("/sys/firmware/acpi/tables/IORT", F_OK);
	bool dt = !access("/sys/firmware/devicetree/base", F_OK);

	note("firmware: %s%s, %s", acpi ? "ACPI" : "no ACPI",
	     iort ? " with IORT" : "", dt ? "device tree" : "no device tree");
}

int main(void)
{
	char bdfs[MAX_DEVICES][16], classes[256], vfs[16], tests[512], *tok, *save;
	bool held[MAX_DEVICES] = { false };
	int i, m, n;

	mount("proc", "/proc", "proc", 0, NULL);
	mount("sysfs", "/sys", "sysfs", 0, NULL);
	mount("devtmpfs", "/dev", "devtmpfs", 0, NULL);
	setvbuf(stdout, NULL, _IOLBF, 0);

	read_file("/proc/cmdline", cmdline, sizeof(cmdline));
	printf("KTAP version 1\n");
	note("start, page size %ld", sysconf(_SC_PAGESIZE));
	report_firmware();
	report_buses();

	snprintf(classes, sizeof(classes), "%s", cmdline_value("harness.classes", "0x010802"));
	n = bind_devices(bdfs, 0, classes);
	if (!n)
		note("no device to test");

	/* The type1 verdict first: with the knob at 0 */
	for (i = 0; i < n; i++)
		report_type1(bdfs[i]);
	if (!strcmp(cmdline_value("harness.unsafe_interrupts", "0"), "1")) {
		write_file(UNSAFE_INTERRUPTS, "1");
		note("allow_unsafe_interrupts 1");
	}

	/* SR-IOV: the PFs held with a VF token, their VFs tested */
	snprintf(vfs, sizeof(vfs), "%s", cmdline_value("harness.sriov_vfs", ""));
	if (vfs[0]) {
		enable_vfs(bdfs, n, vfs, held);
		m = n;
		n = bind_devices(bdfs, n, classes);
		for (i = m; i < n; i++)
			report_type1(bdfs[i]);
	}

	snprintf(tests, sizeof(tests), "%s", cmdline_value("harness.env", ""));
	for (tok = strtok_r(tests, ",", &save); tok; tok = strtok_r(NULL, ",", &save))
		putenv(strdup(tok));

	snprintf(tests, sizeof(tests), "%s", cmdline_value("harness.tests", ""));
	for (tok = strtok_r(tests, ",", &save); tok; tok = strtok_r(NULL, ",", &save))
		for (i = 0; i < n; i++)
			if (!held[i])
				run_selftest(tok, bdfs[i], "");

	if (n && !strcmp(cmdline_value("harness.vmm", "0"), "1"))
		run_vmm(bdfs[0]);
	if (n && !strcmp(cmdline_value("harness.vmm", "0"), "doorbell"))
		run_vmm_doorbell(bdfs[largest_bar0(bdfs, n)]);

	if (atoi(cmdline_value("harness.hotplug", "0")) > 0)
		hotplug(atoi(cmdline_value("harness.hotplug", "0")));

	printf("1..%d\n", results);
	note("done");
	fflush(stdout);
	sync();
	reboot(RB_POWER_OFF);
	return 0;
}
