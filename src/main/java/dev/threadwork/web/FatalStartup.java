package dev.threadwork.web;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Ends the process when Threadwork cannot run at all (bad configuration, unreachable database).
 * Payara Micro would otherwise keep serving with the application undeployed, which looks alive to
 * an orchestrator; exiting non-zero makes the problem visible at once.
 */
final class FatalStartup {

    private static final Logger LOG = Logger.getLogger(FatalStartup.class.getName());

    private FatalStartup() {
    }

    static RuntimeException exit(int status, String message) {
        LOG.log(Level.SEVERE, message);
        System.err.println(message);
        System.err.flush();
        // Exit from another thread: the deploying thread holds Payara's locks that shutdown hooks need.
        Thread.ofPlatform().name("threadwork-fatal-exit").start(() -> System.exit(status));
        Thread.ofPlatform().daemon().name("threadwork-fatal-halt").start(() -> {
            try {
                Thread.sleep(10_000); // a watchdog, not synchronisation: shutdown hooks may hang
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Runtime.getRuntime().halt(status);
        });
        return new IllegalStateException(message);
    }
}
