package dev.ecommerce.maven;

import java.nio.file.Path;
import org.apache.maven.project.MavenProject;

/** Projects for harness tests. */
final class TestProjects {

    private TestProjects() {}

    /** A project in {@code folder}, so {@code ${project.build.directory}} is {@code <folder>/target}. */
    static MavenProject in(Path folder) {
        MavenProject project = new MavenProject();
        project.setFile(folder.resolve("pom.xml").toFile());
        project.getBuild().setDirectory(folder.resolve("target").toString());
        return project;
    }
}
