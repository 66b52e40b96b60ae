package org.postroom.directory;

import org.postroom.message.MailAddress;

/** One row of the {@code entry} table with what its kind adds: the shape the resolver walks. */
sealed interface Entry {
    long id();

    MailAddress address();

    record UserEntry(User user) implements Entry {
        @Override
        public long id() {
            return user.id();
        }

        @Override
        public MailAddress address() {
            return user.address();
        }
    }

    record AliasEntry(long id, MailAddress address) implements Entry {}

    record GroupEntry(long id, MailAddress address, boolean localSendersOnly) implements Entry {}

    default String kindName() {
        return switch (this) {
            case UserEntry u -> "user";
            case AliasEntry a -> "alias";
            case GroupEntry g -> "group";
        };
    }

    /** "a user", "an alias", "a group": for messages. */
    static String withArticle(String kindName) {
        return (kindName.startsWith("a") ? "an " : "a ") + kindName;
    }
}
