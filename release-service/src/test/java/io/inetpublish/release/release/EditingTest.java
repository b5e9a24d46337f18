package io.inetpublish.release.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.inetpublish.common.web.ConflictException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The edit rule of a release record ({@link Editing}); that detail and server follow it: ReleaseItSupport. */
class EditingTest {

    @ParameterizedTest
    @EnumSource(value = ReleaseStatus.class, names = "WITHDRAWN", mode = EnumSource.Mode.EXCLUDE)
    void aRecordNotWithdrawnIsEditableUntilItIsDeployedAtACustomer(ReleaseStatus status) {
        assertThat(Editing.of(status, false).allowed()).isTrue();
        assertThat(Editing.of(status, true)).isEqualTo(Editing.DEPLOYED_AT_CUSTOMER);
        assertThat(Editing.of(status, true).allowed()).isFalse();
    }

    @Test
    void aWithdrawnRecordIsClosedWhateverElseHappened() {
        assertThat(Editing.of(ReleaseStatus.WITHDRAWN, false)).isEqualTo(Editing.WITHDRAWN);
        assertThat(Editing.of(ReleaseStatus.WITHDRAWN, true)).isEqualTo(Editing.WITHDRAWN);
    }

    @Test
    void aRefusalNamesTheRecordAndWhy() {
        Editing.OPEN.require("R-1");
        ConflictException withdrawn = catchThrowableOfType(ConflictException.class,
                () -> Editing.WITHDRAWN.require("R-2"));
        assertThat(withdrawn.code()).isEqualTo("release.withdrawn-not-editable");
        assertThat(withdrawn.args()).containsExactly("R-2");
        ConflictException deployed = catchThrowableOfType(ConflictException.class,
                () -> Editing.DEPLOYED_AT_CUSTOMER.require("R-3"));
        assertThat(deployed.code()).isEqualTo("release.deployed-not-editable");
        assertThat(deployed.args()).containsExactly("R-3");
    }
}
