#!/bin/bash
# `make deb`: a Debian package of the patched x86_64 kernel built with the
# harness configuration (`make bindeb-pkg`), then what dpkg-deb says of it.
set -euo pipefail
source "$(dirname "$0")/common.sh"

"$HARNESS/apply-series.sh"
rm -f "$OUT"/linux-*.deb "$OUT"/linux-*.deb.contents "$OUT"/linux-*.buildinfo "$OUT"/linux-*.changes
OUT_NAME=x86_64-deb MAKE_TARGETS=bindeb-pkg "$HARNESS/build-kernel.sh" x86_64
# bindeb-pkg leaves the packages next to the output directory
for deb in "$OUT"/linux-image-*.deb; do
	echo "== $deb"
	dpkg-deb --info "$deb"
	dpkg-deb --contents "$deb" | tee "$deb.contents"
	grep -q 'boot/vmlinuz-' "$deb.contents" ||
		{ echo "no kernel image in $deb" >&2; exit 1; }
done
