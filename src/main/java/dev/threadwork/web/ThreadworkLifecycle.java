package dev.threadwork.web;

import dev.threadwork.config.ConfigLoader;
import dev.threadwork.config.InvalidConfigurationException;
import dev.threadwork.config.ThreadworkConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;

/**
 * Starts the assembled application when Payara has deployed it and stops it on undeploy or
 * shutdown. Bad configuration or an unusable database ends the process with a clear message.
 */
@ApplicationScoped
public class ThreadworkLifecycle {

    static final int EXIT_BAD_CONFIGURATION = 2;
    static final int EXIT_START_FAILED = 3;

    @Inject
    Config mpConfig;

    @Inject
    org.eclipse.microprofile.metrics.MetricRegistry metrics;

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
            ThreadworkMetrics.register(metrics, this);
        } catch (RuntimeException e) {
            throw FatalStartup.exit(EXIT_START_FAILED, "Threadwork cannot start: " + e.getMessage());
        }
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
        Threadwork current = threadwork;
        threadwork = null;
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
