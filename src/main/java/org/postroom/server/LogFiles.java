package org.postroom.server;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.rolling.FixedWindowRollingPolicy;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeBasedTriggeringPolicy;
import ch.qos.logback.core.util.Duration;
import ch.qos.logback.core.util.FileSize;
import java.nio.file.Path;
import org.postroom.config.LogSettings;
import org.slf4j.LoggerFactory;

/**
 * Adds the log file {@code data/logs/postroom.log} next to the console log ({@link ConsoleLog}), rotated by size as
 * {@code [log]} says: {@code postroom.1.log} is the newest rotated file, {@code postroom.KEEP.log} the oldest kept.
 * A bound on size and count rather than on days: a disk is filled by bytes, and a busy day (a mail loop, an attack
 * on the logins) writes more than a quiet month.
 */
public final class LogFiles {
    static final String APPENDER = "file";
    /** How often the file's size is looked at (one stat); logback's default is a minute, which lets a burst run far past the size. */
    private static final Duration CHECK_EVERY = Duration.buildBySeconds(1);

    private LogFiles() {}

    public static void addFileLog(Path logDir, LogSettings settings) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) return;
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.detachAppender(APPENDER); // a second start in one JVM (tests) replaces the first's file
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level %logger{20} %msg%n");
        encoder.start();

        RollingFileAppender<ILoggingEvent> appender = new RollingFileAppender<>();
        appender.setContext(context);
        appender.setName(APPENDER);
        appender.setFile(logDir.resolve("postroom.log").toString());
        FixedWindowRollingPolicy rolling = new FixedWindowRollingPolicy();
        rolling.setContext(context);
        rolling.setParent(appender);
        rolling.setFileNamePattern(logDir.resolve("postroom.%i.log").toString());
        rolling.setMinIndex(1);
        rolling.setMaxIndex(settings.keep());
        rolling.start();
        SizeBasedTriggeringPolicy<ILoggingEvent> trigger = new SizeBasedTriggeringPolicy<>();
        trigger.setContext(context);
        trigger.setMaxFileSize(new FileSize(settings.maxSize()));
        trigger.setCheckIncrement(CHECK_EVERY);
        trigger.start();
        appender.setRollingPolicy(rolling);
        appender.setTriggeringPolicy(trigger);
        appender.setEncoder(encoder);
        appender.start();
        root.addAppender(appender);
    }
}
