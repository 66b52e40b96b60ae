package org.postroom.store;

import java.io.IOException;
import java.io.OutputStream;

/** Writes the bytes of one message, exactly as they are to be stored. */
@FunctionalInterface
public interface MessageWriter {
    void writeTo(OutputStream out) throws IOException;
}
