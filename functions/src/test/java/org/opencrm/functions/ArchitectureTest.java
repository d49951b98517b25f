package org.opencrm.functions;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The shape of the code, checked on every build: a change that breaks one of these rules fails
 * {@code mvn verify} with the offending classes named.
 */
class ArchitectureTest {

    /** The SDK's and the Enhanced Client's names for reading a whole table. */
    private static final Set<String> SCAN_METHODS = Set.of("scan", "scanPaginator");

    private static final JavaClasses MAIN =
            new ClassFileImporter()
                    .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                    // core's test fixtures reach us as its test-jar, which the option above misses
                    .withImportOption(location -> !location.contains("-tests.jar"))
                    .importPackages(
                            "org.opencrm.core", "org.opencrm.graphql", "org.opencrm.functions");

    @Test
    void corePackages_formNoCycles() {
        ArchRule rule = slices().matching("org.opencrm.core.(*)..").should().beFreeOfCycles();

        rule.check(MAIN);
    }

    @Test
    void dependencies_pointFromFunctionsToGraphqlToCore_only() {
        ArchRule rule =
                layeredArchitecture()
                        .consideringOnlyDependenciesInLayers()
                        .layer("functions")
                        .definedBy("org.opencrm.functions..")
                        .layer("graphql")
                        .definedBy("org.opencrm.graphql..")
                        .layer("core")
                        .definedBy("org.opencrm.core..")
                        .whereLayer("functions")
                        .mayNotBeAccessedByAnyLayer()
                        .whereLayer("graphql")
                        .mayOnlyBeAccessedByLayers("functions")
                        .whereLayer("core")
                        .mayOnlyBeAccessedByLayers("graphql", "functions");

        rule.check(MAIN);
    }

    @Test
    void core_importsNoGraphqlNorLambdaTypes() {
        ArchRule rule =
                noClasses()
                        .that()
                        .resideInAPackage("org.opencrm.core..")
                        .should()
                        .dependOnClassesThat()
                        .resideInAnyPackage(
                                "graphql..", "org.dataloader..", "com.amazonaws.services.lambda..");

        rule.check(MAIN);
    }

    @Test
    void graphql_importsNoStoreNorItemClass() {
        ArchRule rule =
                noClasses()
                        .that()
                        .resideInAPackage("org.opencrm.graphql..")
                        .should()
                        .dependOnClassesThat(
                                describe(
                                        "a store class or a DynamoDB *Item",
                                        ArchitectureTest::isStorageClass));

        rule.check(MAIN);
    }

    private static boolean isStorageClass(JavaClass target) {
        if (target.getPackageName().startsWith("org.opencrm.core.store")) {
            return true;
        }
        String name = target.getSimpleName();
        return target.getPackageName().startsWith("org.opencrm.core")
                && (name.endsWith("Item") || name.endsWith("Store"));
    }

    @Test
    void mainCode_neverScansATable() {
        ArchRule rule =
                noClasses()
                        .should()
                        .callMethodWhere(
                                describe(
                                        "a DynamoDB scan",
                                        call ->
                                                SCAN_METHODS.contains(call.getTarget().getName())
                                                        && call.getTargetOwner()
                                                                .getPackageName()
                                                                .startsWith(
                                                                        "software.amazon.awssdk")))
                        .orShould()
                        .dependOnClassesThat()
                        .haveSimpleNameStartingWith("Scan");

        rule.check(MAIN);
    }

    /**
     * Lambda's Java runtime has no fonts: AWT text measurement (font metrics, a BufferedImage's
     * graphics) fails there with fontconfig errors, so no server code may touch it; charts are
     * written as SVG text instead (core/chart).
     */
    @Test
    void mainCode_usesNoAwtNorImageIo() {
        ArchRule rule =
                noClasses()
                        .should()
                        .dependOnClassesThat()
                        .resideInAnyPackage("java.awt..", "javax.imageio..", "javax.swing..");

        rule.check(MAIN);
    }
}
