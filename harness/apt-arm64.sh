# shellcheck shell=bash
# A private apt configuration for Debian's arm64 packages, over the
# machine's own Debian archive lines: its own sources list (arch=arm64),
# state, cache and an empty dpkg status, so that the machine's apt setup
# stays untouched.  Sourced (harness/gate-debian.sh, harness/nested-arm64.sh).

# Create it in DIR, export APT_CONFIG pointing at it and fetch the package
# lists; `unset APT_CONFIG` when done.  Call it as a condition (`|| ...`):
# grep fails on a sources file the machine does not have
apt_arm64() { # DIR
	local d=$1
	rm -rf "$d" && mkdir -p "$d"/etc/apt/apt.conf.d "$d"/etc/apt/preferences.d "$d"/etc/apt/sources.list.d \
		"$d"/lists/partial "$d"/cache/archives/partial "$d"/dl && touch "$d"/status
	grep -hE '^(deb |URIs:|Suites:|Components:)' /etc/apt/sources.list /etc/apt/sources.list.d/*.sources 2>/dev/null |
		awk '/^deb / { print; next } /^URIs:/ { u = $2 } /^Suites:/ { s = $0; sub(/^Suites: */, "", s) }
		     /^Components:/ { c = $0; sub(/^Components: */, "", c); n = split(s, a, " ")
			for (i = 1; i <= n; i++) print "deb " u " " a[i] " " c }' |
		grep 'debian' | sed -E 's/^deb (\[[^]]*\] )?/deb [arch=arm64 signed-by=\/usr\/share\/keyrings\/debian-archive-keyring.gpg] /' \
		> "$d/etc/apt/sources.list"
	[ -s "$d/etc/apt/sources.list" ] || { echo "no Debian archive in the machine's apt sources" >&2; return 1; }
	cat > "$d/apt.conf" <<-CONF
		Dir::Etc "$d/etc/apt";
		Dir::State::Lists "$d/lists";
		Dir::State::status "$d/status";
		Dir::Cache "$d/cache";
		APT::Architecture "arm64";
		APT::Architectures "arm64";
		APT::Install-Recommends "false";
	CONF
	export APT_CONFIG=$d/apt.conf
	apt-get -qq update
}

# apt-get download PKG... into DIR/dl, without the sandbox warning
apt_arm64_download() { # DIR PKG...
	local d=$1
	shift
	(cd "$d/dl" && apt-get -qq download "$@" 2>&1) | sed '/^W: Download is performed unsandboxed/d' >&2
}
