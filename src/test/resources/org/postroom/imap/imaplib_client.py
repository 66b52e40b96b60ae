"""Python's imaplib against Postroom, for ImapPythonInteropTest: one session that selects INBOX, fetches, stores,
searches, copies and expunges by UID, printing what each step answered as one JSON object."""
import base64
import imaplib
import json
import sys

port, user, password = int(sys.argv[1]), sys.argv[2], sys.argv[3]
out = {}


def text(data):
    def one(d):
        if d is None:
            return None
        if isinstance(d, bytes):
            return d.decode("latin-1")
        return [x.decode("latin-1") for x in d]
    return [one(d) for d in data]


imap = imaplib.IMAP4("127.0.0.1", port)
imap.login(user, password)
typ, data = imap.select("INBOX")
out["select"] = [typ, text(data)]
out["uidvalidity"] = text(imap.response("UIDVALIDITY")[1])
typ, data = imap.uid("FETCH", "1:*", "(UID FLAGS RFC822.SIZE)")
out["flags"] = [typ, text(data)]
typ, data = imap.fetch("1", "(BODY.PEEK[HEADER.FIELDS (SUBJECT)] BODY[TEXT])")
out["body"] = [typ, [base64.b64encode(part[1]).decode() for part in data if isinstance(part, tuple)]]
typ, data = imap.fetch("1", "(FLAGS)")
out["seen_after_body"] = [typ, text(data)]
typ, data = imap.store("2", "+FLAGS", "(\\Flagged)")
out["store"] = [typ, text(data)]
typ, data = imap.search(None, "FLAGGED")
out["search_flagged"] = [typ, text(data)]
typ, data = imap.uid("SEARCH", None, "SUBJECT", "second")
out["uid_search_subject"] = [typ, text(data)]
typ, data = imap.uid("COPY", "1:2", "Trash")
out["copy"] = [typ, text(data)]
out["copyuid"] = text(imap.response("COPYUID")[1])
typ, data = imap.uid("STORE", "1", "+FLAGS.SILENT", "(\\Deleted)")
out["store_deleted"] = [typ, text(data)]
typ, data = imap.uid("EXPUNGE", "1")
out["uid_expunge"] = [typ, text(imap.response("EXPUNGE")[1])]
typ, data = imap.select("Trash", readonly=True)
out["trash"] = [typ, text(data)]
imap.close()
imap.logout()
print(json.dumps(out))
