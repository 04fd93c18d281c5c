package dev.threadwork.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConfigLoaderTest {

    private static Map<String, String> valid() {
        Map<String, String> env = new HashMap<>();
        env.put("SLACK_BOT_TOKEN", "xoxb-secret-bot-token");
        env.put("SLACK_SIGNING_SECRET", "signing-secret-value");
        env.put("ANTHROPIC_API_KEY", "sk-ant-secret-key");
        env.put("THREADWORK_AGENT_ID", "agent_1");
        env.put("THREADWORK_ENVIRONMENT_ID", "env_1");
        return env;
    }

    private static ThreadworkConfig load(Map<String, String> env) {
        return new ConfigLoader(key -> Optional.ofNullable(env.get(key))).load();
    }

    @Test
    void validConfigurationUsesDefaultsForWhatIsUnset() {
        ThreadworkConfig config = load(valid());

        assertThat(config.port()).isEqualTo(8080);
        assertThat(config.slack().apiUrl()).hasToString("https://slack.com/api/");
        assertThat(config.slack().socketMode()).isFalse();
        assertThat(config.anthropic().baseUrl()).hasToString("https://api.anthropic.com");
        assertThat(config.database().url()).isEqualTo("jdbc:h2:file:./data/threadwork");
        assertThat(config.anthropic().createsPerMinute()).isEqualTo(60);
        assertThat(config.anthropic().readsPerMinute()).isEqualTo(600);
    }

    @Test
    void everyMissingRequiredKeyIsNamedInOneMessage() {
        assertThatThrownBy(() -> load(Map.of()))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("SLACK_BOT_TOKEN")
                .hasMessageContaining("SLACK_SIGNING_SECRET")
                .hasMessageContaining("ANTHROPIC_API_KEY")
                .hasMessageContaining("THREADWORK_AGENT_ID")
                .hasMessageContaining("THREADWORK_ENVIRONMENT_ID")
                .hasMessageContaining("5 configuration problems");
    }

    @Test
    void malformedValuesAreReportedWithoutRevealingSecrets() {
        Map<String, String> env = valid();
        env.put("SLACK_BOT_TOKEN", "not-a-bot-token-SECRETVALUE");
        env.put("THREADWORK_PORT", "eighty");
        env.put("SLACK_API_URL", "ftp://nowhere");
        env.put("THREADWORK_DB_URL", "jdbc:mysql://db?password=hunter2");

        assertThatThrownBy(() -> load(env))
                .isInstanceOf(InvalidConfigurationException.class)
                .satisfies(e -> assertThat(((InvalidConfigurationException) e).problems()).hasSize(4))
                .hasMessageContaining("THREADWORK_PORT must be a whole number")
                .hasMessageContaining("SLACK_BOT_TOKEN does not look right")
                .hasMessageContaining("SLACK_API_URL")
                .hasMessageNotContaining("SECRETVALUE")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void socketModeNeedsNoSigningSecret() {
        Map<String, String> env = valid();
        env.remove("SLACK_SIGNING_SECRET");
        env.put("SLACK_APP_TOKEN", "xapp-1-app-token");

        ThreadworkConfig config = load(env);

        assertThat(config.slack().socketMode()).isTrue();
        assertThat(config.slack().signingSecret()).isEmpty();
    }

    @Test
    void secretsNeverShowInToString() {
        ThreadworkConfig config = load(valid());

        assertThat(config.toString())
                .doesNotContain("xoxb-secret-bot-token")
                .doesNotContain("signing-secret-value")
                .doesNotContain("sk-ant-secret-key");
    }

    @Test
    void aNamedConfigFileThatDoesNotExistIsAProblem() {
        Map<String, String> env = valid();
        env.put("THREADWORK_CONFIG", "/nonexistent/threadwork.properties");

        assertThatThrownBy(() -> load(env)).hasMessageContaining("THREADWORK_CONFIG names \"/nonexistent/threadwork.properties\"");
    }

    @Test
    void operatorDefaultsAreReadAndValidated() {
        ThreadworkConfig open = load(valid());
        assertThat(open.access()).isEqualTo(ThreadworkConfig.Access.open());
        assertThat(open.adminToken()).isEmpty();

        Map<String, String> env = valid();
        env.put("THREADWORK_DEFAULT_TALK_POLICY", "allow-list");
        env.put("THREADWORK_DM_POLICY", "Admins");
        env.put("THREADWORK_ALLOW_EXTERNAL_USERS", "true");
        env.put("THREADWORK_DAILY_CAP_PER_USER_USD", "$5");
        env.put("THREADWORK_DAILY_CAP_PER_WORKSPACE_USD", "120.50");
        env.put("THREADWORK_ADMIN_TOKEN", "0123456789abcdef0123456789abcdef");
        ThreadworkConfig config = load(env);
        assertThat(config.access().defaultAllowList()).isTrue();
        assertThat(config.access().directMessages()).isEqualTo("admins");
        assertThat(config.access().allowExternalUsers()).isTrue();
        assertThat(config.access().dailyCapPerUserUsd()).contains(new java.math.BigDecimal("5"));
        assertThat(config.access().dailyCapPerWorkspaceUsd()).contains(new java.math.BigDecimal("120.50"));
        assertThat(config.adminToken()).isPresent();

        Map<String, String> bad = valid();
        bad.put("THREADWORK_DEFAULT_TALK_POLICY", "nobody");
        bad.put("THREADWORK_DM_POLICY", "sometimes");
        bad.put("THREADWORK_ALLOW_EXTERNAL_USERS", "yes");
        bad.put("THREADWORK_DAILY_CAP_PER_USER_USD", "-3");
        bad.put("THREADWORK_DAILY_CAP_PER_WORKSPACE_USD", "lots");
        bad.put("THREADWORK_ADMIN_TOKEN", "short-TOKENVALUE");
        assertThatThrownBy(() -> load(bad))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("THREADWORK_DEFAULT_TALK_POLICY must be one of anyone, allow-list")
                .hasMessageContaining("THREADWORK_DM_POLICY must be one of anyone, admins, off")
                .hasMessageContaining("THREADWORK_ALLOW_EXTERNAL_USERS must be one of true, false")
                .hasMessageContaining("THREADWORK_DAILY_CAP_PER_USER_USD must be a positive amount")
                .hasMessageContaining("THREADWORK_DAILY_CAP_PER_WORKSPACE_USD must be a positive amount")
                .hasMessageContaining("THREADWORK_ADMIN_TOKEN is too short")
                .hasMessageNotContaining("TOKENVALUE");
    }

    @Test
    void fileCapsHaveDefaultsAndAreValidated() {
        assertThat(load(valid()).files()).isEqualTo(new ThreadworkConfig.Files(25, 100, 100));

        Map<String, String> env = valid();
        env.put("THREADWORK_MAX_FILE_MB", "50");
        env.put("THREADWORK_MAX_MESSAGE_FILES_MB", "20");
        env.put("THREADWORK_MAX_OUTPUT_FILE_MB", "0");
        assertThatThrownBy(() -> load(env))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("THREADWORK_MAX_MESSAGE_FILES_MB (20) is smaller than THREADWORK_MAX_FILE_MB (50)")
                .hasMessageContaining("THREADWORK_MAX_OUTPUT_FILE_MB must be a whole number from 1 to 1000");
    }
}
