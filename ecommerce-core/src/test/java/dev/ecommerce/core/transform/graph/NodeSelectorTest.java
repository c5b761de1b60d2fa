package dev.ecommerce.core.transform.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecommerce.core.ConfigurationException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * dbt's selector grammar on a small graph, modelled on dbt-core's {@code tests/functional/graph_selection}: a
 * source and a seed, an ephemeral {@code base_users}, {@code users} (table, tags bi and users),
 * {@code users_rollup} (view, tag bi), {@code users_rollup_dependency} (table), {@code sub/emails} (no
 * config), generic, singular and unit tests.
 */
class NodeSelectorTest {

    private final List<Selectable> nodes = new ArrayList<>();

    NodeSelectorTest() {
        source("raw", "seed");
        node("seed", "raw_seed", "seeds/raw_seed.csv", List.of(), Map.of());
        node(
                "model",
                "base_users",
                "models/base_users.sql",
                List.of("source.test.raw.seed"),
                config("materialized", "ephemeral", "tags", List.of("base")));
        node(
                "model",
                "users",
                "models/users.sql",
                List.of("model.test.base_users"),
                config("materialized", "table", "tags", List.of("bi", "users")));
        node(
                "model",
                "users_rollup",
                "models/users_rollup.sql",
                List.of("model.test.users"),
                config("materialized", "view", "tags", List.of("bi")));
        node(
                "model",
                "users_rollup_dependency",
                "models/users_rollup_dependency.sql",
                List.of("model.test.users_rollup"),
                config("materialized", "table"));
        node("model", "emails", "models/sub/emails.sql", List.of("model.test.base_users"), Map.of());
        test("unique", "unique_users_id", "models/schema.yml", List.of("model.test.users"), Map.of());
        test(
                "not_null",
                "not_null_emails_email",
                "models/sub/schema.yml",
                List.of("model.test.emails"),
                config("severity", "warn"));
        test(
                "relationships",
                "relationships_emails_id__id__ref_users_",
                "models/sub/schema.yml",
                List.of("model.test.emails", "model.test.users"),
                Map.of());
        test("not_null", "source_not_null_raw_seed_id", "models/schema.yml", List.of("source.test.raw.seed"), Map.of());
        test(null, "assert_users", "tests/assert_users.sql", List.of("model.test.users"), Map.of());
        nodes.add(new Selectable(
                "unit_test.test.users.test_users",
                "unit_test",
                "test_users",
                List.of("test", "users", "test_users"),
                "models/schema.yml",
                "test",
                List.of(),
                Map.of(),
                Map.of(),
                null,
                null,
                Set.of("model.test.users"),
                Checksum.ofContents("unit")));
    }

    private static Map<String, Object> config(Object... pairs) {
        Map<String, Object> config = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            config.put((String) pairs[i], pairs[i + 1]);
        }
        return config;
    }

    private void source(String source, String table) {
        nodes.add(new Selectable(
                "source.test." + source + "." + table,
                "source",
                table,
                List.of("test", source, table),
                "models/schema.yml",
                "test",
                List.of(),
                Map.of("enabled", true),
                Map.of(),
                null,
                source,
                Set.of(),
                Checksum.NONE));
    }

    private void node(String type, String name, String file, List<String> parents, Map<String, Object> set) {
        Map<String, Object> effective =
                config("enabled", true, "tags", List.of(), "materialized", type.equals("seed") ? "seed" : "view");
        effective.putAll(set);
        @SuppressWarnings("unchecked")
        List<String> tags = (List<String>) effective.get("tags");
        nodes.add(new Selectable(
                type + ".test." + name,
                type,
                name,
                Selectable.fqn("test", file, name),
                file,
                "test",
                tags,
                effective,
                set,
                null,
                null,
                Set.copyOf(parents),
                Checksum.ofContents(name)));
    }

    private void test(String kind, String name, String file, List<String> parents, Map<String, Object> set) {
        Map<String, Object> effective =
                config("enabled", true, "tags", List.of(), "materialized", "test", "severity", "ERROR");
        effective.putAll(set);
        nodes.add(new Selectable(
                "test.test." + name,
                "test",
                name,
                Selectable.fqn("test", file, name),
                file,
                "test",
                List.of(),
                effective,
                set,
                kind,
                null,
                Set.copyOf(parents),
                kind == null ? Checksum.ofContents(name) : Checksum.NONE));
    }

    private NodeSelector.Result run(PreviousState state, List<String> select, List<String> exclude) {
        return new NodeSelector(nodes, "test", state, "<state>").select(select, exclude, "<select>", "<exclude>");
    }

    /** The names selected, sources and tests included. */
    private List<String> names(String... select) {
        return names(run(null, List.of(select), List.of()));
    }

    private static List<String> names(NodeSelector.Result result) {
        return result.selected().stream()
                .map(id -> id.substring(id.indexOf('.', id.indexOf('.') + 1) + 1))
                .toList();
    }

    @Test
    void nothingSelectedIsEverythingButSources() {
        assertThat(names()).hasSize(12).doesNotContain("raw.seed");
    }

    @Test
    void aNameSelectsTheNodeAndTheTestsOnIt() {
        assertThat(names("users"))
                .containsExactly(
                        "users",
                        "unique_users_id",
                        "relationships_emails_id__id__ref_users_",
                        "assert_users",
                        "users.test_users");
    }

    @Test
    void plusSelectsAncestorsOrDescendantsToADepth() {
        assertThat(names("+users"))
                .contains("users", "base_users", "raw.seed", "source_not_null_raw_seed_id")
                .doesNotContain("users_rollup", "emails");
        assertThat(names("users+"))
                .contains("users", "users_rollup", "users_rollup_dependency")
                .doesNotContain("base_users");
        assertThat(names("1+users_rollup_dependency")).containsExactly("users_rollup", "users_rollup_dependency");
        assertThat(names("2+users_rollup_dependency"))
                .contains("users", "users_rollup", "users_rollup_dependency")
                .doesNotContain("base_users");
        assertThat(names("users+1")).contains("users", "users_rollup").doesNotContain("users_rollup_dependency");
    }

    @Test
    void atSelectsDescendantsAndTheirAncestors() {
        // emails' relationships test reads users: @emails brings users and its ancestors in
        assertThat(names("@emails"))
                .contains(
                        "emails",
                        "not_null_emails_email",
                        "relationships_emails_id__id__ref_users_",
                        "users",
                        "base_users",
                        "raw.seed",
                        "unique_users_id")
                .doesNotContain("users_rollup", "raw_seed");
        assertThatThrownBy(() -> names("@+emails"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("'@+emails' combines '@' with '+'");
    }

    @Test
    void spaceIsAUnionAndCommaAnIntersection() {
        assertThat(names("tag:bi,tag:users")).first().isEqualTo("users");
        assertThat(names("tag:bi,tag:users")).doesNotContain("users_rollup");
        assertThat(names("*,tag:bi,tag:users")).isEqualTo(names("tag:users,tag:bi,*"));
        assertThat(names("tag:bi", "tag:base")).contains("users", "users_rollup", "base_users");
        assertThat(names("tag:bi,config.materialized:table"))
                .contains("users")
                .doesNotContain("users_rollup", "users_rollup_dependency");
    }

    @Test
    void methodsOfDbt() {
        assertThat(names("resource_type:seed")).containsExactly("raw_seed");
        assertThat(names("resource_type:test")).hasSize(5).allMatch(n -> !n.equals("users"));
        assertThat(names("resource_type:unit_test")).containsExactly("users.test_users");
        assertThat(names("resource_type:source")).contains("raw.seed", "source_not_null_raw_seed_id");
        assertThat(names("test_name:unique")).containsExactly("unique_users_id");
        assertThat(names("test_name:not_*")).containsExactly("not_null_emails_email", "source_not_null_raw_seed_id");
        assertThat(names("test_type:singular")).containsExactly("assert_users");
        assertThat(names("test_type:unit")).containsExactly("users.test_users");
        assertThat(names("test_type:generic")).hasSize(4);
        assertThat(names("config.materialized:table"))
                .contains("users", "users_rollup_dependency")
                .doesNotContain("users_rollup", "emails");
        assertThat(names("config.materialized:view"))
                .contains("users_rollup", "emails")
                .doesNotContain("users");
        assertThat(names("config.severity:WARN")).containsExactly("not_null_emails_email");
        assertThat(names("config.tags:users")).first().isEqualTo("users");
        assertThat(names("config.enabled:true")).contains("raw_seed", "users", "unique_users_id");
        assertThat(names("path:models/sub", "file:users_rollup.sql"))
                .contains("emails", "not_null_emails_email", "users_rollup")
                .doesNotContain("users");
        assertThat(names("models/sub")).contains("emails").doesNotContain("users");
        assertThat(names("emails.sql")).first().isEqualTo("emails");
        assertThat(names("path:models/*.sql")).contains("users", "base_users").doesNotContain("emails");
        assertThat(names("sub")).contains("emails", "not_null_emails_email").doesNotContain("users");
        assertThat(names("test.sub.emails")).first().isEqualTo("emails");
        assertThat(names("users_roll*")).startsWith("users_rollup", "users_rollup_dependency");
        assertThat(names("fqn:users_rollup")).containsExactly("users_rollup");
        assertThat(names("source:raw")).contains("raw.seed", "source_not_null_raw_seed_id");
        assertThat(names("source:raw.seed+")).contains("base_users", "users", "emails");
        assertThat(names("package:this")).hasSize(13).contains("raw.seed");
        assertThat(names("tag:b*")).contains("users", "base_users");
        assertThat(names("unit_test:test_users")).containsExactly("users.test_users");
    }

    @Test
    void excludeRemovesNodesAndTheTestsOnThem() {
        assertThat(names(run(null, List.of("users+"), List.of("users_rollup"))))
                .contains("users", "users_rollup_dependency", "unique_users_id")
                .doesNotContain("users_rollup");
        assertThat(names(run(null, List.of(), List.of("resource_type:test", "tag:bi"))))
                .containsExactly("raw_seed", "base_users", "users_rollup_dependency", "emails");
    }

    @Test
    void aSelectionThatMatchesNothingIsAWarning() {
        NodeSelector.Result result = run(null, List.of("nothing", "tag:bi"), List.of());
        assertThat(result.warnings())
                .containsExactly("The selection criterion 'nothing' does not match any enabled nodes");
        assertThat(names(result)).contains("users");

        NodeSelector.Result empty = run(null, List.of("users"), List.of("users"));
        assertThat(empty.selected()).isEmpty();
        assertThat(empty.warnings())
                .containsExactly("Nothing to do. Try checking your model configs and model specification args");
    }

    @Test
    void unknownOrUnsupportedMethodsFailNamingTheSetting() {
        assertThatThrownBy(() -> names("nope:x"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("'nope' (in 'nope:x') is not a valid dbt selector method: change <select>");
        assertThatThrownBy(() -> names("group:emails_group"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("'group:' (in 'group:emails_group') is not supported by the embedded engine");
        assertThatThrownBy(() -> names("resource_type:modle"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("names no dbt resource type");
        assertThatThrownBy(() -> names("state:modified"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("set <state> to the folder of that run's manifest.json");
        assertThatThrownBy(() -> run(null, List.of(), List.of("config:table")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("names no config key")
                .hasMessageContaining("<exclude>");
    }

    /** The state of this graph, as a manifest would show it. */
    private Map<String, PreviousState.Node> state() {
        Map<String, PreviousState.Node> state = new LinkedHashMap<>();
        nodes.forEach(
                n -> state.put(n.uniqueId(), new PreviousState.Node(n.checksum(), n.unrenderedConfig(), n.fqn())));
        return state;
    }

    /** {@code n} with another fqn, other set configs and another checksum. */
    private static Selectable changed(
            Selectable n, List<String> fqn, Map<String, Object> unrenderedConfig, Checksum checksum) {
        return new Selectable(
                n.uniqueId(),
                n.resourceType(),
                n.name(),
                fqn,
                n.file(),
                n.packageName(),
                n.tags(),
                n.config(),
                unrenderedConfig,
                n.testName(),
                n.sourceName(),
                n.parents(),
                checksum);
    }

    private void replace(String uniqueId, java.util.function.UnaryOperator<Selectable> change) {
        nodes.replaceAll(n -> n.uniqueId().equals(uniqueId) ? change.apply(n) : n);
    }

    @Test
    void stateModifiedComparesChecksumsConfigsAndNames() {
        PreviousState state = new PreviousState(state());
        assertThat(run(state, List.of("state:modified"), List.of()).selected()).isEmpty();
        assertThat(names(run(state, List.of("state:unmodified"), List.of()))).hasSize(13);

        // users' file changed; emails' materialization changed; a new model; a test's severity changed;
        // users_rollup_dependency moved to another folder
        replace("model.test.users", n -> changed(n, n.fqn(), n.unrenderedConfig(), Checksum.ofContents("select 2")));
        replace("model.test.emails", n -> changed(n, n.fqn(), config("materialized", "table"), n.checksum()));
        node("model", "brand_new", "models/brand_new.sql", List.of(), Map.of());
        replace("test.test.unique_users_id", n -> changed(n, n.fqn(), config("severity", "warn"), n.checksum()));
        replace(
                "model.test.users_rollup_dependency",
                n -> changed(n, List.of("test", "marts", n.name()), n.unrenderedConfig(), n.checksum()));
        assertThat(names(run(
                        state,
                        List.of("resource_type:model,state:modified"),
                        List.of("resource_type:test", "resource_type:unit_test"))))
                .containsExactly("users", "users_rollup_dependency", "emails", "brand_new");

        assertThat(names(run(state, List.of("state:modified.body"), List.of())))
                .contains("users", "brand_new")
                .doesNotContain("emails", "users_rollup");
        assertThat(names(run(state, List.of("state:new"), List.of()))).containsExactly("brand_new");
        List<String> modified = names(run(state, List.of("resource_type:model,state:modified"), List.of()));
        assertThat(modified).contains("users", "emails", "brand_new", "unique_users_id");
        assertThat(modified).doesNotContain("users_rollup", "base_users");
        // a changed test config is a modified test; an unchanged test on an unchanged source is not
        assertThat(names(run(state, List.of("state:modified"), List.of("users", "emails"))))
                .containsExactly("users_rollup_dependency", "brand_new");
        assertThat(names(run(state, List.of("state:modified"), List.of())))
                .contains("unique_users_id")
                .doesNotContain("source_not_null_raw_seed_id");
        assertThat(names(run(state, List.of("state:modified+"), List.of())))
                .contains("users", "users_rollup", "users_rollup_dependency", "emails", "brand_new")
                .doesNotContain("base_users", "raw_seed");
        assertThat(names(run(state, List.of("+state:modified.configs"), List.of())))
                .contains("emails", "base_users", "unique_users_id", "users")
                .doesNotContain("users_rollup");
        // no macros in this state, none now: no node calls a modified macro
        assertThat(names(run(state, List.of("state:modified.macros"), List.of())))
                .isEmpty();
        assertThatThrownBy(() -> run(state, List.of("state:changed"), List.of()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("state:changed is not one of dbt's state checks");
    }

    @Test
    void fnmatchPatterns() {
        assertThat(NodeSelector.glob("a[bc]?d*").matcher("acxdzz").matches()).isTrue();
        assertThat(NodeSelector.glob("a[!bc]d").matcher("abd").matches()).isFalse();
        assertThat(NodeSelector.glob("a.b").matcher("axb").matches()).isFalse();
        assertThat(NodeSelector.fqnMatches(List.of("test", "sub", "emails"), "test.sub"))
                .isTrue();
        assertThat(NodeSelector.fqnMatches(List.of("test", "sub", "emails"), "emai*"))
                .isFalse();
        assertThat(NodeSelector.fqnMatches(List.of("test", "sub", "emails"), "sub.emai*"))
                .isTrue();
    }
}
