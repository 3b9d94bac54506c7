// SPDX-License-Identifier: GPL-2.0
/*
 * Part of the guests' /init (harness/guest/init.c): programs it runs as
 * KTAP subtests, their output indented on the console: the selftests and
 * the VMM.
 */
#define _GNU_SOURCE	/* posix_openpt(), ptsname(), cfmakeraw() */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "guest.h"

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

/* The index in @bdfs of the device with the largest BAR0 (the 64 KiB NVMe) */
int largest_bar0(char bdfs[][16], int n)
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

/* Print @len bytes of a subtest's output, each line indented by four spaces */
static void indent(const char *buf, size_t len, bool *bol)
{
	size_t i;

	for (i = 0; i < len; i++) {
		if (*bol)
			fputs("    ", stdout);
		putchar(buf[i]);
		*bol = buf[i] == '\n';
	}
}

/* The child's side of run_subtest(): a terminal of its own, raw, as stdout and stderr */
static void subtest_child(char *const argv[], const char *root, const char *pts, bool input)
{
	struct termios raw;
	int tty;

	setsid();
	tty = open(pts, O_RDWR);
	if (tty < 0)
		_exit(127);
	tcgetattr(tty, &raw);
	cfmakeraw(&raw);
	tcsetattr(tty, TCSANOW, &raw);
	dup2(tty, 1);
	dup2(tty, 2);
	if (input)
		dup2(tty, 0);
	else
		freopen("/dev/null", "r", stdin);
	if (tty > 2)
		close(tty);
	if (root && (chroot(root) || chdir("/")))
		_exit(126);
	execv(argv[0], argv);
	fprintf(stderr, "exec %s: %s\n", argv[0], strerror(errno));
	_exit(127);
}

/*
 * Run @argv, chrooted to @root if set, as a KTAP subtest @name: what it
 * prints on stdout and stderr goes to the console indented.  It writes to
 * a pseudo-terminal, as it would to the console, so that its stdio is
 * line buffered and the order of its lines is kept.  @input, if set, goes
 * to its stdin after @delay seconds (else stdin is /dev/null); it and its
 * process group are killed after @limit seconds (0: never).  Once it has
 * exited, what it left in the terminal is read for at most a second more
 * (a process it left behind cannot hold the guest).  Returns its exit
 * status, 128 + the signal that killed it, or 127 if it could not run.
 */
static int run_subtest(const char *name, char *const argv[], const char *root,
		       const char *input, int delay, int limit)
{
	bool bol = true, eof = false, exited = false, killed = false;
	struct timespec t0, now, end = { 0 };
	int master, status = 127;
	struct pollfd pfd;
	char buf[4096];
	ssize_t n;
	pid_t pid;

	printf("    # Subtest: %s\n", name);
	fflush(stdout);
	master = posix_openpt(O_RDWR | O_NOCTTY);
	if (master < 0 || grantpt(master) || unlockpt(master)) {
		note("%s: no pseudo-terminal: %s", name, strerror(errno));
		if (master >= 0)
			close(master);
		return 127;
	}
	pid = fork();
	if (pid == 0)
		subtest_child(argv, root, ptsname(master), input);
	pfd.fd = master;
	pfd.events = POLLIN;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	while (pid > 0) {
		if (!eof && poll(&pfd, 1, 100) > 0) {
			n = read(master, buf, sizeof(buf));
			if (n > 0)
				indent(buf, n, &bol);
			eof = n <= 0;	/* EIO: no process has the terminal open */
		} else if (eof) {
			usleep(100000);
		}
		clock_gettime(CLOCK_MONOTONIC, &now);
		if (!exited && waitpid(pid, &status, WNOHANG) == pid) {
			exited = true;
			end = now;
		}
		if (exited && (eof || now.tv_sec - end.tv_sec >= 1))
			break;
		if (input && now.tv_sec - t0.tv_sec >= delay) {
			if (write(master, input, strlen(input)) < 0)
				note("%s: cannot write its input", name);
			input = NULL;
		}
		if (limit && !exited && !killed && now.tv_sec - t0.tv_sec >= limit) {
			note("%s: still running after %d s, killed", name, limit);
			kill(-pid, SIGKILL);
			killed = true;
		}
	}
	if (!bol)
		putchar('\n');
	close(master);
	if (pid < 0)
		return 127;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

/* Print a file of a subtest's (a trace it wrote) indented, as its output */
static void indent_file(const char *path)
{
	char buf[4096];
	bool bol = true;
	size_t n;
	FILE *f = fopen(path, "r");

	while (f && (n = fread(buf, 1, sizeof(buf), f)) > 0)
		indent(buf, n, &bol);
	if (f)
		fclose(f);
	if (!bol)
		putchar('\n');
}

/*
 * A real VMM as the vfio client, harness.vmm=MODE: QEMU realizes -device
 * vfio-pci for @bdf and traces how it sets up and maps the BARs (to a file
 * while it runs, so that the console does not slow it down; printed after).
 *   monitor   QEMU from the host's root, mounted over 9p at /host (the VMM
 *             root is it or a directory in it); its firmware assigns the
 *             BARs (there is no guest to boot), then it prints its memory
 *             map (info mtree) and quits
 *   doorbell  QEMU from the initramfs (harness/run/nested-arm64.sh) runs
 *             the L2 program, which assigns BAR0, writes the NVMe SQ0
 *             doorbell N times, reports and powers off; every trapped
 *             write is a vfio_region_write trace line
 */
void run_vmm(const char *bdf, const char *mode)
{
	static char *const monitor_opts[] = { "-nographic", "-monitor", "stdio", NULL };
	static char *const doorbell_opts[] = {
		"-trace", "vfio_region_read", "-trace", "vfio_region_write",
		"-cpu", "max", "-display", "none", "-serial", "stdio",
		"-device", "loader,file=/l2-doorbell.bin,addr=0x40200000,cpu-num=0", NULL
	};
	bool monitor = !strcmp(mode, "monitor");
	int wait = atoi(cmdline_value("harness.vmm_wait", monitor ? "20" : "300"));
	bool iommufd = !strcmp(cmdline_value("harness.vmm_iommufd", "0"), "1");
	char root[256], vmm[128], machine[128], host[96], trace[300], name[64];
	char *argv[40] = { vmm, "-machine", machine, "-accel", "tcg", "-m", "64",
			   "-nodefaults", "-D", "/tmp/vmm-trace.log",
			   "-trace", "vfio_region_setup", "-trace", "vfio_region_mmap",
			   "-trace", "vfio_region_sparse_mmap_*",
			   "-trace", "vfio_msix_early_setup", "-device", host };
	char *const *opt = monitor ? monitor_opts : doorbell_opts;
	int argc = 20, status;
	char iommufd_obj[] = "iommufd,id=iommufd0", iommufd_bind[] = "iommufd_cdev_connect_and_bind";
	struct timespec t0, t1;

	snprintf(root, sizeof(root), "%s", cmdline_value("harness.vmm_root", "/vmm"));
	snprintf(vmm, sizeof(vmm), "%s", cmdline_value("harness.vmm_qemu", ""));
	snprintf(machine, sizeof(machine), "%s", cmdline_value("harness.vmm_machine", ""));
	/* the doorbell's L2 program expects the device in slot 1 */
	snprintf(host, sizeof(host), "vfio-pci,host=%s%s%s", bdf, monitor ? "" : ",addr=1",
		 iommufd ? ",iommufd=iommufd0" : "");
	while (*opt)
		argv[argc++] = *opt++;
	if (iommufd) {	/* and the trace shows that it bound the device */
		argv[argc++] = "-object";
		argv[argc++] = iommufd_obj;
		argv[argc++] = "-trace";
		argv[argc++] = iommufd_bind;
	}
	if (monitor) {
		mkdir("/host", 0755);
		if (mount("hostroot", "/host", "9p", MS_RDONLY, "trans=virtio,version=9p2000.L")) {
			result(false, "vmm %s # cannot mount the host root: %s", bdf, strerror(errno));
			return;
		}
	}
	vmm_mounts(root);
	snprintf(trace, sizeof(trace), "%s/tmp", root);
	mount("tmpfs", trace, "tmpfs", 0, NULL);
	snprintf(trace, sizeof(trace), "%s/tmp/vmm-trace.log", root);
	snprintf(name, sizeof(name), "vmm %s", bdf);

	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (monitor)
		status = run_subtest(name, argv, root, "info mtree -f\nquit\n", wait, 0);
	else
		status = run_subtest(name, argv, root, NULL, 0, wait);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	indent_file(trace);
	note("vmm time_ms=%ld", (long)((t1.tv_sec - t0.tv_sec) * 1000 +
				      (t1.tv_nsec - t0.tv_nsec) / 1000000));
	result(status == 0, "vmm %s exit=%d", bdf, status);
}

/*
 * Run /prog against @bdf; @tag (e.g. "/hotplug-1") tells runs against the
 * same device apart in the results.
 */
void run_selftest(const char *prog, const char *bdf, const char *tag)
{
	char path[128], name[160];
	char *argv[] = { path, (char *)bdf, NULL };
	int status;

	snprintf(path, sizeof(path), "/%s", prog);
	snprintf(name, sizeof(name), "%s %s%s", prog, bdf, tag);
	status = run_subtest(name, argv, NULL, NULL, 0, 0);
	result(status == 0 || status == 4, "%s exit=%d%s", name, status,
	       status == 4 ? " # SKIP" : "");
}
