package dev.ecommerce.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RecordCodecTest {

    enum Kind {
        VIEW,
        TABLE
    }

    record Leaf(String name, int size, boolean flag, Kind kind, Path path) {}

    record Tree(Leaf left, Leaf right, List<Object> items, Map<String, Object> config, Set<String> tags) {

        Tree {
            if (left == null) {
                throw new IllegalArgumentException("a tree has a left leaf");
            }
        }
    }

    /** Not a record of this project's codec: a class it must refuse. */
    static final class Opaque {}

    private static Object roundTrip(Object value) throws RecordCodec.Unsupported {
        return RecordCodec.read(ByteBuffer.wrap(RecordCodec.write(value)));
    }

    @Test
    void recordsCollectionsAndScalarsComeBackEqualInTheirOrder() throws Exception {
        Leaf leaf = new Leaf("a", 3, true, Kind.TABLE, Path.of("seeds/a.csv"));
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("z", 1L);
        config.put("a", null);
        config.put("nested", List.of(Map.of("k", 2.5), new BigDecimal("1.10")));
        List<Object> items = new ArrayList<>(List.of("x", 7, false));
        Tree tree = new Tree(leaf, leaf, items, config, new LinkedHashSet<>(List.of("b", "a")));

        Tree back = (Tree) roundTrip(tree);

        assertThat(back).isEqualTo(tree);
        assertThat(back.config().keySet()).containsExactly("z", "a", "nested");
        assertThat(back.tags()).containsExactly("b", "a");
        assertThat(back.left().path()).isEqualTo(Path.of("seeds/a.csv"));
        assertThat(back.left())
                .as("one instance written once comes back shared")
                .isSameAs(back.right());
        assertThat(((List<?>) back.config().get("nested")).get(1)).isEqualTo(new BigDecimal("1.10"));
    }

    @Test
    void whatCouldNotBeChangedStaysUnchangeable() throws Exception {
        Tree tree = new Tree(
                new Leaf("a", 1, false, Kind.VIEW, null), null, List.of("x"), Map.of("k", "v"), new LinkedHashSet<>());

        Tree back = (Tree) roundTrip(tree);

        assertThatThrownBy(() -> back.items().add("y")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> back.config().put("y", 1)).isInstanceOf(UnsupportedOperationException.class);
        back.tags().add("mutable as it was");
        assertThat(back.tags()).containsExactly("mutable as it was");
    }

    @Test
    void anUnsupportedValueIsRefusedWhenWritten() {
        Tree tree = new Tree(new Leaf("a", 1, false, Kind.VIEW, null), null, List.of(new Opaque()), Map.of(), Set.of());

        assertThatThrownBy(() -> RecordCodec.write(tree))
                .isInstanceOf(RecordCodec.Unsupported.class)
                .hasMessageContaining(Opaque.class.getName());
        assertThatThrownBy(() -> RecordCodec.write(List.of(java.time.LocalDate.of(2024, 1, 1))))
                .isInstanceOf(RecordCodec.Unsupported.class)
                .hasMessageContaining("java.time.LocalDate");
    }

    @Test
    void damagedBytesOrForeignClassesAreRefusedWhenRead() throws Exception {
        byte[] bytes = RecordCodec.write(new Leaf("a", 1, false, Kind.VIEW, null));

        assertThatThrownBy(() -> RecordCodec.read(ByteBuffer.wrap(java.util.Arrays.copyOf(bytes, bytes.length - 3))))
                .isInstanceOf(IllegalArgumentException.class);
        // the class name rewritten to a JDK class of the same length: the reader creates none but this project's
        String text = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
        String name = Leaf.class.getName();
        String foreign = "java.lang.ProcessBuilder".concat("x".repeat(Math.max(0, name.length() - 24)));
        assertThat(foreign).hasSameSizeAs(name);
        byte[] planted = text.replace(name, foreign).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> RecordCodec.read(ByteBuffer.wrap(planted)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a class of this project");
    }

    @Test
    void aRecordThatRefusesWhatWasWrittenIsAnError() throws Exception {
        byte[] bytes = RecordCodec.write(
                new Tree(new Leaf("a", 1, false, Kind.VIEW, null), null, List.of(), Map.of(), Set.of()));
        // the left leaf's place now holds null (the tag of null is 0): Tree's constructor refuses it
        int leafTag = indexOfRecordAfterClassName(bytes, Tree.class.getName());
        byte[] changed = bytes.clone();
        changed[leafTag] = 0;

        assertThatThrownBy(() -> RecordCodec.read(ByteBuffer.wrap(changed)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** Where the first component of the record named {@code name} starts: after its name and count. */
    private static int indexOfRecordAfterClassName(byte[] bytes, String name) {
        String text = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
        return text.indexOf(name) + name.length() + 4;
    }
}
