package io.outbound.campaign.internal.importer;

import java.io.IOException;

/**
 * A reason to reject a whole contacts file found below the CSV parser (bad bytes, a limit), carried through the
 * parser as an {@link IOException} so that it reaches the importer unchanged.
 */
final class ContactFileProblem extends IOException {
    private static final long serialVersionUID = 1L;

    ContactFileProblem(String message) {
        super(message);
    }
}
