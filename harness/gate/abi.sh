#!/bin/bash
# Module ABI of the series with Debian's config (CONFIG_MODVERSIONS=y;
# amd64, or arm64 with DEBIAN_ARCH=arm64, see harness/gate/debian.sh):
# every symbol exported from an object of the touched directories whose
# CRC differs between base and tip, and the types that make it differ.
#
#   abi.sh [TIP]    builds with harness/gate/debian.sh TIP first
#                          unless ABI_NOBUILD=1 (use the last build)
#   abi.sh --gate TIP   the gate rule, on gate/debian.sh's build of
#                          TIP: PASS when CRCs change only in the modules
#                          of $ABI_ALLOWED (default vfio-pci-core, whose
#                          struct vfio_pci_core_device the series must
#                          extend), FAIL otherwise
#
# The CRCs are genksyms' (kbuild of 6.12 appends "#SYMVER sym 0xcrc" to
# the .o.cmd of every object that exports symbols; modpost reads them
# from there); the type expansions are the .symtypes files that
# KBUILD_SYMTYPES=1 leaves beside the objects.  Writes the table to
# build/logs/BASE/abi-report-ARCH.md and prints it.
set -uo pipefail
source "$(dirname "$0")/../lib/common.sh"

ABI_ALLOWED=${ABI_ALLOWED:-drivers/vfio/pci/vfio-pci-core.ko}
darch=${DEBIAN_ARCH:-amd64}
base_vars "$BASE"
RESULT_PREFIX=${RESULT_PREFIX:-$BASE/gate/}
o=$OUT/debian-$darch
report=$(run_dir)/abi-report-$darch.md
gate=
if [ "${1:-}" = --gate ]; then
	gate=1 ABI_NOBUILD=1
	tip=$(git -C "$SRC" rev-parse --verify "${2:-HEAD}^{commit}") || exit 1
	if [ "$(cat "$o-tip/.gate-debian-tip" 2>/dev/null)" != "$tip" ]; then
		result FAIL "abi-$darch" "no Debian build of $tip: harness/gate/debian.sh failed"
		exit 0
	fi
fi
if [ "${ABI_NOBUILD:-}" != 1 ]; then
	"$HARNESS/gate/debian.sh" "$@"
	[ $? != 1 ] || { echo "abi-report: the Debian build failed" >&2; exit 1; }
fi
mkdir -p "$(dirname "$report")"
python3 - "$o-base" "$o-tip" "$(cat "$o-tip/.gate-debian-dirs")" "$darch" \
	> "$report" <<'EOF'
import os, re, sys

base, tip, dirs, darch = sys.argv[1], sys.argv[2], sys.argv[3].split(), sys.argv[4]

def scan(out):
    """{object: {symbol: crc}}, {object: module}, {object: symtypes}"""
    crcs, module = {}, {}
    for d in dirs:
        for root, _, files in os.walk(os.path.join(out, d)):
            for f in files:
                p = os.path.join(root, f)
                rel = os.path.relpath(p, out)
                if f.endswith('.o.cmd') and f.startswith('.'):
                    obj = os.path.join(os.path.dirname(rel), f[1:-4])
                    syms = {}
                    with open(p, errors='replace') as fh:
                        for line in fh:
                            m = re.match(r'#SYMVER (\S+) (0x[0-9a-f]+)', line)
                            if m:
                                syms[m.group(1)] = m.group(2)
                    if syms:
                        crcs[obj] = syms
                elif f.endswith('.mod'):
                    name = os.path.relpath(p, out)[:-4] + '.ko'
                    with open(p) as fh:
                        for o in fh.read().split():
                            module[o] = name
    return crcs, module

def symtypes(out, obj):
    """name -> list of tokens, from obj's .symtypes"""
    t = {}
    p = os.path.join(out, obj[:-2] + '.symtypes')
    if os.path.exists(p):
        with open(p, errors='replace') as fh:
            for line in fh:
                parts = line.split()
                if parts:
                    t[parts[0]] = parts[1:]
    return t

def closure(types, name):
    seen, todo = set(), [name]
    while todo:
        n = todo.pop()
        if n in seen or n not in types:
            continue
        seen.add(n)
        todo += [tok for tok in types[n] if re.match(r'^[a-zA-Z]#', tok)]
    return seen

def pretty(t):
    kind = {'s': 'struct', 'u': 'union', 'e': 'enum', 'E': 'enum const', 't': 'typedef'}
    k, _, n = t.partition('#')
    return f'{kind.get(k, k)} {n}' if n else t

bc, bm = scan(base)
tc, tm = scan(tip)
rows, added, removed = [], [], []
for obj in sorted(set(bc) | set(tc)):
    b, t = bc.get(obj, {}), tc.get(obj, {})
    mod = tm.get(obj) or bm.get(obj) or 'vmlinux'
    bt, tt = symtypes(base, obj), symtypes(tip, obj)
    changed_types = {n for n in set(bt) | set(tt) if bt.get(n) != tt.get(n)}
    for s in sorted(set(b) | set(t)):
        if s not in b:
            added.append((s, obj, mod, t[s]))
        elif s not in t:
            removed.append((s, obj, mod, b[s]))
        elif b[s] != t[s]:
            why = sorted(x for x in (closure(bt, s) | closure(tt, s)) & changed_types if x != s)
            if bt.get(s) != tt.get(s):
                why.insert(0, 'its own prototype')
            rows.append((s, obj, mod, b[s], t[s], ', '.join(pretty(w) for w in why) or '?'))

nsyms = sum(len(v) for v in tc.values())
print(f'ABI report, Debian {darch} config (CONFIG_MODVERSIONS=y): {nsyms} exported symbols '
      f'in {len(tc)} objects of {", ".join(dirs)}')
print(f'changed CRCs: {len(rows)}; new exports: {len(added)}; removed exports: {len(removed)}')
print()
if rows:
    print('| symbol | object | module | base CRC | tip CRC | changed types it depends on |')
    print('|---|---|---|---|---|---|')
    for r in rows:
        print('| `%s` | %s | %s | %s | %s | %s |' % r)
    print()
for title, lst in (('new exports', added), ('removed exports', removed)):
    if lst:
        print(f'{title}:')
        for s, obj, mod, crc in lst:
            print(f'- `{s}` ({obj}, {mod}, {crc})')
        print()
mods = sorted({r[2] for r in rows})
print('modules whose exports changed CRC: ' + (', '.join(mods) if mods else 'none'))
EOF
rc=$?
if [ -z "$gate" ]; then
	cat "$report"
	exit $rc
fi
changed=$(sed -n 's/^modules whose exports changed CRC: //p' "$report")
n=$(sed -n 's/^changed CRCs: \([0-9]*\);.*/\1/p' "$report")
other=$(tr ', ' '\n\n' <<< "$changed" | grep -v '^$' | grep -vxF -e none -f <(tr ' ' '\n' <<< "$ABI_ALLOWED"))
if [ $rc != 0 ] || [ -z "$n" ]; then
	result FAIL "abi-$darch" "abi.sh failed, see $report"
elif [ -n "$other" ]; then
	result FAIL "abi-$darch" "$n changed CRCs; outside ${ABI_ALLOWED// /, }: $(grep -F "$(echo "$other" | head -1)" "$report" | grep -c '^| `') in $(echo $other), e.g. $(grep -m1 -F "| $(echo "$other" | head -1) |" "$report" | cut -d'|' -f2 | tr -d ' `'); table: $report"
else
	result PASS "abi-$darch" "$n changed CRCs, in ${changed}; table: $report"
fi
