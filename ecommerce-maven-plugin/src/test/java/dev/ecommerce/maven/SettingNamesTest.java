package dev.ecommerce.maven;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecommerce.core.config.Setting;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The core names settings by key; the plugin alone knows their pom elements and properties. Checked against
 * the plugin descriptor Maven builds from the mojos (so against the real parameters) and the README's table.
 */
class SettingNamesTest {

    private static final Set<String> GOALS = Set.of("ingest", "validate", "sink", "transform");

    /** Per property, its element and the goals that have it, from the built plugin.xml. */
    private static final Map<String, Parameter> PARAMETERS = new TreeMap<>();

    record Parameter(String element, Set<String> goals, String defaultValue) {}

    @BeforeAll
    static void readPluginDescriptor() throws Exception {
        Document descriptor;
        try (InputStream in = SettingNames.class.getResourceAsStream("/META-INF/maven/plugin.xml")) {
            assertThat(in)
                    .as("the plugin descriptor built by maven-plugin-plugin")
                    .isNotNull();
            descriptor =
                    DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in);
        }
        NodeList mojos = descriptor.getElementsByTagName("mojo");
        for (int i = 0; i < mojos.getLength(); i++) {
            Element mojo = (Element) mojos.item(i);
            String goal = child(mojo, "goal").getTextContent();
            if (!GOALS.contains(goal)) {
                continue;
            }
            Element configuration = child(mojo, "configuration");
            if (configuration == null) {
                continue;
            }
            for (Node node = configuration.getFirstChild(); node != null; node = node.getNextSibling()) {
                Matcher property = Pattern.compile("\\$\\{(ecommerce\\.[^}]+)}").matcher(node.getTextContent());
                if (node instanceof Element element && property.matches()) {
                    PARAMETERS
                            .computeIfAbsent(
                                    property.group(1),
                                    p -> new Parameter(
                                            element.getTagName(),
                                            new TreeSet<>(),
                                            element.hasAttribute("default-value")
                                                    ? element.getAttribute("default-value")
                                                    : null))
                            .goals()
                            .add(goal);
                    assertThat(PARAMETERS.get(property.group(1)).element())
                            .as("one element name per property")
                            .isEqualTo(element.getTagName());
                }
            }
        }
        assertThat(PARAMETERS).hasSizeGreaterThan(60);
    }

    private static Element child(Element parent, String name) {
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && element.getTagName().equals(name)) {
                return element;
            }
        }
        return null;
    }

    @Test
    void everyKeyIsARealParameterWithItsElementAndProperty() {
        for (Setting setting : Setting.values()) {
            SettingNames.Names names = SettingNames.of(setting);
            assertThat(PARAMETERS)
                    .as("%s names -D%s, a property of a goal", setting, names.property())
                    .containsKey(names.property());
            assertThat(PARAMETERS.get(names.property()).element())
                    .as("the element of %s", setting)
                    .isEqualTo(names.element());
        }
        assertThat(SettingNames.all()).hasSize(Setting.values().length);
    }

    @Test
    void messagesNameSettingsAsThePomAndTheCommandLineDo() {
        String message = "Set " + Setting.S3_PATH.ref() + " or S3_PATH; or " + Setting.ON_INVALID.set("quarantine")
                + "; {{NOT_A_SETTING}} stays.";

        assertThat(SettingNames.render(message))
                .isEqualTo("Set <s3Path> (-Decommerce.s3.path) or S3_PATH; or <onInvalid>quarantine</onInvalid>"
                        + " (-Decommerce.onInvalid=quarantine); {{NOT_A_SETTING}} stays.");
        assertThat(SettingNames.render(Setting.TRANSFORM_ENGINE.set("dbt")))
                .isEqualTo("<engine>dbt</engine> (-Decommerce.transform.engine=dbt)");
        assertThat(Setting.plain("raise " + Setting.S3_PART_SIZE_MB.ref())).isEqualTo("raise s3PartSizeMb");
    }

    @Test
    void theReadmeTableListsEveryParameterWithItsElementAndGoals() throws IOException {
        Map<String, String[]> rows = new LinkedHashMap<>();
        Pattern row = Pattern.compile("^\\| `(ecommerce\\.[^`]+)` \\| `<([^>]+)>` \\| ([^|]+) \\| ([^|]+) \\|.*");
        for (String line : Files.readAllLines(projectRoot().resolve("README.md"))) {
            Matcher matcher = row.matcher(line);
            if (matcher.matches()) {
                rows.put(matcher.group(1), new String[] {
                    matcher.group(2), matcher.group(3).trim(), matcher.group(4).trim()
                });
            }
        }
        assertThat(rows.keySet()).as("README rows").containsExactlyInAnyOrderElementsOf(PARAMETERS.keySet());
        PARAMETERS.forEach((property, parameter) -> {
            assertThat(rows.get(property)[0])
                    .as("README element of %s", property)
                    .isEqualTo(parameter.element());
            Set<String> goals =
                    rows.get(property)[1].equals("all") ? GOALS : Set.of(rows.get(property)[1].split(",\\s*"));
            assertThat(goals).as("README goals of %s", property).isEqualTo(parameter.goals());
            Matcher literal = Pattern.compile("`([^`]+)`").matcher(rows.get(property)[2]);
            if (literal.matches()
                    && parameter.defaultValue() != null
                    && !parameter.defaultValue().contains("${")) {
                assertThat(literal.group(1))
                        .as("README default of %s", property)
                        .isEqualTo(parameter.defaultValue());
            }
        });
    }

    @Test
    void noMainCodeSpellsAnElementOrPropertyOutsideThisPlace() throws IOException {
        Pattern spelled = Pattern.compile("\"[^\"]*(-Decommerce\\.|\\(-D\" \\+)[^\"]*\"");
        List<String> offenders = new ArrayList<>();
        for (Path root : List.of(
                projectRoot().resolve("ecommerce-core/src/main/java"),
                projectRoot().resolve("ecommerce-maven-plugin/src/main/java"))) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file :
                        files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    List<String> lines = Files.readAllLines(file);
                    for (int i = 0; i < lines.size(); i++) {
                        if (spelled.matcher(lines.get(i)).find() && !file.endsWith("SettingNames.java")) {
                            offenders.add(root.relativize(file) + ":" + (i + 1) + ": "
                                    + lines.get(i).trim());
                        }
                    }
                }
            }
        }
        assertThat(offenders)
                .as("messages that name a property by hand: use Setting.X.ref()")
                .isEmpty();
    }

    private static Path projectRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("README.md"))) {
            dir = dir.getParent();
        }
        assertThat(dir).as("the project root with README.md").isNotNull();
        return dir;
    }
}
