package org.postroom.imap.fetch;

import java.util.List;
import org.postroom.store.folder.MessageInfo;

/**
 * One message as the session sees it, for a FETCH response or a SEARCH test.
 *
 * @param sequence its message sequence number in the session
 * @param recent whether it is \Recent in this session (RFC 3501 2.3.2)
 * @param keywords the folder's keyword table, for {@link MessageInfo#keywords()}
 */
public record MessageView(long sequence, MessageInfo message, boolean recent, List<String> keywords, MessageSource source) {}
