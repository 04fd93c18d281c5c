package dev.threadwork.launch;

import dev.threadwork.config.ConfigFile;
import dev.threadwork.config.ConfigLoader;
import dev.threadwork.config.InvalidConfigurationException;
import dev.threadwork.config.ThreadworkConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the bot: validates the configuration with the application's own {@link ConfigLoader}
 * before Payara Micro boots (a missing or malformed setting is reported within a second or two,
 * as the last thing printed, with exit code 2), then hands over to Payara Micro.
 */
final class Server {

    static final int EXIT_BAD_CONFIGURATION = 2;

    private Server() {
    }

    static void start(List<String> extraPayaraArgs) throws Exception {
        ThreadworkConfig config;
        try {
            config = new ConfigLoader(ConfigFile.standardSources()).load();
        } catch (InvalidConfigurationException e) {
            System.err.println(e.getMessage());
            System.err.flush();
            System.exit(EXIT_BAD_CONFIGURATION);
            return;
        }
        RuntimeTuning.apply();
        List<String> payaraArgs = new ArrayList<>(List.of("--port", Integer.toString(config.port())));
        payaraArgs.addAll(LogSetup.apply(ConfigFile.standardSources()));
        payaraArgs.addAll(extraPayaraArgs);
        exitZeroOnTerm();
        Class.forName("fish.payara.micro.PayaraMicro")
                .getMethod("main", String[].class)
                .invoke(null, (Object) payaraArgs.toArray(String[]::new));
    }

    /**
     * A SIGTERM is an orderly stop (orchestrators send it): run the shutdown hooks, which undeploy
     * the application and let it flush its queues, and exit 0 rather than the JVM's default 143.
     */
    /**
     * A SIGTERM drains the application while it is still deployed (its graceful stop, published in the
     * system properties under {@code threadwork.gracefulStop}), then stops Payara in order, then exits
     * 0. Left to the JVM's shutdown hooks, the drain raced the hooks that close the application's
     * class loader and deliveries failed with NoClassDefFoundError.
     */
    private static void stopThenExit() {
        try {
            if (System.getProperties().get("threadwork.gracefulStop") instanceof Runnable gracefulStop) {
                gracefulStop.run();
            }
            Class<?> payara = Class.forName("fish.payara.micro.PayaraMicro");
            payara.getMethod("shutdown").invoke(payara.getMethod("getInstance").invoke(null));
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            System.err.println("Orderly stop failed (" + e.getClass().getSimpleName() + "); stopping through the shutdown hooks");
        }
        System.exit(0);
    }

    @SuppressWarnings("removal")
    private static void exitZeroOnTerm() {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("TERM"), signal -> new Thread(Server::stopThenExit, "sigterm").start());
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            // no SIGTERM on this platform: the JVM's default handling applies
        }
    }
}
