/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the parts of the guests' /init share: harness/guest/init.c (the
 * console grammar, the PCI and sysfs helpers, main), vfio.c (type1 and
 * SR-IOV), run.c (programs run as KTAP subtests: selftests, the VMM) and
 * hotplug.c.
 */
#ifndef HARNESS_GUEST_H
#define HARNESS_GUEST_H

#include <stdbool.h>
#include <stddef.h>

#define MAX_DEVICES 8
#define UNSAFE_INTERRUPTS "/sys/module/vfio_iommu_type1/parameters/allow_unsafe_interrupts"
/* iommufd's own knob, for the selftests that use iommufd (mainline) */
#define IOMMUFD_UNSAFE_INTERRUPTS "/sys/module/iommufd/parameters/allow_unsafe_interrupts"

/* init.c: the console grammar */
void result(bool ok, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void note(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* init.c: files, the command line, PCI devices and buses */
void write_file(const char *path, const char *val);
int read_file(const char *path, char *buf, size_t size);
const char *cmdline_value(const char *key, const char *def);
int link_name(const char *path, char *name, size_t size);
void report_bus(const char *bus);
void report_buses(void);
bool bind_device(const char *bdf);
int bind_devices(char bdfs[][16], int n, const char *classes);

/* vfio.c */
void enable_vfs(char bdfs[][16], int n, const char *vfs, bool *held);
void report_type1(const char *bdf, const char *isolated);

/* run.c */
int largest_bar0(char bdfs[][16], int n);
void run_vmm(const char *bdf, const char *mode);
void run_selftest(const char *prog, const char *bdf, const char *tag);

/* hotplug.c */
void hotplug(int rounds);

#endif
