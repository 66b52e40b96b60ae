package org.postroom.store.folder;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.postroom.message.MailAddress;
import org.postroom.store.MaildirStore;

/**
 * The child process of {@link FolderCrashTest}: appends, deliveries, moves and expunges on one user's INBOX and
 * Archive as fast as it can, printing each one on standard output only after it returned (acknowledged), until it is
 * killed with SIGKILL. Lines: {@code A uid marker} (appended to INBOX), {@code D marker} (delivered into new/),
 * {@code U folder uid marker} (a UID seen in a snapshot), {@code M marker uid} (moved to Archive), {@code E marker}
 * (expunged from Archive).
 */
public final class FolderCrashDriver {
    static final MailAddress USER = new MailAddress("alice", "office.test");

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[0]);
        long firstMarker = Long.parseLong(args[1]);
        Random random = new Random(Long.parseLong(args[2]));
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.US_ASCII);
        MaildirStore store = new MaildirStore(data, "crash.test");
        UserFolders folders = store.folders(USER);
        try {
            folders.create("Archive");
        } catch (FolderException e) {
            // there from an earlier round
        }
        Folder inbox = folders.open("INBOX");
        Folder archive = folders.open("Archive");
        Map<Long, String> inInbox = new HashMap<>();
        Map<Long, String> inArchive = new HashMap<>();
        learn(inbox, "INBOX", inInbox, out);
        learn(archive, "Archive", inArchive, out);
        out.println("READY");
        out.flush();
        for (long marker = firstMarker; ; marker++) {
            String name = "m" + marker;
            byte[] message = ("Subject: " + name + "\r\n\r\n" + "x".repeat(random.nextInt(2000)) + "\r\n").getBytes(StandardCharsets.US_ASCII);
            int op = random.nextInt(100);
            if (op < 35) {
                long uid = inbox.append(o -> o.write(message), random.nextBoolean() ? MessageInfo.SEEN : 0, Set.of(), null).uid();
                inInbox.put(uid, name);
                out.println("A " + uid + " " + name);
            } else if (op < 55) {
                store.deliver(List.of(USER), o -> o.write(message));
                out.println("D " + name);
                learn(inbox, "INBOX", inInbox, out);
            } else if (op < 80 && !inInbox.isEmpty()) {
                long uid = pick(inInbox, random);
                Folder.CopyResult moved = inbox.move(List.of(uid), archive);
                String what = inInbox.remove(uid);
                if (!moved.targetUids().isEmpty()) {
                    inArchive.put(moved.targetUids().getFirst(), what);
                    out.println("M " + what + " " + moved.targetUids().getFirst());
                }
            } else if (!inArchive.isEmpty()) {
                long uid = pick(inArchive, random);
                if (!archive.expunge(List.of(uid)).isEmpty()) out.println("E " + inArchive.get(uid));
                inArchive.remove(uid);
            }
            out.flush();
        }
    }

    /** Half the time the newest message: removing the highest UID is what tempts a store to give it again. */
    private static long pick(Map<Long, String> uids, Random random) {
        if (random.nextBoolean()) return uids.keySet().stream().max(Long::compare).orElseThrow();
        List<Long> all = new ArrayList<>(uids.keySet());
        return all.get(random.nextInt(all.size()));
    }

    /** Takes a snapshot and reports the UIDs it did not know, with their markers (read from the message). */
    static void learn(Folder folder, String name, Map<Long, String> known, PrintStream out) throws Exception {
        for (MessageInfo m : folder.snapshot().messages()) {
            if (known.containsKey(m.uid())) continue;
            String marker = markerOf(folder, m);
            known.put(m.uid(), marker);
            out.println("U " + name + " " + m.uid() + " " + marker);
        }
    }

    static String markerOf(Folder folder, MessageInfo m) throws Exception {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(folder.open(m), StandardCharsets.US_ASCII))) {
            return in.readLine().substring("Subject: ".length());
        }
    }
}
