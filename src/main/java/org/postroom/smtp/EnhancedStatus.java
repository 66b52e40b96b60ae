package org.postroom.smtp;

/** An RFC 3463 enhanced status code, {@code class.subject.detail}, as RFC 2034 puts it before the reply text. */
public record EnhancedStatus(int statusClass, int subject, int detail) {

    public EnhancedStatus {
        if (statusClass != 2 && statusClass != 4 && statusClass != 5) throw new IllegalArgumentException("class " + statusClass);
    }

    public static EnhancedStatus of(String text) {
        String[] parts = text.split("\\.");
        return new EnhancedStatus(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2]));
    }

    @Override
    public String toString() {
        return statusClass + "." + subject + "." + detail;
    }
}
