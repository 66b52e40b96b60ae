package org.postroom.service;

import java.util.function.Supplier;
import org.postroom.directory.Directory;

/** Users, aliases, groups and domains, for the CLI and the console alike (filled in by core). */
public final class UserService {
    private final Supplier<Directory> directories;

    public UserService(Supplier<Directory> directories) {
        this.directories = directories;
    }

    public Directory directory() {
        return directories.get();
    }
}
