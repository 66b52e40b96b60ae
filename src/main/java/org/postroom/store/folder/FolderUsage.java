package org.postroom.store.folder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The octets in each folder for the quota, without a listing per delivery: a directory's total is kept with the
 * directory's modification time and counted again (names only, the {@code ,S=} sizes) only when that time moved. A
 * loaded folder answers for its {@code cur/} from memory.
 */
final class FolderUsage {
    private record Known(long time, long octets) {}

    private final FolderRegistry registry;
    private final ConcurrentHashMap<Path, Known> known = new ConcurrentHashMap<>();

    FolderUsage(FolderRegistry registry) {
        this.registry = registry;
    }

    long of(Path folderRoot) throws IOException {
        Path cur = folderRoot.resolve("cur");
        long curTime = MaildirFolder.modified(cur);
        MaildirFolder loaded = registry.loaded(folderRoot);
        long curOctets = loaded == null ? -1 : loaded.curOctetsIfCurrent(curTime);
        if (curOctets < 0) curOctets = count(cur, curTime);
        Path newDir = folderRoot.resolve("new");
        return curOctets + count(newDir, MaildirFolder.modified(newDir));
    }

    private long count(Path dir, long time) throws IOException {
        if (time == -1) return 0;
        Known k = known.get(dir);
        if (k != null && k.time() == time) return k.octets();
        long total = 0;
        for (String fileName : FolderScan.list(dir)) {
            MessageFileName name = MessageFileName.parse(fileName);
            if (name.size() >= 0) {
                total += name.size();
            } else {
                try {
                    total += Files.size(dir.resolve(fileName));
                } catch (NoSuchFileException e) {
                    // removed since the listing
                }
            }
        }
        known.put(dir, new Known(time, total));
        return total;
    }
}
