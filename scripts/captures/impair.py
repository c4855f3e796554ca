"""A userspace link between two TUN devices that delays, reorders and drops packets (netem's job:
the kernel this was recorded on has no sch_netem, so make-network-captures.sh puts this program
on the router's link to the server instead).

    python3 impair.py TUN_A TUN_B CONTROL_FILE

Creates TUN_A and TUN_B (layer 3, no packet-information header) in the current network namespace,
prints "ready", then copies every IP packet read from one to the other. Packets read from TUN_A go
"to-b", packets read from TUN_B go "to-a". CONTROL_FILE holds one line per direction, read again
whenever it changes:

    to-b delay=15 loss=0.07 gap=5 seed=1
    to-a delay=0 loss=1

delay: milliseconds; loss: the probability of dropping a packet (1 drops all); gap: every gap-th
packet is sent at once, without the delay, so it overtakes the packets delayed before it; seed: for
the loss draw, so that a run can be repeated. Stops on SIGTERM or SIGINT.
"""

import fcntl
import heapq
import os
import random
import select
import signal
import struct
import sys
import time

TUNSETIFF = 0x400454CA
IFF_TUN = 0x0001
IFF_NO_PI = 0x1000


def open_tun(name):
    fd = os.open("/dev/net/tun", os.O_RDWR)
    fcntl.ioctl(fd, TUNSETIFF, struct.pack("16sH", name.encode(), IFF_TUN | IFF_NO_PI))
    os.set_blocking(fd, False)
    return fd


class Direction:
    def __init__(self):
        self.delay = 0.0
        self.loss = 0.0
        self.gap = 0
        self.random = random.Random(1)
        self.count = 0

    def configure(self, settings):
        self.delay = float(settings.get("delay", 0)) / 1000
        self.loss = float(settings.get("loss", 0))
        self.gap = int(settings.get("gap", 0))
        if "seed" in settings:
            self.random = random.Random(int(settings["seed"]))


def read_control(path, directions):
    try:
        with open(path) as f:
            lines = f.read().splitlines()
    except FileNotFoundError:
        return
    for line in lines:
        words = line.split()
        if not words or words[0] not in directions:
            continue
        directions[words[0]].configure(dict(w.split("=", 1) for w in words[1:] if "=" in w))


def main():
    name_a, name_b, control = sys.argv[1], sys.argv[2], sys.argv[3]
    fd_a, fd_b = open_tun(name_a), open_tun(name_b)
    directions = {"to-b": Direction(), "to-a": Direction()}
    read_control(control, directions)
    seen = None
    stop = []
    signal.signal(signal.SIGTERM, lambda *_: stop.append(1))
    signal.signal(signal.SIGINT, lambda *_: stop.append(1))
    print("ready", flush=True)
    queue = []  # (due, order, fd, packet)
    order = 0
    while not stop:
        try:
            mtime = os.stat(control).st_mtime_ns
        except FileNotFoundError:
            mtime = None
        if mtime != seen:
            seen = mtime
            read_control(control, directions)
        now = time.monotonic()
        while queue and queue[0][0] <= now:
            _, _, fd, packet = heapq.heappop(queue)
            try:
                os.write(fd, packet)
            except OSError:
                pass  # the device is down or gone: the packet is lost like on a cable
        timeout = 0.005 if not queue else max(0.0, min(0.005, queue[0][0] - now))
        try:
            ready, _, _ = select.select([fd_a, fd_b], [], [], timeout)
        except InterruptedError:
            continue
        for fd in ready:
            out, direction = (fd_b, directions["to-b"]) if fd == fd_a else (fd_a, directions["to-a"])
            while True:
                try:
                    packet = os.read(fd, 65536)
                except (BlockingIOError, OSError):
                    break
                direction.count += 1
                if direction.loss > 0 and direction.random.random() < direction.loss:
                    continue
                at_once = direction.gap > 0 and direction.count % direction.gap == 0
                due = time.monotonic() + (0 if at_once else direction.delay)
                order += 1
                heapq.heappush(queue, (due, order, out, packet))


if __name__ == "__main__":
    main()
