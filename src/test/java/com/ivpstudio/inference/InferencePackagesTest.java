package com.ivpstudio.inference;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The shape of the inference feature: a facade ({@code com.ivpstudio.inference}: the service and the types other
 * features use) over sub-packages with one job each, which use one another without cycles and the facade only for its
 * plain types, never its service; and an engine that knows no other feature than the shared {@code common}.
 */
@AnalyzeClasses(packages = "com.ivpstudio.inference", importOptions = ImportOption.DoNotIncludeTests.class)
class InferencePackagesTest {

    @ArchTest
    static final ArchRule subPackagesHaveNoCycles = slices().matching("com.ivpstudio.inference.(*)..")
            .should().beFreeOfCycles();

    @ArchTest
    static final ArchRule subPackagesDoNotCallBackIntoTheFacadeService = noClasses()
            .that().resideInAPackage("com.ivpstudio.inference.*..")
            .should().dependOnClassesThat().belongToAnyOf(InferenceService.class, InferenceConfiguration.class,
                    InferenceProperties.class, InferenceStats.class);

    @ArchTest
    static final ArchRule inferenceKnowsNoOtherFeature = noClasses()
            .that().resideInAPackage("com.ivpstudio.inference..")
            .should().dependOnClassesThat(resideInAPackage("com.ivpstudio..")
                    .and(not(resideInAnyPackage("com.ivpstudio.inference..", "com.ivpstudio.common.."))))
            .orShould().dependOnClassesThat().resideInAPackage("com.vaadin..");
}
