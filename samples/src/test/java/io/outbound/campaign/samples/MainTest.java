package io.outbound.campaign.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class MainTest {

    @Test
    void serveListensOnLocalhostPort8080UnlessToldOtherwise() {
        Serve serve = Main.serve(new String[0]);
        assertThat(serve.bind()).isEqualTo("127.0.0.1");
        assertThat(serve.port()).isEqualTo(8080);
        assertThat(serve.keysFile()).isNull();
        assertThat(serve.dataDir()).isEqualTo(Path.of("demo-work", "serve"));
    }

    @Test
    void serveTakesItsOptionsInAnyOrder() {
        Serve serve = Main.serve(new String[]{"--keys", "keys.properties", "--port", "0", "--bind", "0.0.0.0",
                "--data", "/srv/campaigns", "--call-millis", "10-30"});
        assertThat(serve).isEqualTo(new Serve("0.0.0.0", 0, Path.of("/srv/campaigns"), Path.of("keys.properties"),
                Duration.ofMillis(10), Duration.ofMillis(30)));
    }

    @Test
    void aBadOptionIsAUsageErrorThatNamesIt() {
        assertThatThrownBy(() -> Main.serve(new String[]{"--port", "http"})).hasMessageContaining("'http'");
        assertThatThrownBy(() -> Main.serve(new String[]{"--port", "70000"})).hasMessageContaining("70000");
        assertThatThrownBy(() -> Main.serve(new String[]{"--verbose", "yes"})).hasMessageContaining("--verbose");
        assertThatThrownBy(() -> Main.serve(new String[]{"--port"})).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> Main.serve(new String[]{"--call-millis", "30-10"})).hasMessageContaining("30-10");
    }
}
