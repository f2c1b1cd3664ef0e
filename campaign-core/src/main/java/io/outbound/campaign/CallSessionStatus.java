package io.outbound.campaign;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Whether a call attempt is still in flight. The JSON form is the lower-case name. */
public enum CallSessionStatus {
    /** Dialled; no outcome yet. */
    IN_PROGRESS,
    /** The outcome is recorded. */
    ENDED;

    /** The JSON form: the lower-case name. */
    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses the JSON form (case-insensitive). */
    @JsonCreator
    public static CallSessionStatus fromJson(String value) {
        return Enums.parse(CallSessionStatus.class, "status", value);
    }
}
