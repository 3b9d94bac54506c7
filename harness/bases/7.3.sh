# shellcheck shell=bash
# Mainline: Linux 7.3.4 as Debian ships it in trixie-backports
# (linux-source-7.3), fetched into build/ with a private apt
# configuration.  The series to send (v8, patches/mainline/).  Sourced by
# base_vars (harness/lib/axes.sh); the keys are those of bases/6.12.sh.
#   IN_CHECK        "no": make check leaves the base out (BASES=7.3 or
#                   BASE=7.3 make gate take it): its selftests are not
#                   ported yet, so its rows would test nothing of the series
SOURCE_PACKAGE=linux-source-7.3
SOURCE_APT=trixie-backports
SERIES_VERSION=v8
SERIES_DIR=mainline
DEBIAN_CONFIG_PACKAGE=
IN_CHECK=no
