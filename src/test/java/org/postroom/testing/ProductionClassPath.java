package org.postroom.testing;

import java.io.File;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The test JVM's class path without the tests' own classes and resources: a child {@code postroom} process started
 * on it logs as in production ({@code server.ConsoleLog}, to stderr), not as {@code logback-test.xml} says.
 */
public final class ProductionClassPath {
    private ProductionClassPath() {}

    public static String get() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.endsWith("test-classes") && !entry.endsWith("test-classes" + File.separator))
                .collect(Collectors.joining(File.pathSeparator));
    }
}
