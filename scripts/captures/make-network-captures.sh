#!/usr/bin/env bash
# Records the network capture fixtures in test/fixtures/captures/network/: real Linux TCP between
# two network namespaces joined by a router namespace (client c0 - r0 router r1 - s0 server),
# each case with its own sysctls, link impairments (impair.py: delay, reordering, loss) and offload
# sizes (network-scenarios.ts), captured
# with dumpcap at one point of the path. Writes one pcapng per case, tshark's decoding (.tsv) and
# the traces (.json). Every namespace is created afresh for each case and deleted on exit.
#
#   bash scripts/captures/make-network-captures.sh             all cases
#   bash scripts/captures/make-network-captures.sh 27-loss     some cases
#
# Needs root, iproute2, python3 (the link, the Fast Open client), dumpcap and tshark:
#   apt-get install -y tshark iproute2 python3
set -euo pipefail
cd "$(dirname "$0")/../.."

OUT=test/fixtures/captures/network
SCENARIOS=scripts/captures/network-scenarios.ts
# Headers only: 256 bytes hold Ethernet, IPv6 with a hop-by-hop header and TCP with all its options;
# the reader takes payload lengths from the IP header, so the fixtures stay small.
SNAPLEN=256
# Loss and reordering are random or timing-bound: a case is recorded again until the capture shows
# what it is about (check below), at most this many times.
TRIES=${TRIES:-8}

for tool in ip dumpcap tshark python3; do
  command -v "$tool" >/dev/null || { echo "$tool is missing" >&2; exit 1; }
done
[[ $(id -u) == 0 ]] || { echo "run as root (network namespaces, capturing)" >&2; exit 1; }
mkdir -p "$OUT"

NS_CLIENT="hanet$$-c"
NS_ROUTER="hanet$$-r"
NS_SERVER="hanet$$-s"
CONTROL=$(mktemp)
PIDS=()

teardown() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  PIDS=()
  for ns in "$NS_CLIENT" "$NS_ROUTER" "$NS_SERVER"; do
    ip netns del "$ns" 2>/dev/null || true
  done
}
trap 'teardown; rm -f "$CONTROL" "$CONTROL.log"' EXIT

ns_of() { # ns_of ROLE: the namespace's name
  case $1 in
    client) echo "$NS_CLIENT" ;;
    router) echo "$NS_ROUTER" ;;
    server) echo "$NS_SERVER" ;;
    *) echo "unknown role $1" >&2; return 1 ;;
  esac
}

in_ns() { # in_ns ROLE command...
  local ns
  ns=$(ns_of "$1")
  shift
  ip netns exec "$ns" "$@"
}

# topology: three namespaces; the client reaches the router over a veth pair (c0 - r0), the router
# reaches the server over the userspace link of impair.py (two TUN devices, r1 - s0), which delays,
# reorders and drops as the case's "link" lines say.
topology() {
  teardown
  ip netns add "$NS_CLIENT"
  ip netns add "$NS_ROUTER"
  ip netns add "$NS_SERVER"
  ip link add name c0 netns "$NS_CLIENT" type veth peer name r0 netns "$NS_ROUTER"
  : >"$CONTROL"
  ip netns exec "$NS_ROUTER" python3 scripts/captures/impair.py r1 s0 "$CONTROL" >"$CONTROL.log" 2>&1 &
  PIDS+=("$!")
  for _ in $(seq 100); do
    grep -q ready "$CONTROL.log" && break
    sleep 0.1
  done
  grep -q ready "$CONTROL.log" || { cat "$CONTROL.log" >&2; return 1; }
  in_ns router ip link set s0 netns "$NS_SERVER"
  in_ns client ip addr add 10.203.1.1/24 dev c0
  in_ns client ip -6 addr add fd00:203:1::1/64 dev c0 nodad
  in_ns router ip addr add 10.203.1.2/24 dev r0
  in_ns router ip -6 addr add fd00:203:1::2/64 dev r0 nodad
  in_ns router ip addr add 10.203.2.2/24 dev r1
  in_ns router ip -6 addr add fd00:203:2::2/64 dev r1 nodad
  in_ns server ip addr add 10.203.2.1/24 dev s0
  in_ns server ip -6 addr add fd00:203:2::1/64 dev s0 nodad
  local who
  for who in client router server; do in_ns "$who" ip link set lo up; done
  in_ns client ip link set c0 up
  in_ns router ip link set r0 up
  in_ns router ip link set r1 up
  in_ns server ip link set s0 up
  in_ns client ip route add default via 10.203.1.2
  in_ns client ip -6 route add default via fd00:203:1::2
  in_ns server ip route add default via 10.203.2.2
  in_ns server ip -6 route add default via fd00:203:2::2
  in_ns router sysctl -q -w net.ipv4.ip_forward=1 net.ipv6.conf.all.forwarding=1 \
    net.ipv4.conf.all.rp_filter=0 net.ipv4.conf.default.rp_filter=0
}

# setup FILE: the case's settings; "link to-server|to-client KEY=VALUE..." lines go to impair.py.
setup() {
  local who command
  while read -r who command; do
    [[ -z "$who" ]] && continue
    if [[ "$who" == link ]]; then
      echo "$command" | sed -e 's/^to-server/to-b/' -e 's/^to-client/to-a/' >>"$CONTROL"
    else
      # shellcheck disable=SC2086 # the case's command is split into words on purpose
      in_ns "$who" $command
    fi
  done < <(npx --no-install tsx "$SCENARIOS" setup "$1")
}

# record FILE PORT ROLE IFACE: one run of the case into $OUT/FILE.pcapng.
record() {
  local file=$1 port=$2 role=$3 iface=$4
  local pcap="$OUT/$file.pcapng" log serverlog
  topology
  setup "$file"
  log=$(mktemp)
  serverlog=$(mktemp)
  rm -f "$pcap"
  # started without a function or subshell around it, so that $! is dumpcap itself
  # "tcp port" does not look past IPv6 extension headers: a jumbogram (hop-by-hop header first)
  # needs protochain; only this case's traffic runs in the namespaces anyway
  ip netns exec "$(ns_of "$role")" dumpcap -q -i "$iface" -s "$SNAPLEN" \
    -f "tcp port $port or (ip6 protochain 6)" -w "$pcap" 2>"$log" &
  local capture=$!
  PIDS+=("$capture")
  for _ in $(seq 100); do
    [[ -s "$pcap" ]] && grep -q 'Capturing on' "$log" && break
    kill -0 "$capture" 2>/dev/null || { cat "$log" >&2; return 1; }
    sleep 0.1
  done
  sleep 0.5
  ip netns exec "$(ns_of "$(npx --no-install tsx "$SCENARIOS" server-at "$file")")" \
    node --import tsx "$SCENARIOS" server "$file" >"$serverlog" &
  local server=$!
  PIDS+=("$server")
  for _ in $(seq 100); do
    grep -q ready "$serverlog" && break
    sleep 0.1
  done
  local status=0
  in_ns client env HA_LINK_CONTROL="$CONTROL" node --import tsx "$SCENARIOS" client "$file" </dev/null ||
    status=$?
  # the server half exits once its last connection is closed; 10 s at most
  for _ in $(seq 100); do kill -0 "$server" 2>/dev/null || break; sleep 0.1; done
  kill "$server" 2>/dev/null || true
  sleep 0.5
  kill -INT "$capture"
  wait "$capture" || true
  chmod 644 "$pcap"
  rm -f "$log" "$serverlog"
  teardown
  return "$status"
}

count() { # count FILE FILTER: frames matching a display filter
  tshark -r "$OUT/$1.pcapng" -Y "$2" 2>/dev/null | wc -l
}

# shows FILE: true when the capture shows what the case is about.
shows() {
  local f=$1
  case $f in
    21-keepalive) (($(count "$f" tcp.analysis.keep_alive) >= 3)) ;;
    # data on a SYN, and no RST: a FIN retransmission crossing the last ACK (a busy host) would
    # draw one from the closed server and end the client's TIME_WAIT early
    22-fast-open | 23-fast-open-refused)
      (($(count "$f" 'tcp.flags.syn == 1 && tcp.flags.ack == 0 && tcp.len > 0') >= 1)) &&
        (($(count "$f" 'tcp.flags.reset == 1') == 0)) ;;
    24-old-ack) old_ack "$f" ;;
    25-offload) (($(count "$f" 'tcp.len > 1448') >= 1)) ;;
    26-big-tcp) (($(count "$f" 'ip && tcp.len > 65535') >= 1)) && (($(count "$f" 'ipv6 && tcp.len > 65535') >= 1)) ;;
    27-loss) (($(count "$f" 'tcp.analysis.retransmission || tcp.analysis.fast_retransmission') >= 2)) ;;
    28-reorder-at-receiver) (($(count "$f" 'tcp.analysis.out_of_order || tcp.analysis.lost_segment') >= 1)) ;;
    29-rst-after-close) (($(count "$f" 'tcp.flags.reset == 1') >= 2)) ;;
    30-repacketized) repacketized "$f" ;;
    *) true ;;
  esac
}

# old_ack FILE: a server ACK below one the capture saw earlier.
old_ack() {
  tshark -r "$OUT/$1.pcapng" -Y 'tcp.srcport == 45204 && tcp.flags.syn == 0' -T fields -e tcp.ack 2>/dev/null |
    awk '$1 < max { found = 1 } $1 > max { max = $1 } END { exit found ? 0 : 1 }'
}

# repacketized FILE: a client segment from an earlier seq that ends beyond everything seen before.
repacketized() {
  tshark -r "$OUT/$1.pcapng" -Y 'tcp.dstport == 45210 && tcp.len > 0' -T fields -e tcp.seq -e tcp.len 2>/dev/null |
    awk '{ end = $1 + $2 } $1 < top && end > top { found = 1 } end > top { top = end } END { exit found ? 0 : 1 }'
}

decode() {
  tshark -r "$OUT/$1.pcapng" -T fields -E header=y -E separator=/t \
    -e frame.number -e tcp.stream -e ip.src -e ipv6.src -e tcp.srcport -e tcp.dstport \
    -e tcp.seq_raw -e tcp.ack_raw -e tcp.len -e tcp.window_size_value -e tcp.window_size \
    -e tcp.flags -e frame.time_relative 2>/dev/null >"$OUT/$1.tsv"
}

if [[ $# -gt 0 ]]; then wanted=" $* "; else wanted=""; fi

mapfile -t cases < <(npx --no-install tsx "$SCENARIOS" list)
for line in "${cases[@]}"; do
  read -r file port role iface <<<"$line"
  [[ -z "$wanted" || "$wanted" == *" $file "* ]] || continue
  echo "== $file (tcp port $port, captured at $role $iface)"
  ok=0
  for try in $(seq "$TRIES"); do
    if record "$file" "$port" "$role" "$iface" && shows "$file"; then
      ok=1
      echo "   recorded on try $try"
      break
    fi
  done
  if [[ $ok == 0 ]]; then
    echo "   $file never showed its case in $TRIES tries: left out" >&2
    # KEEP_FAILED=1 keeps the last try's capture, to see what went wrong
    [[ ${KEEP_FAILED:-0} == 1 ]] || rm -f "$OUT/$file".*
    continue
  fi
  decode "$file"
done

npx --no-install tsx scripts/captures/pcap-to-trace.ts --network
