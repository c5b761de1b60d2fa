package dev.ecommerce.maven;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.ecommerce.core.s3.LocalS3Provider;
import dev.ecommerce.core.source.bigquery.LocalBigQueryProvider;
import dev.ecommerce.core.transform.NodeResult;
import dev.ecommerce.core.transform.TransformResult;

/**
 * The plugin adapts Maven to the core's facade and nothing else: specs and settings ({@code config}), the goals
 * and what they report ({@code run}, {@code schema}), the exceptions, the results of a transform and the two
 * service interfaces of the testkit's local servers. The core's internals (a dbt project's files, the warehouse,
 * the sinks, the S3 client) stay behind {@code run.Pipeline}.
 */
@AnalyzeClasses(packages = "dev.ecommerce.maven", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule thePluginUsesOnlyTheCoresFacade = classes()
            .that()
            .resideInAPackage("dev.ecommerce.maven..")
            .should()
            .onlyDependOnClassesThat(resideOutsideOfPackage("dev.ecommerce.core..")
                    .or(resideInAnyPackage(
                            "dev.ecommerce.core",
                            "dev.ecommerce.core.config..",
                            "dev.ecommerce.core.run..",
                            "dev.ecommerce.core.schema.."))
                    .or(belongToAnyOf(
                            TransformResult.class,
                            NodeResult.class,
                            LocalS3Provider.class,
                            LocalBigQueryProvider.class)));
}
