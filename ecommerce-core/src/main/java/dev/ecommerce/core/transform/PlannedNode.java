package dev.ecommerce.core.transform;

import dev.ecommerce.core.transform.project.Definitions.Model;
import dev.ecommerce.core.transform.project.Definitions.Seed;
import dev.ecommerce.core.transform.project.Materialization;
import dev.ecommerce.core.transform.project.NodeConfig;
import dev.ecommerce.core.transform.render.RelationName;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A model or seed as planned: one of {@code model} and {@code seed}, with its config merged (folders, schema
 * files, its own {@code config()}) and the relation it builds.
 *
 * @param refs the models and seeds it refs, in call order (its parents in the DAG)
 * @param sources the {@code source.table} keys it reads
 * @param rendered a model's SQL after Jinja, with ref marks ({@link Compiler})
 * @param compiled a model's SQL as it runs: relation names, ephemeral models inlined
 */
record PlannedNode(
        Model model,
        Seed seed,
        NodeConfig config,
        RelationName relation,
        Set<String> refs,
        Set<String> sources,
        String rendered,
        String compiled) {

    PlannedNode {
        refs = Collections.unmodifiableSet(new LinkedHashSet<>(refs));
        sources = Collections.unmodifiableSet(new LinkedHashSet<>(sources));
    }

    static PlannedNode ofSeed(Seed seed, RelationName relation) {
        return new PlannedNode(null, seed, seed.config(), relation, Set.of(), Set.of(), null, null);
    }

    PlannedNode withCompiled(String compiled) {
        return new PlannedNode(model, seed, config, relation, refs, sources, rendered, compiled);
    }

    String name() {
        return model != null ? model.name() : seed.name();
    }

    String file() {
        return model != null ? model.file() : seed.file();
    }

    NodeKind kind() {
        return model != null ? NodeKind.MODEL : NodeKind.SEED;
    }

    /** A seed's own, else the config's; a model without one is a view, as in dbt. */
    Materialization materialization() {
        return seed != null ? Materialization.SEED : config.materializedOr(Materialization.VIEW);
    }

    boolean isEphemeral() {
        return materialization() == Materialization.EPHEMERAL;
    }

    String uniqueId(String project) {
        return kind().uniqueId(project, name());
    }
}
