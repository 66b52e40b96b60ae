# shellcheck shell=bash
# `bench/run.sh collect` (`./postroom bench collect`): the collector side by side with fetchmail + Postfix (issue 5:
# "collect and sort 10,000 messages of 5 KiB for 100 users from a local POP3 server, messages per second; faster than
# fetchmail handing the same mailbox to Postfix on the same machine"). Sourced by bench/run.sh after its options,
# checks and functions (prepare_root, start_postroom, add_users, REF, run_job's JOB_PID, cleanup); not run alone.
#
# Everything on 127.0.0.1, as root (the reference servers need it):
#   - the provider is the reference Dovecot (reference-servers.sh, POP3 on --ref-port - 415) with one extra
#     account office@provider.test (password "secret") added to its passwd-file; its Maildir is
#     ROOT/ref/vmail/provider.test/office, owned by the bench user (benchmail);
#   - before every measured run that Maildir's new/ is filled directly with --count messages (default 10000) of
#     --size KiB (default 5), LF line ends as Dovecot keeps them, names with ,S= and ,W= as Dovecot's own delivery
#     writes them; headers Return-Path, Delivered-To: userK@example.test (K = 1..--users in turn), Received ... for
#     <userK@example.test>, From, To, Subject, Date, and a Message-ID unique to the run; Dovecot's index and uidlist
#     files are removed (its dovecot-uidvalidity file is kept, so every run has a new UIDVALIDITY and new UIDLs);
#     then `sync`, so that no run pays for the previous fill's writeback;
#   - fetchmail (multi-drop: envelope "Delivered-To", localdomains example.test, "to * here", dropdelivered so that
#     Postfix's virtual(8) does not take the header for a mail loop, fetchall, no keep, no dns, no STLS) hands the
#     messages to the reference Postfix, which delivers into ROOT/ref/vmail/example.test/ (Maildir, fsync), in one
#     or both of two ways (--fetchmail LIST, default smtp,mda):
#       smtp: smtphost 127.0.0.1/--ref-port, smtpaddress example.test: one SMTP session, fetchmail's default way.
#             fetchmail writes a message line by line without TCP_NODELAY, so each final "." waits for a delayed
#             ACK (about 40 ms on Linux, also on loopback): this variant measures that, as real users get it;
#       mda:  mda "/usr/sbin/sendmail -C ROOT/ref/postfix/etc -i -f %F -- %T": Postfix's sendmail once per message
#             (postdrop + pickup), the other usual way, without that stall;
#     timed from fetchmail's start until it has exited AND Postfix has delivered all of them;
#   - Postroom (started as `smtp` does, users user1..user100@example.test) has one [[collect.account]] "bench":
#     multi-drop, tls "none" + allow_plaintext, login office@provider.test, envelope_headers ["Delivered-To"],
#     keep "0d" (DELE once stored), interval "24h" (only the cycle at start, on an empty mailbox, and the forced
#     ones run). Timed from the start of `postroom collect now bench --data ROOT/data` (a CLI JVM that hands the
#     request to the running server through data/collect/control/ and waits for the cycle's report) until all of
#     them are in Postroom's Maildirs and the provider mailbox is empty; the cycle's own time (from its report)
#     is printed too;
#   - --warmup N (default 500) messages go through each path once, not measured; then --rounds rounds (default 2),
#     each fetchmail first (each --fetchmail way), then Postroom; a SUMMARY line per run, the medians, the ratios.
#   fetchmail runs as root (it warns; the rc files are 0600 in ROOT/fetchmail); Postfix answers 250 once its queue
#   file is fsynced and delivers after, which is why its side is timed until the Maildirs hold everything.
# Results in ROOT/results/<time>/: bench.log, collect-results.txt (the SUMMARY lines), each run's fetchmail or
# `collect now` output, postroom.out.
# Default ROOT for collect is /tmp/postroom-bench-collect (not the other benchmarks' /tmp/postroom-bench), so that
# it can run next to them. Here (2 cores) 10,000 messages take about 8 minutes with fetchmail over SMTP, 3 with
# fetchmail's mda, under half a minute with Postroom: the default run (2 rounds, both ways, users added) about
# 25 minutes; --fetchmail mda or a smaller --count shortens it.
#
# Example: ./postroom bench collect --count 10000 --rounds 2
#          ./postroom bench collect --count 1000 --rounds 1 --warmup 200 --reuse-users   (a quick check)

PROVIDER_DOMAIN=provider.test PROVIDER_USER=office
PROVIDER_LOGIN="$PROVIDER_USER@$PROVIDER_DOMAIN"
PROVIDER_MB="$ROOT/ref/vmail/$PROVIDER_DOMAIN/$PROVIDER_USER"
BENCH_OWNER="${BENCH_USER:-benchmail}"
FM_HOME="$ROOT/fetchmail"

collect_checks() {
    [ "$(id -u)" = 0 ] || die "collect must run as root (reference-servers.sh setup/start need it)"
    local missing=()
    command -v postfix >/dev/null || missing+=(postfix)
    command -v dovecot >/dev/null || missing+=(dovecot-pop3d)
    command -v fetchmail >/dev/null || missing+=(fetchmail)
    [ ${#missing[@]} -eq 0 ] || die "collect needs: ${missing[*]} (apt-get install fetchmail; '$HARNESS/reference-servers.sh install' for the rest)"
    local p
    for p in "$REF_PORT" $((REF_PORT + 101)) $((REF_PORT - 415)) $((REF_PORT - 382)); do
        port_free "$p" || die "port $p (reference servers) is in use; pick another with --ref-port"
    done
    [ "$COUNT" -ge "$USERS" ] || die "--count must be at least --users ($USERS)"
    [[ "$FM_WAYS" =~ ^(smtp|mda)(,(smtp|mda))?$ ]] || die "--fetchmail must be smtp, mda or smtp,mda"
}

# count_files DIR DEPTH: the messages in new/ and cur/ folders DEPTH-1 levels below DIR
count_files() {
    find "$1" -mindepth "$2" -maxdepth "$2" -type f \( -path '*/new/*' -o -path '*/cur/*' \) 2>/dev/null | wc -l
}
provider_count() { count_files "$PROVIDER_MB" 2; }
postfix_count() { count_files "$ROOT/ref/vmail/$DOMAIN" 3; }
postroom_count() { count_files "$DATA/mail" 4; }

# collect_fill N TAG: the provider mailbox holds exactly N fresh messages (Message-IDs <TAG.i@outside.test>)
collect_fill() {
    local t0=$EPOCHREALTIME
    [ "$(provider_count)" = 0 ] || say "note: the provider mailbox still held $(provider_count) message(s); removed"
    python3 - "$PROVIDER_MB" "$1" "$2" "$USERS" "$DOMAIN" "$SIZE" <<'PY'
import email.utils, os, sys, time
mb, n, tag, users, domain, kib = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4]), sys.argv[5], int(sys.argv[6])
for sub in ("new", "cur", "tmp"):
    os.makedirs(os.path.join(mb, sub), exist_ok=True)
    for f in os.listdir(os.path.join(mb, sub)):
        os.unlink(os.path.join(mb, sub, f))
for f in os.listdir(mb):  # Dovecot's index, cache and uidlist; dovecot-uidvalidity* stays (UIDVALIDITY only grows)
    if f.startswith("dovecot") and not f.startswith("dovecot-uidvalidity"):
        os.unlink(os.path.join(mb, f))
size = kib * 1024
now = time.time()
date = email.utils.formatdate(now)
filler = ("The quick brown fox jumps over the lazy dog, collect benchmark body line. 0123456789" * 2)[:75]
for i in range(1, n + 1):
    k = (i - 1) % users + 1
    rcpt = f"user{k}@{domain}"
    head = (f"Return-Path: <sender{i % 37}@outside.test>\n"
            f"Delivered-To: {rcpt}\n"
            f"Received: from mail.outside.test (mail.outside.test [192.0.2.10])\n"
            f"\tby mx.provider.test (Postfix) with ESMTPS id {tag}{i:06d}\n"
            f"\tfor <{rcpt}>; {date}\n"
            f"From: Sender {i % 37} <sender{i % 37}@outside.test>\n"
            f"To: User {k} <{rcpt}>\n"
            f"Subject: collect bench {tag} message {i} of {n}\n"
            f"Date: {date}\n"
            f"Message-ID: <{tag}.{i}@outside.test>\n"
            f"MIME-Version: 1.0\n"
            f"Content-Type: text/plain; charset=us-ascii\n\n")
    body, left = [], size - len(head)
    while left > 0:
        line = filler[:max(0, min(len(filler), left - 1))]
        body.append(line + "\n")
        left -= len(line) + 1
    data = (head + "".join(body)).encode("ascii")
    lines = data.count(b"\n")
    name = f"{int(now)}.M{i}P{os.getpid()}.provider.test,S={len(data)},W={len(data) + lines}"
    tmp = os.path.join(mb, "tmp", name)
    with open(tmp, "wb") as out:
        out.write(data)
    os.rename(tmp, os.path.join(mb, "new", name))
PY
    chown -R "$BENCH_OWNER:$BENCH_OWNER" "$PROVIDER_MB"
    sync
    local have; have="$(provider_count)"
    [ "$have" = "$1" ] || die "the provider mailbox has $have messages, not $1"
    say "provider mailbox filled: $1 messages of $SIZE KiB (tag $2) in $(secs "$t0" "$EPOCHREALTIME") s"
    sleep 1
}

secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }
rate() { awk -v n="$1" -v s="$2" 'BEGIN { printf "%.1f", (s > 0 ? n / s : 0) }'; }

# wait_until SECONDS PROGRESS-CMD DONE-CMD...: polls every 50 ms until DONE-CMD succeeds; 1 when SECONDS ran out,
# or when what PROGRESS-CMD prints has not changed for 60 s
wait_until() {
    local end=$((SECONDS + $1)) progress="$2" last="" now stalled=$SECONDS; shift 2
    until "$@"; do
        [ "$SECONDS" -lt "$end" ] || return 1
        now="$($progress)"
        if [ "$now" != "$last" ]; then last="$now" stalled=$SECONDS; elif [ $((SECONDS - stalled)) -ge 60 ]; then return 1; fi
        sleep 0.05
    done
}
postfix_done() { [ "$(postfix_count)" -ge "$1" ]; }
postroom_done() { [ "$(postroom_count)" -ge "$1" ] && [ "$(provider_count)" = 0 ]; }
postroom_progress() { echo "$(postroom_count)/$(provider_count)"; }

collect_fetchmail_rc() { # writes FM_HOME/fetchmailrc-smtp and -mda
    mkdir -p "$FM_HOME" && chmod 700 "$FM_HOME"
    cat > "$FM_HOME/fetchmailrc-smtp" <<EOF
# Written by bench/collect.sh: the domain mailbox at the reference Dovecot, sorted by Delivered-To,
# handed to the reference Postfix on loopback.
set no syslog
# sslproto '': no opportunistic STLS (Dovecot here has none, and Postroom's account has tls = "none" too).
poll 127.0.0.1 with proto POP3 service $((REF_PORT - 415)) auth password no dns
    envelope "Delivered-To"
    localdomains $DOMAIN
user "$PROVIDER_LOGIN" there with password "$PASSWORD" is * here
    options fetchall no keep dropdelivered sslproto ''
    smtphost 127.0.0.1/$REF_PORT
    smtpaddress $DOMAIN
EOF
    sed -e "s|^    smtphost .*|    mda \"/usr/sbin/sendmail -C $ROOT/ref/postfix/etc -i -f %F -- %T\"|" -e '/smtpaddress/d' \
        "$FM_HOME/fetchmailrc-smtp" > "$FM_HOME/fetchmailrc-mda"
    chmod 600 "$FM_HOME"/fetchmailrc-*
}

# run_fetchmail WAY N OUT: sets R_TOTAL (s until Postfix delivered all N) and R_FM (s until fetchmail exited)
run_fetchmail() {
    local way="$1" n="$2" out="$3" rc=0 t0 t1 t2
    if postfix_done 1; then "${REF[@]}" clear-mail; fi
    t0=$EPOCHREALTIME
    FETCHMAILHOME="$FM_HOME" setsid timeout --kill-after=10 1800 fetchmail -f "$FM_HOME/fetchmailrc-$way" \
        -i "$FM_HOME/fetchids" --nodetach > "$out" 2>&1 &
    JOB_PID=$!
    wait "$JOB_PID" || rc=$?
    t1=$EPOCHREALTIME
    JOB_PID=""
    [ "$rc" = 0 ] || { tail -5 "$out" >&2; die "fetchmail exited with $rc (see $out)"; }
    wait_until 900 postfix_count postfix_done "$n" || die "Postfix delivered only $(postfix_count) of $n (see $ROOT/ref/postfix/log/maillog)"
    t2=$EPOCHREALTIME
    [ "$(provider_count)" = 0 ] || say "note: $(provider_count) message(s) left at the provider after fetchmail"
    R_TOTAL="$(secs "$t0" "$t2")" R_FM="$(secs "$t0" "$t1")"
}

# run_postroom N OUT: sets R_TOTAL (s until all N are in Postroom and none at the provider), R_CYCLE (the cycle's
# own time, from its report), R_DEL and R_UNRES (its counts)
run_postroom() {
    local n="$1" out="$2" rc=0 t0 t1
    [ "$(postroom_count)" = 0 ] || bash -c "$postroom_reset"
    t0=$EPOCHREALTIME
    setsid timeout --kill-after=10 1800 "$APP/postroom" collect now bench --data "$DATA" --format json > "$out" 2>&1 &
    JOB_PID=$!
    wait "$JOB_PID" || rc=$?
    JOB_PID=""
    [ "$rc" = 0 ] || { tail -5 "$out" >&2; say "postroom collect now exited with $rc (see $out)"; }
    wait_until 900 postroom_progress postroom_done "$n" ||
        die "Postroom has $(postroom_count) of $n, the provider $(provider_count) left (see $out and $RESULTS/postroom.out)"
    t1=$EPOCHREALTIME
    R_TOTAL="$(secs "$t0" "$t1")"
    read -r R_CYCLE R_DEL R_UNRES <<< "$(python3 - "$out" <<'PY'
import json, sys
from datetime import datetime
cycle, delivered, unresolved = "?", "?", "?"
try:
    text = open(sys.argv[1]).read()
    r = json.loads(text[text.index("["):])[0]
    ts = lambda s: datetime.fromisoformat(s.replace("Z", "+00:00")).timestamp()
    cycle = "%.3f" % (ts(r["finished"]) - ts(r["started"]))
    delivered, unresolved = r["delivered"], r["unresolved"]
    if r.get("error"): print("bench: cycle error: " + r["error"], file=sys.stderr)
except Exception as e:
    print("bench: cannot read the cycle's report: %r" % e, file=sys.stderr)
print(cycle, delivered, unresolved)
PY
)"
}

# one_run SIDE ROUND N: fill, run, print and log the result line; SIDE is fetchmail-smtp, fetchmail-mda or postroom
RESULT_FILE="" R_TOTAL="" R_FM="" R_CYCLE="" R_DEL="" R_UNRES=""
one_run() {
    local side="$1" round="$2" n="$3" tag load line
    tag="$STAMP-$side-$round"
    collect_fill "$n" "$tag"
    load="$(cut -d' ' -f1-3 /proc/loadavg | tr ' ' /)"
    if [ "$side" != postroom ]; then
        local way="${side#fetchmail-}"
        say "round $round: fetchmail -> Postfix ($way), $n messages"
        run_fetchmail "$way" "$n" "$RESULTS/$side-$round.out"
        line="SUMMARY collect label=$side+postfix round=$round count=$n delivered=$(postfix_count) seconds=$R_TOTAL msgs_per_s=$(rate "$n" "$R_TOTAL") fetchmail_exit_s=$R_FM load=$load"
    else
        say "round $round: Postroom collect now, $n messages"
        run_postroom "$n" "$RESULTS/postroom-$round.out"
        line="SUMMARY collect label=$LABEL round=$round count=$n delivered=$(postroom_count) seconds=$R_TOTAL msgs_per_s=$(rate "$n" "$R_TOTAL") cycle_s=$R_CYCLE cycle_msgs_per_s=$(rate "$n" "$R_CYCLE") report_delivered=$R_DEL unresolved=$R_UNRES load=$load"
    fi
    [ "$round" = warmup ] && line="${line/SUMMARY /warmup }"
    echo "$line" | tee -a "$BENCH_LOG"
    [ "$round" = warmup ] || echo "$line" >> "$RESULT_FILE"
}

collect_bench() {
    collect_checks
    prepare_root
    RESULT_FILE="$RESULTS/collect-results.txt"
    : > "$RESULT_FILE"
    cat >> "$DATA/postroom.toml" <<EOF

# bench/run.sh collect: the reference Dovecot plays the provider; only forced cycles do the work.
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
    say "setting up the reference servers under $ROOT/ref (Postfix SMTP 127.0.0.1:$REF_PORT, Dovecot POP3 $((REF_PORT - 415)))"
    "${REF[@]}" stop > /dev/null 2>&1 || true
    "${REF[@]}" setup | tail -1 >&2
    echo "$PROVIDER_LOGIN:{PLAIN}$PASSWORD" >> "$ROOT/ref/dovecot/users"
    mkdir -p "$PROVIDER_MB"/{new,cur,tmp}
    chown -R "$BENCH_OWNER:$BENCH_OWNER" "$ROOT/ref/vmail/$PROVIDER_DOMAIN"
    REF_STARTED=1
    "${REF[@]}" start >&2
    sleep 2
    collect_fetchmail_rc
    local users_ready=0
    if [ "$REUSE_USERS" = 1 ] && [ -f "$(users_cache)/postroom.db" ]; then
        cp "$(users_cache)"/postroom.db* "$DATA/"
        say "users from $(users_cache) (--reuse-users)"
        users_ready=1
    fi
    start_postroom # its first cycle runs now, on the empty provider mailbox
    [ "$users_ready" = 1 ] || add_users
    {
        echo "# collect: count=$COUNT size=${SIZE}KiB users=$USERS rounds=$ROUNDS warmup=$WARMUP; fetchmail $(fetchmail --version 2>/dev/null | awk '/release/{print $5; exit}' | cut -d+ -f1),"
        echo "# $(postconf -d mail_version 2>/dev/null), dovecot $(dovecot --version 2>/dev/null | cut -d' ' -f1); loadavg $(cut -d' ' -f1-3 /proc/loadavg)"
    } | tee -a "$BENCH_LOG" >&2
    if [ "$WARMUP" -gt 0 ]; then
        local w=$((WARMUP < USERS ? USERS : WARMUP)) way
        say "warming both up: $w messages each way, not measured"
        for way in ${FM_WAYS//,/ }; do one_run "fetchmail-$way" warmup "$w"; done
        one_run postroom warmup "$w"
    fi
    local r way
    for r in $(seq "$ROUNDS"); do
        for way in ${FM_WAYS//,/ }; do one_run "fetchmail-$way" "$r" "$COUNT"; done
        one_run postroom "$r" "$COUNT"
    done
    finish_run 1 1
    echo "== per run"
    cat "$RESULT_FILE"
    echo "== medians over $ROUNDS round(s)"
    python3 - "$RESULT_FILE" "$LABEL" <<'PY' | tee -a "$BENCH_LOG"
import statistics, sys
runs = {}
for line in open(sys.argv[1]):
    kv = dict(p.split("=", 1) for p in line.split()[2:] if "=" in p)
    runs.setdefault(kv["label"], []).append(float(kv["msgs_per_s"]))
pr = runs.pop(sys.argv[2], [])
for label, v in sorted(runs.items()) + [(sys.argv[2], pr)]:
    if v: print("SUMMARY collect-median label=%s runs=%d msgs_per_s=%.1f (min %.1f, max %.1f)" % (label, len(v), statistics.median(v), min(v), max(v)))
for label, v in sorted(runs.items()):
    if v and pr:
        ratio = statistics.median(pr) / statistics.median(v)
        print("SUMMARY collect-ratio %s/%s=%.2f (%s)" % (sys.argv[2], label, ratio, "faster" if ratio > 1 else "NOT faster"))
PY
}
