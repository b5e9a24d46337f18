package io.inetpublish.release.release;

import io.inetpublish.common.web.ConflictException;

/**
 * Whether a release record may still be edited: the one rule behind what the server accepts ({@link Releases#edit}
 * refuses with 409) and what a reader is told ({@code editable} in the record's detail, which offers the edit
 * button); both ask {@link Releases#editing}. A withdrawn record is closed; a record deployed at a customer is what
 * that customer has, so a change to it is a new record.
 */
public enum Editing {

    OPEN(null),
    WITHDRAWN("release.withdrawn-not-editable"),
    DEPLOYED_AT_CUSTOMER("release.deployed-not-editable");

    private final String refusal;

    Editing(String refusal) {
        this.refusal = refusal;
    }

    /** The rule: withdrawn first (a withdrawn record was never deployed), then any customer deployment. */
    public static Editing of(ReleaseStatus status, boolean deployedAtCustomer) {
        if (status == ReleaseStatus.WITHDRAWN) {
            return WITHDRAWN;
        }
        return deployedAtCustomer ? DEPLOYED_AT_CUSTOMER : OPEN;
    }

    public boolean allowed() {
        return this == OPEN;
    }

    /**
     * @throws ConflictException (409, naming the record in the reader's language) when the record may not be edited
     */
    public void require(String releaseNumber) {
        if (!allowed()) {
            throw new ConflictException(refusal, releaseNumber);
        }
    }
}
