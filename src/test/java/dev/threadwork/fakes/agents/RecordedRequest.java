package dev.threadwork.fakes.agents;

import java.util.List;
import java.util.Map;

/** One request the fake received, for assertions. Header names are lower case. */
public record RecordedRequest(String method, String path, String query, Map<String, List<String>> headers,
                              String body, int status) {

    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    public boolean is(String method, String pathRegex) {
        return this.method.equals(method) && path.matches(pathRegex);
    }
}
