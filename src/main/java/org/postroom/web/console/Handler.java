package org.postroom.web.console;

import org.postroom.web.Reply;

/** One route's work: reads the request, calls a service, answers. Refusals are {@link ConsoleError}s (or service exceptions, mapped by {@link ConsoleError#from}). */
@FunctionalInterface
public interface Handler {
    Reply handle(ConsoleRequest request) throws ConsoleError;
}
