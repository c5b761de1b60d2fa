package dev.ecommerce.core.transform;

import dev.ecommerce.core.ConfigurationException;
import dev.ecommerce.core.transform.execute.Ctes;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compiles rendered SQL. While rendering, {@code ref('x')} becomes a mark, since what it names is known
 * only once every model is rendered (its config may change its schema, alias or materialization); compiling
 * replaces each mark with the relation's name, or with a CTE for an ephemeral model, inlined in front.
 */
final class Compiler {

    private static final Pattern REF_MARK = Pattern.compile("\u0001ref:([^\u0001]+)\u0001");

    private final Map<String, PlannedNode> nodes;

    /** @param nodes the rendered models and seeds, by name */
    Compiler(Map<String, PlannedNode> nodes) {
        this.nodes = nodes;
    }

    /** What {@code ref(name)} renders to. */
    static String mark(String name) {
        return "\u0001ref:" + name + "\u0001";
    }

    /** What {@code ref(name)} renders to in {@code file}; fails when {@code names} has no such model or seed. */
    static String mark(Set<String> names, String file, String name) {
        if (!names.contains(name)) {
            throw new ConfigurationException(file + ": ref('" + name + "') names no model or seed of this project.");
        }
        return mark(name);
    }

    /** {@code rendered} with relation names for its marks, and the ephemeral models among {@code refs} inlined. */
    String compile(Set<String> refs, String rendered) {
        Map<String, String> ctes = new LinkedHashMap<>();
        collectEphemerals(refs, ctes, new HashSet<>());
        return Ctes.inject(resolve(rendered), ctes);
    }

    private void collectEphemerals(Set<String> refs, Map<String, String> ctes, Set<String> seen) {
        for (String ref : refs) {
            PlannedNode parent = nodes.get(ref);
            if (parent != null && parent.isEphemeral() && seen.add(ref)) {
                collectEphemerals(parent.refs(), ctes, seen);
                ctes.put(cte(ref), resolve(parent.rendered()));
            }
        }
    }

    /** {@code sql} with relation names (or an ephemeral model's CTE name) for its marks. */
    String resolve(String sql) {
        Matcher m = REF_MARK.matcher(sql);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            PlannedNode target = nodes.get(m.group(1));
            String replacement = target == null
                    ? m.group(1)
                    : target.isEphemeral()
                            ? cte(target.name())
                            : target.relation().sql();
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String cte(String name) {
        return "__dbt__cte__" + name;
    }
}
