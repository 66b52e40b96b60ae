package org.postroom.testing;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * The log lines Postroom writes while a test runs, as the administrator would read them ({@code LEVEL message}).
 * Open it before the action, read {@link #lines()}, close it after: {@code try (CapturedLog log = CapturedLog.start()) ...}.
 */
public final class CapturedLog implements AutoCloseable {
    private final Logger logger;
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    private CapturedLog(String loggerName) {
        this.logger = (Logger) LoggerFactory.getLogger(loggerName);
        appender.start();
        logger.addAppender(appender);
    }

    /** Everything under {@code org.postroom}. */
    public static CapturedLog start() {
        return new CapturedLog("org.postroom");
    }

    /** Each event so far as {@code "WARN text"}, in order. */
    public List<String> lines() {
        synchronized (appender) { // AppenderBase.doAppend adds under this lock
            return appender.list.stream().map(e -> e.getLevel() + " " + e.getFormattedMessage()).toList();
        }
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        appender.stop();
    }
}
