package com.ivpstudio;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

/** Keeps the package-by-feature structure honest. */
@AnalyzeClasses(packages = "com.ivpstudio", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

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
            .should().dependOnClassesThat().resideInAPackage("com.vaadin.flow.component..");

    /** The phantom is plain Java (used by the training export without Spring or Vaadin). */
    @ArchTest
    static final ArchRule phantomIsPlainJava = noClasses()
            .that().resideInAPackage("com.ivpstudio.phantom")
            .should().dependOnClassesThat().resideOutsideOfPackages("com.ivpstudio.phantom", "java..", "javax.imageio..");

    /** The shell (layout, navigation, error pages) knows no feature. */
    @ArchTest
    static final ArchRule shellKnowsNoFeature = noClasses()
            .that().resideInAPackage("com.ivpstudio.shell")
            .should().dependOnClassesThat().resideInAnyPackage("com.ivpstudio.cases..", "com.ivpstudio.images..",
                    "com.ivpstudio.audit..", "com.ivpstudio.security..");
}
