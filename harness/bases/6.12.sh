# shellcheck shell=bash
# Debian 12's linux-source-6.12 (6.12 LTS): the series as a backport for
# distro kernels.  Sourced by base_vars (harness/lib/axes.sh).
#   SOURCE_PACKAGE  Debian package of the source tarball
#   SOURCE_APT      where it comes from: "host" (the machine's own apt,
#                   installed by harness/run/deps.sh) or a suite fetched
#                   with a private apt configuration (harness/lib/apt.sh)
#   SERIES_VERSION  the prefix of the exported mails in the series' directory
#   SERIES_DIR      that directory below patches/ (default: BASE)
#   PREREQ_DIR      a directory below patches/ of fixes sent on their own
#                   that the rows need and the series does not: applied
#                   on the base before it (tag "base"; "pristine" is the
#                   base as shipped), and part of the unpatched kernel
#   DEBIAN_CONFIG_PACKAGE  Debian's kernel configs (amd64), for the gate
#   CHECK_ROWS      the scenario rows `make check` boots on this base
#                   (default: all; `make check-BASE` boots all of them)
#   CHECK_GATE      the gate make check runs on it: quick (default: no
#                   kernel builds) or full (harness/gate/gate.sh)
#   IN_CHECK        "no": make check leaves the base out
#   SUITE_COMPARED  "yes": after its rows, make check compares mainline's
#                   own VFIO selftests with the unpatched base's
#                   (harness/judge/suite.sh, harness/baselines/BASE.txt)
SOURCE_PACKAGE=linux-source-6.12
SOURCE_APT=host
SERIES_VERSION=v7
DEBIAN_CONFIG_PACKAGE=linux-config-6.12
# The backport's key rows: x86 with interrupt remapping on and off, the
# 64K arm64 ITS and GICv2m, on DT and on ACPI
CHECK_ROWS="ir-on ir-off arm64-its arm64-gicv2m acpi-its acpi-gicv2m"
