package io.outbound.campaign.boot.dashboard;

import io.outbound.campaign.CallOutcome;
import io.outbound.campaign.CampaignEngine;
import io.outbound.campaign.boot.BreakableDataSource;
import io.outbound.campaign.boot.web.CampaignOrganisationResolver;
import io.outbound.campaign.spi.TelephonyConfigs;
import io.outbound.campaign.testkit.FakeTelephony;
import java.security.Principal;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * A Boot application secured as a host secures itself: Spring Security with form login and HTTP basic, CSRF on (the
 * session's token), every path for signed-in users only except the presigned file URLs, whose signature is their
 * authority. Each user belongs to one organisation, which the {@link CampaignOrganisationResolver} reads from the
 * request's principal. The starter adds no security of its own.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
class SecuredHost {
    /** Ada and Alan run campaigns for org-1, Grace for org-2. */
    static final Map<String, String> ORGANISATIONS = Map.of("ada", "org-1", "alan", "org-1", "grace", "org-2");
    static final String PASSWORD = "correct horse battery staple";

    @Bean
    SecurityFilterChain security(HttpSecurity http) throws Exception {
        PathPatternRequestMatcher presignedUploads = PathPatternRequestMatcher.withDefaults()
                .matcher(HttpMethod.PUT, "/files/**");
        return http
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(presignedUploads).permitAll()
                        .requestMatchers(HttpMethod.GET, "/files/**").permitAll()
                        .anyRequest().authenticated())
                .csrf(csrf -> csrf.ignoringRequestMatchers(presignedUploads))
                .formLogin(Customizer.withDefaults())
                .httpBasic(Customizer.withDefaults())
                .build();
    }

    @Bean
    UserDetailsService users() {
        return new InMemoryUserDetailsManager(ORGANISATIONS.keySet().stream()
                .map(name -> User.withUsername(name).password("{noop}" + PASSWORD).roles("OPERATOR").build())
                .toList());
    }

    @Bean
    CampaignOrganisationResolver organisations() {
        return request -> Optional.ofNullable(request.getUserPrincipal()).map(Principal::getName)
                .map(ORGANISATIONS::get);
    }

    @Bean
    DataSource dataSource() {
        return new BreakableDataSource();
    }

    @Bean(destroyMethod = "stopRealTime")
    FakeTelephony telephony() {
        return new FakeTelephony(Clock.systemUTC()).startRealTime(Duration.ofMillis(20), Duration.ofMillis(120), 7)
                .script("+14155552671", CallOutcome.BUSY, CallOutcome.COMPLETED);
    }

    @Bean
    TelephonyConfigs telephonyConfigs() {
        return TelephonyConfigs.defaultNumbers(List.of("+15550000001", "+15550000002", "+15550000003"));
    }

    /** The fake carrier reports its outcomes to the engine, as a carrier's webhook would. */
    @Bean
    ApplicationRunner connectTelephony(FakeTelephony telephony, CampaignEngine engine) {
        return arguments -> telephony.connect(engine.calls());
    }
}
