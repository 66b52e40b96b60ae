# shellcheck shell=bash
# `bench/run.sh trace` (`./postroom bench trace`): issue 12's bar, "recording events must not slow mail: the SMTP and
# collect benchmarks with tracing on stay within 5% of tracing off (side by side, interleaved rounds)".
# Sourced by bench/run.sh after its options, checks and functions (prepare_root, add_users, warm_load, run_job,
# cleanup); not run alone.
#
# Two Postroom servers from the same jar run at once, each with its own data folder and ports, identical but for
# [trace] enabled: "trace-on" (ROOT/data, --port as for `smtp`, web --port + 4600) and "trace-off" (ROOT/data-off,
# every port + 10). The users are added once and the database copied, so both start from the same directory. Both are
# warmed up (--warmup messages each), then --rounds rounds, each measuring both, the order alternating (on, off; then
# off, on; ...) so that neither side always runs first on a machine that warms or cools:
#   smtp:    the shared harness's throughput runs (run-smtp-bench.sh, --count messages of --size KiB, --conc
#            senders, --runs runs), no latency or idle runs; msgs/s end to end (until the Maildirs hold them all);
#   collect: (root, Dovecot; skipped with a note otherwise) the reference Dovecot plays the provider as in
#            `bench collect` (bench/collect.sh: fill, then `postroom collect now bench --data ...`), --collect-count
#            messages (default 2000) per run, the same provider mailbox refilled before each side's run.
# Then the medians per side and the ratio on/off for each measure, with "within 5%" or "NOT within 5%".
#
# Options (also those of run.sh): --parts smtp,collect [both]  --collect-count N [2000]  --rounds N [10 here]
# Results in ROOT/results/<time>/ (bench.log, trace-results.txt).
# Example (a quick check that it runs): ./postroom bench trace --count 300 --rounds 1 --warmup 200 --runs 1 --collect-count 200
#          (the figures):               ./postroom bench trace --count 2000 --rounds 10 --runs 1

DATA_ON="$DATA" DATA_OFF="$ROOT/data-off"
OFF_SHIFT=10 WEB_SHIFT=4600
OFF_PID=""

# Stops both servers (run.sh's cleanup calls stop_postroom on any exit).
stop_one() { # PID
    alive "$1" || return 0
    kill -TERM "$1" 2>/dev/null || true
    for _ in $(seq 100); do alive "$1" || break; sleep 0.2; done
    alive "$1" && kill -KILL "$1" 2>/dev/null || true
}
stop_postroom() {
    if alive "$SERVER_PID"; then say "stopping Postroom trace-on (pid $SERVER_PID)"; stop_one "$SERVER_PID"; fi
    if alive "$OFF_PID"; then say "stopping Postroom trace-off (pid $OFF_PID)"; stop_one "$OFF_PID"; fi
    SERVER_PID="" OFF_PID=""
}

# trace_toml ENABLED SHIFT: the extra tables for one side (ports shifted by SHIFT from run.sh's own)
trace_toml() {
    cat <<EOF

[trace]
# bench/run.sh trace: the only difference between the two servers.
enabled = $1

[web]
port = $((PORT + WEB_SHIFT + $2))
EOF
}

start_side() { # DATA OUT: starts a server, prints its pid
    local data="$1" out="$2" pid
    POSTROOM_JAVA_OPTS="$JAVA_OPTS_SERVER" setsid "$APP/postroom" start --data "$data" --domain "$DOMAIN" > "$out" 2>&1 &
    pid=$!
    for _ in $(seq 600); do
        grep -q '^postroom: SMTP on' "$out" && break
        alive "$pid" || { cat "$out" >&2; die "Postroom ($data) exited during startup"; }
        sleep 0.2
    done
    grep -q '^postroom: SMTP on' "$out" || { tail -20 "$out" >&2; die "Postroom ($data) not ready after 120 s"; }
    grep '^postroom: SMTP on' "$out" >&2
    echo "$pid"
}

trace_collect_account() { # appended to both servers' postroom.toml when the collect part runs
    cat <<EOF

# bench/run.sh trace: the reference Dovecot plays the provider; only forced cycles do the work.
[[collect.account]]
name = "bench"
host = "127.0.0.1"
port = $((REF_PORT - 415))
tls = "none"
allow_plaintext = true
login = "$PROVIDER_LOGIN"
password = "$PASSWORD"
mode = "multi-drop"
domain_mailbox = "$PROVIDER_LOGIN"
envelope_headers = ["Delivered-To"]
interval = "24h"
keep = "0d"
EOF
}

# side_vars SIDE: points DATA (and what derives from it in collect.sh) at that side's folder
side_vars() {
    if [ "$1" = on ]; then DATA="$DATA_ON"; else DATA="$DATA_OFF"; fi
    postroom_reset="find '$DATA/mail' -mindepth 4 -maxdepth 4 -type f \\( -path '*/new/*' -o -path '*/cur/*' \\) -delete"
}
side_port() { if [ "$1" = on ]; then echo "$PORT"; else echo $((PORT + OFF_SHIFT)); fi; }
side_pid() { if [ "$1" = on ]; then echo "$SERVER_PID"; else echo "$OFF_PID"; fi; }

trace_smtp_round() { # SIDE ROUND
    local side="$1" r="$2" port
    side_vars "$side"
    port="$(side_port "$side")"
    say "round $r: SMTP, trace-$side (127.0.0.1:$port)"
    bash -c "$postroom_reset"
    run_job "$HARNESS/run-smtp-bench.sh" 127.0.0.1 "$port" "$DOMAIN" --users "$USERS" \
        --count "$COUNT" --size "$SIZE" --conc "$CONC" --runs "$RUNS" --timeout "$TIMEOUT" \
        --maildir-root "$DATA/mail" --reset-cmd "$postroom_reset" --latency 0 --idle-conns 0 \
        --pid "$(side_pid "$side")" --label "trace-$side" --out "$RESULTS/round$r-smtp-trace-$side"
}

# cpu_ticks PID: the process's user + system CPU so far, in clock ticks (/proc/PID/stat fields 14 and 15)
cpu_ticks() { awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "/proc/$1/stat"; }

trace_collect_round() { # SIDE ROUND
    local side="$1" r="$2" line load pid c0 c1 cpu_ms
    side_vars "$side"
    collect_fill "$COLLECT_COUNT" "$STAMP-$side-$r"
    load="$(cut -d' ' -f1-3 /proc/loadavg | tr ' ' /)"
    say "round $r: collect, trace-$side, $COLLECT_COUNT messages"
    pid="$(side_pid "$side")"
    c0="$(cpu_ticks "$pid")"
    run_postroom "$COLLECT_COUNT" "$RESULTS/collect-trace-$side-$r.out"
    c1="$(cpu_ticks "$pid")"
    # the server's CPU per message (the cycle runs in the server; the CLI that asks for it is the same on both sides)
    cpu_ms="$(awk -v d=$((c1 - c0)) -v t="$(getconf CLK_TCK)" -v n="$COLLECT_COUNT" 'BEGIN { printf "%.3f", d * 1000 / t / n }')"
    line="kind=collect label=trace-$side round=$r count=$COLLECT_COUNT seconds=$R_TOTAL msgs_per_s=$(rate "$COLLECT_COUNT" "$R_TOTAL") cycle_s=$R_CYCLE cycle_msgs_per_s=$(rate "$COLLECT_COUNT" "$R_CYCLE") cpu_ms_per_msg=$cpu_ms load=$load"
    [ "$r" = warmup ] && line="warmup $line"
    echo "$line" | tee -a "$BENCH_LOG"
    [ "$r" = warmup ] || echo "$line" >> "$RESULTS/trace-results.txt"
}

trace_bench() {
    local do_smtp=0 do_collect=0 p
    for p in ${PARTS//,/ }; do
        case "$p" in smtp) do_smtp=1 ;; collect) do_collect=1 ;; *) die "--parts takes smtp and/or collect, not '$p'" ;; esac
    done
    if [ "$do_collect" = 1 ]; then
        if [ "$(id -u)" != 0 ] || ! command -v dovecot >/dev/null || ! command -v postfix >/dev/null; then
            say "collect part skipped: it needs root and the reference Dovecot ('$HARNESS/reference-servers.sh install')"
            do_collect=0
        fi
    fi
    for p in $((PORT + OFF_SHIFT)) $((PORT + OFF_SHIFT + 62)) $((PORT + OFF_SHIFT - 60)) $((PORT + OFF_SHIFT - 415)) \
            $((PORT + OFF_SHIFT + 470)) $((PORT + OFF_SHIFT - 382)) $((PORT + OFF_SHIFT + 468)) $((PORT + WEB_SHIFT)) $((PORT + WEB_SHIFT + OFF_SHIFT)); do
        port_free "$p" || die "port $p is in use; pick another --port"
    done
    # shellcheck source=bench/collect.sh
    . "$HERE/collect.sh" # collect_fill, run_postroom, PROVIDER_*: used only by the collect part
    prepare_root
    : > "$RESULTS/trace-results.txt"
    rm -rf "$DATA_OFF"
    [ "$do_collect" = 1 ] && trace_collect_account >> "$DATA_ON/postroom.toml"
    cp "$DATA_ON/postroom.toml" "$ROOT/postroom-common.toml"
    trace_toml true 0 >> "$DATA_ON/postroom.toml"
    # the other side: same settings, every port + OFF_SHIFT
    mkdir -p "$DATA_OFF"
    python3 - "$ROOT/postroom-common.toml" "$OFF_SHIFT" > "$DATA_OFF/postroom.toml" <<'PY'
import re, sys
shift, table = int(sys.argv[2]), ""
for line in open(sys.argv[1]):
    line = line.rstrip("\n")
    if line.startswith("["):
        table = line.strip()
    m = re.match(r"^(port|submission_port|submissions_port|tls_port) = (\d+)$", line.strip())
    # the doors' ports move; the provider's port (in [[collect.account]]) does not
    print(f"{m.group(1)} = {int(m.group(2)) + shift}" if m and table in ("[smtp]", "[pop3]", "[imap]") else line)
PY
    trace_toml false "$OFF_SHIFT" >> "$DATA_OFF/postroom.toml"

    if [ "$do_collect" = 1 ]; then
        say "setting up the reference Dovecot under $ROOT/ref (POP3 $((REF_PORT - 415)))"
        "${REF[@]}" stop > /dev/null 2>&1 || true
        "${REF[@]}" setup | tail -1 >&2
        echo "$PROVIDER_LOGIN:{PLAIN}$PASSWORD" >> "$ROOT/ref/dovecot/users"
        mkdir -p "$PROVIDER_MB"/{new,cur,tmp}
        chown -R "$BENCH_OWNER:$BENCH_OWNER" "$ROOT/ref/vmail/$PROVIDER_DOMAIN"
        REF_STARTED=1
        "${REF[@]}" start >&2
        sleep 2
    fi

    # Users once, on the trace-on side, then the database copied (the server stopped: the file is whole).
    say "trace-on: $DATA_ON, trace-off: $DATA_OFF (ports + $OFF_SHIFT)"
    SERVER_PID="$(start_side "$DATA_ON" "$RESULTS/postroom-on.out")"
    [ -n "$SERVER_PID" ] || die "Postroom trace-on did not start"
    side_vars on
    add_users
    stop_one "$SERVER_PID"
    cp "$DATA_ON"/postroom.db* "$DATA_OFF/"
    SERVER_PID="$(start_side "$DATA_ON" "$RESULTS/postroom-on.out")"
    OFF_PID="$(start_side "$DATA_OFF" "$RESULTS/postroom-off.out")"
    [ -n "$SERVER_PID" ] && [ -n "$OFF_PID" ] || die "Postroom trace-on or trace-off did not start"
    {
        echo "# trace: parts=$PARTS rounds=$ROUNDS count=$COUNT conc=$CONC runs=$RUNS size=${SIZE}KiB collect_count=$COLLECT_COUNT warmup=$WARMUP"
        echo "# loadavg $(cut -d' ' -f1-3 /proc/loadavg)"
    } | tee -a "$BENCH_LOG" >&2

    local side
    if [ "$WARMUP" -gt 0 ]; then
        for side in on off; do
            side_vars "$side"
            [ "$do_smtp" = 1 ] && { warm_load "trace-$side" "$(side_port "$side")" bench@loadgen.test "user1@$DOMAIN"; bash -c "$postroom_reset"; }
            [ "$do_collect" = 1 ] && trace_collect_round "$side" warmup
        done
    fi
    local r order
    for r in $(seq "$ROUNDS"); do
        if [ $((r % 2)) = 1 ]; then order="on off"; else order="off on"; fi
        for side in $order; do
            [ "$do_smtp" = 1 ] && trace_smtp_round "$side" "$r"
            [ "$do_collect" = 1 ] && trace_collect_round "$side" "$r"
        done
    done
    mem_line trace-on after "$SERVER_PID" | tee -a "$BENCH_LOG"
    mem_line trace-off after "$OFF_PID" | tee -a "$BENCH_LOG"
    stop_postroom
    if [ "$do_collect" = 1 ]; then "${REF[@]}" stop > /dev/null 2>&1 || true; REF_STARTED=0; fi
    local f
    for r in $(seq "$ROUNDS"); do
        for side in on off; do
            for f in "$RESULTS/round$r-smtp-trace-$side"/smtp-trace-"$side"-*.txt; do
                [ -f "$f" ] && grep -h '^kind=smtp_throughput' "$f" | sed "s/\$/ round=$r/" >> "$RESULTS/trace-results.txt"
            done
        done
    done
    echo
    echo "== results in $RESULTS"
    echo "== medians over $ROUNDS round(s), tracing on / off"
    python3 - "$RESULTS/trace-results.txt" <<'PY' | tee -a "$BENCH_LOG"
import statistics, sys
rows = []
for line in open(sys.argv[1]):
    kv = dict(p.split("=", 1) for p in line.split() if "=" in p)
    rows.append(kv)
def med(rs, key):
    v = [float(r[key]) for r in rs if r.get(key) not in (None, "", "timeout", "nan")]
    return statistics.median(v) if v else None
measures = []
for conc in sorted({r["conc"] for r in rows if r.get("kind") == "smtp_throughput"}, key=int):
    key = "e2e_msgs_per_s"
    measures.append((f"smtp c{conc} msgs/s end to end", lambda r, c=conc: r.get("kind") == "smtp_throughput" and r["conc"] == c, key, True))
    measures.append((f"smtp c{conc} server cpu-ms/msg", lambda r, c=conc: r.get("kind") == "smtp_throughput" and r["conc"] == c, "cpu_ms_per_msg", False))
if any(r.get("kind") == "collect" for r in rows):
    measures.append(("collect msgs/s (until all filed)", lambda r: r.get("kind") == "collect", "msgs_per_s", True))
    measures.append(("collect msgs/s (the cycle itself)", lambda r: r.get("kind") == "collect", "cycle_msgs_per_s", True))
    measures.append(("collect server cpu-ms/msg", lambda r: r.get("kind") == "collect" and "cpu_ms_per_msg" in r, "cpu_ms_per_msg", False))
for r in rows:
    if r.get("kind") == "smtp_throughput" and "cpu_server_s" in r and r.get("count"):
        r["cpu_ms_per_msg"] = str(float(r["cpu_server_s"]) * 1000 / float(r["count"]))
for name, match, key, higher_better in measures:
    on = med([r for r in rows if match(r) and r.get("label") == "trace-on"], key)
    off = med([r for r in rows if match(r) and r.get("label") == "trace-off"], key)
    if on is None or off is None:
        print(f"SUMMARY trace {name}: on={on} off={off} (incomplete)")
        continue
    ratio = on / off if off else float("nan")
    cost = (1 - ratio) if higher_better else (ratio - 1)  # how much worse tracing on is
    verdict = "within 5%" if cost <= 0.05 else "NOT within 5%"
    # Each round's two sides ran back to back: their ratio does not carry the machine's drift between rounds.
    paired = []
    for rnd in sorted({r.get("round") for r in rows if match(r)} - {None}, key=int):
        a = med([r for r in rows if match(r) and r.get("round") == rnd and r.get("label") == "trace-on"], key)
        b = med([r for r in rows if match(r) and r.get("round") == rnd and r.get("label") == "trace-off"], key)
        if a is not None and b:
            paired.append(a / b)
    rounds = ""
    if paired:
        rounds = f"; per round: median {statistics.median(paired):.3f}, range {min(paired):.3f}-{max(paired):.3f} ({' '.join(f'{p:.3f}' for p in paired)})"
    print(f"SUMMARY trace {name}: on={on:.2f} off={off:.2f} on/off={ratio:.3f} ({verdict}){rounds}")
PY
}
