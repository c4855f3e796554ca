"""Sets a device's IPv4 BIG TCP sizes over rtnetlink (iproute2 before 6.3 has no gso_ipv4_max_size).

    python3 set-ipv4-gso.py DEVICE SIZE

Sets IFLA_GSO_IPV4_MAX_SIZE and IFLA_GRO_IPV4_MAX_SIZE of DEVICE in the current network namespace
(Linux 6.3 or later); gso_max_size and gro_max_size, which IPv6 uses, are set with ip link.
"""

import socket
import struct
import sys

RTM_SETLINK = 19
NLM_F_REQUEST = 0x1
NLM_F_ACK = 0x4
NLMSG_ERROR = 0x2
IFLA_GSO_IPV4_MAX_SIZE = 63
IFLA_GRO_IPV4_MAX_SIZE = 64

device, size = sys.argv[1], int(sys.argv[2])
index = socket.if_nametoindex(device)
attrs = b"".join(struct.pack("HHI", 8, kind, size) for kind in (IFLA_GSO_IPV4_MAX_SIZE, IFLA_GRO_IPV4_MAX_SIZE))
body = struct.pack("BxHiII", socket.AF_UNSPEC, 0, index, 0, 0) + attrs
message = struct.pack("IHHII", 16 + len(body), RTM_SETLINK, NLM_F_REQUEST | NLM_F_ACK, 1, 0) + body
with socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, socket.NETLINK_ROUTE) as s:
    s.send(message)
    reply = s.recv(4096)
kind = struct.unpack_from("H", reply, 4)[0]
error = struct.unpack_from("i", reply, 16)[0] if kind == NLMSG_ERROR else 0
if error:
    sys.exit(f"set-ipv4-gso.py: {device}: error {-error}")
