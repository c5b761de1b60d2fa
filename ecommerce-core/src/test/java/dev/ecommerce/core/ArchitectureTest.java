package dev.ecommerce.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The core's packages depend one way, checked on the compiled main classes. From the bottom: the exceptions
 * ({@code dev.ecommerce.core}); {@code schema} and {@code io}; {@code config}; {@code warehouse} and {@code s3};
 * the stages {@code source}, {@code contract}, {@code sink} and {@code transform}, which know the layers below
 * but not each other; {@code report}, which reads what the goals wrote (files, not classes); {@code run}, which
 * composes them. A new top-level package fails the layer rule until it is
 * given a place here.
 */
@AnalyzeClasses(packages = "dev.ecommerce.core", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String CORE = "dev.ecommerce.core";

    @ArchTest
    static final ArchRule noCycleBetweenTopLevelPackages =
            slices().matching(CORE + ".(*)..").should().beFreeOfCycles();

    /** Every package on its own, so that a package and its sub-packages (transform and its parts) cannot form a cycle. */
    @ArchTest
    static final ArchRule noCycleBetweenAnyPackages =
            slices().matching(CORE + ".(**)").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule layers = layeredArchitecture()
            .consideringOnlyDependenciesInLayers()
            .ensureAllClassesAreContainedInArchitecture()
            .layer("exceptions")
            .definedBy(CORE)
            .layer("schema")
            .definedBy(CORE + ".schema..")
            .layer("io")
            .definedBy(CORE + ".io..")
            .layer("config")
            .definedBy(CORE + ".config..")
            .layer("warehouse")
            .definedBy(CORE + ".warehouse..")
            .layer("s3")
            .definedBy(CORE + ".s3..")
            .layer("source")
            .definedBy(CORE + ".source..")
            .layer("contract")
            .definedBy(CORE + ".contract..")
            .layer("sink")
            .definedBy(CORE + ".sink..")
            .layer("transform")
            .definedBy(CORE + ".transform..")
            .layer("report")
            .definedBy(CORE + ".report..")
            .layer("run")
            .definedBy(CORE + ".run..")
            .whereLayer("exceptions")
            .mayNotAccessAnyLayer()
            .whereLayer("schema")
            .mayOnlyAccessLayers("exceptions")
            .whereLayer("io")
            .mayOnlyAccessLayers("exceptions")
            .whereLayer("config")
            .mayOnlyAccessLayers("exceptions", "schema", "io")
            .whereLayer("warehouse")
            .mayOnlyAccessLayers("exceptions", "schema", "io", "config")
            .whereLayer("s3")
            .mayOnlyAccessLayers("exceptions", "schema", "io", "config")
            .whereLayer("source")
            .mayOnlyAccessLayers("exceptions", "schema", "io", "config", "warehouse", "s3")
            .whereLayer("contract")
            .mayOnlyAccessLayers("exceptions", "schema", "io", "config", "warehouse", "s3")
            .whereLayer("sink")
            .mayOnlyAccessLayers("exceptions", "schema", "io", "config", "warehouse", "s3")
            .whereLayer("transform")
            .mayOnlyAccessLayers("exceptions", "schema", "io", "config", "warehouse", "s3")
            .whereLayer("report")
            .mayOnlyAccessLayers("exceptions", "io", "config")
            .whereLayer("run")
            .mayNotBeAccessedByAnyLayer();

    /** Inside transform: the parts (project, render, graph, execute, artifacts, dbt) never reach the engines. */
    @ArchTest
    static final ArchRule transformPartsDoNotDependOnTheEngines = noClasses()
            .that()
            .resideInAnyPackage(
                    CORE + ".transform.project..",
                    CORE + ".transform.render..",
                    CORE + ".transform.graph..",
                    CORE + ".transform.execute..",
                    CORE + ".transform.artifacts..",
                    CORE + ".transform.dbt..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage(CORE + ".transform");
}
