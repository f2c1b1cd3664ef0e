/**
 * The campaign engine: its public API and model, the SPIs a host implements, the rules every store applies,
 * and the in-memory store. The {@code internal} packages are not exported: nothing in them is API.
 */
module io.outbound.campaign.core {
    requires transitive com.fasterxml.jackson.annotation;
    requires transitive com.fasterxml.jackson.databind;
    requires org.apache.commons.csv;
    requires org.slf4j;
    requires com.github.benmanes.caffeine;
    requires com.google.i18n.phonenumbers.libphonenumber;

    exports io.outbound.campaign;
    exports io.outbound.campaign.spi;
    exports io.outbound.campaign.events;
    exports io.outbound.campaign.rules;
    exports io.outbound.campaign.memory;

    opens io.outbound.campaign to com.fasterxml.jackson.databind;
}
