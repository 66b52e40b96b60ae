package org.postroom.collect;

import java.util.List;
import org.postroom.message.MailAddress;

/**
 * What the collector decided for one downloaded message: printed per message by {@code --dry-run}.
 *
 * @param number the message's number in this POP3 session
 * @param uidl its unique id at the provider
 * @param alreadyStored an earlier cycle stored it (it is only waiting to be deleted at the provider)
 * @param rule how its recipients were found
 * @param deliverTo the local users who get it
 * @param unresolved addresses in the office's domains that nobody receives
 * @param foreign addresses outside the office's domains (never relayed from the collector)
 * @param duplicates local users who already have it
 * @param unresolvedTo where it goes when nobody local gets it ("" when somebody does, or it stays at the provider)
 * @param why why it is not simply delivered: the reason it goes to {@code unresolvedTo}, or stays ("" when delivered)
 */
public record Sorting(int number, String uidl, boolean alreadyStored, String messageId, String rule, List<MailAddress> deliverTo,
        List<MailAddress> unresolved, List<MailAddress> foreign, List<MailAddress> duplicates, String unresolvedTo, String why) {}
