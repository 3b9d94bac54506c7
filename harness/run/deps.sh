#!/bin/bash
# Install the Debian packages the harness needs (Debian 12, as root or
# through sudo): the build tools, and what each kernel base, QEMU,
# architecture and scenario row declares.  Does nothing when they are all
# there.  (What comes from another suite is fetched later, into build/,
# by harness/lib/apt.sh, without touching the machine's apt setup.)
set -euo pipefail
source "$(dirname "$0")/../lib/common.sh"

packages=(
	build-essential bc bison flex libelf-dev libssl-dev
	cpio xz-utils rsync git ccache python3 python3-ply python3-git
	qemu-utils sparse coccinelle debhelper kmod b4 uuid-dev
)
for b in $(base_names); do
	# only the bases the host's apt serves; the others come through apt.sh
	packages+=($(base_vars "$b"
		if [ "$SOURCE_APT" = host ] && [ "$IN_CHECK" != no ]; then
			echo "$SOURCE_PACKAGE $DEBIAN_CONFIG_PACKAGE"
		fi))
done
for s in $(scenario_names); do
	packages+=($(row_load "$s" && { [ "$QEMU_APT" != host ] || echo "$QEMU_PACKAGE"; }
		echo "$PACKAGES" "$(row packages | tr , ' ')"
		[ -z "$(row firmware)" ] || firmware_package "$(row firmware)"))
done

missing=()
for p in $(printf '%s\n' "${packages[@]}" | sort -u); do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

sudo=
[ "$(id -u)" = 0 ] || sudo=sudo
echo "Installing: ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
