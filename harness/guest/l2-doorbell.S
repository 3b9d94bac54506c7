/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The L2 program of the nested arm64 rows (vmm=doorbell): no L2 kernel,
 * raw code that the VMM inside the guest loads with
 *   -machine virt,highmem=off -device vfio-pci,host=BDF,addr=1
 *   -device loader,file=l2-doorbell.bin,addr=0x40200000,cpu-num=0
 * (0x40000000 holds the DTB).  It assigns the NVMe's BAR0 through the ECAM,
 * enables memory decode, writes the SQ0 tail doorbell (BAR0 + 0x1000)
 * WRITES times, prints on the UART
 *   l2: WRITES doorbell writes in 0x<ticks> ticks at 0x<Hz> Hz
 * (the generic timer around the loop) and powers off (PSCI SYSTEM_OFF).
 * With the controller disabled QEMU's NVMe ignores the writes.
 * Built by harness/nested-arm64.sh.
 */
#define ECAM_DEV	0x3f008000	/* highmem=off ECAM, bus 0, device 1 */
#define BAR0		0x10000000	/* start of the 32-bit PCI MMIO window */
#define UART		0x09000000	/* PL011 data register */
#define PSCI_SYSTEM_OFF	0x84000008
#ifndef WRITES
#define WRITES		10000
#endif
#define STR_(x)		#x
#define STR(x)		STR_(x)

	.text
	.globl	_start
_start:
	ldr	x1, =ECAM_DEV
	ldr	w2, =BAR0
	str	w2, [x1, #0x10]		/* BAR0 (64-bit): low half */
	str	wzr, [x1, #0x14]	/* high half */
	mov	w2, #2			/* PCI_COMMAND_MEMORY */
	strh	w2, [x1, #4]
	ldr	x3, =BAR0 + 0x1000	/* SQ0 tail doorbell */
	ldr	x4, =WRITES
	isb
	mrs	x19, cntvct_el0
1:	str	wzr, [x3]
	subs	x4, x4, #1
	b.ne	1b
	isb
	mrs	x20, cntvct_el0
	sub	x19, x20, x19
	mrs	x20, cntfrq_el0

	adr	x0, msg_writes
	bl	puts
	mov	x0, x19
	bl	puthex
	adr	x0, msg_ticks
	bl	puts
	mov	x0, x20
	bl	puthex
	adr	x0, msg_hz
	bl	puts

	ldr	x0, =PSCI_SYSTEM_OFF
	hvc	#0
2:	wfi
	b	2b

/* The string at x0 on the UART */
puts:
	ldr	x1, =UART
1:	ldrb	w2, [x0], #1
	cbz	w2, 2f
	str	w2, [x1]
	b	1b
2:	ret

/* x0 as 16 hex digits on the UART */
puthex:
	ldr	x1, =UART
	mov	x2, #60
1:	lsr	x3, x0, x2
	and	x3, x3, #0xf
	add	x4, x3, #'0'
	add	x5, x3, #'a' - 10
	cmp	x3, #10
	csel	x3, x4, x5, lo
	str	w3, [x1]
	subs	x2, x2, #4
	b.ge	1b
	ret

	.ltorg
msg_writes:
	.asciz	"l2: " STR(WRITES) " doorbell writes in 0x"
msg_ticks:
	.asciz	" ticks at 0x"
msg_hz:
	.asciz	" Hz\n"
