package org.postroom.store.folder;

import java.util.List;

/**
 * A folder at one moment: immutable, shared between sessions.
 *
 * @param messages sorted by UID ascending
 * @param keywords the folder's keyword names; bit {@code i} of {@link MessageInfo#keywords()} is {@code keywords.get(i)}
 */
public record FolderSnapshot(long uidValidity, long uidNext, long highestModSeq, List<MessageInfo> messages, List<String> keywords) {}
