#!/bin/bash
# Install the Debian packages the harness needs (Debian 12, as root or
# through sudo): the build tools, each architecture's (harness/arch/) and
# each scenario's (packages=).  Does nothing when they are all there.
set -euo pipefail
source "$(dirname "$0")/common.sh"

packages=(
	linux-source-6.12 build-essential bc bison flex libelf-dev libssl-dev
	cpio xz-utils rsync git ccache python3 python3-ply python3-git
	qemu-utils sparse coccinelle debhelper kmod
	b4 linux-config-6.12
)
for a in $(arch_names); do
	packages+=($(arch_vars "$a" && echo "$PACKAGES"))
done
for s in $(scenario_names); do
	packages+=($(scenario_field "$s" packages | tr , ' '))
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
