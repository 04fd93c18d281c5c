package dev.threadwork.agents;

import com.anthropic.core.ObjectMappers;
import com.anthropic.errors.AnthropicIoException;
import com.anthropic.errors.AnthropicServiceException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Turns SDK exceptions and raw HTTP error answers into {@link AgentsApiException}, redacting the key. */
final class ApiErrors {

    private final SecretRedactor redactor;

    ApiErrors(SecretRedactor redactor) {
        this.redactor = redactor;
    }

    AgentsApiException fromSdk(RuntimeException failure) {
        if (failure instanceof AgentsApiException already) {
            return already;
        }
        if (failure instanceof AnthropicServiceException service) {
            JsonNode body = bodyOf(service);
            Function<String, List<String>> header = name -> service.headers().values(name);
            return fromHttp(service.statusCode(), body, header, null);
        }
        if (failure instanceof AnthropicIoException io) {
            return network(io.getCause() != null ? io.getCause() : io, null);
        }
        // Invalid data, misuse: nothing to retry. The SDK's message is redacted but kept for diagnosis.
        return new AgentsApiException(0, "client_error", redactor.redact(failure.getMessage()), Optional.empty(),
                Optional.empty(), true, null);
    }

    private static JsonNode bodyOf(AnthropicServiceException service) {
        try {
            return ObjectMappers.jsonMapper().valueToTree(service.body());
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** An HTTP error answer; {@code body} is the parsed error JSON or null. */
    AgentsApiException fromHttp(int status, JsonNode body, Function<String, List<String>> header, Throwable cause) {
        JsonNode error = body == null ? null : body.path("error");
        String type = error != null && error.hasNonNull("type") ? error.get("type").asText() : defaultType(status);
        String message = error != null && error.hasNonNull("message") ? error.get("message").asText() : "HTTP " + status;
        Optional<String> requestId = first(header, "request-id").or(() -> first(header, "x-request-id"));
        boolean rejectedUnprocessed = status == 429 || status == 503 || status == 529;
        // The cause is deliberately dropped: SDK exceptions carry the server's text unredacted.
        return new AgentsApiException(status, type, redactor.redact(message), requestId.map(redactor::redact),
                retryAfter(header), !rejectedUnprocessed, null);
    }

    /** No HTTP answer. Not processed for sure only when no connection was made. */
    AgentsApiException network(Throwable cause, String context) {
        boolean neverSent = hasCause(cause, ConnectException.class) || hasCause(cause, UnknownHostException.class)
                || hasCause(cause, NoRouteToHostException.class);
        String what = cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : " " + cause.getMessage());
        if (context != null) {
            what = context + ": " + what;
        }
        return new AgentsApiException(0, AgentsApiException.NETWORK_ERROR, redactor.redact(what), Optional.empty(),
                Optional.empty(), !neverSent, null);
    }

    static boolean isTimeout(Throwable cause) {
        return hasCause(cause, InterruptedIOException.class);
    }

    private static boolean hasCause(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static Optional<String> first(Function<String, List<String>> header, String name) {
        List<String> values = header.apply(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.ofNullable(values.get(0));
    }

    /** {@code retry-after-ms}, or {@code retry-after} as seconds or an HTTP date. */
    static Optional<Duration> retryAfter(Function<String, List<String>> header) {
        Optional<String> millis = first(header, "retry-after-ms");
        if (millis.isPresent()) {
            try {
                return Optional.of(Duration.ofMillis((long) Double.parseDouble(millis.get().trim())));
            } catch (NumberFormatException ignored) {
                // fall through to retry-after
            }
        }
        return first(header, "retry-after").flatMap(value -> {
            try {
                return Optional.of(Duration.ofMillis((long) (Double.parseDouble(value.trim()) * 1000)));
            } catch (NumberFormatException notSeconds) {
                try {
                    Instant at = ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                    Duration left = Duration.between(Instant.now(), at);
                    return Optional.of(left.isNegative() ? Duration.ZERO : left);
                } catch (RuntimeException unparseable) {
                    return Optional.empty();
                }
            }
        });
    }

    private static String defaultType(int status) {
        return switch (status) {
            case 400 -> "invalid_request_error";
            case 401 -> "authentication_error";
            case 403 -> "permission_error";
            case 404 -> "not_found_error";
            case 429 -> "rate_limit_error";
            case 503, 529 -> "overloaded_error";
            default -> status >= 500 ? "api_error" : "http_error";
        };
    }
}
