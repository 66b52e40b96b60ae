package org.postroom.trace;

import java.util.List;

/**
 * One message as the trace tells it: its key, its steps in the order they happened, and a one-line verdict.
 *
 * @param message the key that grouped the steps (intake's id, or the SMTP session for a refusal)
 */
public record MessageStory(String message, List<Event> steps, String verdict) {

    public MessageStory {
        steps = List.copyOf(steps);
    }

    /** The Message-ID of the first step that knows it; empty when none does. */
    public String messageId() {
        return steps.stream().map(Event::messageId).filter(id -> !id.isEmpty()).findFirst().orElse("");
    }
}
