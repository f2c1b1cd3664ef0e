package io.outbound.campaign;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Lower-case JSON names of the model's enums. */
final class Enums {
    private Enums() {
    }

    static <E extends Enum<E>> E parse(Class<E> type, String field, String value) {
        if (value != null) {
            String wanted = value.trim().toUpperCase(Locale.ROOT);
            for (E constant : type.getEnumConstants()) {
                if (constant.name().equals(wanted)) {
                    return constant;
                }
            }
        }
        String allowed = Arrays.stream(type.getEnumConstants())
                .map(e -> e.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", "));
        throw CampaignException.validation(field, value, "must be one of " + allowed);
    }
}
