"""The client half of the Fast Open capture cases (Node has no MSG_FASTOPEN).

    python3 fastopen-client.py HOST PORT SEND EXPECT

sendto() with MSG_FASTOPEN puts SEND bytes on the SYN when the kernel holds a cookie for HOST (or
when net.ipv4.tcp_fastopen has 0x4: no cookie needed), otherwise it asks for a cookie and sends the
bytes after the handshake. Then it reads EXPECT bytes, half-closes, and waits for the server's FIN.
"""

import socket
import sys

host, port, send, expect = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
family = socket.AF_INET6 if ":" in host else socket.AF_INET
s = socket.socket(family, socket.SOCK_STREAM)
s.sendto(b"f" * send, socket.MSG_FASTOPEN, (host, port))
received = 0
while received < expect:
    chunk = s.recv(65536)
    if not chunk:
        break
    received += len(chunk)
s.shutdown(socket.SHUT_WR)
while s.recv(65536):
    pass
s.close()
