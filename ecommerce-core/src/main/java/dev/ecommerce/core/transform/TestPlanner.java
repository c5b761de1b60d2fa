package dev.ecommerce.core.transform;

import dev.ecommerce.core.ConfigurationException;
import dev.ecommerce.core.transform.execute.TestSql;
import dev.ecommerce.core.transform.project.Definitions;
import dev.ecommerce.core.transform.project.Definitions.GenericTest;
import dev.ecommerce.core.transform.project.Definitions.ParentKind;
import dev.ecommerce.core.transform.project.Definitions.SingularTest;
import dev.ecommerce.core.transform.project.Materialization;
import dev.ecommerce.core.transform.project.TestConfig;
import dev.ecommerce.core.transform.render.Relation;
import dev.ecommerce.core.transform.render.RenderScope;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Plans the data tests on the planned models and seeds: the generic tests of the schema files (a disabled
 * model's are dropped with it; the built-in ones as {@link TestSql} writes them unless the project defines its
 * own, the project's own by rendering their {@code {% test %}} macro with the tested relation as {@code model})
 * and the singular tests, rendered and compiled as models are.
 */
final class TestPlanner {

    /** The variable holding a generic test's arguments while its macro renders (dbt's name for it). */
    private static final String KWARGS = "_dbt_generic_test_kwargs";

    /** dbt calls an argument that looks like one of these functions ({@code add_rendered_test_kwargs}). */
    private static final Pattern FUNCTION_CALL = Pattern.compile("^\\s*(env_var|ref|var|source|doc)\\s*\\(.+\\)\\s*$");

    private final LoadedProject project;
    private final Map<String, PlannedNode> nodes;
    private final Compiler compiler;
    private final List<String> warnings = new ArrayList<>();
    /** {@link #macro} by test kind: the same for every test of a kind (10,000 not_null tests look it up once). */
    private final Map<String, java.util.Optional<String>> macros = new java.util.HashMap<>();

    TestPlanner(LoadedProject project, Map<String, PlannedNode> nodes, Compiler compiler) {
        this.project = project;
        this.nodes = nodes;
        this.compiler = compiler;
    }

    /** Every enabled test: the generic ones, then the singular ones. */
    List<PlannedTest> tests() {
        List<PlannedTest> tests = new ArrayList<>();
        for (GenericTest test : project.dbt().genericTests()) {
            if (onMissingNode(test)) {
                // dbt warns and leaves the test out (invalid_target_fail_unless_test)
                warnings.add(test.file() + ": the test " + test.name() + " is on " + test.parent() + ", which is no"
                        + " model, seed or snapshot of this project; the test is left out, as dbt does.");
                continue;
            }
            if (test.config().enabled() && !onDisabledModel(test)) {
                PlannedTest planned = generic(test);
                if (planned.config().enabled()) {
                    tests.add(planned);
                }
            }
        }
        for (SingularTest test : project.dbt().singularTests()) {
            PlannedTest planned = singular(test);
            if (planned.config().enabled()) {
                tests.add(planned);
            }
        }
        return tests;
    }

    /** What planning the tests found to warn about. */
    List<String> warnings() {
        return warnings;
    }

    /** A test of a node that is neither planned nor a disabled model: a schema file entry with no SQL file. */
    private boolean onMissingNode(GenericTest test) {
        return test.parentKind() != ParentKind.SOURCE && !nodes.containsKey(test.parent()) && !onDisabledModel(test);
    }

    /** dbt disables the tests of a disabled model. */
    private boolean onDisabledModel(GenericTest test) {
        return test.parentKind() != ParentKind.SOURCE
                && !nodes.containsKey(test.parent())
                && project.dbt().models().stream().anyMatch(m -> m.name().equals(test.parent()));
    }

    private PlannedTest generic(GenericTest test) {
        String relation;
        String[] parent = {null, null, null}; // the parent's schema, identifier and type, for the model relation
        Set<String> parents = new LinkedHashSet<>();
        List<String> dependsOn = new ArrayList<>();
        if (test.parentKind() == ParentKind.SOURCE) {
            String[] parts = test.parent().split("\\.", 2);
            relation = project.sourceRelation(test.file(), parts[0], parts[1]);
            Definitions.Source source = project.dbt().sources().get(test.parent());
            if (source != null) {
                parent = new String[] {source.schema(), source.identifier(), "table"};
            }
            dependsOn.add(NodeKind.SOURCE.uniqueId(project.dbt().sourcePackage(test.parent()), test.parent()));
        } else {
            PlannedNode node = nodes.get(test.parent());
            if (node == null) {
                throw new ConfigurationException(test.file() + ": the test " + test.name() + " is on " + test.parent()
                        + ", which is no model or seed of this project.");
            }
            // an ephemeral model is read through its CTE, inlined when the test compiles
            relation = node.isEphemeral()
                    ? Compiler.mark(node.name())
                    : node.relation().sql();
            if (!node.isEphemeral()) {
                parent = new String[] {
                    node.relation().schema(),
                    node.relation().identifier(),
                    node.materialization() == Materialization.VIEW ? "view" : "table"
                };
            }
            parents.add(node.name());
            dependsOn.add(node.uniqueId(project.dbt()));
        }
        RenderScope scope = scope(test.file());
        Map<String, Object> arguments = new LinkedHashMap<>();
        test.arguments().forEach((key, value) -> arguments.put(key, renderArgument(scope, value)));
        String macro = macro(test.kind());
        PlannedTest.RunTimeRender call = macro == null ? null : macroCall(test, macro, relation, parent, arguments);
        String sql = call == null
                ? TestSql.of(test, relation, (String) arguments.get("to"))
                : project.renderer().render(scope, call.template(), call.variables());
        for (String ref : scope.refsCalled()) {
            PlannedNode node = nodes.get(ref);
            if (node == null) {
                throw new ConfigurationException(test.file() + " (test " + test.name() + "): ref('" + ref
                        + "') names a disabled model; enable it or remove the test.");
            }
            if (parents.add(ref)) {
                dependsOn.add(node.uniqueId(project.dbt()));
            }
        }
        scope.sourcesCalled()
                .forEach(s ->
                        dependsOn.add(NodeKind.SOURCE.uniqueId(project.dbt().sourcePackage(s), s)));
        TestConfig config = scope.config().isEmpty() // the macro's own config(), under the schema file's
                ? test.config()
                : TestConfig.DEFAULT
                        .with(test.projectConfig(), "dbt_project.yml data_tests")
                        .with(scope.config(), test.file() + " (test " + test.name() + ") config()")
                        .with(test.configValues(), test.file() + " (test " + test.name() + ")");
        return new PlannedTest(
                NodeKind.TEST.uniqueId(project.dbt().packageOf(test.file()), test.name() + "." + test.hash()),
                test.name(),
                test.file(),
                test.file() + "/" + test.shortName() + ".sql",
                compiler.compile(parents, sql),
                parents,
                test.parentKind() == ParentKind.SOURCE ? Set.of() : Set.of(test.parent()),
                config,
                dependsOn,
                "{{ " + (test.kind().contains(".") ? macro(test.kind()) : "test_" + test.kind()) + "(**" + KWARGS
                        + ") }}",
                test,
                scope.usesRunTime() ? call : null);
    }

    /**
     * How a generic test's macro is rendered, as dbt calls it: its arguments, {@code model} (the tested relation,
     * filtered by {@code where}) and {@code column_name} as keyword arguments.
     */
    private PlannedTest.RunTimeRender macroCall(
            GenericTest test, String macro, String relation, String[] parent, Map<String, Object> arguments) {
        Map<String, Object> kwargs = new LinkedHashMap<>(arguments);
        // a relation, as dbt's get_where_subquery gives it (packages check it is one), printed as the SQL to read
        kwargs.put(
                "model",
                Relation.of(null, parent[0], parent[1], parent[2])
                        .shownAs(TestSql.model(relation, test.config().where())));
        if (test.column() != null) {
            kwargs.put("column_name", test.column());
        }
        List<String> call = new ArrayList<>();
        for (String key : kwargs.keySet()) {
            if (!key.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw new ConfigurationException(test.file() + " (test " + test.name() + "): '" + key
                        + "' is no argument name a test macro can take.");
            }
            call.add(key + "=" + KWARGS + "['" + key + "']");
        }
        return new PlannedTest.RunTimeRender(
                "{{ " + macro + "(" + String.join(", ", call) + ") }}", Map.of(KWARGS, kwargs));
    }

    /**
     * The macro that runs a generic test: the project's {@code test_<kind>}, or for a built-in test the
     * project's {@code duckdb__}/{@code default__} implementation that dbt's dispatch would pick; null for a
     * built-in test the project leaves alone (its SQL is {@link TestSql}'s).
     */
    private String macro(String kind) {
        return macros.computeIfAbsent(kind, k -> java.util.Optional.ofNullable(findMacro(k)))
                .orElse(null);
    }

    private String findMacro(String kind) {
        if (kind.contains(".")) { // a package's test: {% test name %} in that package, called through its namespace
            return kind.replace(".", ".test_");
        }
        for (String name : List.of("test_" + kind, "duckdb__test_" + kind, "default__test_" + kind)) {
            if (project.renderer().definesAnywhere(name)) {
                return name;
            }
        }
        return null;
    }

    /**
     * An argument as dbt passes it to the test: text that looks like {@code ref(...)}, {@code source(...)},
     * {@code var(...)} or {@code env_var(...)} is called, other text rendered as Jinja; lists and maps deeply.
     */
    private Object renderArgument(RenderScope scope, Object value) {
        if (value instanceof String text) {
            if (FUNCTION_CALL.matcher(text).matches()) {
                return project.renderer().render(scope, "{{" + text + "}}");
            }
            return text.contains("{{") || text.contains("{%")
                    ? project.renderer().render(scope, text)
                    : text;
        }
        if (value instanceof List<?> list) {
            List<Object> result = new ArrayList<>();
            list.forEach(v -> result.add(renderArgument(scope, v)));
            return result;
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> result = new LinkedHashMap<>();
            map.forEach((k, v) -> result.put(k, renderArgument(scope, v)));
            return result;
        }
        return value;
    }

    private PlannedTest singular(SingularTest test) {
        RenderScope scope = scope(test.file());
        String rendered = project.renderer().render(scope, test.sql());
        TestConfig config = TestConfig.DEFAULT
                .with(test.projectConfig(), "dbt_project.yml data_tests")
                .with(scope.config(), test.file() + " config()");
        Set<String> parents = scope.refsCalled();
        List<String> dependsOn = new ArrayList<>();
        parents.forEach(p -> dependsOn.add(nodes.get(p).uniqueId(project.dbt())));
        scope.sourcesCalled()
                .forEach(s ->
                        dependsOn.add(NodeKind.SOURCE.uniqueId(project.dbt().sourcePackage(s), s)));
        return new PlannedTest(
                NodeKind.TEST.uniqueId(project.dbt().packageOf(test.file()), test.name()),
                test.name(),
                test.file(),
                test.file(),
                compiler.compile(parents, rendered),
                parents,
                parents,
                config,
                dependsOn,
                test.sql(),
                null,
                scope.usesRunTime() ? new PlannedTest.RunTimeRender(test.sql(), Map.of()) : null);
    }

    /** A test file's scope: refs and sources resolve as in models; no {@code this}. */
    private RenderScope scope(String file) {
        return project.scope(file, ref -> Compiler.mark(nodes.keySet(), file, ref), false, null)
                .dataTest()
                .parsing();
    }
}
