package dev.ecommerce.core.transform.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hubspot.jinjava.objects.collections.PyList;
import com.hubspot.jinjava.objects.collections.PyMap;
import dev.ecommerce.core.ConfigurationException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The Python builtins dbt puts in its Jinja context ({@code core/dbt/context/base.py}): {@code set},
 * {@code zip}, {@code tojson}, {@code fromjson}, {@code local_md5}, and {@code __dbt_dict}, what a dict literal
 * with computed keys ({@code {col.column: col}}, which Jinjava cannot parse) becomes ({@link Pythonisms}).
 */
public final class PythonBuiltins {

    private static final ObjectMapper JSON = new ObjectMapper();

    private PythonBuiltins() {}

    /** {@code set(iterable)}: its distinct items, in order (Python's set compares equal regardless of order). */
    public static Object set(Object... args) {
        LinkedHashSet<Object> items = new LinkedHashSet<>();
        if (args != null && args.length > 0 && args[0] != null) {
            iterate(args[0]).forEachRemaining(items::add);
        }
        return items;
    }

    /** {@code zip(a, b, ...)}: lists of the items at the same position, as long as the shortest. */
    public static Object zip(Object... args) {
        List<Iterator<?>> iterators = new ArrayList<>();
        for (Object arg : args == null ? new Object[0] : args) {
            iterators.add(iterate(arg));
        }
        List<Object> zipped = new ArrayList<>();
        while (!iterators.isEmpty() && iterators.stream().allMatch(Iterator::hasNext)) {
            List<Object> row = new ArrayList<>();
            iterators.forEach(i -> row.add(i.next()));
            zipped.add(new PyList(row));
        }
        return new PyList(zipped);
    }

    public static Object tojson(Object... args) {
        try {
            return JSON.writeValueAsString(args == null || args.length == 0 ? null : args[0]);
        } catch (JsonProcessingException e) {
            throw new ConfigurationException("tojson: " + e.getOriginalMessage(), e);
        }
    }

    public static Object fromjson(Object... args) {
        try {
            return JSON.readValue(String.valueOf(args[0]), Object.class);
        } catch (JsonProcessingException e) {
            throw new ConfigurationException("fromjson: not JSON: " + e.getOriginalMessage(), e);
        }
    }

    public static Object local_md5(Object... args) {
        try {
            byte[] digest = MessageDigest.getInstance("MD5")
                    .digest(String.valueOf(args[0]).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A dict of key, value, key, value, ...: keys are any value. */
    public static Object __dbt_dict(Object... keysAndValues) {
        Map<Object, Object> map = new LinkedHashMap<>();
        for (int i = 0; keysAndValues != null && i + 1 < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        @SuppressWarnings({"unchecked", "rawtypes"})
        Map<String, Object> asJinjava = (Map) map;
        return new PyMap(asJinjava);
    }

    private static Iterator<?> iterate(Object value) {
        if (value instanceof Collection<?> c) {
            return c.iterator();
        }
        if (value instanceof Map<?, ?> m) {
            return m.keySet().iterator();
        }
        if (value instanceof Iterable<?> i) {
            return i.iterator();
        }
        if (value instanceof Object[] array) {
            return List.of(array).iterator();
        }
        if (value instanceof String s) {
            return s.chars().mapToObj(c -> String.valueOf((char) c)).iterator();
        }
        throw new ConfigurationException("cannot iterate over " + value);
    }
}
