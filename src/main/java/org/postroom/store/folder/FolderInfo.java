package org.postroom.store.folder;

import java.util.Set;

/**
 * One folder as LIST shows it.
 *
 * @param name its IMAP name, hierarchy delimiter {@code /}, as the client wrote it (modified UTF-7)
 * @param attributes {@code \HasChildren}/{@code \HasNoChildren}, special use ({@code \Sent}, {@code \Drafts},
 *     {@code \Trash}, {@code \Junk}, {@code \Archive}), {@code \Noselect} for a parent that is not a folder
 */
public record FolderInfo(String name, Set<String> attributes, boolean subscribed) {}
