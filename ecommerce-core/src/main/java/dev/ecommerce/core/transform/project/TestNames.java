package dev.ecommerce.core.transform.project;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A generic test's names as dbt computes them ({@code generic_test_builders.py} and
 * {@code schema_generic_tests.py} in dbt-core): the full name from the test, the tested node and the flattened
 * arguments; the short name (the first 30 characters and an md5) when the full one has 64 characters or more;
 * and the 10 hex characters that end its unique id, an md5 of the name and of the test's metadata as Python
 * prints it.
 */
final class TestNames {

    private static final int MAX_NAME = 64;
    private static final int HASH_LENGTH = 10;
    private static final java.util.regex.Pattern NOT_A_NAME = java.util.regex.Pattern.compile("[^0-9a-zA-Z_]+");

    private TestNames() {}

    /**
     * dbt's full name, e.g. {@code relationships_orders_customer_id__customer_id__ref_customers_}.
     *
     * @param testType the test's name, {@code source_} in front for a test on a source
     * @param target the tested node's name ({@code <source>_<table>} for a source table)
     * @param kwargs the test's arguments with {@code column_name}, without {@code model}
     */
    static String fullName(String testType, String target, Map<String, Object> kwargs) {
        List<String> flat = new ArrayList<>();
        new TreeMap<>(kwargs).forEach((key, value) -> {
            if (value instanceof Map<?, ?> map) {
                map.values().forEach(v -> flat.add(Python.str(v)));
            } else if (value instanceof List<?> list) {
                list.forEach(v -> flat.add(Python.str(v)));
            } else {
                flat.add(Python.str(value));
            }
        });
        List<String> clean = new ArrayList<>(flat.size());
        for (String value : flat) {
            clean.add(isName(value) ? value : NOT_A_NAME.matcher(value).replaceAll("_"));
        }
        return testType + "_" + target + "_" + String.join("__", clean);
    }

    /** Whether {@code s} has nothing {@link #NOT_A_NAME} replaces (a column's name, say): it is kept as it is. */
    private static boolean isName(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (!isWordChar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** {@code [0-9a-zA-Z_]}: what a name is made of. */
    static boolean isWordChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    }

    /** The name of the compiled file and the test's alias: the full name, or a hashed one when that is long. */
    static String shortName(String testType, String target, String fullName) {
        if (fullName.length() < MAX_NAME) {
            return fullName;
        }
        String identifier = testType + "_" + target;
        return identifier.substring(0, Math.min(30, identifier.length())) + "_" + md5(fullName);
    }

    /**
     * The end of dbt's unique id: {@code md5(name + repr(metadata))[-10:]}, the metadata being
     * {@code {'kwargs': ..., 'name': ..., 'namespace': ...}} with every key sorted and every leaf a string.
     */
    static String hash(String fullName, String testName, String namespace, Map<String, Object> kwargs) {
        Map<String, Object> metadata = new TreeMap<>();
        metadata.put("kwargs", kwargs);
        metadata.put("name", testName);
        metadata.put("namespace", namespace);
        String digest = md5(fullName + Python.hashableRepr(metadata));
        return digest.substring(digest.length() - HASH_LENGTH);
    }

    private static final MessageDigest MD5;

    static {
        try {
            MD5 = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has MD5", e);
        }
    }

    static String md5(String text) {
        try { // a copy of one digest: looking up the provider for each of 10,000 tests costs more than hashing
            MessageDigest md5 = (MessageDigest) MD5.clone();
            return HexFormat.of().formatHex(md5.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException(e);
        }
    }
}
