# Entry points of the project; the work is done by harness/*/*.sh.
# BASE=7.3 (default, mainline) or BASE=6.12 (the LTS backport) picks the
# kernel base of the one-base targets (harness/bases/).
#
#   make check        what CI runs, for every kernel base: the kernels, the
#                     scenario rows (on mainline all, on the 6.12 backport
#                     its key rows; ROWS="a b" for some), on mainline the
#                     suite comparison and the mutants (not with ROWS=),
#                     and the quick series gate (no kernel builds); the
#                     last line is "N passed, N failed, N skipped"
#   make check-6.12   the same for one base, every scenario row, full gate
#   make demo         build, boot the IR-on and IR-off x86 VMs, show what
#                     vfio-pci offers for each device's MSI-X BAR side by side
#   make report       the results tables of the last runs, from their logs,
#                     into build/logs/report.md
#   make judge        judge the saved console logs again, without booting
#                     (LOGS=dir for another directory)
#   make test-harness judge harness/testdata/'s logs and compare with the
#                     verdicts recorded there (no QEMU, no kernel build)
#   make gate         the full series gate of BASE alone: also bisect builds
#                     (x86_64 whole, arm64 and ppc64le where touched),
#                     W=1/sparse/coccinelle, odd and Debian configs
#   make patches      export build/BASE/linux back to patches/SERIES_DIR/
#                     (SENDER="Name <address>" to send it under that name)
#   make send-check   is the exported series ready to be sent?
#   make baseline     the rows on the unpatched BASE, for comparison (ROWS=
#                     for some); records what make check compares
#                     mainline's VFIO selftests with
#   make mutants      the tests can fail: each deliberately wrong kernel
#                     change of harness/mutants/ (MUTANTS="a b" for some)
#                     built and booted, and the results it must FAIL (or
#                     still PASS) checked
#   make check-debug  the x86_64 and arm64 rows on KASAN/lockdep kernels (slow)
#   make deb          Debian package of the patched x86 kernel (slow)
#   make clean        remove build/ (ccache keeps its cache)

H := harness

.PHONY: check demo report judge test-harness gate patches send-check \
	baseline mutants check-debug deb clean deps

deps:
	@$(H)/run/deps.sh

check: deps
	@$(H)/run/check.sh $(ROWS)

check-%: deps
	@BASES=$* ALL_ROWS=1 $(H)/run/check.sh $(ROWS)

demo: deps
	@$(H)/run/demo.sh

report:
	@$(H)/judge/report.sh

judge:
	@$(H)/judge/judge.sh && $(H)/judge/summary.sh

test-harness:
	@$(H)/judge/test.sh

gate: deps
	@$(H)/gate/gate.sh

patches:
	@$(H)/gate/export-patches.sh

send-check:
	@$(H)/gate/send-check.sh

baseline: deps
	@$(H)/run/baseline.sh $(ROWS)

mutants: deps
	@$(H)/run/mutant.sh $(MUTANTS)

check-debug: deps
	@$(H)/run/debug.sh

deb: deps
	@$(H)/run/deb.sh

clean:
	rm -rf build
