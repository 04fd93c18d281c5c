package dev.threadwork.launch.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The bot scopes the app manifest ({@code manifest.yml}, packaged with the classes) asks for:
 * the list under {@code oauth_config: scopes: bot:}. Read line by line for that one known path,
 * so that {@code check} compares the token against the manifest users actually install.
 */
final class ManifestScopes {

    private static final String RESOURCE = "/manifest.yml";

    private ManifestScopes() {
    }

    static List<String> bot() {
        try (InputStream in = ManifestScopes.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("manifest.yml is not packaged with the application");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> parse(String yaml) {
        String[] path = {"oauth_config:", "scopes:", "bot:"};
        int matched = 0;
        int listIndent = -1;
        List<String> scopes = new ArrayList<>();
        for (String raw : yaml.split("\\R")) {
            String line = raw.replaceFirst("\\s+#.*$", "");
            if (line.isBlank() || line.trim().startsWith("#")) {
                continue;
            }
            int indent = line.length() - line.stripLeading().length();
            String text = line.trim();
            if (matched < path.length) {
                if (text.equals(path[matched])) {
                    matched++;
                }
                continue;
            }
            if (text.startsWith("- ") && (listIndent < 0 || indent == listIndent)) {
                listIndent = indent;
                scopes.add(text.substring(2).trim());
            } else {
                break; // the list ended
            }
        }
        return List.copyOf(scopes);
    }
}
