package io.outbound.campaign.samples.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiKeysTest {

    @TempDir
    Path dir;

    @Test
    void aPropertiesFileMapsEachKeyToItsOrganisation() throws Exception {
        Path file = Files.writeString(dir.resolve("keys.properties"),
                "# key = organisation\n0123456789abcdef0123 = acme\nfedcba9876543210fedc=globex\n");
        ApiKeys keys = ApiKeys.load(file);
        assertThat(keys.organisation("0123456789abcdef0123")).hasValue("acme");
        assertThat(keys.authenticate("Bearer fedcba9876543210fedc")).isEqualTo("globex");
        assertThat(keys.authenticate("bearer  fedcba9876543210fedc ")).isEqualTo("globex");
        assertThat(keys.organisation("0123456789abcdef012")).isEmpty();
    }

    @Test
    void aMissingMalformedOrUnknownCredentialIsRefused() {
        ApiKeys keys = ApiKeys.of(Map.of("0123456789abcdef0123", "acme"));
        for (String header : new String[]{null, "", "Basic 0123456789abcdef0123", "Bearer", "Bearer nope"}) {
            assertThatThrownBy(() -> keys.authenticate(header)).isInstanceOf(HttpFailure.class)
                    .satisfies(e -> assertThat(((HttpFailure) e).status()).isEqualTo(401));
        }
    }

    @Test
    void everyKnownKeyIsComparedAsADigestOfOneLengthWhateverKeyIsPresented() {
        Map<String, String> byKey = new LinkedHashMap<>();
        byKey.put("0123456789abcdef0123", "acme");
        byKey.put("fedcba9876543210fedc", "globex");
        byKey.put("00000000000000000000000000000001", "initech");
        List<int[]> compared = new ArrayList<>();
        ApiKeys keys = ApiKeys.of(byKey).comparingWith((known, presented) -> {
            compared.add(new int[]{known.length, presented.length});
            return MessageDigest.isEqual(known, presented);
        });
        Map<String, Optional<String>> answers = new LinkedHashMap<>();
        answers.put("0123456789abcdef0123", Optional.of("acme"));
        answers.put("00000000000000000000000000000001", Optional.of("initech"));
        answers.put("0123456789abcdef0124", Optional.empty());
        answers.put("0", Optional.empty());
        answers.put("f".repeat(10_000), Optional.empty());
        answers.put("", Optional.empty());

        answers.forEach((presented, organisation) -> {
            compared.clear();

            assertThat(keys.organisation(presented)).as(presented).isEqualTo(organisation);

            assertThat(compared).as("comparisons for a key of %d characters", presented.length()).hasSize(3)
                    .allSatisfy(lengths -> assertThat(lengths).containsExactly(32, 32));
        });
    }

    @Test
    void shortKeysAndOrganisationsThatCannotNameAFolderAreRejected() {
        assertThatThrownBy(() -> ApiKeys.of(Map.of("short", "acme"))).hasMessageContaining("at least 16");
        assertThatThrownBy(() -> ApiKeys.of(Map.of("0123456789abcdef0123", "../other")))
                .hasMessageContaining("'../other'");
        assertThatThrownBy(() -> ApiKeys.of(Map.of())).hasMessageContaining("at least one");
        assertThat(ApiKeys.randomKey()).hasSize(32).isNotEqualTo(ApiKeys.randomKey());
    }
}
