package dev.ecommerce.core.io;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A compact binary form of immutable value graphs: records and enums of this project ({@code dev.ecommerce.*}),
 * strings, numbers, booleans, paths, and lists, sets and maps of them. What the embedded engine keeps between
 * runs ({@code embedded_partial_parse.bin}) is written with it: reading 20,000 parsed nodes back takes a tenth
 * of parsing them again in a fresh JVM, where Java serialization takes more than half (and needs
 * {@code Serializable} everywhere).
 *
 * <p>Each string is written once and referred to afterwards, and so is each record instance (a model shared by
 * the project and its planned node comes back shared). Collections come back as {@code ArrayList},
 * {@code LinkedHashSet} and {@code LinkedHashMap} in their iteration order, unmodifiable when they were. Any
 * other class is refused when written ({@link Unsupported}): the caller then keeps nothing, never a lossy copy.
 * Only classes of this project are created when read, so a planted file cannot make the reader build others.
 */
public final class RecordCodec {

    /** A value of a class the codec does not write. */
    public static final class Unsupported extends Exception {
        Unsupported(String message) {
            super(message, null, false, false);
        }
    }

    private static final String ALLOWED = "dev.ecommerce.";

    private static final byte NULL = 0;
    private static final byte STRING = 1;
    private static final byte STRING_REF = 2;
    private static final byte INT = 3;
    private static final byte LONG = 4;
    private static final byte DOUBLE = 5;
    private static final byte TRUE = 6;
    private static final byte FALSE = 7;
    private static final byte LIST = 8;
    private static final byte FIXED_LIST = 9;
    private static final byte SET = 10;
    private static final byte FIXED_SET = 11;
    private static final byte MAP = 12;
    private static final byte FIXED_MAP = 13;
    private static final byte RECORD = 14;
    private static final byte RECORD_REF = 15;
    private static final byte ENUM = 16;
    private static final byte PATH = 17;
    private static final byte BIG_DECIMAL = 18;
    private static final byte BIG_INTEGER = 19;
    private static final byte FLOAT = 20;

    /** A record class as written and read: its canonical constructor and its components' accessors. */
    private record Shape(Class<?> type, Constructor<?> constructor, Method[] accessors) {

        static Shape of(Class<?> type) {
            RecordComponent[] components = type.getRecordComponents();
            Class<?>[] types = new Class<?>[components.length];
            Method[] accessors = new Method[components.length];
            for (int i = 0; i < components.length; i++) {
                types[i] = components[i].getType();
                accessors[i] = components[i].getAccessor();
                accessors[i].setAccessible(true);
            }
            try {
                Constructor<?> constructor = type.getDeclaredConstructor(types);
                constructor.setAccessible(true);
                return new Shape(type, constructor, accessors);
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException(type + " has no canonical constructor", e);
            }
        }
    }

    private RecordCodec() {}

    /** {@code value} in the codec's form. */
    public static byte[] write(Object value) throws Unsupported {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 16);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            new Writer(out).value(value);
        } catch (IOException e) {
            throw new IllegalStateException(e); // a byte array does not fail
        }
        return bytes.toByteArray();
    }

    /**
     * The value in {@code bytes} from its current position.
     *
     * @throws IllegalArgumentException when the bytes are not the codec's (or name a class that no longer has the
     *     written shape)
     */
    public static Object read(ByteBuffer bytes) {
        try {
            Reader reader = new Reader(bytes.array(), bytes.arrayOffset() + bytes.position());
            Object value = reader.value();
            bytes.position(reader.at - bytes.arrayOffset());
            return value;
        } catch (RuntimeException | ReflectiveOperationException e) {
            throw new IllegalArgumentException("not a value the codec wrote: " + e, e);
        }
    }

    private static final class Writer {
        private final DataOutputStream out;
        private final Map<String, Integer> strings = new HashMap<>();
        private final Map<Object, Integer> records = new IdentityHashMap<>();
        private final Map<Class<?>, Shape> shapes = new HashMap<>();

        Writer(DataOutputStream out) {
            this.out = out;
        }

        void value(Object value) throws IOException, Unsupported {
            if (value == null) {
                out.writeByte(NULL);
            } else if (value instanceof String text) {
                string(text);
            } else if (value instanceof Integer number) {
                out.writeByte(INT);
                out.writeInt(number);
            } else if (value instanceof Long number) {
                out.writeByte(LONG);
                out.writeLong(number);
            } else if (value instanceof Double number) {
                out.writeByte(DOUBLE);
                out.writeDouble(number);
            } else if (value instanceof Float number) {
                out.writeByte(FLOAT);
                out.writeFloat(number);
            } else if (value instanceof Boolean flag) {
                out.writeByte(flag ? TRUE : FALSE);
            } else if (value instanceof BigDecimal number) {
                out.writeByte(BIG_DECIMAL);
                string(number.toString());
            } else if (value instanceof BigInteger number) {
                out.writeByte(BIG_INTEGER);
                string(number.toString());
            } else if (value instanceof Path path) {
                out.writeByte(PATH);
                string(path.toString());
            } else if (value instanceof Enum<?> constant && allowed(constant.getDeclaringClass())) {
                out.writeByte(ENUM);
                string(constant.getDeclaringClass().getName());
                string(constant.name());
            } else if (value instanceof Record record && allowed(record.getClass())) {
                record(record);
            } else if (value instanceof Map<?, ?> map) {
                out.writeByte(fixed(map) ? FIXED_MAP : MAP);
                out.writeInt(map.size());
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    value(entry.getKey());
                    value(entry.getValue());
                }
            } else if (value instanceof List<?> || value instanceof Set<?>) {
                Collection<?> items = (Collection<?>) value;
                out.writeByte(
                        value instanceof List<?>
                                ? (fixed(items) ? FIXED_LIST : LIST)
                                : (fixed(items) ? FIXED_SET : SET));
                out.writeInt(items.size());
                for (Object item : items) {
                    value(item);
                }
            } else {
                throw new Unsupported("a " + value.getClass().getName());
            }
        }

        private void string(String text) throws IOException {
            Integer index = strings.get(text);
            if (index != null) {
                out.writeByte(STRING_REF);
                out.writeInt(index);
                return;
            }
            strings.put(text, strings.size());
            byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
            out.writeByte(STRING);
            out.writeInt(utf8.length);
            out.write(utf8);
        }

        private void record(Record record) throws IOException, Unsupported {
            Integer index = records.get(record);
            if (index != null) {
                out.writeByte(RECORD_REF);
                out.writeInt(index);
                return;
            }
            Shape shape = shapes.computeIfAbsent(record.getClass(), Shape::of);
            out.writeByte(RECORD);
            string(shape.type().getName());
            out.writeInt(shape.accessors().length);
            for (Method accessor : shape.accessors()) {
                try {
                    value(accessor.invoke(record));
                } catch (IllegalAccessException | InvocationTargetException e) {
                    throw new IllegalStateException(accessor + " failed", e);
                }
            }
            // numbered after its components, as the reader numbers it once they are read
            records.put(record, records.size());
        }

        /** Whether a collection cannot be changed: it comes back unmodifiable. */
        private static boolean fixed(Object collection) {
            String name = collection.getClass().getName();
            return name.startsWith("java.util.ImmutableCollections$")
                    || name.startsWith("java.util.Collections$Unmodifiable")
                    || name.startsWith("java.util.Collections$Empty")
                    || name.startsWith("java.util.Collections$Singleton");
        }
    }

    private static boolean allowed(Class<?> type) {
        return type.getName().startsWith(ALLOWED);
    }

    /** Reads from a byte array directly: a fresh JVM interprets this code, where each ByteBuffer call costs. */
    private static final class Reader {
        private final byte[] in;
        private int at;
        private final List<String> strings = new ArrayList<>();
        private final List<Object> records = new ArrayList<>();
        private final Map<String, Shape> shapes = new HashMap<>();

        Reader(byte[] in, int at) {
            this.in = in;
            this.at = at;
        }

        private byte get() {
            return in[at++];
        }

        private int getInt() {
            int value = ((in[at] & 0xff) << 24)
                    | ((in[at + 1] & 0xff) << 16)
                    | ((in[at + 2] & 0xff) << 8)
                    | (in[at + 3] & 0xff);
            at += 4;
            return value;
        }

        private long getLong() {
            return ((long) getInt() << 32) | (getInt() & 0xffffffffL);
        }

        @SuppressWarnings("unchecked")
        Object value() throws ReflectiveOperationException {
            byte tag = get();
            switch (tag) {
                case NULL:
                    return null;
                case STRING:
                case STRING_REF:
                    return string(tag);
                case INT:
                    return getInt();
                case LONG:
                    return getLong();
                case DOUBLE:
                    return Double.longBitsToDouble(getLong());
                case FLOAT:
                    return Float.intBitsToFloat(getInt());
                case TRUE:
                    return Boolean.TRUE;
                case FALSE:
                    return Boolean.FALSE;
                case BIG_DECIMAL:
                    return new BigDecimal(string(get()));
                case BIG_INTEGER:
                    return new BigInteger(string(get()));
                case PATH:
                    return Path.of(string(get()));
                case ENUM:
                    return enumConstant(string(get()), string(get()));
                case RECORD:
                    return record();
                case RECORD_REF:
                    return records.get(getInt());
                case LIST:
                case FIXED_LIST:
                case SET:
                case FIXED_SET: {
                    int size = getInt();
                    boolean list = tag == LIST || tag == FIXED_LIST;
                    Collection<Object> items = list ? new ArrayList<>(size) : new LinkedHashSet<>(capacity(size));
                    for (int i = 0; i < size; i++) {
                        items.add(value());
                    }
                    if (tag == LIST || tag == SET) {
                        return items;
                    }
                    return list
                            ? Collections.unmodifiableList((List<Object>) items)
                            : Collections.unmodifiableSet((Set<Object>) items);
                }
                case MAP:
                case FIXED_MAP: {
                    int size = getInt();
                    Map<Object, Object> map = new LinkedHashMap<>(capacity(size));
                    for (int i = 0; i < size; i++) {
                        map.put(value(), value());
                    }
                    return tag == MAP ? map : Collections.unmodifiableMap(map);
                }
                default:
                    throw new IllegalArgumentException("unknown tag " + tag + " at " + (at - 1));
            }
        }

        private String string(byte tag) {
            if (tag == STRING_REF) {
                return strings.get(getInt());
            }
            if (tag != STRING) {
                throw new IllegalArgumentException("a string expected at " + (at - 1));
            }
            int length = getInt();
            String text = new String(in, at, length, StandardCharsets.UTF_8);
            at += length;
            strings.add(text);
            return text;
        }

        private Object record() throws ReflectiveOperationException {
            Shape shape = shape(string(get()));
            int count = getInt();
            if (count != shape.accessors().length) {
                throw new IllegalArgumentException(
                        shape.type() + " has " + shape.accessors().length + " components, not " + count);
            }
            Object[] arguments = new Object[count];
            for (int i = 0; i < count; i++) {
                arguments[i] = value();
            }
            Object record;
            try {
                record = shape.constructor().newInstance(arguments);
            } catch (InvocationTargetException e) {
                throw new IllegalArgumentException(shape.type() + " refused what was written", e.getCause());
            }
            records.add(record);
            return record;
        }

        private Shape shape(String name) throws ClassNotFoundException {
            Shape shape = shapes.get(name);
            if (shape == null) {
                Class<?> type = project(name);
                if (!type.isRecord()) {
                    throw new IllegalArgumentException(name + " is no record");
                }
                shape = Shape.of(type);
                shapes.put(name, shape);
            }
            return shape;
        }

        @SuppressWarnings({"unchecked", "rawtypes"})
        private static Object enumConstant(String type, String name) throws ClassNotFoundException {
            Class<?> enumType = project(type);
            if (!enumType.isEnum()) {
                throw new IllegalArgumentException(type + " is no enum");
            }
            return Enum.valueOf((Class) enumType, name);
        }

        private static Class<?> project(String name) throws ClassNotFoundException {
            if (!name.startsWith(ALLOWED)) {
                throw new IllegalArgumentException(name + " is not a class of this project");
            }
            return Class.forName(name, false, RecordCodec.class.getClassLoader());
        }

        private static int capacity(int size) {
            return Math.max(16, (int) (size / 0.75f) + 1);
        }
    }
}
