package dev.ecommerce.core.transform.graph;

import dev.ecommerce.core.ConfigurationException;
import dev.ecommerce.core.config.Setting;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
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

    /** A node: its name, file and tags (for selection). */
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
        for (String parent : nodes.get(name).parents().stream().sorted().toList()) {
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

    /**
     * The nodes a selection names; empty selectors select everything. Selectors: {@code name},
     * {@code +name} (with its ancestors), {@code name+} (with its descendants), {@code tag:x},
     * {@code path:models/marts} (files under that folder); several selectors add up.
     */
    public Set<String> select(List<String> selectors) {
        if (selectors.isEmpty()) {
            return new LinkedHashSet<>(nodes.keySet());
        }
        Set<String> selected = new HashSet<>();
        for (String raw : selectors) {
            boolean up = raw.startsWith("+");
            boolean down = raw.endsWith("+") && raw.length() > 1;
            String selector = raw.substring(up ? 1 : 0, raw.length() - (down ? 1 : 0));
            Set<String> matched = new LinkedHashSet<>();
            if (selector.startsWith("tag:")) {
                String tag = selector.substring(4);
                nodes.values().stream().filter(n -> n.tags().contains(tag)).forEach(n -> matched.add(n.name()));
            } else if (selector.startsWith("path:")) {
                String prefix = selector.substring(5).replaceAll("/+$", "");
                nodes.values().stream()
                        .filter(n -> n.file().equals(prefix) || n.file().startsWith(prefix + "/"))
                        .forEach(n -> matched.add(n.name()));
            } else if (nodes.containsKey(selector)) {
                matched.add(selector);
            } else {
                throw new ConfigurationException(
                        "The selection '" + raw + "' names no model or seed: check " + Setting.TRANSFORM_SELECT.ref()
                                + ". The embedded engine supports name, +name, name+,"
                                + " tag:x and path:models/folder.");
            }
            if (matched.isEmpty()) {
                throw new ConfigurationException(
                        "The selection '" + raw + "' matches nothing: check " + Setting.TRANSFORM_SELECT.ref() + ".");
            }
            for (String name : matched) {
                selected.add(name);
                if (up) {
                    selected.addAll(ancestors(name));
                }
                if (down) {
                    selected.addAll(descendants(name));
                }
            }
        }
        Set<String> ordered = new LinkedHashSet<>();
        nodes.keySet().stream().filter(selected::contains).forEach(ordered::add);
        return ordered;
    }
}
