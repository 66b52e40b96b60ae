package org.postroom.server;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.ContextInitializer;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * Logback's configuration, in code (registered in {@code META-INF/services}): the console log on stderr, since
 * stdout carries only a command's answer (with {@code --format json}, JSON alone); {@code org.postroom} and the
 * administrator's logs by name ({@code postroom.mail}, one line per message; {@code postroom.collect}) at INFO,
 * everything else at WARN. {@code postroom start} adds the log file ({@link LogFiles}).
 *
 * <p>Not a {@code logback.xml}: reading one starts an XML parser, about 40 ms of every admin command's start (issue
 * 14's fast CLI). A file named by {@code -Dlogback.configurationFile}, or the tests' {@code logback-test.xml}, still
 * wins: then this steps aside for logback's own reader.
 */
public final class ConsoleLog extends ContextAwareBase implements Configurator {
    static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level %logger{20} %msg%n";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty(ContextInitializer.CONFIG_FILE_PROPERTY) != null
                || ConsoleLog.class.getClassLoader().getResource(ContextInitializer.TEST_AUTOCONFIG_FILE) != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setName("console");
        console.setTarget("System.err");
        console.setEncoder(encoder);
        console.start();

        context.getLogger("org.postroom").setLevel(Level.INFO);
        context.getLogger("postroom").setLevel(Level.INFO);
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.WARN);
        root.addAppender(console);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
