package venti;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package layering, checked on the production classes of venti-core and venti-server:
 *
 * <ul>
 * <li>{@code venti.store.admin -> venti.store -> venti.store.disk}, one way only, and no cycles
 *     between the three;
 * <li>{@code venti.store.disk} is a leaf: it knows the JDK, {@code venti.core} and itself;
 * <li>{@code venti.store.rados} (partitions on Ceph) knows the JDK, JNA and itself;
 * <li>the engine ({@code venti.store}) knows neither the offline tools nor the servers;
 * <li>the protocol and HTTP servers ({@code venti.server}, {@code venti.http}) never use the
 *     offline tools, and of {@code venti.store.disk} only the value types and sizes the
 *     store's public API hands out (listed in {@link #DISK_VALUES});
 * <li>replication ({@code venti.replica}) uses the engine, the clump structures it reads the
 *     log back with, and the client; never the offline tools, the servers or the command line;
 * <li>venti-core ({@code venti.core}, {@code venti.wire}, {@code venti.whack}) depends on
 *     nothing else of ours, and {@code venti.core} on nothing outside itself.
 * </ul>
 */
class ArchitectureTest {

    /** What the servers may see of the disk structures: records and sizes the store's API returns or reports. */
    private static final Set<String> DISK_VALUES = Set.of(
            "venti.store.disk.AMap", "venti.store.disk.AMapTable", "venti.store.disk.ArenaTrailer", "venti.store.disk.Bucket",
            "venti.store.disk.IndexConfig", "venti.store.disk.IndexSectionHeader", "venti.store.disk.TailStats",
            "venti.store.disk.StoreException", "venti.store.disk.CorruptException", "venti.store.disk.Severity");

    private static JavaClasses ours;

    @BeforeAll
    static void importClasses() {
        // production classes only: neither test-classes directories nor the modules' test-jars
        ImportOption production = location -> !location.contains("/test-classes/") && !location.contains("-tests.jar");
        ours = new ClassFileImporter().withImportOption(production).importPackages("venti");
    }

    @Test
    void diskIsALeaf() {
        classes().that().resideInAPackage("venti.store.disk..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "venti.core..", "venti.store.disk..")
                .check(ours);
    }

    @Test
    void radosKnowsOnlyJna() {
        classes().that().resideInAPackage("venti.store.rados..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "com.sun.jna..", "venti.store.rados..")
                .check(ours);
    }

    @Test
    void theEngineKnowsNeitherTheToolsNorTheServers() {
        noClasses().that().resideInAPackage("venti.store")
                .should().dependOnClassesThat().resideInAnyPackage("venti.store.admin..", "venti.server..", "venti.http..",
                        "venti.cli..", "venti.client..")
                .check(ours);
    }

    @Test
    void theToolsKnowNoServer() {
        noClasses().that().resideInAPackage("venti.store.admin..")
                .should().dependOnClassesThat().resideInAnyPackage("venti.server..", "venti.http..", "venti.cli..")
                .check(ours);
    }

    @Test
    void noPackageCycles() {
        slices().matching("venti.(**)").should().beFreeOfCycles().check(ours);
    }

    @Test
    void theServersUseTheStoresPublicApiOnly() {
        noClasses().that().resideInAnyPackage("venti.server..", "venti.http..")
                .should().dependOnClassesThat().resideInAPackage("venti.store.admin..")
                .check(ours);
        noClasses().that().resideInAnyPackage("venti.server..", "venti.http..")
                .should().dependOnClassesThat(DescribedPredicate.describe("disk structures other than the store API's values",
                        (JavaClass c) -> c.getPackageName().equals("venti.store.disk") && !DISK_VALUES.contains(c.getName())))
                .check(ours);
    }

    @Test
    void replicationKnowsNeitherTheToolsNorTheServers() {
        noClasses().that().resideInAPackage("venti.replica..")
                .should().dependOnClassesThat().resideInAnyPackage("venti.store.admin..", "venti.server..", "venti.http..",
                        "venti.cli..")
                .check(ours);
    }

    @Test
    void coreDependsOnNothingOfOurs() {
        noClasses().that().resideInAnyPackage("venti.core..", "venti.wire..", "venti.whack..")
                .should().dependOnClassesThat().resideInAnyPackage("venti.store..", "venti.server..", "venti.http..",
                        "venti.client..", "venti.cli..", "venti.bench..")
                .check(ours);
        classes().that().resideInAPackage("venti.core")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "venti.core")
                .check(ours);
    }
}
