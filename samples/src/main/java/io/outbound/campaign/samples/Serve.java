package io.outbound.campaign.samples;

import io.outbound.campaign.samples.http.ApiKeys;
import io.outbound.campaign.samples.http.CampaignHttpHost;
import io.outbound.campaign.twilio.TwilioStatusCallbacks;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * {@code serve}: the campaign endpoints over HTTP on the embedded stack and a simulated provider (or Twilio, with
 * {@code --twilio}), until the process is stopped. Outcomes may also be posted to
 * {@code /calls/{session_id}/result} with an API key, and with Twilio they arrive at {@code /webhooks/twilio}.
 *
 * @param bind      the address to listen on
 * @param port      the port, 0 for any free one
 * @param dataDir   where the H2 database and the contact files live
 * @param keysFile  a properties file of {@code key=organisation}, or {@code null} for one random key of
 *                  organisation {@value #DEMO_ORG}
 * @param minCall   the shortest simulated call
 * @param maxCall   the longest simulated call
 * @param twilio    Twilio's settings to dial through, or {@code null} to simulate calls
 */
public record Serve(String bind, int port, Path dataDir, Path keysFile, Duration minCall, Duration maxCall,
                    TwilioSettings twilio) {
    /** The organisation of the key made up when no keys file is given. */
    public static final String DEMO_ORG = "demo";

    /** Runs until the process is interrupted (Ctrl-C). */
    public void run(PrintStream out) throws IOException, InterruptedException {
        String demoKey = keysFile == null ? ApiKeys.randomKey() : null;
        ApiKeys keys = keysFile == null ? ApiKeys.of(Map.of(demoKey, DEMO_ORG)) : ApiKeys.load(keysFile);
        ServerSocketChannel listener = CampaignHttpHost.bind(new InetSocketAddress(bind, port));
        URI base = CampaignHttpHost.baseUrl(listener);
        // Reported durations stay near a real call's length whatever the simulated speed.
        long compression = Math.max(1, 45_000 / Math.max(1, (minCall.toMillis() + maxCall.toMillis()) / 2));
        SampleBackend.Builder backendBuilder = SampleBackend.builder(dataDir.resolve("files"))
                .database(SampleDatabase.file(dataDir))
                .baseUrl(base);
        if (twilio != null) {
            backendBuilder.telephony(twilio.telephony()).callerNumbers(twilio.callerNumbers());
        } else {
            backendBuilder.telephony(SimulatedTelephony.builder().callDuration(minCall, maxCall)
                    .compression(compression).build());
        }
        SampleBackend backend = backendBuilder.build().start();
        CampaignHttpHost.Builder hostBuilder = CampaignHttpHost.builder(listener, backend.campaigns(),
                        backend.files(), keys)
                .callResults(backend.engine().calls(), backend::sessionBelongsTo)
                .suppressions(backend.engine().suppressions());
        if (twilio != null) {
            hostBuilder.twilioCallbacks(TwilioStatusCallbacks.builder(twilio.accounts(), backend.engine().calls())
                            .sessionOwnership(backend::sessionBelongsTo).build())
                    .publicBaseUrl(twilio.publicBaseUrl());
        }
        CampaignHttpHost host = hostBuilder.build().start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            host.close();
            backend.close();
            stopped.countDown();
        }, "campaign-host-shutdown"));
        out.println("Campaign host listening on " + base + " (Ctrl-C stops it)");
        out.println("Campaigns: " + backend.storeDescription() + "; files: " + backend.files().root());
        out.println(twilio == null ? "Calls: simulated; outcomes also accepted at POST /calls/{session_id}/result"
                : "Calls: Twilio account " + twilio.credentials().accountSid() + " from " + twilio.callerNumbers()
                + "; status callbacks at " + twilio.statusCallbackUrl());
        if (demoKey != null) {
            out.println("API key of organisation '" + DEMO_ORG + "': " + demoKey);
            out.println("Live page: " + base + "/?key=" + demoKey);
        } else {
            out.println("API keys from " + keysFile + " (" + keys + "); live page: " + base + "/?key=<key>");
        }
        stopped.await();
    }
}
