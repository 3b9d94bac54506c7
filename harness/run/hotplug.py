#!/usr/bin/env python3
"""Host side of the PCIe hotplug test (scenario rows with hotplug=N).

The guest's /init asks for each step on its console: "# harness: hotplug add I"
and "# harness: hotplug del I".  This follows the console log as QEMU writes it
and answers each request over QMP: device_add of DEVICE (HOTPLUG_DEVICE in
harness/lib/devices.sh: an NVMe in the slot's root port, backed by a blockdev node
that outlives it), and device_del, after which it waits for QEMU's
DEVICE_DELETED event (pressing the button again if none comes), so that
the next device_add finds the slot empty.  Every
step it took goes to stdout, one "hotplug: ..." line each (harness/run/boot.sh
appends them to the console log); it exits 1 on the first step that failed.

    hotplug.py QMP_SOCKET CONSOLE_LOG DEVICE

DEVICE is written like QEMU's -device: driver=nvme,id=hpnvme,bus=hp1,...
"""
import json
import select
import socket
import sys
import time

TIMEOUT = 120  # seconds; the guest's pciehp waits 5 s after a button press
PRESS_AGAIN = 20  # seconds without DEVICE_DELETED before pressing again


class QmpError(RuntimeError):
    """An error QEMU answered a command with, its class kept."""

    def __init__(self, name, error):
        super().__init__(f"{name}: {error.get('desc', '')}")
        self.cls = error.get("class", "")
        self.desc = error.get("desc", "")


class Qmp:
    def __init__(self, path):
        deadline = time.time() + 30
        while True:
            try:
                self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
                self.sock.connect(path)
                break
            except OSError:
                if time.time() > deadline:
                    raise
                time.sleep(0.2)
        self.buf = b""
        self.events = []
        self.read()  # the greeting
        self.command("qmp_capabilities")

    def read(self, wait=None):
        """The next message; None if none came within WAIT seconds (by
        default an error after TIMEOUT)."""
        deadline = time.time() + (TIMEOUT if wait is None else wait)
        while b"\n" not in self.buf:
            left = max(deadline - time.time(), 0)
            if not select.select([self.sock], [], [], left)[0]:
                if wait is None:
                    raise OSError(f"QMP: nothing from QEMU in {TIMEOUT} s")
                return None
            data = self.sock.recv(65536)
            if not data:
                raise EOFError("QEMU closed the QMP socket")
            self.buf += data
        line, self.buf = self.buf.split(b"\n", 1)
        return json.loads(line)

    def command(self, name, **args):
        self.sock.sendall(json.dumps({"execute": name,
                                      "arguments": args}).encode() + b"\n")
        while True:
            msg = self.read()
            if "event" in msg:
                self.events.append(msg)
            elif "error" in msg:
                raise QmpError(name, msg["error"])
            else:
                return msg["return"]

    def deleted(self, dev_id):
        for ev in self.events:
            if (ev["event"] == "DEVICE_DELETED" and
                    ev.get("data", {}).get("device") == dev_id):
                self.events.remove(ev)
                return True
        return False

    def unplug(self, dev_id):
        """device_del, pressed again until DEVICE_DELETED comes.

        pciehp ignores an attention button press that comes while it is
        still powering the slot on ("Button press: ignoring invalid
        state"), and a device bound the moment it appears can be asked
        away that early: without DEVICE_DELETED after PRESS_AGAIN seconds
        the button is pressed again.  While the guest blinks the slot's
        power indicator (powering on, or the 5 s before a removal it took)
        QEMU refuses a press ("guest is busy"), as it does a second
        request within 5 s: then ask again a second later.  A press can
        thus never cancel a removal.  Returns how many presses were taken.
        """
        self.events = [ev for ev in self.events      # an earlier round's
                       if ev.get("data", {}).get("device") != dev_id]
        deadline = time.time() + TIMEOUT
        presses = 0
        while time.time() < deadline:
            try:
                self.command("device_del", id=dev_id)
                presses += 1
                wait = PRESS_AGAIN
            except QmpError as err:
                if err.cls == "DeviceNotFound":
                    return presses          # gone, its event read too late
                if "busy" not in err.desc and "process of unplug" not in err.desc:
                    raise
                wait = 1
            again = min(time.time() + wait, deadline)
            while not self.deleted(dev_id):
                msg = self.read(max(again - time.time(), 0))
                if msg is None:
                    break
                self.events.append(msg)
            else:
                return presses
        raise RuntimeError(f"device_del {dev_id}: no DEVICE_DELETED "
                           f"after {presses} presses")


def console_lines(path):
    """Lines of the console log as they come, until the guest is done."""
    with open(path, errors="replace") as log:
        while True:
            line = log.readline()
            if not line:
                time.sleep(0.1)
                continue
            words = line.split()
            if words[:3] == ["#", "harness:", "done"]:
                return
            yield words


def main(sock_path, log_path, device):
    device = dict(prop.split("=", 1) for prop in device.split(","))
    qmp = Qmp(sock_path)
    for words in console_lines(log_path):
        if words[:3] != ["#", "harness:", "hotplug"] or len(words) != 5:
            continue
        step, n = words[3], words[4]
        if step == "add":
            qmp.command("device_add", **device)
            print(f"hotplug: add {n} ok", flush=True)
        elif step == "del":
            presses = qmp.unplug(device["id"])
            again = "" if presses == 1 else f" (pressed {presses} times)"
            print(f"hotplug: del {n}{again} ok", flush=True)


if __name__ == "__main__":
    try:
        main(*sys.argv[1:4])
    except (OSError, EOFError, RuntimeError, ValueError) as err:
        print(f"hotplug: error: {err}", flush=True)
        sys.exit(1)
