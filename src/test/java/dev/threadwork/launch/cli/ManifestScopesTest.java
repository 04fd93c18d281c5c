package dev.threadwork.launch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ManifestScopesTest {

    @Test
    void readsTheBotScopesOfTheShippedManifestAndNothingAfterThem() throws Exception {
        assertThat(ManifestScopes.parse(Files.readString(Path.of("manifest.yml"))))
                .startsWith("app_mentions:read", "assistant:write").endsWith("reactions:write", "users:read")
                .doesNotContain("app_mention", "message.channels").hasSize(14);
        assertThat(ManifestScopes.bot()).isEqualTo(ManifestScopes.parse(Files.readString(Path.of("manifest.yml"))));
    }

    @Test
    void stopsAtTheEndOfTheBotListAndIgnoresComments() {
        String yaml = """
                oauth_config:
                  scopes:
                    bot:
                      - chat:write   # post answers
                      # a comment line
                      - commands
                    user:
                      - search:read
                settings:
                  x: y
                """;
        assertThat(ManifestScopes.parse(yaml)).containsExactly("chat:write", "commands");
    }
}
