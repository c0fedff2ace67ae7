package com.ivpstudio;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleNameEndingWith;
import static com.tngtech.archunit.core.domain.properties.CanBeAnnotated.Predicates.annotatedWith;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;
import org.springframework.stereotype.Repository;
import org.springframework.stereotype.Service;

/**
 * Keeps the package-by-feature structure honest: features without cycles, UI → services → repositories / engine,
 * no Vaadin below the UI, and a shell that knows no feature.
 */
@AnalyzeClasses(packages = "com.ivpstudio", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /** Features and the shared packages under com.ivpstudio (one slice per top-level package). */
    private static final String FEATURES = "com.ivpstudio.(*)..";

    /** Packages that must run without a browser session: jobs, tests, the training export, other front ends. */
    private static final String[] NO_VAADIN = {"com.ivpstudio.inference..", "com.ivpstudio.models..",
            "com.ivpstudio.phantom..", "com.ivpstudio.snapshots..", "com.ivpstudio.common.."};

    /** A view, component, dialog or UI configuration: any class that uses Vaadin itself. */
    private static final DescribedPredicate<JavaClass> UI = DescribedPredicate.describe("use Vaadin",
            c -> c.getDirectDependenciesFromSelf().stream()
                    .anyMatch(d -> d.getTargetClass().getPackageName().startsWith("com.vaadin")));

    private static final DescribedPredicate<JavaClass> ENGINE = resideInAPackage("com.ivpstudio.inference.engine..");

    // DescribedPredicate.or(...) spelled out: annotatedWith(..).or(..) would compile to the static varargs or(..)
    // of the argument alone (the receiver's type does not fit), silently dropping the annotation.
    private static final DescribedPredicate<JavaClass> REPOSITORY = DescribedPredicate.<JavaClass>or(
            annotatedWith(Repository.class), simpleNameEndingWith("Repository"));

    private static final DescribedPredicate<JavaClass> SERVICE = DescribedPredicate.<JavaClass>or(
            annotatedWith(Service.class), annotatedWith(Component.class), simpleNameEndingWith("Service"))
            .and(not(UI)).and(not(REPOSITORY)).and(not(ENGINE));

    /** No two features depend on each other, directly or round a loop: each can be read and changed alone. */
    @ArchTest
    static final ArchRule featuresAreFreeOfCycles = slices().matching(FEATURES).should().beFreeOfCycles();

    /**
     * UI → services → repositories / engine. Views and components use services; services never use the UI;
     * repositories and the engine are used only by services.
     */
    @ArchTest
    static final ArchRule layers = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("UI").definedBy(UI)
            .layer("Services").definedBy(SERVICE)
            .layer("Repositories").definedBy(REPOSITORY)
            .optionalLayer("Engine").definedBy(ENGINE)
            .whereLayer("UI").mayNotBeAccessedByAnyLayer()
            .whereLayer("Services").mayOnlyBeAccessedByLayers("UI")
            .whereLayer("Repositories").mayOnlyBeAccessedByLayers("Services")
            .whereLayer("Engine").mayOnlyBeAccessedByLayers("Services");

    /** A feature's repository is its own business: other features go through its service. */
    @ArchTest
    static final ArchRule repositoriesAreUsedOnlyInTheirOwnFeature = classes()
            .that().haveSimpleNameEndingWith("Repository")
            .should(new ArchCondition<>("be used only from their own feature package") {
                @Override
                public void check(JavaClass repository, ConditionEvents events) {
                    repository.getAccessesToSelf().stream()
                            .filter(access -> !access.getOriginOwner().getPackageName().equals(repository.getPackageName()))
                            .forEach(access -> events.add(SimpleConditionEvent.violated(access,
                                    access.getOriginOwner().getName() + " uses " + repository.getName())));
                }
            });

    /** Services and repositories hold no UI code, so they can be used from jobs, tests and other screens. */
    @ArchTest
    static final ArchRule servicesHoldNoUiCode = noClasses()
            .that().haveSimpleNameEndingWith("Service").or().haveSimpleNameEndingWith("Repository")
            .or().areAnnotatedWith(Service.class).or().areAnnotatedWith(Repository.class)
            .should().dependOnClassesThat().resideInAPackage("com.vaadin..");

    /** Inference, models, phantom, snapshots and the shared types work without Vaadin. */
    @ArchTest
    static final ArchRule noVaadinBelowTheUi = noClasses()
            .that().resideInAnyPackage(NO_VAADIN)
            .should().dependOnClassesThat().resideInAPackage("com.vaadin..");

    /** Inference is the bottom of the app: it knows only the shared types, never a feature (photos come in as bytes). */
    @ArchTest
    static final ArchRule inferenceKnowsNoFeature = usesNoOtherFeature("com.ivpstudio.inference..",
            "com.ivpstudio.common..");

    /** The phantom is plain Java (used by the training export without Spring or Vaadin). */
    @ArchTest
    static final ArchRule phantomIsPlainJava = noClasses()
            .that().resideInAPackage("com.ivpstudio.phantom")
            .should().dependOnClassesThat().resideOutsideOfPackages("com.ivpstudio.phantom", "java..", "javax.imageio..");

    /** The shell (layout, navigation, error pages) knows no feature: features plug into it, never the reverse. */
    @ArchTest
    static final ArchRule shellKnowsNoFeature = usesNoOtherFeature("com.ivpstudio.shell..", "com.ivpstudio.common..");

    /** The shared package holds types every feature may use, so it uses none of them. */
    @ArchTest
    static final ArchRule commonKnowsNoFeature = usesNoOtherFeature("com.ivpstudio.common..");

    /** Classes of {@code pkg} use nothing of com.ivpstudio outside {@code pkg} and the {@code allowed} packages. */
    private static ArchRule usesNoOtherFeature(String pkg, String... allowed) {
        String[] own = Stream.concat(Stream.of(pkg), Stream.of(allowed)).toArray(String[]::new);
        return noClasses().that().resideInAPackage(pkg)
                .should().dependOnClassesThat(resideInAPackage("com.ivpstudio..").and(not(resideInAnyPackage(own))));
    }
}
