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
DEBIAN_CONFIG_PACKAGE=linux-config-7.3
# Mainline's VFIO selftests must lose no passing test to the series
SUITE_COMPARED=yes
