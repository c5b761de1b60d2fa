package dev.ecommerce.core.transform;

import java.util.List;
import java.util.Set;

/** A test after rendering. */
record TestNode(
        String uniqueId,
        String name,
        String file,
        String sql,
        Set<String> parents,
        Set<String> blocks,
        boolean warnOnly,
        List<String> dependsOn) {}
