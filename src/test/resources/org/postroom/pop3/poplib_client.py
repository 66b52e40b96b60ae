#!/usr/bin/env python3
"""Python's poplib against a POP3 server on loopback, for Postroom's interop tests.

  poplib_client.py PORT USER PASSWORD MODE ACTION

MODE: plain | stls (STLS before logging in) | tls (implicit TLS). Certificates are not checked (the test
server's is self-signed). ACTION:
  leave   STAT, UIDL, RETR of every message, QUIT: the messages stay (a leave-on-server client)
  top     TOP 1 0
  delete  RETR and DELE of every message, QUIT
Prints one JSON object: the server's answers, messages as base64 of the exact bytes poplib returns (lines
joined with CRLF, as stored).
"""
import base64
import json
import poplib
import ssl
import sys


def main():
    port, user, password, mode, action = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5]
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    if mode == "tls":
        pop = poplib.POP3_SSL("127.0.0.1", port, context=context, timeout=10)
    else:
        pop = poplib.POP3("127.0.0.1", port, timeout=10)
    out = {"welcome": pop.getwelcome().decode()}
    if mode == "stls":
        out["capa_before_tls"] = sorted(pop.capa().keys())
        out["stls"] = pop.stls(context=context).decode()
    out["capa"] = sorted(pop.capa().keys())
    pop.user(user)
    out["login"] = pop.pass_(password).decode()
    count, size = pop.stat()
    out["stat"] = [count, size]
    out["uidl"] = [line.decode() for line in pop.uidl()[1]]
    if action == "top":
        out["top"] = [line.decode() for line in pop.top(1, 0)[1]]
    else:
        messages = []
        for n in range(1, count + 1):
            response, lines, octets = pop.retr(n)
            messages.append(base64.b64encode(b"\r\n".join(lines) + b"\r\n").decode())
            if action == "delete":
                pop.dele(n)
        out["messages"] = messages
    out["quit"] = pop.quit().decode()
    print(json.dumps(out))


if __name__ == "__main__":
    main()
