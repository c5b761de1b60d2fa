package dev.ecommerce.core.transform.graph;

import dev.ecommerce.core.ConfigurationException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * dbt's node selection ({@code --select}, {@code --exclude}) over every resource of a project. Each argument
 * is a union member; its comma-joined criteria intersect. A criterion picks nodes by a method ({@link
 * Criterion}), adds its graph operators' relatives ({@code +}, {@code n+}, {@code @}), then, as dbt's eager
 * indirect selection, the tests and unit tests on any node picked. Excluded nodes (found the same way) are
 * removed last. An argument that matches nothing is a warning, as in dbt, not an error.
 */
public final class NodeSelector {

    /** What a selection selected, in declaration order, and its warnings. */
    public record Result(Set<String> selected, List<String> warnings) {}

    /** dbt's resource types ({@code NodeType}); those the engine has no nodes of select nothing. */
    private static final Set<String> RESOURCE_TYPES = Set.of(
            "model",
            "analysis",
            "test",
            "snapshot",
            "operation",
            "seed",
            "rpc",
            "sql_operation",
            "doc",
            "source",
            "macro",
            "exposure",
            "metric",
            "group",
            "saved_query",
            "semantic_model",
            "unit_test",
            "fixture");

    /** dbt's methods over resources the embedded engine does not have. */
    private static final Set<String> UNSUPPORTED_METHODS = Set.of(
            "group",
            "access",
            "exposure",
            "metric",
            "result",
            "source_status",
            "version",
            "semantic_model",
            "saved_query");

    private static final String NOTHING_TO_DO =
            "Nothing to do. Try checking your model configs and model specification args";

    private final Map<String, Selectable> nodes = new LinkedHashMap<>();
    /** Each node's children, built when a criterion first walks down (selecting everything does not). */
    private Map<String, Set<String>> children;

    private final String project;
    private final PreviousState state;
    private final String stateSetting;

    /**
     * @param nodes every model, seed, test, unit test and source
     * @param state the previous run's manifest ({@code state:} methods), or null
     * @param stateSetting the setting that gives the state, for messages
     */
    public NodeSelector(Collection<Selectable> nodes, String project, PreviousState state, String stateSetting) {
        nodes.forEach(n -> this.nodes.put(n.uniqueId(), n));
        this.project = project;
        this.state = state;
        this.stateSetting = stateSetting;
    }

    /**
     * @param select the {@code --select} arguments; none selects every node but sources
     * @param exclude the {@code --exclude} arguments
     * @param selectSetting and {@code excludeSetting}: the settings that hold them, for messages
     */
    public Result select(List<String> select, List<String> exclude, String selectSetting, String excludeSetting) {
        List<String> warnings = new ArrayList<>();
        Set<String> selected = new HashSet<>();
        if (select.isEmpty()) {
            nodes.values().stream()
                    .filter(n -> !n.resourceType().equals("source"))
                    .forEach(n -> selected.add(n.uniqueId()));
        }
        for (String argument : select) {
            Set<String> matched = argument(argument, selectSetting);
            if (matched.isEmpty()) {
                warnings.add("The selection criterion '" + argument + "' does not match any enabled nodes");
            }
            selected.addAll(matched);
        }
        for (String argument : exclude) {
            selected.removeAll(argument(argument, excludeSetting));
        }
        Set<String> ordered = new LinkedHashSet<>();
        nodes.keySet().stream().filter(selected::contains).forEach(ordered::add);
        if (ordered.stream().noneMatch(id -> !nodes.get(id).resourceType().equals("source"))) {
            warnings.add(NOTHING_TO_DO);
        }
        return new Result(ordered, warnings);
    }

    /**
     * What selecting everything selects ({@link #select} with no arguments), given the unique ids of every resource
     * but the sources, in declaration order.
     */
    public static Result everything(Set<String> nonSourceIds) {
        return new Result(nonSourceIds, nonSourceIds.isEmpty() ? List.of(NOTHING_TO_DO) : List.of());
    }

    private Map<String, Set<String>> children() {
        if (children == null) {
            children = new HashMap<>();
            nodes.values()
                    .forEach(n -> n.parents()
                            .forEach(p -> children.computeIfAbsent(p, k -> new LinkedHashSet<>())
                                    .add(n.uniqueId())));
        }
        return children;
    }

    /** One argument: the intersection of its comma-joined criteria. */
    private Set<String> argument(String argument, String where) {
        Set<String> result = null;
        for (String part : argument.split(",")) {
            Set<String> matched = criterion(Criterion.parse(part, where), where);
            if (result == null) {
                result = matched;
            } else {
                result.retainAll(matched);
            }
        }
        return result == null ? new HashSet<>() : result;
    }

    private Set<String> criterion(Criterion criterion, String where) {
        Predicate<Selectable> method = method(criterion, where);
        Set<String> selected = new LinkedHashSet<>();
        nodes.values().stream().filter(method).forEach(n -> selected.add(n.uniqueId()));
        Set<String> neighbours = new HashSet<>();
        if (criterion.childrensParents()) {
            Set<String> descendants = walk(selected, Integer.MAX_VALUE, false);
            descendants.addAll(selected);
            neighbours.addAll(descendants);
            neighbours.addAll(walk(descendants, Integer.MAX_VALUE, true));
        }
        neighbours.addAll(walk(selected, criterion.parentsDepth(), true));
        neighbours.addAll(walk(selected, criterion.childrenDepth(), false));
        selected.addAll(neighbours);
        // dbt's eager indirect selection: the tests on any selected node
        Set<String> tests = new HashSet<>();
        for (String id : selected) {
            for (String child : children().getOrDefault(id, Set.of())) {
                String type = nodes.get(child).resourceType();
                if (type.equals("test") || type.equals("unit_test")) {
                    tests.add(child);
                }
            }
        }
        selected.addAll(tests);
        return selected;
    }

    /** The ancestors ({@code up}) or descendants of {@code from} up to {@code depth} generations, not themselves. */
    private Set<String> walk(Set<String> from, int depth, boolean up) {
        Set<String> result = new HashSet<>();
        Deque<String> level = new ArrayDeque<>(from);
        for (int generation = 0; generation < depth && !level.isEmpty(); generation++) {
            Deque<String> next = new ArrayDeque<>();
            for (String id : level) {
                Collection<String> relatives =
                        up ? nodes.get(id).parents() : children().getOrDefault(id, Set.of());
                for (String relative : relatives) {
                    if (nodes.containsKey(relative) && result.add(relative)) {
                        next.add(relative);
                    }
                }
            }
            level = next;
        }
        return result;
    }

    private Predicate<Selectable> method(Criterion c, String where) {
        String value = c.value();
        return switch (c.method()) {
            case "fqn" -> n -> !n.resourceType().equals("source") && fqnMatches(n.fqn(), value);
            case "tag" ->
                n -> n.tags().stream().anyMatch(t -> glob(value).matcher(t).matches());
            case "source" -> sourceMatcher(value);
            case "path" -> pathMatcher(value);
            case "file" -> {
                Pattern pattern = glob(value);
                yield n -> {
                    String name = Path.of(n.file()).getFileName().toString();
                    int dot = name.lastIndexOf('.');
                    return pattern.matcher(name).matches()
                            || pattern.matcher(dot < 0 ? name : name.substring(0, dot))
                                    .matches();
                };
            }
            case "package" -> {
                Pattern pattern = glob(value.equals("this") ? project : value);
                yield n -> pattern.matcher(n.packageName()).matches();
            }
            case "config" -> configMatcher(c, where);
            case "test_name" -> {
                Pattern pattern = glob(value);
                yield n ->
                        (n.testName() != null && pattern.matcher(n.testName()).matches())
                                || (n.resourceType().equals("unit_test")
                                        && pattern.matcher(n.name()).matches());
            }
            case "test_type" -> testType(value, where);
            case "resource_type" -> {
                if (!RESOURCE_TYPES.contains(value)) {
                    throw new ConfigurationException("The selector '" + c.raw() + "' names no dbt resource type ("
                            + String.join(", ", new java.util.TreeSet<>(RESOURCE_TYPES)) + "): change " + where
                            + ".");
                }
                yield n -> n.resourceType().equals(value);
            }
            case "unit_test" -> n -> n.resourceType().equals("unit_test") && fqnMatches(n.fqn(), value);
            case "state" -> {
                if (state == null) {
                    throw new ConfigurationException("The selector '" + c.raw() + "' compares with a previous run:"
                            + " set " + stateSetting + " to the folder of that run's manifest.json.");
                }
                state.check(value, where);
                yield n -> state.matches(value, n);
            }
            default -> {
                if (UNSUPPORTED_METHODS.contains(c.method())) {
                    throw new ConfigurationException("The selector method '" + c.method() + ":' (in '" + c.raw()
                            + "') is not supported by the embedded engine: change " + where + ".");
                }
                throw new ConfigurationException("'" + c.method() + "' (in '" + c.raw()
                        + "') is not a valid dbt selector method: change " + where + ".");
            }
        };
    }

    /** dbt's {@code is_selected_node}, with and without the project in front. */
    static boolean fqnMatches(List<String> fqn, String selector) {
        return selectedNode(fqn, selector) || selectedNode(fqn.subList(1, fqn.size()), selector);
    }

    private static boolean selectedNode(List<String> fqn, String selector) {
        if (fqn.isEmpty()) {
            return false;
        }
        if (fqn.get(fqn.size() - 1).equals(selector)) {
            return true;
        }
        List<String> flat = new ArrayList<>();
        fqn.forEach(part -> flat.addAll(List.of(part.split("\\."))));
        String[] parts = selector.split("\\.", -1);
        if (flat.size() < parts.length) {
            return false;
        }
        for (int i = 0; i < parts.length; i++) {
            if (parts[i].matches(".*[*?\\[\\]].*")) {
                String rest = String.join(".", flat.subList(i, flat.size()));
                String pattern = String.join(".", List.of(parts).subList(i, parts.length));
                return glob(pattern).matcher(rest).matches();
            }
            if (!flat.get(i).equals(parts[i])) {
                return false;
            }
        }
        return true;
    }

    private static Predicate<Selectable> sourceMatcher(String value) {
        String[] parts = value.split("\\.");
        return n -> {
            if (!n.resourceType().equals("source")) {
                return false;
            }
            return switch (parts.length) {
                case 1 -> glob(parts[0]).matcher(n.sourceName()).matches();
                case 2 ->
                    glob(parts[0]).matcher(n.sourceName()).matches()
                            && glob(parts[1]).matcher(n.name()).matches();
                default ->
                    glob(parts[0]).matcher(n.packageName()).matches()
                            && glob(parts[1]).matcher(n.sourceName()).matches()
                            && glob(parts[2]).matcher(n.name()).matches();
            };
        };
    }

    /** dbt globs the path in the project folder: a node matches when its file or one of its folders does. */
    private static Predicate<Selectable> pathMatcher(String value) {
        String glob = value.replaceAll("/+$", "").replace("\\", "/");
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob);
        return n -> {
            for (Path p = Path.of(n.file()); p != null; p = p.getParent()) {
                if (matcher.matches(p)) {
                    return true;
                }
            }
            return false;
        };
    }

    private Predicate<Selectable> configMatcher(Criterion c, String where) {
        if (c.arguments().isEmpty()) {
            throw new ConfigurationException("The selector '" + c.raw() + "' names no config key (e.g."
                    + " config.materialized:table): change " + where + ".");
        }
        boolean caseInsensitive = c.arguments().equals(List.of("severity"));
        return n -> {
            Object value = n.config();
            for (String key : c.arguments()) {
                if (!(value instanceof Map<?, ?> map) || !map.containsKey(key)) {
                    return false;
                }
                value = map.get(key);
            }
            if (value instanceof Collection<?> list) {
                return list.stream().anyMatch(v -> sameValue(c.value(), v, caseInsensitive));
            }
            return sameValue(c.value(), value, caseInsensitive);
        };
    }

    private static boolean sameValue(String selector, Object value, boolean caseInsensitive) {
        if (value instanceof Boolean b) {
            return selector.equalsIgnoreCase(b.toString());
        }
        String text = String.valueOf(value);
        return caseInsensitive ? selector.equalsIgnoreCase(text) : selector.equals(text);
    }

    private static Predicate<Selectable> testType(String value, String where) {
        return switch (value) {
            case "generic", "schema" -> n -> n.resourceType().equals("test") && n.testName() != null;
            case "singular" -> n -> n.resourceType().equals("test") && n.testName() == null;
            case "data" -> n -> n.resourceType().equals("test");
            case "unit" -> n -> n.resourceType().equals("unit_test");
            default ->
                throw new ConfigurationException("The selector test_type:" + value + " is not one of generic,"
                        + " singular, unit or data: change " + where + ".");
        };
    }

    /** Python's {@code fnmatch} pattern as a regular expression: {@code *}, {@code ?}, {@code [seq]}, {@code [!seq]}. */
    static Pattern glob(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char ch = pattern.charAt(i);
            int close = ch == '[' ? pattern.indexOf(']', i + 1) : -1;
            if (ch == '*') {
                regex.append(".*");
            } else if (ch == '?') {
                regex.append('.');
            } else if (close > i + 1) {
                String set = pattern.substring(i + 1, close);
                regex.append('[').append(set.startsWith("!") ? "^" : "");
                for (char member : (set.startsWith("!") ? set.substring(1) : set).toCharArray()) {
                    regex.append(member == '-' || Character.isLetterOrDigit(member) ? "" : "\\")
                            .append(member);
                }
                regex.append(']');
                i = close;
            } else {
                regex.append(Pattern.quote(String.valueOf(ch)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }
}
