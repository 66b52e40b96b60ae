package org.postroom.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What {@code /readyz} checks: each check names itself and says what is wrong, or nothing. Ready when none says
 * anything; the answer lists every failing check, so an administrator sees all of them at once.
 */
public final class Readiness {
    /** One check: {@code problem} returns why it fails, or empty. */
    public record Check(String name, Supplier<Optional<String>> problem) {}

    private final List<Check> checks;

    public Readiness(List<Check> checks) {
        this.checks = List.copyOf(checks);
    }

    /** The failing checks, as "name: problem" lines; a check that throws fails with what it threw. */
    public List<String> problems() {
        List<String> out = new ArrayList<>();
        for (Check check : checks) {
            Optional<String> problem;
            try {
                problem = check.problem().get();
            } catch (RuntimeException e) {
                problem = Optional.of(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            }
            problem.ifPresent(p -> out.add(check.name() + ": " + p));
        }
        return out;
    }

    public List<String> names() {
        return checks.stream().map(Check::name).toList();
    }
}
