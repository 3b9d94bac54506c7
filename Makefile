# Entry points of the project; the work is done by harness/*.sh.
#
#   make demo      build, boot the IR-on and IR-off x86 VMs, show what
#                  vfio-pci offers for the NVMe BAR side by side
#   make check     everything: series gate, all kernels, all scenarios;
#                  the last line is "N passed, N failed, N skipped"
#   make patches   export the series from build/linux back to patches/
#                  (SENDER="Name <address>" to send it under that name)
#   make send-check  is the exported series ready to be sent?
#   make judge     judge the saved console logs in build/logs again,
#                  without booting (LOGS=dir for another directory)
#   make baseline  the rows where MSIs are isolated (x86, arm64 DT and ACPI,
#                  PowerNV), the attack rows and the nested arm64 QEMU rows
#                  on an unpatched 6.12 kernel
#   make check-debug  the x86_64 and arm64 scenarios on KASAN/lockdep
#                  kernels (slow)
#   make deb       Debian package of the patched x86 kernel (slow)
#   make clean     remove build/ (ccache keeps its cache)

H := harness

.PHONY: demo check check-debug judge gate patches baseline deb clean deps

deps:
	@$(H)/deps.sh

demo: deps
	@$(H)/demo.sh

check: deps
	@$(H)/check.sh

check-debug: deps
	@$(H)/check-debug.sh

judge:
	@$(H)/judge.sh && $(H)/summary.sh

gate: deps
	@$(H)/gate.sh

patches:
	@$(H)/export-patches.sh

.PHONY: send-check
send-check:
	@$(H)/send-check.sh

baseline: deps
	@$(H)/baseline.sh

deb: deps
	@$(H)/deb.sh

clean:
	rm -rf build
