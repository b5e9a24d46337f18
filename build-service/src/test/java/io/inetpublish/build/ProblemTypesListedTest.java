package io.inetpublish.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import io.inetpublish.build.build.BundleGoneException;
import io.inetpublish.build.jenkins.JenkinsRejectedException;
import io.inetpublish.build.jenkins.JenkinsUnavailableException;
import io.inetpublish.common.web.ApiException;
import io.inetpublish.common.web.ProblemTypes;
import org.junit.jupiter.api.Test;

/** The API reference lists every problem this service answers of its own, with the status it answers it with. */
class ProblemTypesListedTest {

    @Test
    void listsEveryProblemOfJenkinsAndTheBundleStore() {
        List<ApiException> errors = new ArrayList<>();
        for (JenkinsRejectedException.Kind kind : JenkinsRejectedException.Kind.values()) {
            errors.add(new JenkinsRejectedException(kind, 400, "refused"));
        }
        errors.add(new JenkinsUnavailableException("no answer", null));
        errors.add(new BundleGoneException("build-1"));
        assertThat(errors).allSatisfy(error -> assertThat(ProblemTypes.byKind(error.problemType()))
                .as(error.problemType()).hasValueSatisfying(listed -> {
                    assertThat(listed.status()).isEqualTo(error.status().value());
                    assertThat(listed.answeredBy()).isEqualTo("build-service");
                }));
    }
}
