"""Python's imaplib against Postroom's IMAP door: log in (STARTTLS or implicit TLS), then folders and APPEND.

Usage: imaplib_folders.py PORT USER PASSWORD starttls|tls
Prints one JSON object with what the server answered; exits non-zero on any IMAP error.
"""
import imaplib
import json
import ssl
import sys

port, user, password, mode = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
context = ssl.create_default_context()
context.check_hostname = False
context.verify_mode = ssl.CERT_NONE

if mode == "tls":
    imap = imaplib.IMAP4_SSL("127.0.0.1", port, ssl_context=context)
else:
    imap = imaplib.IMAP4("127.0.0.1", port)
    imap.starttls(ssl_context=context)

result = {"capabilities_before": sorted(imap.capabilities)}
typ, data = imap.login(user, password)
result["login"] = typ
result["namespace"] = imap.namespace()[1][0].decode()
imap.create("Reports")
imap.create("Reports/2026")
imap.subscribe("Reports/2026")
message = b"From: alice@office.test\r\nSubject: from imaplib\r\n\r\nbody\r\n"
typ, data = imap.append("Reports/2026", "(\\Seen)", imaplib.Time2Internaldate(1700000000), message)
result["append"] = [typ, data[0].decode()]
typ, data = imap.list()
result["list"] = [d.decode() for d in data]
typ, data = imap.lsub()
result["lsub"] = [d.decode() for d in data]
typ, data = imap.status("Reports/2026", "(MESSAGES UNSEEN UIDNEXT)")
result["status"] = data[0].decode()
imap.rename("Reports", '"Old reports"')  # imaplib leaves quoting to the caller
typ, data = imap.list('""', '"Old reports/*"')
result["renamed"] = [d.decode() for d in data]
imap.delete('"Old reports/2026"')
imap.logout()
print(json.dumps(result))
