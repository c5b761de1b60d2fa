package dev.ecommerce.core.transform.render;

import dev.ecommerce.core.ConfigurationException;
import dev.ecommerce.core.EcommerceException;
import dev.ecommerce.core.transform.project.Definitions.Overrides;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What one render of a model, test or profile sees and records: how {@code ref} and {@code source} resolve,
 * whether {@code is_incremental()} is true, what {@code this} is; and, recorded while rendering, the refs
 * and sources called (the DAG's edges, as dbt captures them at parse time) and the {@code config(...)} calls.
 */
public final class RenderScope {

    final String file;
    final Function<String, String> refs;
    final BiFunction<String, String, String> sources;
    final boolean incremental;
    final Supplier<RelationName> self;
    final Overrides overrides;
    final String selfSql;
    private final Set<String> refsCalled = new LinkedHashSet<>();
    private final Set<String> sourcesCalled = new LinkedHashSet<>();
    private final Map<String, Object> config = new LinkedHashMap<>();
    private final Set<String> environmentRead = new LinkedHashSet<>();
    private EcommerceException failure;
    private boolean dataTest;
    private boolean execute = true;
    private Warehouse warehouse;
    private boolean runTimeUse;
    private final Map<String, Object> results = new LinkedHashMap<>();

    /**
     * @param file the rendered file, for messages
     * @param refs a model or seed name to the SQL that names its relation
     * @param sources {@code (source, table)} to the SQL that names it
     * @param incremental what {@code is_incremental()} returns
     * @param self what {@code this} is; null where {@code this} is not defined
     */
    public RenderScope(
            String file,
            Function<String, String> refs,
            BiFunction<String, String, String> sources,
            boolean incremental,
            Supplier<RelationName> self) {
        this(file, refs, sources, incremental, self, Overrides.NONE, null);
    }

    private RenderScope(
            String file,
            Function<String, String> refs,
            BiFunction<String, String, String> sources,
            boolean incremental,
            Supplier<RelationName> self,
            Overrides overrides,
            String selfSql) {
        this.file = file;
        this.refs = refs;
        this.sources = sources;
        this.incremental = incremental;
        this.self = self;
        this.overrides = overrides;
        this.selfSql = selfSql;
    }

    /**
     * This scope as a unit test renders its model: with the test's {@code overrides} (macros, vars, environment
     * variables; {@code is_incremental} when set) and {@code this} printed as {@code selfSql} when not null.
     */
    public RenderScope overriding(Overrides overrides, String selfSql) {
        Boolean incremental = overrides.incremental();
        return new RenderScope(
                file, refs, sources, incremental == null ? this.incremental : incremental, self, overrides, selfSql);
    }

    /** A scope for files without models (profiles.yml): {@code ref}, {@code source} and {@code this} fail. */
    public static RenderScope plain(String file) {
        Function<String, String> noRefs = name -> {
            throw new IllegalStateException("ref() cannot be used in " + file);
        };
        return new RenderScope(
                file,
                noRefs,
                (s, t) -> {
                    throw new IllegalStateException("source() cannot be used in " + file);
                },
                false,
                null);
    }

    /** Marks this scope as a data test's: its {@code config()} takes a test's configs ({@code severity}, ...). */
    public RenderScope dataTest() {
        dataTest = true;
        return this;
    }

    /**
     * Marks this scope as a parse-time render: {@code execute} is false and the database is not there, as when
     * dbt parses; what reads {@code execute} or the database is recorded ({@link #usesRunTime}).
     */
    public RenderScope parsing() {
        execute = false;
        return this;
    }

    /** Marks this scope as a run-time render with the run's live {@code warehouse}: {@code execute} is true. */
    public RenderScope live(Warehouse warehouse) {
        this.execute = true;
        this.warehouse = warehouse;
        return this;
    }

    /** What {@code execute} is in this render. */
    boolean execute() {
        return execute;
    }

    /**
     * The run's database for {@code what} (e.g. {@code run_query}); fails naming the file when this render has
     * none (profiles.yml, dbt_project.yml, a macro file, or a unit test's render).
     */
    Warehouse warehouse(String what) {
        if (warehouse == null) {
            throw new ConfigurationException(file + ": " + what + " needs the database, which the embedded engine"
                    + " opens only when the nodes run: call it in a model, test or hook, under {% if execute %}.");
        }
        return warehouse;
    }

    /** Whether this render has the run's database. */
    boolean isLive() {
        return warehouse != null;
    }

    /** Records that the template read {@code execute} or called something that uses the database. */
    void recordRunTimeUse() {
        runTimeUse = true;
    }

    /**
     * Whether this (parse-time) render read {@code execute}, or called something that uses the database: then
     * its node is rendered again when it runs, with {@code execute} true, as dbt does.
     */
    public boolean usesRunTime() {
        return runTimeUse;
    }

    /** The results {@code statement(name)} stored, for {@code load_result(name)}. */
    Map<String, Object> results() {
        return results;
    }

    boolean isDataTest() {
        return dataTest;
    }

    void fail(EcommerceException e) {
        if (failure == null) {
            failure = e;
        }
    }

    EcommerceException failure() {
        return failure;
    }

    void recordRef(String name) {
        refsCalled.add(name);
    }

    void recordSource(String key) {
        sourcesCalled.add(key);
    }

    void recordConfig(Map<String, Object> values) {
        config.putAll(values);
    }

    void recordEnvironment(String name) {
        environmentRead.add(name);
    }

    /** The environment variables {@code env_var} read (what a cached render depends on besides its inputs). */
    public Set<String> environmentRead() {
        return environmentRead;
    }

    public String file() {
        return file;
    }

    /** Model and seed names passed to {@code ref}, in call order. */
    public Set<String> refsCalled() {
        return refsCalled;
    }

    /** {@code source.table} keys passed to {@code source}. */
    public Set<String> sourcesCalled() {
        return sourcesCalled;
    }

    /** The keyword arguments of every {@code config(...)} call, later calls winning. */
    public Map<String, Object> config() {
        return config;
    }
}
