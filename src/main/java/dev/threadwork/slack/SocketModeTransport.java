package dev.threadwork.slack;

import com.slack.api.bolt.App;
import com.slack.api.bolt.socket_mode.SocketModeApp;
import com.slack.api.socket_mode.SocketModeClient;
import dev.threadwork.config.Secret;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Socket Mode: the same Bolt listeners, fed over a WebSocket that the app opens itself (no public
 * URL). The SDK reconnects on its own; readiness asks whether the socket is up right now.
 *
 * <p>Uses the Java-WebSocket backend: the default (Tyrus) clashes with the Tyrus inside Payara.
 */
public final class SocketModeTransport implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(SocketModeTransport.class.getName());

    private final SocketModeApp socketModeApp;

    public SocketModeTransport(Secret appToken, App app) {
        try {
            this.socketModeApp = new SocketModeApp(appToken.reveal(), app, SocketModeClient.Backend.JavaWebSocket);
        } catch (Exception e) {
            throw new IllegalStateException("Socket Mode could not be set up: " + e.getClass().getSimpleName(), e);
        }
    }

    public void start() {
        try {
            socketModeApp.startAsync();
            LOG.info("Socket Mode started");
        } catch (Exception e) {
            // Not fatal: the SDK keeps reconnecting, and readiness reports the socket as down meanwhile.
            LOG.log(Level.WARNING, "Socket Mode could not connect yet: " + e.getClass().getSimpleName());
        }
    }

    public boolean connected() {
        try {
            return !socketModeApp.isClientStopped() && socketModeApp.getClient() != null
                    && socketModeApp.getClient().verifyConnection();
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public void close() throws Exception {
        socketModeApp.close();
    }
}
