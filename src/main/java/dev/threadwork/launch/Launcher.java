package dev.threadwork.launch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Entry point of {@code threadwork.jar}: turns {@code THREADWORK_PORT} into Payara Micro's
 * {@code --port} and hands over to Payara Micro's own main class.
 *
 * <p>Payara Micro reads its HTTP port only from its command line or boot properties, while
 * Threadwork is configured through the environment. Everything else is validated inside the
 * application by MicroProfile Config; a malformed port is left for that validation to report,
 * together with every other problem.
 */
public final class Launcher {

    private static final String PORT_KEY = "THREADWORK_PORT";

    private Launcher() {
    }

    public static void main(String[] args) throws Exception {
        if (Runtime.version().feature() < 21) {
            System.err.println("Threadwork needs Java 21 or newer; this is Java " + Runtime.version().feature()
                    + " (" + System.getProperty("java.home") + "). Run it with a JDK or JRE 21+.");
            System.exit(1);
        }
        List<String> payaraArgs = new ArrayList<>();
        String port = configuredPort();
        if (port != null && port.matches("\\d{1,5}")) {
            payaraArgs.add("--port");
            payaraArgs.add(port);
        }
        payaraArgs.addAll(List.of(args));
        exitZeroOnTerm();
        Class.forName("fish.payara.micro.PayaraMicro")
                .getMethod("main", String[].class)
                .invoke(null, (Object) payaraArgs.toArray(String[]::new));
    }

    /**
     * A SIGTERM is an orderly stop (orchestrators send it): run the shutdown hooks, which undeploy
     * the application and let it flush its queues, and exit 0 rather than the JVM's default 143.
     */
    @SuppressWarnings("removal")
    private static void exitZeroOnTerm() {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("TERM"), signal -> new Thread(() -> System.exit(0), "sigterm").start());
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            // no SIGTERM on this platform: the JVM's default handling applies
        }
    }

    /** Same precedence as the application: environment, then system property, then the file. */
    private static String configuredPort() {
        String fromEnv = System.getenv(PORT_KEY);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv.trim();
        }
        String fromProperty = System.getProperty(PORT_KEY);
        if (fromProperty != null && !fromProperty.isBlank()) {
            return fromProperty.trim();
        }
        String file = System.getenv().getOrDefault("THREADWORK_CONFIG", "config/threadwork.properties");
        Path path = Path.of(file);
        if (!Files.isReadable(path)) {
            return null;
        }
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(path)) {
            properties.load(in);
        } catch (IOException e) {
            return null; // the application reports the unreadable file
        }
        String fromFile = properties.getProperty(PORT_KEY);
        return fromFile == null ? null : fromFile.trim();
    }
}
