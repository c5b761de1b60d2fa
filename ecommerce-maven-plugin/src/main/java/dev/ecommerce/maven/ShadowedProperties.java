package dev.ecommerce.maven;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.maven.model.Plugin;
import org.apache.maven.model.PluginExecution;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.descriptor.Parameter;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.util.xml.Xpp3Dom;

/**
 * One rule for every parameter: a value written in the pom's plugin {@code <configuration>} wins over
 * {@code -Dproperty} (Maven's rule), and the build says so with a warning naming the element, instead of
 * ignoring the command line silently.
 *
 * <p>Maven itself is not consistent here: for a list written with child elements ({@code <formats><format>csv
 * </format></formats>}) it lets {@code -D} win, because it merges the parameter's {@code ${property}} expression
 * into the element. Such lists are set back to the pom's values, so that every parameter behaves the same.
 */
final class ShadowedProperties {

    private static final Pattern EXPRESSION = Pattern.compile("\\$\\{(ecommerce\\.[^}]+)}");

    private ShadowedProperties() {}

    /** Warns about every {@code -D} value the pom shadows, and makes lists follow the same rule. */
    static void apply(
            Object mojo,
            MojoExecution execution,
            MavenProject project,
            Properties userProperties,
            Consumer<String> warn) {
        if (execution == null || project == null || userProperties == null || userProperties.isEmpty()) {
            return;
        }
        Xpp3Dom pom = pomConfiguration(execution, project);
        if (pom == null || execution.getMojoDescriptor().getParameters() == null) {
            return;
        }
        for (Parameter parameter : execution.getMojoDescriptor().getParameters()) {
            Matcher expression = EXPRESSION.matcher(String.valueOf(parameter.getExpression()));
            if (!expression.matches()) {
                continue;
            }
            String property = expression.group(1);
            String commandLine = userProperties.getProperty(property);
            Xpp3Dom element = pom.getChild(parameter.getName());
            if (commandLine == null || element == null) {
                continue;
            }
            List<String> written = values(element);
            if (written.equals(split(commandLine))) {
                continue; // the pom reads the property (${...} interpolated) or says the same
            }
            warn.accept("-D" + property + "=" + commandLine + " is ignored: <" + parameter.getName() + ">"
                    + String.join(",", written) + "</" + parameter.getName() + "> in the pom's plugin"
                    + " <configuration> wins. To make it overridable, declare <properties><" + property + ">"
                    + String.join(",", written) + "</" + property + "></properties> in the pom instead of <"
                    + parameter.getName() + ">.");
            if (element.getChildCount() > 0) {
                restoreList(mojo, parameter.getName(), written);
            }
        }
    }

    /** The plugin's configuration as written in the pom: plugin level, then the execution's own. */
    private static Xpp3Dom pomConfiguration(MojoExecution execution, MavenProject project) {
        String key = execution.getGroupId() + ":" + execution.getArtifactId();
        Plugin plugin = project.getBuild() == null
                ? null
                : project.getBuild().getPluginsAsMap().get(key);
        if (plugin == null && project.getBuild() != null && project.getBuild().getPluginManagement() != null) {
            plugin = project.getBuild().getPluginManagement().getPluginsAsMap().get(key);
        }
        if (plugin == null) {
            return null;
        }
        Xpp3Dom configuration = plugin.getConfiguration() instanceof Xpp3Dom dom ? new Xpp3Dom(dom) : null;
        PluginExecution own = plugin.getExecutionsAsMap().get(execution.getExecutionId());
        if (own != null && own.getConfiguration() instanceof Xpp3Dom dom) {
            configuration = Xpp3Dom.mergeXpp3Dom(new Xpp3Dom(dom), configuration);
        }
        return configuration;
    }

    private static List<String> values(Xpp3Dom element) {
        if (element.getChildCount() == 0) {
            return split(element.getValue());
        }
        List<String> values = new ArrayList<>();
        for (Xpp3Dom child : element.getChildren()) {
            values.addAll(split(child.getValue()));
        }
        return values;
    }

    private static List<String> split(String text) {
        if (text == null) {
            return List.of();
        }
        return Arrays.stream(text.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .toList();
    }

    private static void restoreList(Object mojo, String name, List<String> values) {
        for (Class<?> type = mojo.getClass(); type != null; type = type.getSuperclass()) {
            try {
                Field field = type.getDeclaredField(name);
                if (List.class.isAssignableFrom(field.getType())) {
                    field.setAccessible(true);
                    field.set(mojo, new ArrayList<>(values));
                }
                return;
            } catch (NoSuchFieldException e) {
                // a superclass may declare it
            } catch (IllegalAccessException e) {
                return; // cannot happen after setAccessible on our own class
            }
        }
    }
}
