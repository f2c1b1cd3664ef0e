package io.outbound.campaign.twilio;

/**
 * Twilio's answering machine detection ({@code MachineDetection} of the call request). Without it Twilio cannot
 * tell a voicemail box from a person, and every answered call ends {@code completed}: a campaign that retries
 * voicemail needs detection on.
 */
public enum MachineDetection {
    /** No detection: no {@code AnsweredBy} in the callbacks; answered calls are {@code completed}. */
    OFF(null),
    /**
     * {@code Enable}: Twilio decides as soon as it can ({@code human}, {@code machine_start}, {@code fax},
     * {@code unknown}) and the agent starts talking at once.
     */
    ENABLE("Enable"),
    /**
     * {@code DetectMessageEnd}: on a machine Twilio also waits for the greeting to end ({@code machine_end_beep},
     * {@code machine_end_silence}, {@code machine_end_other}), so an agent can leave a message after the beep.
     */
    DETECT_MESSAGE_END("DetectMessageEnd");

    private final String formValue;

    MachineDetection(String formValue) {
        this.formValue = formValue;
    }

    /** The {@code MachineDetection} form value, or {@code null} to send none. */
    String formValue() {
        return formValue;
    }
}
