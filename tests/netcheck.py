"""Which network sockets a running process holds, read from /proc (Linux; no psutil).

A socket a process holds shows up as ``socket:[INODE]`` among its /proc/PID/fd links; the
same inode in /proc/net/{tcp,tcp6,udp,udp6} gives its address, port and state. So a test
can tell, for a real process, whether it listens on the network, where, or has any
internet socket at all.
"""

from __future__ import annotations

import ipaddress
import os
import socket
import struct
from dataclasses import dataclass
from pathlib import Path

TCP_LISTEN = "0A"
TABLES = ("tcp", "tcp6", "udp", "udp6")


@dataclass(frozen=True, slots=True)
class InetSocket:
    proto: str  # tcp, tcp6, udp, udp6
    address: str
    port: int
    state: str  # the kernel's hex state; 0A = TCP LISTEN
    inode: int

    @property
    def listening(self) -> bool:
        """A TCP socket in LISTEN, or any bound UDP socket (it receives from anyone)."""
        return self.state == TCP_LISTEN if self.proto.startswith("tcp") else self.port != 0

    @property
    def loopback(self) -> bool:
        return ipaddress.ip_address(self.address).is_loopback


def _address(hex_address: str) -> tuple[str, int]:
    host, port = hex_address.split(":")
    raw = bytes.fromhex(host)
    if len(raw) == 4:
        address = socket.inet_ntop(socket.AF_INET, raw[::-1])
    else:  # four 32-bit words, each in host byte order
        words = struct.unpack("<4I", raw)
        address = socket.inet_ntop(socket.AF_INET6, struct.pack(">4I", *words))
    return address, int(port, 16)


def inet_sockets(table: str | None = None) -> list[InetSocket]:
    """Every internet socket of this network namespace (all processes)."""
    found = []
    for proto in (table,) if table else TABLES:
        path = Path("/proc/net") / proto
        if not path.exists():
            continue
        for line in path.read_text().splitlines()[1:]:
            fields = line.split()
            address, port = _address(fields[1])
            found.append(InetSocket(proto, address, port, fields[3], int(fields[9])))
    return found


def socket_inodes(pid: int) -> set[int]:
    """The inodes of every socket the process holds open."""
    inodes = set()
    fd_dir = Path(f"/proc/{pid}/fd")
    for entry in os.listdir(fd_dir):
        try:
            target = os.readlink(fd_dir / entry)
        except FileNotFoundError:  # closed while we looked
            continue
        if target.startswith("socket:["):
            inodes.add(int(target[len("socket:[") : -1]))
    return inodes


def process_inet_sockets(pid: int) -> list[InetSocket]:
    """The internet sockets (TCP/UDP, v4/v6) held by one process, in any state."""
    mine = socket_inodes(pid)
    return [s for s in inet_sockets() if s.inode in mine]
