package dev.threadwork.web;

import dev.threadwork.config.ConfigLoader;
import dev.threadwork.config.InvalidConfigurationException;
import dev.threadwork.config.ThreadworkConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;

/**
 * Starts the assembled application when Payara has deployed it and stops it on undeploy or
 * shutdown. Bad configuration or an unusable database ends the process with a clear message.
 */
@ApplicationScoped
public class ThreadworkLifecycle {

    private static final Logger LOG = Logger.getLogger(Threadwork.class.getName());

    /**
     * Where the launcher finds the graceful stop (a {@link Runnable} in the system properties: the one
     * object both the launcher's and the application's class loaders can see). A SIGTERM runs it while
     * the application is still deployed; drained inside Payara's own shutdown, deliveries failed with
     * NoClassDefFoundError as the application's class loader closed under them.
     */
    public static final String GRACEFUL_STOP = "threadwork.gracefulStop";

    static final int EXIT_BAD_CONFIGURATION = 2;
    static final int EXIT_START_FAILED = 3;

    @Inject
    Config mpConfig;

    /**
     * Looked up when start-up runs, not injected into the bean: an early health probe creates this
     * bean, and the application's metric registry cannot be resolved before deployment finished
     * (it failed with a NullPointerException and a stack trace in the log on every start).
     */
    @Inject
    jakarta.enterprise.inject.Instance<org.eclipse.microprofile.metrics.MetricRegistry> metrics;

    private volatile Threadwork threadwork;

    void onStart(@Observes Startup startup) {
        ThreadworkConfig config;
        try {
            config = new ConfigLoader(key -> mpConfig.getOptionalValue(key, String.class)).load();
        } catch (InvalidConfigurationException e) {
            throw FatalStartup.exit(EXIT_BAD_CONFIGURATION, e.getMessage());
        }
        try {
            Threadwork started = new Threadwork(config);
            started.start();
            threadwork = started;
            ThreadworkMetrics.register(metrics.get(), this);
            LOG.info(StartupSummary.line(config, System.getProperty("threadwork.version", "(unpackaged)")));
            System.getProperties().put(GRACEFUL_STOP, (Runnable) this::stop);
            started.whenSlackConnected().thenRunAsync(ThreadworkLifecycle::returnStartupGarbage,
                    CompletableFuture.delayedExecutor(2, TimeUnit.SECONDS));
        } catch (RuntimeException e) {
            throw FatalStartup.exit(EXIT_START_FAILED, "Threadwork cannot start: " + e.getMessage());
        }
    }

    /**
     * Deployment leaves a few hundred MiB of garbage behind (class scanning, Weld, Flyway). One
     * collection once the bot is ready returns it to the operating system now; the heap settings
     * the launcher applies (see launch.RuntimeTuning) keep it small while idle afterwards.
     */
    private static void returnStartupGarbage() {
        System.gc();
    }

    /** The running application; requests that arrive before start-up finished get a 503. */
    public Threadwork running() {
        Threadwork current = threadwork;
        if (current == null) {
            throw new NotStartedException();
        }
        return current;
    }

    public boolean started() {
        return threadwork != null;
    }

    @PreDestroy
    void stop() {
        System.getProperties().remove(GRACEFUL_STOP);
        Threadwork current;
        synchronized (this) { // the launcher's SIGTERM and Payara's undeploy may both ask
            current = threadwork;
            threadwork = null;
        }
        if (current != null) {
            current.close();
        }
    }

    /** Thrown while Threadwork is still starting. */
    public static final class NotStartedException extends IllegalStateException {
        public NotStartedException() {
            super("Threadwork is still starting");
        }
    }
}
