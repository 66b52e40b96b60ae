package org.postroom.intake;

/** What intake did with a message. */
public sealed interface IntakeResult {

    /** Stored in every local mailbox, durably: the door may now say 250. */
    record Accepted(String id) implements IntakeResult {}

    /** Refused for good: it has looped through too many servers. */
    record Loop(int receivedCount) implements IntakeResult, Preparation {}

    /** Not stored because the disk is full or failing; the sender should try again later. */
    record StorageFailure(String reason) implements IntakeResult, Preparation {}
}
