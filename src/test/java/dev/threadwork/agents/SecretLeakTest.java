package dev.threadwork.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The API key must not show in any log record (at any level), exception message or toString. */
class SecretLeakTest {

    private final List<String> logged = new CopyOnWriteArrayList<>();
    private final Logger root = Logger.getLogger("");
    private final Level previousLevel = root.getLevel();
    private final Handler capture = new Handler() {
        private final SimpleFormatter formatter = new SimpleFormatter();

        @Override
        public void publish(LogRecord record) {
            logged.add(formatter.format(record));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private FakeApi api;

    @BeforeEach
    void captureEverything() {
        root.setLevel(Level.ALL);
        capture.setLevel(Level.ALL);
        root.addHandler(capture);
        api = new FakeApi(Duration.ofMillis(300));
    }

    @AfterEach
    void restore() {
        api.close();
        root.removeHandler(capture);
        root.setLevel(previousLevel);
    }

    @Test
    void theKeyAppearsNowhereAcrossSuccessesRetriesFailuresAndReconnects() {
        String id = api.newSession();
        api.fake.faults().failNext("GET /v1/sessions/sesn_.*", 1, 429, Optional.of(0))
                .failNext("POST /v1/sessions/.+/events", 1, 500, Optional.empty())
                .cutStreamsAfter(2, 1);
        api.client.retrieveSession(id);
        Throwable sendFailure = catchFailure(() -> api.client.sendEvents(id, List.of(new OutboundEvent.UserMessage("x"))));
        RecordingListener listener = new RecordingListener();
        SessionStream stream = api.client.openStream(id, Optional.empty(), true, listener);
        api.client.sendEvents(id, List.of(new OutboundEvent.UserMessage("y")));
        await().until(() -> listener.reconnects.get() >= 1 && listener.types().contains("session.status_idle"));
        stream.close();
        assertThatThrownBy(() -> api.client.retrieveSession("sesn_missing")).isInstanceOf(AgentsApiException.class);
        try (AgentsClient wrong = new AgentsClient(api.settings("sk-ant-another-secret-42", Duration.ofSeconds(5)))) {
            Throwable auth = catchFailure(() -> wrong.listAgents(Optional.empty()));
            assertThat(stackTrace(auth)).doesNotContain("sk-ant-another-secret-42");
        }

        assertThat(logged).isNotEmpty();
        assertThat(String.join("\n", logged)).doesNotContain(FakeApi.KEY);
        assertThat(stackTrace(sendFailure)).doesNotContain(FakeApi.KEY);
        assertThat(api.client.toString()).doesNotContain(FakeApi.KEY);
    }

    private static Throwable catchFailure(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            return e;
        }
        throw new AssertionError("expected a failure");
    }

    private static String stackTrace(Throwable t) {
        StringWriter out = new StringWriter();
        t.printStackTrace(new PrintWriter(out));
        return out.toString();
    }
}
