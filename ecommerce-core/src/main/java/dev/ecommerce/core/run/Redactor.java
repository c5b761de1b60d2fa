package dev.ecommerce.core.run;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Masks known secret values in any text that leaves the pipeline (log lines, exception messages,
 * reports). Longest secrets are replaced first so that one secret containing another is fully masked.
 */
public final class Redactor {

    static final String MASK = "******";
    private static final int MIN_LENGTH = 4;

    private final List<String> secrets;

    private Redactor(List<String> secrets) {
        this.secrets = secrets;
    }

    /** This redactor plus more secrets. */
    public Redactor with(Collection<String> more) {
        List<String> all = new java.util.ArrayList<>(secrets);
        all.addAll(more);
        return of(all);
    }

    public static Redactor of(Collection<String> secrets) {
        return new Redactor(secrets.stream()
                .filter(s -> s != null && s.length() >= MIN_LENGTH)
                .distinct()
                .sorted(Comparator.comparingInt(String::length).reversed())
                .toList());
    }

    /**
     * A copy of an exception chain with every message redacted and the stack traces kept, for causes
     * that are handed to a caller who may print them (for example {@code mvn -e}).
     */
    public Throwable redact(Throwable error) {
        if (error == null) {
            return null;
        }
        RedactedException copy = new RedactedException(
                error.getClass().getName() + ": " + redact(error.getMessage()), redact(error.getCause()));
        copy.setStackTrace(error.getStackTrace());
        return copy;
    }

    /** Stands in for an exception whose message was redacted; names the original class. */
    static final class RedactedException extends RuntimeException {
        RedactedException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    public String redact(String text) {
        if (text == null || secrets.isEmpty()) {
            return text;
        }
        String result = text;
        for (String secret : secrets) {
            result = result.replace(secret, MASK);
        }
        return result;
    }
}
