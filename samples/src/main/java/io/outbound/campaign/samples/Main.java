package io.outbound.campaign.samples;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Iterator;

/**
 * The samples' command line: {@code demo [contacts.csv]} runs one campaign end to end and writes
 * {@code report.csv}; {@code serve [--port 8080] [--bind 127.0.0.1] [--data DIR] [--keys FILE] [--twilio]} serves
 * the campaign endpoints over HTTP, dialling through Twilio with {@code --twilio}.
 */
public final class Main {
    private static final String USAGE = """
            usage: java -jar campaign-samples.jar demo [contacts.csv]
                   java -jar campaign-samples.jar serve [--port 8080] [--bind 127.0.0.1] [--data DIR] [--keys FILE]
                                                        [--call-millis 100-400] [--twilio]

              demo   runs a campaign over 1,000 made-up contacts (or your CSV, which needs a phone_number column)
                     through a simulated provider, shows its progress, prints the final progress and writes
                     report.csv to the current directory; its files go to ./demo-work
              serve  serves the campaign endpoints, presigned file uploads and a live page at /;
                     --data holds files (default ./demo-work/serve); --keys is a properties file of
                     key=organisation lines (default: one random key of organisation 'demo', printed);
                     --twilio dials through Twilio instead of simulating calls, with TWILIO_ACCOUNT_SID,
                     TWILIO_AUTH_TOKEN, TWILIO_FROM_NUMBERS, TWILIO_VOICE_URL and PUBLIC_BASE_URL from the
                     environment (status callbacks go to PUBLIC_BASE_URL/webhooks/twilio)
            """;

    private Main() {
    }

    /** Runs the command; exits with 2 on a usage error and 1 on a failure. */
    public static void main(String[] args) {
        PrintStream out = System.out;
        if (args.length == 0 || args[0].equals("help") || args[0].equals("--help") || args[0].equals("-h")) {
            out.print(USAGE);
            System.exit(args.length == 0 ? 2 : 0);
        }
        try {
            switch (args[0]) {
                case "demo" -> demo(Arrays.copyOfRange(args, 1, args.length), out);
                case "serve" -> serve(Arrays.copyOfRange(args, 1, args.length)).run(out);
                default -> throw new UsageError("unknown command '" + args[0] + "'");
            }
        } catch (UsageError e) {
            System.err.println(e.getMessage());
            System.err.print(USAGE);
            System.exit(2);
        } catch (Exception e) {
            System.err.println("failed: " + e);
            System.exit(1);
        }
    }

    private static void demo(String[] args, PrintStream out) throws Exception {
        if (args.length > 1) {
            throw new UsageError("demo takes at most one argument, the contacts CSV");
        }
        Path contacts = args.length == 1 ? Path.of(args[0]) : null;
        if (contacts != null && !Files.isReadable(contacts)) {
            throw new UsageError("cannot read contacts file " + contacts);
        }
        new Demo(Path.of("demo-work"), Path.of("report.csv"), out, System.console() != null).run(contacts);
    }

    /** Parses the options of {@code serve}, reading Twilio's settings from the process environment. */
    static Serve serve(String[] args) {
        return serve(args, System.getenv());
    }

    /** Parses the options of {@code serve}, reading Twilio's settings from the environment given. */
    static Serve serve(String[] args, java.util.Map<String, String> env) {
        String bind = "127.0.0.1";
        int port = 8080;
        Path data = Path.of("demo-work", "serve");
        Path keys = null;
        Duration minCall = Duration.ofMillis(100);
        Duration maxCall = Duration.ofMillis(400);
        TwilioSettings twilio = null;
        Iterator<String> it = Arrays.asList(args).iterator();
        while (it.hasNext()) {
            String option = it.next();
            if (option.equals("--twilio")) {
                try {
                    twilio = TwilioSettings.fromEnvironment(env);
                } catch (IllegalArgumentException e) {
                    throw new UsageError("--twilio: " + e.getMessage());
                }
                continue;
            }
            if (!it.hasNext()) {
                throw new UsageError("option " + option + " needs a value");
            }
            String value = it.next();
            switch (option) {
                case "--port" -> port = port(value);
                case "--bind" -> bind = value;
                case "--data" -> data = Path.of(value);
                case "--keys" -> keys = Path.of(value);
                case "--call-millis" -> {
                    String[] range = value.split("-", 2);
                    try {
                        minCall = Duration.ofMillis(Long.parseLong(range[0]));
                        maxCall = Duration.ofMillis(Long.parseLong(range.length == 2 ? range[1] : range[0]));
                    } catch (NumberFormatException e) {
                        throw new UsageError("--call-millis must be MIN-MAX in milliseconds, was '" + value + "'");
                    }
                    if (minCall.isNegative() || maxCall.compareTo(minCall) < 0) {
                        throw new UsageError("--call-millis must satisfy 0 <= MIN <= MAX, was '" + value + "'");
                    }
                }
                default -> throw new UsageError("unknown option " + option);
            }
        }
        return new Serve(bind, port, data, keys, minCall, maxCall, twilio);
    }

    private static int port(String value) {
        try {
            int port = Integer.parseInt(value);
            if (port >= 0 && port <= 65_535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageError("--port must be a number from 0 to 65535, was '" + value + "'");
    }

    /** A command line that cannot be run; the message says why. */
    static final class UsageError extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UsageError(String message) {
            super(message);
        }
    }
}
