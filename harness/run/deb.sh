#!/bin/bash
# `make deb`: a Debian package of the base's patched x86_64 kernel built
# with the harness configuration (`make bindeb-pkg`), then what dpkg-deb
# says of it.
set -euo pipefail
source "$(dirname "$0")/../lib/common.sh"

base_vars "$BASE"
"$HARNESS/run/apply-series.sh"
rm -f "$OUT"/linux-*.deb "$OUT"/linux-*.deb.contents "$OUT"/linux-*.buildinfo "$OUT"/linux-*.changes
MAKE_TARGETS=bindeb-pkg "$HARNESS/run/build-kernel.sh" x86_64 "$OUT/x86_64-deb"
# bindeb-pkg leaves the packages next to the output directory
for deb in "$OUT"/linux-image-*.deb; do
	echo "== $deb"
	dpkg-deb --info "$deb"
	dpkg-deb --contents "$deb" | tee "$deb.contents"
	grep -q 'boot/vmlinuz-' "$deb.contents" ||
		{ echo "no kernel image in $deb" >&2; exit 1; }
done
