package org.postroom.imap.fetch;

import java.util.LinkedHashMap;
import java.util.Map;
import org.postroom.imap.mime.MimePart;

/**
 * The structures of the messages a session read last, by Maildir unique name (a message's content never changes under
 * its name): a client fetches BODYSTRUCTURE and then the parts it shows, and each would otherwise read the whole
 * file again. Small and per session; not thread-safe (a session runs on one thread).
 */
public final class StructureCache {
    private final Map<String, MimePart> entries;

    public StructureCache(int capacity) {
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, MimePart> eldest) {
                return size() > capacity;
            }
        };
    }

    public MimePart get(String uniqueName) {
        return entries.get(uniqueName);
    }

    public void put(String uniqueName, MimePart structure) {
        entries.put(uniqueName, structure);
    }
}
