package dev.ecommerce.core.transform;

import dev.ecommerce.core.transform.project.DbtProject;
import dev.ecommerce.core.transform.project.Definitions.Model;
import dev.ecommerce.core.transform.project.Definitions.Seed;
import dev.ecommerce.core.transform.project.Definitions.Snapshot;
import dev.ecommerce.core.transform.project.Materialization;
import dev.ecommerce.core.transform.project.NodeConfig;
import dev.ecommerce.core.transform.render.RelationName;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A model, seed or snapshot as planned: one of {@code model}, {@code seed} and {@code snapshot}, with its
 * config merged (folders, schema files, its own {@code config()}) and the relation it builds.
 *
 * @param refs the models and seeds it refs, in call order (its parents in the DAG)
 * @param sources the {@code source.table} keys it reads
 * @param rendered a model's or snapshot's SQL after Jinja, with ref marks ({@link Compiler})
 * @param compiled a model's or snapshot's SQL as it runs: relation names, ephemeral models inlined
 * @param rendersAtRunTime whether its parse-time render read {@code execute} or used the database: it is
 *     rendered again when it runs ({@code rendered} and {@code compiled} are then the parse-time ones)
 */
record PlannedNode(
        Model model,
        Seed seed,
        NodeConfig config,
        RelationName relation,
        Set<String> refs,
        Set<String> sources,
        String rendered,
        String compiled,
        Snapshot snapshot,
        boolean rendersAtRunTime) {

    PlannedNode {
        refs = Collections.unmodifiableSet(new LinkedHashSet<>(refs));
        sources = Collections.unmodifiableSet(new LinkedHashSet<>(sources));
    }

    static PlannedNode ofSeed(Seed seed, RelationName relation) {
        return new PlannedNode(null, seed, seed.config(), relation, Set.of(), Set.of(), null, null, null, false);
    }

    PlannedNode withCompiled(String compiled) {
        return new PlannedNode(
                model, seed, config, relation, refs, sources, rendered, compiled, snapshot, rendersAtRunTime);
    }

    /** This node as rendered again when it runs: its run-time render and compiled SQL. */
    PlannedNode withRunTimeRender(String rendered, String compiled) {
        return new PlannedNode(model, seed, config, relation, refs, sources, rendered, compiled, snapshot, true);
    }

    String name() {
        return model != null ? model.name() : seed != null ? seed.name() : snapshot.name();
    }

    String file() {
        return model != null ? model.file() : seed != null ? seed.file() : snapshot.file();
    }

    /** Where dbt writes its compiled SQL (a YAML snapshot's is {@code <schema file>/<name>.sql}). */
    String compiledPath() {
        return snapshot != null ? snapshot.compiledPath() : file();
    }

    /** The SQL as written, before Jinja: a model's or a snapshot's; null for a seed. */
    String rawCode() {
        return model != null ? model.sql() : snapshot != null ? snapshot.sql() : null;
    }

    NodeKind kind() {
        return model != null ? NodeKind.MODEL : seed != null ? NodeKind.SEED : NodeKind.SNAPSHOT;
    }

    /** A seed's and a snapshot's own, else the config's; a model without one is a view, as in dbt. */
    Materialization materialization() {
        if (seed != null) {
            return Materialization.SEED;
        }
        return snapshot != null ? Materialization.SNAPSHOT : config.materializedOr(Materialization.VIEW);
    }

    boolean isEphemeral() {
        return materialization() == Materialization.EPHEMERAL;
    }

    /** dbt's unique id: {@code <kind>.<package>.<name>}, of the package that defines it. */
    String uniqueId(DbtProject dbt) {
        return kind().uniqueId(dbt.packageOf(file()), name());
    }
}
