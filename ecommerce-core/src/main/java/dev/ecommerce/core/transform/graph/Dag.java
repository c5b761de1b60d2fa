package dev.ecommerce.core.transform.graph;

import dev.ecommerce.core.ConfigurationException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The graph of models and seeds, with edges from the {@code ref} calls captured while rendering. Orders
 * nodes so that every node comes after its parents (ties in the order nodes were added), and fails naming
 * the cycle when there is one.
 */
public final class Dag {

    /** A node: its name, file and tags. */
    public record Node(String name, String file, List<String> tags, Set<String> parents) {}

    private final Map<String, Node> nodes = new LinkedHashMap<>();

    public void add(String name, String file, List<String> tags, Set<String> parents) {
        nodes.put(name, new Node(name, file, List.copyOf(tags), Set.copyOf(parents)));
    }

    public Node node(String name) {
        return nodes.get(name);
    }

    /** Every node, parents first. */
    public List<String> order() {
        List<String> order = new ArrayList<>();
        Map<String, Integer> state = new HashMap<>(); // 1 = on the current path, 2 = done
        for (String name : nodes.keySet()) {
            visit(name, state, new ArrayDeque<>(), order);
        }
        return order;
    }

    private void visit(String name, Map<String, Integer> state, Deque<String> path, List<String> order) {
        Integer seen = state.get(name);
        if (seen != null && seen == 2) {
            return;
        }
        if (seen != null) {
            List<String> cycle = new ArrayList<>();
            boolean in = false;
            for (String step : (Iterable<String>) path::descendingIterator) {
                in |= step.equals(name);
                if (in) {
                    cycle.add(step);
                }
            }
            cycle.add(name);
            throw new ConfigurationException("The models have a cycle: " + String.join(" -> ", cycle) + " (in "
                    + nodes.get(name).file() + "). Remove one of these ref() calls.");
        }
        state.put(name, 1);
        path.push(name);
        List<String> parents = new ArrayList<>(nodes.get(name).parents());
        if (parents.size() > 1) {
            Collections.sort(parents);
        }
        for (String parent : parents) {
            if (nodes.containsKey(parent)) {
                visit(parent, state, path, order);
            }
        }
        path.pop();
        state.put(name, 2);
        order.add(name);
    }

    /** Every node downstream of {@code name} (not itself). */
    public Set<String> descendants(String name) {
        Map<String, Set<String>> children = children();
        Set<String> result = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>(children.getOrDefault(name, Set.of()));
        while (!todo.isEmpty()) {
            String next = todo.pop();
            if (result.add(next)) {
                todo.addAll(children.getOrDefault(next, Set.of()));
            }
        }
        return result;
    }

    /** Every node upstream of {@code name} (not itself). */
    public Set<String> ancestors(String name) {
        Set<String> result = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>(nodes.get(name).parents());
        while (!todo.isEmpty()) {
            String next = todo.pop();
            if (nodes.containsKey(next) && result.add(next)) {
                todo.addAll(nodes.get(next).parents());
            }
        }
        return result;
    }

    private Map<String, Set<String>> children() {
        Map<String, Set<String>> children = new HashMap<>();
        nodes.values()
                .forEach(n -> n.parents()
                        .forEach(p -> children.computeIfAbsent(p, k -> new LinkedHashSet<>())
                                .add(n.name())));
        return children;
    }
}
