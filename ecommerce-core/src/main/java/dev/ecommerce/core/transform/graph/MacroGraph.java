package dev.ecommerce.core.transform.graph;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A project's macros and which of them each node calls (dbt's {@code depends_on.macros}), what
 * {@code state:modified.macros} compares. The calls are found in the Jinja of a node's code (inside
 * <code>{{ }}</code> and <code>{% %}</code>, as {@code name(} or {@code namespace.name(}), and in the same way
 * the macros each macro calls; SQL outside Jinja is not read, so a SQL function of a macro's name is no call.
 *
 * @param macros the project's macros by unique id ({@code macro.<project>.<name>})
 * @param nodeMacros the unique ids of the macros each node calls, by the node's unique id
 */
public record MacroGraph(Map<String, Macro> macros, Map<String, List<String>> nodeMacros) {

    /** No macros. */
    public static final MacroGraph NONE = new MacroGraph(Map.of(), Map.of());

    private static final Pattern BLOCK = Pattern.compile(
            "\\{%-?\\s*macro\\s+([A-Za-z_]\\w*)\\s*\\((.*?)\\)\\s*-?%}(.*?)\\{%-?\\s*endmacro\\b.*?%}", Pattern.DOTALL);
    private static final Pattern JINJA = Pattern.compile("\\{\\{.*?}}|\\{%.*?%}", Pattern.DOTALL);
    private static final Pattern ARGUMENT = Pattern.compile("(?:^|,)\\s*([A-Za-z_]\\w*)");

    /**
     * A macro as {@code manifest.json}'s {@code macros} shows it.
     *
     * @param file the project-relative file that defines it
     * @param sql its whole block, <code>{% macro %}</code> to <code>{% endmacro %}</code> (dbt's {@code macro_sql})
     * @param arguments its arguments' names
     * @param dependsOn the unique ids of the project macros it calls
     */
    public record Macro(
            String uniqueId, String name, String file, String sql, List<String> arguments, List<String> dependsOn) {

        public Macro {
            arguments = List.copyOf(arguments);
            dependsOn = List.copyOf(dependsOn);
        }
    }

    public MacroGraph {
        macros = Collections.unmodifiableMap(new LinkedHashMap<>(macros));
        nodeMacros = Collections.unmodifiableMap(new LinkedHashMap<>(nodeMacros));
    }

    /**
     * The macros of {@code macroFiles} and the ones each node's code calls.
     *
     * @param macroFiles macro files' text by project-relative path
     * @param nodeCode each node's raw code by unique id
     */
    public static MacroGraph of(String project, Map<String, String> macroFiles, Map<String, String> nodeCode) {
        Map<String, String[]> blocks = new LinkedHashMap<>(); // name -> file, sql, arguments, body
        macroFiles.forEach((file, text) -> {
            Matcher block = BLOCK.matcher(text);
            while (block.find()) {
                blocks.put(block.group(1), new String[] {file, block.group(), block.group(2), block.group(3)});
            }
        });
        if (blocks.isEmpty()) {
            return NONE;
        }
        Pattern calls = Pattern.compile("(?<![\\w])(" + String.join("|", blocks.keySet()) + ")\\s*\\(");
        Map<String, Macro> macros = new LinkedHashMap<>();
        blocks.forEach((name, block) -> {
            Set<String> called = called(calls, block[3]);
            called.remove(name);
            List<String> arguments = new ArrayList<>();
            Matcher argument = ARGUMENT.matcher(block[2].replaceAll("=\\s*('[^']*'|\"[^\"]*\"|[^,]*)", ""));
            while (argument.find()) {
                arguments.add(argument.group(1));
            }
            macros.put(
                    uniqueId(project, name),
                    new Macro(uniqueId(project, name), name, block[0], block[1], arguments, ids(project, called)));
        });
        Map<String, List<String>> nodeMacros = new LinkedHashMap<>();
        nodeCode.forEach((id, code) ->
                nodeMacros.put(id, code == null ? List.of() : ids(project, called(calls, code))));
        return new MacroGraph(macros, nodeMacros);
    }

    /** The unique ids of the macros a node calls; none for a node without macro calls. */
    public List<String> macrosOf(String nodeId) {
        return nodeMacros.getOrDefault(nodeId, List.of());
    }

    /**
     * dbt's {@code _macros_modified}: the macros whose SQL differs from the previous manifest's, the new ones
     * and the removed ones.
     *
     * @param previous the previous manifest's {@code macro_sql} by unique id
     */
    public Set<String> modified(Map<String, String> previous) {
        Set<String> modified = new LinkedHashSet<>();
        macros.forEach((id, macro) -> {
            if (!macro.sql().equals(previous.get(id))) {
                modified.add(id);
            }
        });
        previous.keySet().stream().filter(id -> !macros.containsKey(id)).forEach(modified::add);
        return modified;
    }

    /** dbt's {@code recursively_check_macros_modified}: whether the node calls a modified macro, or one that does. */
    public boolean callsAny(String nodeId, Set<String> modified) {
        return !modified.isEmpty() && reaches(macrosOf(nodeId), modified, new LinkedHashSet<>());
    }

    private boolean reaches(Collection<String> called, Set<String> modified, Set<String> visited) {
        for (String id : called) {
            if (!visited.add(id)) {
                continue;
            }
            Macro macro = macros.get(id);
            if (modified.contains(id) || (macro != null && reaches(macro.dependsOn(), modified, visited))) {
                return true;
            }
        }
        return false;
    }

    private static Set<String> called(Pattern calls, String code) {
        Set<String> called = new LinkedHashSet<>();
        Matcher jinja = JINJA.matcher(code);
        while (jinja.find()) {
            Matcher call = calls.matcher(jinja.group());
            while (call.find()) {
                called.add(call.group(1));
            }
        }
        return called;
    }

    private static List<String> ids(String project, Set<String> names) {
        return names.stream().map(n -> uniqueId(project, n)).collect(Collectors.toList());
    }

    private static String uniqueId(String project, String name) {
        return "macro." + project + "." + name;
    }
}
