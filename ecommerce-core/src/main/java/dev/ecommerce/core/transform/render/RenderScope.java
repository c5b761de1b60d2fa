package dev.ecommerce.core.transform.render;

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
