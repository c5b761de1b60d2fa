package dev.ecommerce.core.transform;

import dev.ecommerce.core.transform.project.Definitions.Model;
import dev.ecommerce.core.transform.project.Definitions.Seed;
import dev.ecommerce.core.transform.project.NodeConfig;
import dev.ecommerce.core.transform.render.RelationName;
import java.util.LinkedHashSet;
import java.util.Set;

/** A model or seed after rendering. */
final class Node {
    final String name;
    final String file;
    final String kind; // model or seed
    final Model model;
    final Seed seed;
    NodeConfig config;
    String schema;
    String identifier;
    Set<String> refs = new LinkedHashSet<>();
    Set<String> sources = new LinkedHashSet<>();
    String rendered; // with ref marks
    String compiled;

    Node(Model model, Seed seed) {
        this.model = model;
        this.seed = seed;
        this.name = model != null ? model.name() : seed.name();
        this.file = model != null ? model.file() : seed.file();
        this.kind = model != null ? "model" : "seed";
        this.config = model != null ? model.config() : seed.config();
    }

    String materialized() {
        return seed != null ? "seed" : config.materializedOr("view");
    }

    RelationName relationName() {
        return new RelationName(schema, identifier);
    }

    String relation() {
        return relationName().sql();
    }
}
