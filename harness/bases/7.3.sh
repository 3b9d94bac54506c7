# shellcheck shell=bash
# Mainline: Linux 7.3.4 as Debian ships it in trixie-backports
# (linux-source-7.3), fetched into build/ with a private apt
# configuration.  The series to send (v8, patches/mainline/).  Sourced by
# base_vars (harness/lib/axes.sh); the keys are those of bases/6.12.sh.
# make check runs every scenario row on it.
SOURCE_PACKAGE=linux-source-7.3
SOURCE_APT=trixie-backports
SERIES_VERSION=v8
SERIES_DIR=mainline
# An iommu fix sent on its own (patches/mainline-fixes/): without it,
# VFIO type1 cannot enable MSIs behind a virtio-iommu that bypasses the
# ITS doorbell (row virtio-iommu-its).  The series does not depend on it.
PREREQ_DIR=mainline-fixes
DEBIAN_CONFIG_PACKAGE=linux-config-7.3
# Mainline's VFIO selftests must lose no passing test to the series
# (harness/judge/suite.sh against harness/baselines/7.3.txt).  The one
# loss the policy itself causes, vfio_dma_mapping_mmio_test skipping where
# a device's MSI-X BAR is one page holding the hidden table (both NVMe
# BAR0s, 16 and 64 KiB, of the arm64 GICv2m rows), is a SKIP with its reason, under the
# conditions suite.sh lists; any other is a FAIL.
SUITE_COMPARED=yes
# The series' tests must catch each deliberately wrong kernel of
# harness/mutants/ (harness/run/mutant.sh; about 2 minutes each, warm)
CHECK_MUTANTS=yes
