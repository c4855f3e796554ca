#!/usr/bin/env bash
# Records the capture fixtures in test/fixtures/captures/: real TCP connections on the loopback
# interface, one pcapng per case, a tshark decoding of each (.tsv) for the tests to compare the
# reader against, two pcap copies, and the traces (.json).
#
#   bash scripts/captures/make-captures.sh            all cases
#   bash scripts/captures/make-captures.sh 04-half-close 07-ipv6
#
# Needs root (capturing) and dumpcap, tshark, editcap:
#   apt-get install -y tshark
set -euo pipefail
cd "$(dirname "$0")/../.."

OUT=test/fixtures/captures
SCENARIOS=scripts/captures/scenarios.ts
# Retries for the simultaneous close, whose FINs cross only when a race is won.
CROSSING_TRIES=${CROSSING_TRIES:-60}

for tool in dumpcap tshark editcap; do
  command -v "$tool" >/dev/null || { echo "$tool is missing: apt-get install -y tshark" >&2; exit 1; }
done
mkdir -p "$OUT"

# capture FILE PORT: records one run of the case into $OUT/FILE.pcapng.
capture() {
  local file=$1 port=$2
  local pcap="$OUT/$file.pcapng" log
  log=$(mktemp)
  rm -f "$pcap"
  dumpcap -q -i lo -f "tcp port $port" -w "$pcap" 2>"$log" &
  local pid=$!
  # dumpcap creates the file once the capture is open; wait for that, then a little more so the
  # first SYN cannot slip in before the filter is attached.
  for _ in $(seq 100); do
    [[ -s "$pcap" ]] && grep -q 'Capturing on' "$log" && break
    kill -0 "$pid" 2>/dev/null || { cat "$log" >&2; return 1; }
    sleep 0.1
  done
  sleep 0.5
  local status=0
  npx --no-install tsx "$SCENARIOS" run "$file" </dev/null || status=$?
  # Let the last ACK (and any delayed ACK) reach the capture before stopping.
  sleep 0.5
  kill -INT "$pid"
  wait "$pid" || true
  chmod 644 "$pcap" # dumpcap writes 0600; fixtures are for everyone
  rm -f "$log"
  return "$status"
}

# decode FILE: the second decoding, by tshark, that the tests compare the reader with.
decode() {
  tshark -r "$OUT/$1.pcapng" -T fields -E header=y -E separator=/t \
    -e frame.number -e tcp.stream -e ip.src -e ipv6.src -e tcp.srcport -e tcp.dstport \
    -e tcp.seq_raw -e tcp.ack_raw -e tcp.len -e tcp.window_size_value -e tcp.window_size \
    -e tcp.flags -e frame.time_relative 2>/dev/null >"$OUT/$1.tsv"
}

# crossed FILE: true when the two FINs crossed, i.e. the second FIN does not acknowledge the first.
crossed() {
  tshark -r "$OUT/$1.pcapng" -Y 'tcp.flags.fin == 1' -T fields \
    -e tcp.srcport -e tcp.seq_raw -e tcp.len -e tcp.ack_raw 2>/dev/null |
    awk 'NR == 1 { port = $1; end = ($2 + $3) % 4294967296 }
         NR == 2 && $1 != port && $4 == end { crossed = 1 }
         END { exit crossed ? 0 : 1 }'
}

if [[ $# -gt 0 ]]; then
  wanted=" $* "
else
  wanted=""
fi

mapfile -t cases < <(npx --no-install tsx "$SCENARIOS" list)
for line in "${cases[@]}"; do
  read -r file port <<<"$line"
  [[ -z "$wanted" || "$wanted" == *" $file "* ]] || continue
  echo "== $file (tcp port $port)"
  if [[ "$file" == *simultaneous-close ]]; then
    ok=0
    for try in $(seq "$CROSSING_TRIES"); do
      capture "$file" "$port"
      if crossed "$file"; then ok=1; echo "   FINs crossed on try $try"; break; fi
    done
    if [[ $ok == 0 ]]; then
      echo "   the FINs never crossed in $CROSSING_TRIES tries: case skipped" >&2
      rm -f "$OUT/$file".*
      continue
    fi
  else
    capture "$file" "$port"
  fi
  decode "$file"
done

# The same packets in the older pcap container, with micro- and nanosecond timestamps.
if [[ -f "$OUT/03-data-both-ways.pcapng" ]]; then
  editcap -F pcap "$OUT/03-data-both-ways.pcapng" "$OUT/03-data-both-ways.pcap"
fi
if [[ -f "$OUT/07-ipv6.pcapng" ]]; then
  editcap -F nsecpcap "$OUT/07-ipv6.pcapng" "$OUT/07-ipv6.nsec.pcap"
fi

npx --no-install tsx scripts/captures/pcap-to-trace.ts
