#!/usr/bin/env bash
# Postroom benchmarks, on loopback only, with the shared harness in /work/shared/bench
# (BENCH_HARNESS overrides). Called by the launcher as `./postroom bench ...`, or directly.
#
#   bench/run.sh smtp    [options]  Postroom alone: SMTP throughput (1 and 10 senders), latency,
#                                   memory fresh and with 1000 idle connections
#   bench/run.sh compare [options]  the same against Postfix (reference-servers.sh) and Postroom,
#                                   interleaved: postfix, postroom, postfix, postroom ... (--rounds)
#   bench/run.sh relay   [options]  outbound: N messages for remote.test relayed to smtp-sink (Postroom's
#                                   smarthost), end to end; with Postfix side by side when it is set up
#   bench/run.sh pop3    [options]  POP3: fill 100 mailboxes x 100 messages of 5 KiB through SMTP, then log in
#                                   to each, RETR + DELE everything; msgs/s and MB/s, side by side with Dovecot
#                                   when it is installed (interleaved rounds; see "pop3" below)
#   bench/run.sh imap    [options]  IMAP: the shared run-imap-bench.sh (a 100,000-message INBOX, delivery to an
#                                   idling client, 1000 sessions in IDLE, a mixed load) against Postroom and,
#                                   as root with the reference servers installed, Dovecot, interleaved rounds,
#                                   the same Argon2id hash for both (bench/imap.sh, which this script sources)
#   bench/run.sh collect [options]  the collector: --count messages (default 10000) of 5 KiB for 100 users from the
#                                   reference Dovecot's POP3, sorted into Postroom's Maildirs by `postroom collect now`,
#                                   side by side with fetchmail handing the same mailbox to the reference Postfix;
#                                   msgs/s per round and the ratio (bench/collect.sh, which this script sources;
#                                   root, fetchmail, postfix, dovecot; default --root /tmp/postroom-bench-collect)
#   bench/run.sh trace   [options]  issue 12's bar: two Postroom servers, [trace] enabled = true and false, measured
#                                   side by side in interleaved rounds, SMTP throughput and (root, Dovecot) the
#                                   collector; medians and the on/off ratio per measure (bench/trace.sh, which this
#                                   script sources; --parts smtp,collect, --collect-count N [2000], --rounds [4 here])
#   bench/run.sh trace-query [--events N]  the trace: N events (default 1000000) written through the server's
#                                   writer, then `postroom trace` queries by address, Message-ID, queue id and client,
#                                   median and slowest of 50 each (bar: 100 ms)
#   bench/run.sh cli [--runs N] [--port P] [--root DIR]  admin commands' wall time, start to exit (issue 14): mean,
#                                   median, p90 of N runs (30) the way the launcher ran them before, without and with
#                                   the AOT cache, and handed to the server that runs on --port (6525) meanwhile
#                                   (bench/cli.sh, which this script sources; default --root /tmp/postroom-bench-cli)
#   bench/run.sh console [--users N] [--queued N] [--requests N] [--port 5525] [--root DIR]
#                                   issue 13's page bar: 1000 users and 10000 queued messages (smarthost down), every
#                                   console page and API read, median and p90 of server (Server-Timing) and client
#                                   time; bar 100 ms server time (bench/console.sh, which this script sources)
#   bench/run.sh help
#
# What `smtp` does:
#   1. copies the launcher, target/postroom.jar and target/lib/ to ROOT/app, so that builds by others in the
#      working tree (mvn package/verify rewrite target/postroom.jar) cannot change the jar under
#      the running server; the copy runs exactly as `./postroom start` would;
#   2. makes a fresh data folder ROOT/data with a postroom.toml: bind 127.0.0.1, SMTP on --port
#      (default 3525; submission 3587, submissions 3465 — not 2525, which the reference Postfix
#      and a default Postroom use), max_connections 3000, max_connections_per_client 2000;
#   3. starts Postroom (`postroom start --data ROOT/data --domain example.test`) in its own
#      session and waits for "postroom: SMTP on ..." (at most 120 s);
#   4. adds user1..userN@example.test, password "secret", with `postroom user add --password-stdin`,
#      nproc CLI processes at a time (there is no bulk import; each call is one JVM start plus one
#      Argon2 hash: 1.7 CPU-s with default flags, 0.65 with the C1 + AOT-cache flags used here);
#   5. runs /work/shared/bench/run-smtp-bench.sh 127.0.0.1 PORT example.test --count N --size 5
#      --conc 1,10 --runs R --maildir-root ROOT/data/mail --latency L --idle-conns 1000
#      --pid JAVA_PID --label postroom (mail is removed from the Maildirs before each run);
#   6. stops Postroom (SIGTERM, then SIGKILL after 20 s) and everything else it started, on any exit.
#
# `compare` also needs Postfix (Debian package postfix, which has smtp-source, and dovecot, which
# reference-servers.sh sets up too): run `/work/shared/bench/reference-servers.sh install` once, as root.
# It sets the reference servers up under ROOT/ref on their own ports (Postfix SMTP --ref-port,
# default 4525; smtp-sink 4626, POP3 4110, IMAP 4143), runs the same bench against both, and stops them.
#
# Options (defaults in brackets):
#   --count N [2000]     messages per throughput run      --runs R [2]      runs per configuration
#                        (collect: messages per measured run, default 10000)
#   --conc LIST [1,10]   concurrent senders               --size KIB [5]    payload size
#   --latency N [200]    paced single transactions (10/s) per latency run, 0 = skip
#   --idle-conns N [1000] idle connections held --idle-hold S [20] s, 0 = skip
#   --users N [100]      recipients user1..userN
#   --port P [3525]      Postroom's SMTP port (submission P+62, submissions P-60)
#   --ref-port P [4525]  Postfix's SMTP port (compare)
#   --rounds N [2]       compare: how many times each server is measured, alternating
#   --root DIR [/tmp/postroom-bench; collect: /tmp/postroom-bench-collect]  data, copies and results (ROOT/results/<time>/)
#   --java-opts "..."    extra JVM options for the server (sets POSTROOM_JAVA_OPTS for it only)
#   --label NAME [postroom]  label of Postroom's results
#   --timeout S [300]    per harness run; every harness call is also cut after 40 min
#   --reuse-users        start from a copy of the postroom.db that an earlier run with the same jar
#                        and --users made with the CLI (ROOT/users-cache/), instead of adding the
#                        users again (saves 1-2 minutes when comparing JVM options); mail, config,
#                        TLS files and logs are still fresh
#   --same-jar           run the jar copied to ROOT/app by the previous run again, not the working
#                        tree's (others rebuild it all the time): for comparing JVM options
#   --warmup N [10000]   messages sent (half by 1 session, half by 10, not measured) to each server
#                        before its first measurement, so that the JVM's JIT has compiled the hot paths
#                        of both (pop3: N messages to user1, then RETR+DELE). Postroom's JIT takes
#                        thousands of messages: relaying at 1 session, the first 1000 after a start go
#                        at ~260 msgs/s; this harness's 1-session relay run measured ~430 after a
#                        4000-message warm-up and 460-520 after 10000
#   --per-user M [100]   pop3: messages per mailbox       --pop3-conc LIST [1,4]  pop3: parallel sessions
#   --ref-passwords argon2id|plain [argon2id]  pop3: the reference Dovecot's users get Postroom's own
#                        Argon2id hash (the same cost per login for both) or keep their plaintext passwords
#   --imap-only LIST [big,idle,idlemem,mixed]  imap: which measurements  --imap-count N [100000]  imap: big INBOX
#   --imap-cold CMD      imap: run before each big run to drop Postroom's index of the big INBOX
#                        [rm -f BIG/postroom-index: the loaded folder then reads its files again, and
#                        its header cache goes with it]; 'none': no cold command (every first SELECT warm)
#   --fetchmail smtp|mda|smtp,mda [smtp,mda]  collect: how fetchmail hands mail to Postfix (bench/collect.sh)
# Environment: BENCH_HARNESS [/work/shared/bench].
#
# Defaults finish in about 5 minutes for `smtp` (most of it user creation, latency and idle hold)
# and about 12 minutes for `compare`. Nothing is left running: Postroom, the reference servers and
# the load generators are stopped when the script ends, also on Ctrl-C or SIGTERM.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(dirname "$HERE")"
HARNESS="${BENCH_HARNESS:-/work/shared/bench}"

usage() { sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d' | sed 's/^# \{0,1\}//'; }
die() { echo "bench: $*" >&2; exit 1; }
say() { echo "bench: $*" >&2; [ -z "${BENCH_LOG:-}" ] || [ ! -d "$(dirname "$BENCH_LOG")" ] || echo "bench: $*" >> "$BENCH_LOG"; }

CMD="${1:-help}"
[ $# -gt 0 ] && shift
if [ "$CMD" = cli ]; then # admin commands' start-to-exit times (issue 14): bench/cli.sh
    . "$HERE/cli.sh"
    exit 0
fi
if [ "$CMD" = console ]; then # issue 13's page bar: bench/console.sh
    # shellcheck source=bench/console.sh
    . "$HERE/console.sh"
    console_bench "$@"
    exit $?
fi
if [ "$CMD" = trace-query ]; then # the trace's query over 1M events (issue 12): org.postroom.trace.QueryBenchmark [--events N]
    exec "${JAVA_HOME:-/usr}/bin/java" -cp "$REPO/target/postroom.jar:$REPO/target/lib/*" org.postroom.trace.QueryBenchmark "$@"
fi
case "$CMD" in
    smtp|compare|relay|pop3|collect|imap|trace) ;;
    help|-h|--help) usage; exit 0 ;;
    *) usage >&2; echo >&2; die "unknown subcommand '$CMD' (smtp, compare, relay, pop3, collect, imap, trace, trace-query, cli, console or help)" ;;
esac

COUNT=2000 RUNS=2 CONC=1,10 SIZE=5 LAT=200 IDLE=1000 IDLE_HOLD=20 USERS=100
PORT=3525 REF_PORT=4525 ROUNDS=2 ROOT=/tmp/postroom-bench JAVA_OPTS_SERVER="" LABEL=postroom
TIMEOUT=300 DOMAIN=example.test PASSWORD=secret WARMUP=10000 WARMUP_GIVEN=0 REUSE_USERS=0 SAME_JAR=0
IMAP_ONLY=big,idle,idlemem,mixed IMAP_COUNT=100000 IMAP_COLD=""
PER_USER=100 POP3_CONC=1,4 REF_PASSWORDS=argon2id COUNT_GIVEN=0 ROOT_GIVEN=0 FM_WAYS=smtp,mda
PARTS=smtp,collect COLLECT_COUNT=2000 ROUNDS_GIVEN=0
while [ $# -gt 0 ]; do
    if [ "$1" = --reuse-users ]; then REUSE_USERS=1; shift; continue; fi
    if [ "$1" = --same-jar ]; then SAME_JAR=1; shift; continue; fi
    [ $# -ge 2 ] || die "option $1 needs a value"
    case "$1" in
        --count) COUNT="$2" COUNT_GIVEN=1 ;;
        --runs) RUNS="$2" ;;
        --conc) CONC="$2" ;;
        --size) SIZE="$2" ;;
        --latency) LAT="$2" ;;
        --idle-conns) IDLE="$2" ;;
        --idle-hold) IDLE_HOLD="$2" ;;
        --users) USERS="$2" ;;
        --port) PORT="$2" ;;
        --ref-port) REF_PORT="$2" ;;
        --rounds) ROUNDS="$2" ROUNDS_GIVEN=1 ;;
        --parts) PARTS="$2" ;;
        --collect-count) COLLECT_COUNT="$2" ;;
        --root) ROOT="$2" ROOT_GIVEN=1 ;;
        --java-opts) JAVA_OPTS_SERVER="$2" ;;
        --label) LABEL="$2" ;;
        --timeout) TIMEOUT="$2" ;;
        --per-user) PER_USER="$2" ;;
        --pop3-conc) POP3_CONC="$2" ;;
        --ref-passwords) REF_PASSWORDS="$2" ;;
        --warmup) WARMUP="$2"; WARMUP_GIVEN=1 ;;
        --fetchmail) FM_WAYS="$2" ;;
        --imap-only) IMAP_ONLY="$2" ;;
        --imap-count) IMAP_COUNT="$2" ;;
        --imap-cold) IMAP_COLD="$2" ;;
        *) die "unknown option $1 (see: bench/run.sh help)" ;;
    esac
    shift 2
done
if [ "$CMD" = collect ]; then # its own defaults (bench/collect.sh)
    [ "$COUNT_GIVEN" = 1 ] || COUNT=10000
    [ "$ROOT_GIVEN" = 1 ] || ROOT=/tmp/postroom-bench-collect
    [ "$WARMUP_GIVEN" = 1 ] || WARMUP=500 # fetchmail over SMTP goes at ~20 msgs/s
fi
num() { [[ "$2" =~ ^[0-9]+$ ]] || die "$1 must be a whole number, not '$2'"; }
num --count "$COUNT"; num --runs "$RUNS"; num --latency "$LAT"; num --idle-conns "$IDLE"
num --idle-hold "$IDLE_HOLD"; num --users "$USERS"; num --port "$PORT"; num --ref-port "$REF_PORT"
num --rounds "$ROUNDS"; num --timeout "$TIMEOUT"; num --warmup "$WARMUP"
[ "$WARMUP" -le 20000 ] || die "--warmup must be at most 20000"
[[ "$CONC" =~ ^[0-9]+(,[0-9]+)*$ ]] || die "--conc must be a list like 1,10"
if [ "$CMD" = trace ]; then # its own defaults (bench/trace.sh)
    [ "$ROUNDS_GIVEN" = 1 ] || ROUNDS=10 # one round of a single sender swings by tens of percent on this disk
    [ "$ROOT_GIVEN" = 1 ] || ROOT=/tmp/postroom-bench-trace
fi
num --collect-count "$COLLECT_COUNT"; [ "$COLLECT_COUNT" -ge 100 ] && [ "$COLLECT_COUNT" -le 100000 ] || die "--collect-count must be 100..100000"
num --per-user "$PER_USER"; [ "$PER_USER" -ge 1 ] && [ "$PER_USER" -le 10000 ] || die "--per-user must be 1..10000"
[[ "$POP3_CONC" =~ ^[0-9]+(,[0-9]+)*$ ]] || die "--pop3-conc must be a list like 1,4"
case "$REF_PASSWORDS" in argon2id|plain) ;; *) die "--ref-passwords must be argon2id or plain" ;; esac
# Bounds: the harness refuses more than 5000 idle connections; keep runs and counts sane too.
[ "$COUNT" -ge 1 ] && [ "$COUNT" -le 200000 ] || die "--count must be 1..200000"
[ "$RUNS" -ge 1 ] && [ "$RUNS" -le 20 ] || die "--runs must be 1..20"
[ "$ROUNDS" -ge 1 ] && [ "$ROUNDS" -le 10 ] || die "--rounds must be 1..10"
[ "$USERS" -ge 1 ] && [ "$USERS" -le 1000 ] || die "--users must be 1..1000"
[ "$IDLE" -le 2500 ] || die "--idle-conns must be at most 2500 (the server allows 3000 connections)"
case "$ROOT" in /tmp/?*) ;; *) die "--root must be a folder under /tmp (it is deleted and remade)" ;; esac
SUB_PORT=$((PORT + 62)) SUBS_PORT=$((PORT - 60))

# ---------------------------------------------------------------- checks
[ -x "$HARNESS/run-smtp-bench.sh" ] || die "no harness at $HARNESS (set BENCH_HARNESS)"
command -v python3 >/dev/null || die "python3 missing (apt-get install python3)"
command -v smtp-source >/dev/null || die "smtp-source missing: it comes with Debian's postfix package; run '$HARNESS/reference-servers.sh install' (as root)"
command -v ss >/dev/null || die "ss missing (apt-get install iproute2)"
command -v setsid >/dev/null || die "setsid missing (apt-get install util-linux)"
if [ "$CMD" = compare ]; then
    missing=()
    command -v postfix >/dev/null || missing+=(postfix)
    command -v dovecot >/dev/null || missing+=(dovecot-pop3d/dovecot-imapd)
    [ ${#missing[@]} -eq 0 ] || die "compare needs the reference servers, missing: ${missing[*]}; run '$HARNESS/reference-servers.sh install' (as root)"
    [ "$(id -u)" = 0 ] || die "compare must run as root (reference-servers.sh setup/start need it)"
fi
port_free() { ! ss -Hltn "sport = :$1" | grep -q .; }
for p in "$PORT" "$SUB_PORT" "$SUBS_PORT" $((PORT - 382)) $((PORT + 468)); do port_free "$p" || die "port $p is in use; pick another with --port"; done
if [ "$CMD" = compare ]; then
    for p in "$REF_PORT" $((REF_PORT + 101)) $((REF_PORT - 415)) $((REF_PORT - 382)); do
        port_free "$p" || die "port $p is in use; pick another with --ref-port"
    done
fi

# ---------------------------------------------------------------- cleanup
SERVER_PID="" JOB_PID="" REF_STARTED=0
REF=(env BENCH_ROOT="$ROOT/ref" SMTP_PORT="$REF_PORT" SINK_PORT=$((REF_PORT + 101))
     POP3_PORT=$((REF_PORT - 415)) IMAP_PORT=$((REF_PORT - 382)) DOMAIN="$DOMAIN" USERS="$USERS"
     PASSWORD="$PASSWORD" "$HARNESS/reference-servers.sh")
alive() { [ -n "${1:-}" ] && kill -0 "$1" 2>/dev/null; }
stop_postroom() {
    alive "$SERVER_PID" || { SERVER_PID=""; return 0; }
    say "stopping Postroom (pid $SERVER_PID)"
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 100); do alive "$SERVER_PID" || break; sleep 0.2; done
    if alive "$SERVER_PID"; then say "Postroom did not stop in 20 s; killing it"; kill -KILL "$SERVER_PID" 2>/dev/null || true; fi
    SERVER_PID=""
}
cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    # a harness call still running (interrupted): everything in the session it was started in
    if [ -n "$JOB_PID" ]; then kill_session "$JOB_PID" TERM; sleep 1; kill_session "$JOB_PID" KILL; fi
    stop_postroom
    if [ "$REF_STARTED" = 1 ]; then say "stopping the reference servers"; "${REF[@]}" stop >/dev/null 2>&1 || true; fi
    exit "$rc"
}
trap cleanup EXIT
trap 'say "interrupted"; exit 130' INT
trap 'say "terminated"; exit 143' TERM

kill_session() { # SID SIGNAL: the processes of a session this script started with setsid
    local pids
    pids="$(ps -o pid= -s "$1" 2>/dev/null | tr -s ' \n' ' ' || true)"
    [ -z "${pids// /}" ] || kill -"$2" $pids 2>/dev/null || true
}

# Runs a command in its own session (so cleanup can end it and its children), bounded in
# time; output to the terminal and appended to LOG.
run_job() {
    setsid bash -c 'set -o pipefail; timeout --kill-after=30 2400 "$@" 2>&1 | tee -a "$BENCH_LOG"' _ "$@" &
    JOB_PID=$!
    local rc=0
    wait "$JOB_PID" || rc=$?
    kill_session "$JOB_PID" TERM # leftovers of a timed-out run
    JOB_PID=""
    return "$rc"
}

# ---------------------------------------------------------------- Postroom
STAMP="$(date +%Y%m%d-%H%M%S)"
DATA="$ROOT/data" APP="$ROOT/app" RESULTS="$ROOT/results/$STAMP"
export BENCH_LOG="$RESULTS/bench.log"

prepare_root() {
    # A previous run's server on this data folder would hold the ports: checked above. Remove its files.
    rm -rf "$DATA" "$ROOT/cli.aot"
    mkdir -p "$DATA" "$RESULTS"
    if [ "$SAME_JAR" = 1 ] && [ -f "$APP/target/postroom.jar" ]; then
        say "--same-jar: running $APP/target/postroom.jar again"
    else
        [ "$SAME_JAR" = 0 ] || say "--same-jar: no earlier copy in $APP; copying the working tree's jar"
        [ -f "$REPO/target/postroom.jar" ] && [ -x "$REPO/postroom" ] ||
            die "no $REPO/target/postroom.jar: run it as './postroom bench $CMD', which builds first"
        rm -rf "$APP"
        mkdir -p "$APP/target" "$APP/src/main"
        cp "$REPO/postroom" "$APP/postroom"
        mkdir -p "$APP/packaging" && cp "$REPO/packaging/aot.sh" "$APP/packaging/aot.sh" # the launcher sources it
        cp "$REPO/pom.xml" "$APP/pom.xml"
        cp -p "$REPO/target/postroom.jar" "$APP/target/postroom.jar"
        [ -d "$REPO/target/lib" ] && cp -r "$REPO/target/lib" "$APP/target/lib" # the jar's Class-Path
        # older than the jar, so that the copied launcher never rebuilds
        touch -d 2000-01-01 "$APP/pom.xml" "$APP/src/main" "$APP/src"
    fi
    {
        echo "# bench $CMD $(date -Is) on $(nproc) cpus, $(free -m | awk '/Mem:/{print $2}') MiB, $(uname -r)"
        echo "# jar: $(sha256sum "$APP/target/postroom.jar" | cut -c1-16) of $(date -r "$APP/target/postroom.jar" -Is); HEAD $(git -C "$REPO" log -1 --format='%h %s' 2>/dev/null || echo '?')"
        echo "# count=$COUNT runs=$RUNS conc=$CONC size=${SIZE}KiB latency=$LAT idle=$IDLE users=$USERS server_java_opts='$JAVA_OPTS_SERVER'"
    } | tee "$BENCH_LOG" >&2
    cat > "$DATA/postroom.toml" <<EOF
# Written by bench/run.sh: loopback only, bench ports, room for $IDLE idle connections plus load.
[server]
bind = "127.0.0.1"

[smtp]
port = $PORT
submission_port = $SUB_PORT
submissions_port = $SUBS_PORT
max_connections = 3000
max_connections_per_client = 2000

[pop3]
port = $((PORT - 415))
tls_port = $((PORT + 470))
max_connections_per_client = 200

[imap]
port = $((PORT - 382))
tls_port = $((PORT + 468))
max_connections = 3000
max_connections_per_client = 2000
EOF
}

start_postroom() {
    local out="$RESULTS/postroom.out"
    say "starting Postroom on 127.0.0.1:$PORT (data $DATA, output $out)"
    POSTROOM_JAVA_OPTS="$JAVA_OPTS_SERVER" setsid "$APP/postroom" start --data "$DATA" --domain "$DOMAIN" > "$out" 2>&1 &
    SERVER_PID=$!
    for _ in $(seq 600); do
        grep -q '^postroom: SMTP on' "$out" && break
        alive "$SERVER_PID" || { cat "$out" >&2; die "Postroom exited during startup"; }
        sleep 0.2
    done
    grep -q '^postroom: SMTP on' "$out" || { tail -20 "$out" >&2; die "Postroom not ready after 120 s"; }
    # the launcher execs java, so the pid is the JVM's; check anyway
    [ "$(cat "/proc/$SERVER_PID/comm" 2>/dev/null)" = java ] || die "pid $SERVER_PID is not the JVM"
    grep '^postroom: SMTP on' "$out" >&2
}

users_cache() { # the folder for this jar, user count and domain
    echo "$ROOT/users-cache/$(sha256sum "$APP/target/postroom.jar" | cut -c1-16)-$USERS-$DOMAIN"
}

add_users() {
    local started=$SECONDS jobs cli_opts
    jobs="$(nproc)"
    # The CLI's own JVMs (not the server's options): C1 only, and a Java 25 AOT cache of the loaded
    # classes made by the first call; together about 0.65 instead of 1.7 CPU-s per call here.
    cli_opts="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"
    say "adding user1..user$USERS@$DOMAIN with the CLI, $jobs at a time"
    printf '%s\n' "$PASSWORD" | POSTROOM_JAVA_OPTS="$cli_opts -XX:AOTCacheOutput=$ROOT/cli.aot" \
        "$APP/postroom" user add "user1@$DOMAIN" --password-stdin --data "$DATA" > "$RESULTS/cli-aot.out" 2>&1 ||
        { cat "$RESULTS/cli-aot.out" >&2; die "user add user1@$DOMAIN failed"; }
    [ -s "$ROOT/cli.aot" ] && cli_opts="$cli_opts -XX:AOTCache=$ROOT/cli.aot"
    if [ "$USERS" -gt 1 ]; then
        seq 2 "$USERS" | POSTROOM_JAVA_OPTS="$cli_opts" timeout 900 xargs -P "$jobs" -I{} sh -c \
            'printf "%s\n" "$3" | "$1" user add "user{}@$2" --password-stdin --data "$4" > /dev/null || { echo "bench: user add user{}@$2 failed" >&2; exit 255; }' \
            _ "$APP/postroom" "$DOMAIN" "$PASSWORD" "$DATA" || die "adding users failed"
    fi
    local n
    n="$(POSTROOM_JAVA_OPTS="$cli_opts" "$APP/postroom" user list --data "$DATA" | grep -c '@' || true)"
    say "users added in $((SECONDS - started)) s ($n accounts in the directory, postmaster included)"
    [ "$n" -gt "$USERS" ] || die "expected $((USERS + 1)) accounts, found $n"
}

warm_load() { # label port sender recipient: --warmup messages, half by 1 session, half by 10
    say "warming $1 up: $WARMUP messages to $4, half by 1 session, half by 10, not measured"
    local sessions
    for sessions in 1 10; do
        timeout 300 smtp-source -s "$sessions" -m $((WARMUP / 2)) -l $((SIZE * 1024)) -f "$3" -t "$4" "127.0.0.1:$2" \
            || say "warm-up of $1 failed or timed out (going on)"
    done
}

warmup() { # label port reset-cmd
    [ "$WARMUP" -gt 0 ] || return 0
    warm_load "$1" "$2" bench@loadgen.test "user1@$DOMAIN"
    sleep 1
    bash -c "$3"
}

mem_line() { # phase pid...
    echo "kind=memory label=$1 phase=$2 $(python3 "$HARNESS/lib/memtree.py" "${@:3}")"
}

# ---------------------------------------------------------------- one harness call
# bench_server LABEL PORT MAILDIR_ROOT RESET_CMD PIDS_CMD OUTDIR
bench_server() {
    local label="$1" port="$2" mroot="$3" reset="$4" pidcmd="$5" out="$6"
    mkdir -p "$out"
    run_job "$HARNESS/run-smtp-bench.sh" 127.0.0.1 "$port" "$DOMAIN" --users "$USERS" \
        --count "$COUNT" --size "$SIZE" --conc "$CONC" --runs "$RUNS" --timeout "$TIMEOUT" \
        --maildir-root "$mroot" --reset-cmd "$reset" --latency "$LAT" \
        --idle-conns "$IDLE" --idle-hold "$IDLE_HOLD" --pid-cmd "$pidcmd" --label "$label" --out "$out"
}
postroom_reset="find '$DATA/mail' -mindepth 4 -maxdepth 4 -type f \\( -path '*/new/*' -o -path '*/cur/*' \\) -delete"

# Median SUMMARY over every round of one label (the raw files are key=value lines, one per run).
combined_summary() { # label target dir...
    local label="$1" target="$2"; shift 2
    local all="$RESULTS/all-$label.txt" d
    : > "$all"
    for d in "$@"; do cat "$d"/smtp-"$label"-*.txt >> "$all"; done
    python3 "$HARNESS/lib/summary.py" smtp "$label" "$target" "$all"
}

save_users() { # after Postroom stopped: keep its database for --reuse-users
    local cache
    cache="$(users_cache)"
    [ "$REUSE_USERS" = 1 ] && [ ! -f "$cache/postroom.db" ] && [ -f "$DATA/postroom.db" ] || return 0
    mkdir -p "$cache" && cp "$DATA"/postroom.db* "$cache/" && say "kept the user database in $cache"
}
finish_run() { # SAVE_USERS REF: stops Postroom (noting its memory), keeps its users (1), stops the reference servers (1)
    mem_line "$LABEL" after "$SERVER_PID" | tee -a "$BENCH_LOG"
    stop_postroom
    if [ "$1" = 1 ]; then save_users; fi
    if [ "$2" = 1 ]; then "${REF[@]}" stop > /dev/null 2>&1 || true; REF_STARTED=0; fi
    echo
    echo "== results in $RESULTS"
}

# ---------------------------------------------------------------- relay
# `relay`: smtp-source sends --count messages of --size KiB for user1..userN@remote.test (one per
# connection, --conc at a time) to Postroom as a trusted loopback client; Postroom queues each one
# (fsynced before the 250) and relays it to smtp-sink on 127.0.0.1:(--port + 100), its smarthost
# (tls = "none"); e2e msgs/s counts until the sink has them all. With the reference Postfix (root,
# postfix installed) the same load goes through Postfix, which relays to its own smtp-sink
# (--ref-port + 101), interleaved round by round. No users are made: nothing is delivered locally.
RELAY_DOMAIN=remote.test
relay_queue_count() { find "$DATA/queue" -maxdepth 1 -name '*.msg' 2>/dev/null | wc -l; }
relay_warmup() { # label port [sink port to start for the warm-up]
    [ "$WARMUP" -gt 0 ] || return 0
    local sink_pid=""
    if [ -n "${3:-}" ]; then
        local as=(); [ "$(id -u)" != 0 ] || as=(-u nobody) # smtp-sink refuses to run as root
        smtp-sink "${as[@]}" -m 1000 "127.0.0.1:$3" 1024 > /dev/null 2>&1 &
        sink_pid=$!
        sleep 0.5
    fi
    warm_load "$1" "$2" bench@office.test "user1@$RELAY_DOMAIN"
    if [ -n "$sink_pid" ]; then
        for _ in $(seq 300); do [ "$(relay_queue_count)" = 0 ] && break; sleep 0.2; done
        kill "$sink_pid" 2>/dev/null || true
        wait "$sink_pid" 2>/dev/null || true
    fi
    sleep 1
}
relay_bench() {
    local sink=$((PORT + 100)) ref=0 r
    command -v smtp-sink >/dev/null || die "smtp-sink missing: it comes with Debian's postfix package"
    port_free "$sink" || die "port $sink (Postroom's smtp-sink) is in use; pick another --port"
    if command -v postfix >/dev/null && [ "$(id -u)" = 0 ]; then ref=1; else say "no Postfix or not root: Postroom only"; fi
    prepare_root
    printf '\n[relay]\n# bench/run.sh relay: the smarthost is smtp-sink on loopback, without TLS or login.\nsmarthosts = ["127.0.0.1:%s"]\ntls = "none"\n' \
        "$sink" >> "$DATA/postroom.toml"
    start_postroom
    relay_warmup "$LABEL" "$PORT" "$sink"
    if [ "$ref" = 1 ]; then
        say "setting up the reference servers under $ROOT/ref (Postfix on 127.0.0.1:$REF_PORT, its sink on $((REF_PORT + 101)))"
        "${REF[@]}" stop > /dev/null 2>&1 || true
        "${REF[@]}" setup | tail -1 >&2
        REF_STARTED=1
        "${REF[@]}" start >&2
        sleep 3
        relay_warmup postfix "$REF_PORT"
    fi
    local pf_pids pf=() pr=()
    pf_pids="$(printf '%q ' "${REF[@]}") pids | awk '/^postfix/{print \$2}'"
    for r in $(seq "$ROUNDS"); do
        if [ "$ref" = 1 ]; then
            say "round $r of $ROUNDS: Postfix relaying to smtp-sink"
            run_job "$HARNESS/run-smtp-bench.sh" 127.0.0.1 "$REF_PORT" "$RELAY_DOMAIN" --users "$USERS" \
                --count "$COUNT" --size "$SIZE" --conc "$CONC" --runs "$RUNS" --timeout "$TIMEOUT" \
                --sink-counters "$ROOT/ref/sink/counters" --latency 0 --idle-conns 0 \
                --pid-cmd "$pf_pids" --label postfix-relay --out "$RESULTS/round$r-postfix-relay"
            pf+=("$RESULTS/round$r-postfix-relay")
        fi
        say "round $r of $ROUNDS: Postroom relaying to smtp-sink"
        run_job "$HARNESS/run-smtp-bench.sh" 127.0.0.1 "$PORT" "$RELAY_DOMAIN" --users "$USERS" \
            --count "$COUNT" --size "$SIZE" --conc "$CONC" --runs "$RUNS" --timeout "$TIMEOUT" \
            --start-sink "$sink" --latency 0 --idle-conns 0 \
            --pid-cmd "echo $SERVER_PID" --label "$LABEL-relay" --out "$RESULTS/round$r-$LABEL-relay"
        pr+=("$RESULTS/round$r-$LABEL-relay")
        [ "$(relay_queue_count)" = 0 ] || say "note: $(relay_queue_count) message(s) still in Postroom's queue after round $r"
    done
    finish_run 0 "$ref"
    echo "== per round"
    grep -h '^SUMMARY' "$BENCH_LOG" || true
    echo "== medians over all $ROUNDS rounds"
    [ "$ref" = 0 ] || combined_summary postfix-relay "127.0.0.1:$REF_PORT" "${pf[@]}" | tee -a "$BENCH_LOG"
    combined_summary "$LABEL-relay" "127.0.0.1:$PORT" "${pr[@]}" | tee -a "$BENCH_LOG"
}
if [ "$CMD" = relay ]; then relay_bench; exit 0; fi

# ---------------------------------------------------------------- pop3
# `pop3`: the shared POP3 harness (run-pop3-bench.sh) against Postroom's POP3 on 127.0.0.1:(--port - 415),
# POP3 over TLS on (--port + 470): each run fills user1..userN with --per-user messages of --size KiB
# through the server's own SMTP port, then logs in to each mailbox, RETRs and DELEs everything and QUITs,
# --pop3-conc sessions at a time; msgs/s and MB/s of the drain, and empty logins/s. With Dovecot and Postfix
# (root, both installed) the same runs go to the reference Dovecot (POP3 --ref-port - 415, mail delivered by
# the reference Postfix on --ref-port), interleaved round by round. --ref-passwords argon2id (the default)
# gives the reference users Postroom's own Argon2id hash of the password, same parameters, so that both
# servers pay the same for a login; "plain" keeps reference-servers.sh's plaintext passwords (free logins).
start_reference_dovecot() { # what Dovecot serves: sets up and starts Postfix and Dovecot, with Postroom's hash if asked
    say "setting up the reference servers under $ROOT/ref (Postfix SMTP 127.0.0.1:$REF_PORT, $1)"
    "${REF[@]}" stop > /dev/null 2>&1 || true
    "${REF[@]}" setup | tail -1 >&2
    if [ "$REF_PASSWORDS" = argon2id ]; then
        local hash users="$ROOT/ref/dovecot/users"
        hash="$(pop3_postroom_hash)"
        [[ "$hash" == '$argon2id$'* ]] || die "could not read Postroom's Argon2id hash for user1"
        sed -i "s|:{PLAIN}.*|:{ARGON2ID}$hash|" "$users"
        say "reference users get Postroom's Argon2id hash (${hash:0:31}...)"
    fi
    REF_STARTED=1
    "${REF[@]}" start >&2
    sleep 3
}
pop3_postroom_hash() { # the Argon2id hash Postroom stored for user1's password
    python3 - "$DATA/postroom.db" <<'PY'
import sqlite3, sys
db = sqlite3.connect("file:" + sys.argv[1] + "?mode=ro", uri=True)
print(db.execute("SELECT u.password_hash FROM mail_user u JOIN entry e ON e.id = u.entry_id"
                 " WHERE e.local_part = 'user1'").fetchone()[0])
PY
}
pop3_warmup() { # label pop3-port smtp-port
    [ "$WARMUP" -gt 0 ] || return 0
    say "warming $1 up: $WARMUP messages to user1 over SMTP, then RETR+DELE over POP3, not measured"
    timeout 300 smtp-source -s 10 -m "$WARMUP" -l $((SIZE * 1024)) -f bench@loadgen.test \
        -t "user1@$DOMAIN" "127.0.0.1:$3" || say "warm-up of $1 failed or timed out (going on)"
    sleep 2
    timeout 300 python3 "$HARNESS/lib/pop3_drain.py" --port "$2" --domain "$DOMAIN" --users 1 --conc 1 \
        --password "$PASSWORD" --label warmup > /dev/null || say "warm-up drain of $1 failed (going on)"
}
pop3_bench() {
    local pop3=$((PORT - 415)) pop3s=$((PORT + 470)) ref_pop3=$((REF_PORT - 415)) ref=0 r
    [ -x "$HARNESS/run-pop3-bench.sh" ] || die "no POP3 harness at $HARNESS/run-pop3-bench.sh"
    for p in "$pop3" "$pop3s"; do port_free "$p" || die "port $p (Postroom's POP3) is in use; pick another --port"; done
    if command -v dovecot >/dev/null && command -v postfix >/dev/null && [ "$(id -u)" = 0 ]; then
        ref=1
        for p in "$REF_PORT" $((REF_PORT + 101)) "$ref_pop3" $((REF_PORT - 382)); do
            port_free "$p" || die "port $p (reference servers) is in use; pick another --ref-port"
        done
    else
        say "no Dovecot/Postfix, or not root: Postroom only (run '$HARNESS/reference-servers.sh install' as root for both)"
    fi
    prepare_root # its postroom.toml has [pop3] on $pop3 and $pop3s
    start_postroom
    add_users
    pop3_warmup "$LABEL" "$pop3" "$PORT"
    local dv_pids=""
    if [ "$ref" = 1 ]; then
        start_reference_dovecot "Dovecot POP3 $ref_pop3"
        dv_pids="$(printf '%q ' "${REF[@]}") pids | awk '/^dovecot/{print \$2}'"
        pop3_warmup dovecot "$ref_pop3" "$REF_PORT"
    fi
    local dv=() pr=() dv_label=dovecot
    [ "$REF_PASSWORDS" = argon2id ] || dv_label=dovecot-plain
    for r in $(seq "$ROUNDS"); do
        if [ "$ref" = 1 ]; then
            say "round $r of $ROUNDS: Dovecot"
            mkdir -p "$RESULTS/round$r-dovecot"
            run_job "$HARNESS/run-pop3-bench.sh" 127.0.0.1 "$ref_pop3" "$DOMAIN" --smtp-port "$REF_PORT" \
                --users "$USERS" --password "$PASSWORD" --per-user "$PER_USER" --size "$SIZE" --conc "$POP3_CONC" \
                --runs "$RUNS" --timeout "$TIMEOUT" --pid-cmd "$dv_pids" --label "$dv_label" --out "$RESULTS/round$r-dovecot"
            dv+=("$RESULTS/round$r-dovecot")
        fi
        say "round $r of $ROUNDS: Postroom"
        mkdir -p "$RESULTS/round$r-$LABEL"
        run_job "$HARNESS/run-pop3-bench.sh" 127.0.0.1 "$pop3" "$DOMAIN" --smtp-port "$PORT" \
            --users "$USERS" --password "$PASSWORD" --per-user "$PER_USER" --size "$SIZE" --conc "$POP3_CONC" \
            --runs "$RUNS" --timeout "$TIMEOUT" --pid "$SERVER_PID" --label "$LABEL" --out "$RESULTS/round$r-$LABEL"
        pr+=("$RESULTS/round$r-$LABEL")
    done
    finish_run 0 "$ref"
    echo "== per round"
    grep -h '^SUMMARY pop3' "$BENCH_LOG" || true
    echo "== medians over all $ROUNDS rounds"
    local label dirs d all
    for label in "$dv_label" "$LABEL"; do
        [ "$label" != "$dv_label" ] || [ "$ref" = 1 ] || continue
        all="$RESULTS/all-pop3-$label.txt"
        : > "$all"
        if [ "$label" = "$dv_label" ]; then dirs=("${dv[@]}"); else dirs=("${pr[@]}"); fi
        for d in "${dirs[@]}"; do cat "$d"/pop3-"$label"-*.txt >> "$all"; done
        python3 "$HARNESS/lib/summary.py" pop3 "$label" "127.0.0.1:$([ "$label" = "$dv_label" ] && echo "$ref_pop3" || echo "$pop3")" "$all" |
            tee -a "$BENCH_LOG"
    done
}
if [ "$CMD" = pop3 ]; then pop3_bench; exit 0; fi

# ---------------------------------------------------------------- trace (bench/trace.sh)
if [ "$CMD" = trace ]; then
    # shellcheck source=bench/trace.sh
    . "$HERE/trace.sh"
    trace_bench
    exit 0
fi

# ---------------------------------------------------------------- imap (bench/imap.sh)
if [ "$CMD" = imap ]; then
    # shellcheck source=bench/imap.sh
    . "$HERE/imap.sh"
    imap_bench
    exit 0
fi

# ---------------------------------------------------------------- collect (bench/collect.sh)
if [ "$CMD" = collect ]; then
    # shellcheck source=bench/collect.sh
    . "$HERE/collect.sh"
    collect_bench
    exit 0
fi

prepare_root
USERS_READY=0
if [ "$REUSE_USERS" = 1 ] && [ -f "$(users_cache)/postroom.db" ]; then
    cp "$(users_cache)"/postroom.db* "$DATA/"
    say "users from $(users_cache) (--reuse-users)"
    USERS_READY=1
fi
start_postroom
[ "$USERS_READY" = 1 ] || add_users
sleep 2
mem_line "$LABEL" fresh-idle "$SERVER_PID" | tee -a "$BENCH_LOG"
PR_PIDCMD="echo $SERVER_PID"
warmup "$LABEL" "$PORT" "$postroom_reset"

if [ "$CMD" = smtp ]; then
    bench_server "$LABEL" "$PORT" "$DATA/mail" "$postroom_reset" "$PR_PIDCMD" "$RESULTS/$LABEL"
    finish_run 1 0
    grep -h '^kind=memory' "$BENCH_LOG" || true
    grep -h '^SUMMARY' "$BENCH_LOG"
    exit 0
fi

# ---------------------------------------------------------------- compare
say "setting up the reference servers under $ROOT/ref (Postfix on 127.0.0.1:$REF_PORT)"
"${REF[@]}" stop > /dev/null 2>&1 || true
"${REF[@]}" setup | tail -1 >&2
REF_STARTED=1
"${REF[@]}" start >&2
PF_PIDCMD="$(printf '%q ' "${REF[@]}") pids | awk '/^postfix/{print \$2}'"
PF_RESET="$(printf '%q ' "${REF[@]}") clear-mail"
sleep 3
mem_line postfix fresh-idle $(bash -c "$PF_PIDCMD") | tee -a "$BENCH_LOG"
warmup postfix "$REF_PORT" "$PF_RESET"
PF_DIRS=() PR_DIRS=()
for r in $(seq "$ROUNDS"); do
    say "round $r of $ROUNDS: Postfix"
    bench_server postfix "$REF_PORT" "$ROOT/ref/vmail" "$PF_RESET" "$PF_PIDCMD" "$RESULTS/round$r-postfix"
    PF_DIRS+=("$RESULTS/round$r-postfix")
    say "round $r of $ROUNDS: Postroom"
    bench_server "$LABEL" "$PORT" "$DATA/mail" "$postroom_reset" "$PR_PIDCMD" "$RESULTS/round$r-$LABEL"
    PR_DIRS+=("$RESULTS/round$r-$LABEL")
done
finish_run 1 1
grep -h '^kind=memory' "$BENCH_LOG" || true
echo "== per round"
grep -h '^SUMMARY' "$BENCH_LOG"
echo "== medians over all $ROUNDS rounds"
combined_summary postfix "127.0.0.1:$REF_PORT" "${PF_DIRS[@]}" | tee -a "$BENCH_LOG"
combined_summary "$LABEL" "127.0.0.1:$PORT" "${PR_DIRS[@]}" | tee -a "$BENCH_LOG"
