package dev.ecommerce.core.transform.render;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.InterpretException;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.interpret.TemplateError;
import com.hubspot.jinjava.lib.fn.ELFunctionDefinition;
import com.hubspot.jinjava.objects.serialization.PyishSerializable;
import dev.ecommerce.core.ConfigurationException;
import dev.ecommerce.core.EcommerceException;
import dev.ecommerce.core.config.Setting;
import dev.ecommerce.core.transform.project.DbtProject;
import dev.ecommerce.core.transform.project.Definitions.Overrides;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders dbt-Jinja with Jinjava. The project's macros are rendered once into a project-level context; each
 * file gets a child context with its own {@link RenderScope}. Unknown names, unknown tags and functions, and
 * every error Jinjava collects are a {@link ConfigurationException} naming the file and line: nothing renders
 * silently as empty text.
 */
public final class Renderer {

    private static final String BUILTIN_MACROS = "dbt's built-in macros";
    /** dbt's global macros as we write them, rendered in this order into the {@code dbt} namespace. */
    private static final List<String> BUILTIN_FILES =
            List.of("builtin_macros.sql", "cross_database_macros.sql", RunTimeContext.MACROS);

    private static final Pattern MACRO_HEADER =
            Pattern.compile("\\{%-?\\s*(?:macro|test|materialization)\\s+[A-Za-z_][A-Za-z0-9_]*\\s*\\(");
    private static final Pattern NONE_DEFAULT = Pattern.compile("\\s*=\\s*(?:none|None|null)\\b");
    private static final Pattern MACRO_NAME = Pattern.compile("\\{%-?\\s*macro\\s+([A-Za-z_][A-Za-z0-9_]*)\\s*\\(");

    private final Jinjava jinjava;
    private final JinjavaConfig config;
    private final Context projectContext;
    private final Set<String> projectMacros = new HashSet<>();
    private final Map<String, Set<String>> packageMacros = new java.util.LinkedHashMap<>();
    private final MacroNamespaces namespaces = new MacroNamespaces();
    private final Map<String, Object> signatureDefaults = new LinkedHashMap<>();
    private boolean builtinsRendered;
    private int callsReadingEnvironment;
    private int unreproducible;
    private static final List<String> VOLATILE = List.of(
            "today(", "unixtimestamp(", "datetimeformat", "random", "run_started_at", "invocation_id", "modules.");
    private long nanos;
    /** Interpreters free for the next render ({@link Kept}), taken by whichever thread renders. */
    private final java.util.concurrent.ConcurrentLinkedDeque<Kept> idle =
            new java.util.concurrent.ConcurrentLinkedDeque<>();
    /** How many {@link Kept} interpreters were made ({@link #interpretersMade}). */
    private final java.util.concurrent.atomic.AtomicInteger interpretersMade =
            new java.util.concurrent.atomic.AtomicInteger();

    /**
     * One Jinjava for a whole run: profiles.yml, dbt_project.yml, macros, models and tests.
     *
     * @param vars the effective vars (project's, then the run's)
     * @param environment what {@code env_var} reads
     * @param fullRefresh what {@code flags.FULL_REFRESH} shows
     */
    public Renderer(Map<String, Object> vars, Map<String, String> environment, boolean fullRefresh) {
        long start = System.nanoTime();
        config = JinjavaConfig.newBuilder()
                // unknown names fail where they would print (NoneOutput), not in conditions: Jinja's undefined is
                // false in an `if`, and dbt packages rely on it
                .withFailOnUnknownTokens(false)
                .withElResolver(StringIndexResolver.withJinjavas())
                // {relation: []} keys by the variable's value, as Jinja does (not by the name "relation")
                .withLegacyOverrides(com.hubspot.jinjava.LegacyOverrides.newBuilder()
                        .withEvaluateMapKeys(true)
                        .build())
                .withTrimBlocks(false)
                .build();
        jinjava = new Jinjava(config);
        for (String function : new String[] {"set", "zip", "tojson", "fromjson", "local_md5", "__dbt_dict"}) {
            jinjava.getGlobalContext()
                    .registerFunction(
                            new ELFunctionDefinition("", function, PythonBuiltins.class, function, Object[].class));
        }
        for (String function : new String[] {"ref", "source", "config", "var", "env_var", "log"}) {
            jinjava.getGlobalContext()
                    .registerFunction(
                            new ELFunctionDefinition("", function, DbtFunctions.class, function, Object[].class));
        }
        jinjava.getGlobalContext()
                .registerFunction(new ELFunctionDefinition("", "is_incremental", DbtFunctions.class, "is_incremental"));
        jinjava.getGlobalContext()
                .registerFunction(new ELFunctionDefinition("", "return", MacroReturn.class, "doReturn", Object.class));
        jinjava.getGlobalContext()
                .registerFunction(
                        new ELFunctionDefinition("", "__dbt_call", MacroReturn.class, "call", Object[].class));
        jinjava.getGlobalContext()
                .registerFunction(
                        new ELFunctionDefinition("", "__dbt_args", MacroReturn.class, "__dbt_args", Object.class));
        jinjava.getGlobalContext()
                .registerFunction(
                        new ELFunctionDefinition("", "__dbt_kwargs", MacroReturn.class, "__dbt_kwargs", Object.class));
        jinjava.getGlobalContext().registerTag(new MacroReturn.Tag());
        jinjava.getGlobalContext().setExpressionStrategy(new NoneOutput());
        projectContext = new Context(jinjava.getGlobalContext());
        projectContext.put(DbtFunctions.GLOBALS, new DbtFunctions.Globals(vars, environment));
        RunTimeContext.install(jinjava.getGlobalContext(), projectContext);
        projectContext.put("adapter", new Adapter(namespaces));
        // dbt's flags of a `dbt build` (core/dbt/flags.py): what packages test, with the values the engine runs with
        Map<String, Object> flags = new LinkedHashMap<>();
        flags.put("FULL_REFRESH", fullRefresh);
        flags.put("WHICH", "build");
        flags.put("EMPTY", false);
        flags.put("STORE_FAILURES", false);
        flags.put("WARN_ERROR", false);
        flags.put("FAIL_FAST", false);
        flags.put("DEBUG", false);
        flags.put("INTROSPECT", true);
        flags.put("USE_COLORS", false);
        flags.put("STATE_MODIFIED_COMPARE_MORE_UNRENDERED_VALUES", false);
        projectContext.put("flags", java.util.Collections.unmodifiableMap(flags));
        nanos += System.nanoTime() - start;
    }

    /**
     * Sets what {@code target} shows ({@code name}, {@code schema}, {@code type}, ...), once the profile is read,
     * and dbt's {@code schema} and {@code database} globals (the target's).
     */
    public void target(Map<String, Object> target) {
        projectContext.put("target", target);
        projectContext.put("schema", target.get("schema"));
        projectContext.put("database", target.get("database"));
        namespaces.adapterType(target.get("type") == null ? null : String.valueOf(target.get("type")));
    }

    /**
     * Renders dbt's built-in macros ({@code generate_schema_name} and its kin; namespace {@code dbt}) unless a
     * package's came first, then the project's macro files, once, into the project-level context every file's
     * context inherits: a project macro of a built-in's or a package's name replaces it in the global namespace.
     *
     * @param project the root project's name, its macros' namespace
     * @param dispatch the project's {@code dispatch:} config: search order by macro namespace
     */
    public void macros(String project, Map<String, List<String>> dispatch, Map<String, String> macroFiles) {
        long start = System.nanoTime();
        renderBuiltins();
        namespaces.rootProject(project);
        namespaces.searchOrders(dispatch);
        macroFiles.forEach((file, text) -> projectMacros.addAll(renderMacroFile(project, file, text)));
        nanos += System.nanoTime() - start;
    }

    /**
     * Renders a package's macro files into its namespace and the global one, before the root project's
     * {@link #macros}: the root project's macros of the same names win.
     */
    public void packageMacros(String packageName, Map<String, String> macroFiles) {
        long start = System.nanoTime();
        renderBuiltins();
        namespaces.dependency(packageName);
        Set<String> names = packageMacros.computeIfAbsent(packageName, p -> new HashSet<>());
        macroFiles.forEach((file, text) -> names.addAll(renderMacroFile(packageName, file, text)));
        nanos += System.nanoTime() - start;
    }

    /**
     * Sets what differs by the package a rendered file belongs to ({@link PackageScopes}): the vars of
     * {@code var()} and the package of each node for {@code ref('package', 'name')}.
     *
     * @param runVars the run's own vars, over every project's
     */
    public void packages(DbtProject dbt, Map<String, Object> runVars) {
        projectContext.put(PackageScopes.KEY, PackageScopes.of(dbt, runVars));
    }

    /**
     * Renders dbt's built-in macros now (else with the first macro files): nothing else needs to be set. Not
     * counted in {@link #seconds}: it runs beside the project's reading.
     */
    public void builtins() {
        renderBuiltins();
    }

    private void renderBuiltins() {
        if (builtinsRendered) {
            return;
        }
        builtinsRendered = true;
        for (String resource : BUILTIN_FILES) {
            renderMacroFile(MacroNamespaces.DBT, BUILTIN_MACROS + " (" + resource + ")", builtinMacros(resource));
        }
    }

    /** Renders one macro file into the project context and files its macros under {@code namespace}. */
    private List<String> renderMacroFile(String namespace, String file, String text) {
        List<String> names = new java.util.ArrayList<>();
        Matcher found = MACRO_NAME.matcher(text);
        while (found.find()) {
            names.add(found.group(1));
        }
        String readable = signaturesForJinjava(text, signatureDefaults); // names unique across the run's files
        projectContext.putAll(signatureDefaults);
        render(file, readable, RenderScope.plain(file), projectContext);
        namespaces.file(namespace, names, projectContext);
        return names;
    }

    /**
     * The macro file with {@code =none} defaults dropped from macro signatures: Jinjava (with unknown tokens
     * failing) cannot evaluate {@code none} there, and an argument without a default is already none.
     */
    static String withoutNoneDefaults(String text) {
        return signaturesForJinjava(text, new LinkedHashMap<>());
    }

    /**
     * Macro signatures as Jinjava can read them: {@code =none} defaults dropped (with unknown tokens failing,
     * Jinjava cannot evaluate {@code none} there, and an argument without a default is already none), and
     * string defaults holding a parenthesis or a comma ({@code order_by='count(*) desc'}, {@code
     * delimiter="','"}), which Jinjava's signature parsing cuts apart, replaced by a variable of that value, put
     * in {@code constants}.
     */
    static String signaturesForJinjava(String text, Map<String, Object> constants) {
        Matcher header = MACRO_HEADER.matcher(text);
        StringBuilder out = new StringBuilder();
        int done = 0;
        while (header.find(done)) {
            int open = header.end(); // just after '('
            out.append(text, done, open);
            int depth = 1;
            int i = open;
            StringBuilder plain = new StringBuilder(); // the argument text outside strings, flushed at each string
            for (; i < text.length() && depth > 0; i++) {
                char c = text.charAt(i);
                if (c == '\'' || c == '"') {
                    out.append(NONE_DEFAULT.matcher(plain).replaceAll(""));
                    plain.setLength(0);
                    int end = text.indexOf(c, i + 1);
                    end = end < 0 ? text.length() - 1 : end;
                    String value = text.substring(i + 1, end);
                    if (value.indexOf('(') >= 0 || value.indexOf(')') >= 0 || value.indexOf(',') >= 0) {
                        String name = "__dbt_default_" + constants.size();
                        constants.put(name, value);
                        out.append(name);
                    } else {
                        out.append(text, i, end + 1);
                    }
                    i = end;
                    continue;
                }
                depth += c == '(' ? 1 : c == ')' ? -1 : 0;
                plain.append(c);
            }
            out.append(NONE_DEFAULT.matcher(plain).replaceAll(""));
            done = i;
        }
        out.append(text, done, text.length());
        return out.toString();
    }

    /**
     * How many {@link #call}s so far read an environment variable (a naming macro may): a render during which
     * this grew depends on the environment through {@code this}.
     */
    public int callsReadingEnvironment() {
        return callsReadingEnvironment;
    }

    /** Whether the project's own macro files define {@code macro}. */
    public boolean defines(String macro) {
        return projectMacros.contains(macro);
    }

    /** Whether the macro files of the package {@code packageName} define {@code macro}. */
    public boolean defines(String packageName, String macro) {
        return packageMacros.getOrDefault(packageName, Set.of()).contains(macro);
    }

    /** Whether the project's or any package's macro files define {@code macro} (a global macro then). */
    public boolean definesAnywhere(String macro) {
        return projectMacros.contains(macro)
                || packageMacros.values().stream().anyMatch(names -> names.contains(macro));
    }

    /**
     * Calls a macro with Java values as its arguments (null is Jinja's {@code none}); returns its output,
     * stripped. Fails naming {@code file} as a render does.
     */
    public String call(String file, String macro, List<Object> arguments) {
        long start = System.nanoTime();
        try {
            Map<String, Object> values = new LinkedHashMap<>();
            StringBuilder template = new StringBuilder("{{ ").append(macro).append("(");
            for (int i = 0; i < arguments.size(); i++) {
                template.append(i == 0 ? "" : ", ");
                if (arguments.get(i) == null) {
                    template.append("none");
                } else {
                    values.put("__dbt_argument_" + i, arguments.get(i));
                    template.append("__dbt_argument_").append(i);
                }
            }
            template.append(") }}");
            RenderScope scope = RenderScope.plain(file);
            String output = renderInScope(template.toString(), scope, values).strip();
            if (!scope.environmentRead().isEmpty()) {
                callsReadingEnvironment++;
            }
            return output;
        } finally {
            nanos += System.nanoTime() - start;
        }
    }

    private static String builtinMacros(String resource) {
        try (InputStream in = Renderer.class.getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("The built-in macros are missing from the jar", e);
        }
    }

    /** Renders a file's text in its own scope; fails naming the file and line on any template error. */
    public String render(RenderScope scope, String template) {
        return render(scope, template, Map.of());
    }

    /** Renders a text in its own scope with {@code variables} defined (e.g. a generic test's arguments). */
    public String render(RenderScope scope, String template, Map<String, Object> variables) {
        long start = System.nanoTime();
        try {
            Map<String, Object> values = new LinkedHashMap<>(variables);
            if (scope.self != null) {
                values.put("this", new LazyRelation(scope.self, scope.selfSql));
            }
            if (scope.overrides != Overrides.NONE) {
                DbtFunctions.Globals globals = (DbtFunctions.Globals) projectContext.get(DbtFunctions.GLOBALS);
                values.put(DbtFunctions.GLOBALS, globals.over(scope.overrides));
            }
            return renderInScope(template, scope, values);
        } finally {
            nanos += System.nanoTime() - start;
        }
    }

    /**
     * Renders a file's text in a scope of its own under the project context, with {@code values} defined there,
     * on an interpreter kept from an earlier render when one is free ({@link Kept}).
     */
    private String renderInScope(String template, RenderScope scope, Map<String, Object> values) {
        Kept interpreter = idle.poll();
        if (interpreter == null) {
            interpreter = new Kept(jinjava, projectContext, config);
            interpretersMade.incrementAndGet();
        }
        String output;
        try (JinjavaInterpreter.InterpreterScopeClosable ignored = interpreter.enterScope()) {
            Context context = interpreter.getContext();
            context.putAll(values);
            Set<String> assignedHere = NoneOutput.assignedNames(template);
            if (!assignedHere.isEmpty()) {
                context.put(NoneOutput.ASSIGNED, assignedHere);
            }
            output = render(scope.file, template, scope, context, interpreter);
        }
        if (!interpreter.dirty && interpreter.getLastError().isEmpty() && interpreter.getContext() == projectContext) {
            idle.push(interpreter); // not when the render failed: it may have left scopes open
        }
        return output;
    }

    private String render(String file, String template, RenderScope scope, Context context) {
        return render(file, template, scope, context, new JinjavaInterpreter(jinjava, context, config));
    }

    private String render(
            String file, String template, RenderScope scope, Context context, JinjavaInterpreter interpreter) {
        context.put(DbtFunctions.SCOPE, scope);
        JinjavaInterpreter.pushCurrent(interpreter);
        String output;
        try {
            MacroOverrides.define(scope.file, scope.overrides.macros(), interpreter);
            output = interpreter.render(
                    InlineIf.rewrite(Dispatch.rewrite(Pythonisms.rewrite(WhitespaceControl.rewrite(template)))));
        } catch (InterpretException e) {
            throw failure(file, scope, e.getLineNumber(), e.getMessage(), e);
        } catch (EcommerceException e) {
            throw failure(file, scope, -1, e.getMessage(), e);
        } finally {
            JinjavaInterpreter.popCurrent();
        }
        if (!scope.environmentRead().isEmpty() || isVolatile(template)) {
            unreproducible++;
        }
        for (TemplateError error : interpreter.getErrors()) {
            if (MacroReturn.isSignal(error)) {
                continue;
            }
            if (error.getSeverity() == TemplateError.ErrorType.FATAL) {
                throw failure(file, scope, error.getLineno(), error.getMessage(), error.getException());
            }
            TemplateWarnings.warn(file + " line " + error.getLineno() + ": " + error.getMessage());
        }
        if (scope.failure() != null) {
            throw scope.failure();
        }
        return output;
    }

    private static EcommerceException failure(
            String file, RenderScope scope, int line, String message, Throwable cause) {
        if (scope.failure() != null) {
            EcommerceException known = scope.failure();
            return line > 0
                    ? new ConfigurationException(known.getMessage() + " (" + file + " line " + line + ")", known)
                    : known;
        }
        return new ConfigurationException(
                file + (line > 0 ? " line " + line : "") + ": " + message
                        + ". The embedded engine supports ref, source, config, var, env_var, this, target,"
                        + " is_incremental, log, return, execute, adapter (dispatch, get_relation, get_columns_in_relation,"
                        + " create_schema, drop_schema, drop_relation, already_exists, quote), api.Relation.create,"
                        + " run_query, statement, load_result, load_relation, exceptions, modules.datetime, modules.re, graph,"
                        + " builtins, the project's macros (also as"
                        + " <project>.<macro>), its packages' (also as <package>.<macro>), dbt's (dbt.<macro>)"
                        + " and Jinja's own tags; run with"
                        + " " + Setting.TRANSFORM_ENGINE.set("dbt") + " for anything else.",
                cause);
    }

    /**
     * How many renders so far read an environment variable or used a {@link #isVolatile volatile} function:
     * their output may differ in the next run with the same files, vars and target.
     */
    public int unreproducibleRenders() {
        return unreproducible;
    }

    /**
     * Whether a template uses what makes a render differ from run to run with the same inputs: Jinjava's clock
     * and random functions, dbt's run globals, Python modules.
     */
    public static boolean isVolatile(String template) {
        for (String name : VOLATILE) {
            if (template.contains(name)) {
                return true;
            }
        }
        return false;
    }

    /**
     * An interpreter over the project context, kept for the next render of the run while it stays clean: making
     * one sets up the map of every function, a fifth of a small model's render. Each render gets a scope of its
     * own. One left holding an error (it dedupes and caps them: a later render could miss its own; a {@code
     * return()}'s are dropped where it is caught) or a template-inheritance block (it keeps them) is not used again.
     */
    private static final class Kept extends JinjavaInterpreter {
        private boolean dirty;

        Kept(Jinjava jinjava, Context context, JinjavaConfig config) {
            super(jinjava, context, config);
        }

        @Override
        public void addBlock(String name, com.hubspot.jinjava.tree.output.BlockInfo block) {
            dirty = true;
            super.addBlock(name, block);
        }

        @Override
        public void addExtendParentRoot(com.hubspot.jinjava.tree.Node root) {
            dirty = true;
            super.addExtendParentRoot(root);
        }
    }

    /** How many interpreters renders have made so far (the project's macro files' apart). */
    int interpretersMade() {
        return interpretersMade.get();
    }

    /** Time spent rendering so far, macros included. */
    public double seconds() {
        return nanos / 1e9;
    }

    /**
     * {@code this}: printed as its relation's SQL name, with {@code schema}, {@code identifier} and
     * {@code name}; computed when used (after {@code config()}, which may change schema and alias).
     */
    public static final class LazyRelation implements PyishSerializable {
        private final Supplier<RelationName> relation;
        private final String shownAs;

        LazyRelation(Supplier<RelationName> relation, String shownAs) {
            this.relation = relation;
            this.shownAs = shownAs;
        }

        public String getSchema() {
            return relation.get().schema();
        }

        /** The target's database, where the engine builds every relation. */
        public Object getDatabase() {
            return JinjavaInterpreter.getCurrent().getContext().get("database");
        }

        public boolean getIsCte() {
            return false;
        }

        public String getIdentifier() {
            return relation.get().identifier();
        }

        public String getName() {
            return relation.get().identifier();
        }

        /**
         * dbt's {@code this.incorporate(type='table')}: this relation with the given type (other arguments of
         * dbt's, {@code path}, are not taken).
         */
        public Relation incorporate(Object... args) {
            String type = null;
            for (Object arg : args == null ? new Object[0] : args) {
                if (arg instanceof com.hubspot.jinjava.el.ext.NamedParameter named
                        && named.getName().equals("type")) {
                    type = named.getValue() == null ? null : String.valueOf(named.getValue());
                } else {
                    throw new ConfigurationException("this.incorporate() takes type=..., not " + arg);
                }
            }
            Object database = getDatabase();
            return Relation.of(database == null ? null : String.valueOf(database), getSchema(), getIdentifier(), type);
        }

        @Override
        public String toString() {
            return shownAs != null ? shownAs : relation.get().sql();
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T extends Appendable & CharSequence> T appendPyishString(T appendable) throws IOException {
            return (T) appendable.append(toString());
        }
    }
}
