package dev.threadwork.config;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Reads and validates every {@link ConfigKey} in one pass. It collects all problems instead of
 * stopping at the first, and never puts a secret's value into a problem description.
 */
public final class ConfigLoader {

    private final Function<String, Optional<String>> source;
    private final List<String> problems = new ArrayList<>();

    /** @param source looks a key up (MicroProfile Config in the application, a map in tests) */
    public ConfigLoader(Function<String, Optional<String>> source) {
        this.source = source;
    }

    public ThreadworkConfig load() {
        problems.clear();
        source.apply(ConfigFile.LOCATION_KEY)
                .filter(file -> !java.nio.file.Files.isReadable(java.nio.file.Path.of(file)))
                .ifPresent(file -> problems.add(ConfigFile.LOCATION_KEY + " names \"" + file
                        + "\", which is not a readable file: fix the path or unset it"));
        Optional<Secret> appToken = optional(ConfigKey.SLACK_APP_TOKEN).map(Secret::new);
        appToken.ifPresent(token -> requirePrefix(ConfigKey.SLACK_APP_TOKEN, token, "xapp-"));
        Secret botToken = required(ConfigKey.SLACK_BOT_TOKEN).map(Secret::new).orElse(null);
        if (botToken != null) {
            requirePrefix(ConfigKey.SLACK_BOT_TOKEN, botToken, "xoxb-");
        }
        Optional<Secret> signingSecret = appToken.isPresent()
                ? optional(ConfigKey.SLACK_SIGNING_SECRET).map(Secret::new)
                : required(ConfigKey.SLACK_SIGNING_SECRET).map(Secret::new);
        URI slackApi = url(ConfigKey.SLACK_API_URL, true);

        ThreadworkConfig.Anthropic anthropic = anthropic(true);

        String dbUrl = value(ConfigKey.THREADWORK_DB_URL);
        if (!dbUrl.startsWith("jdbc:h2:") && !dbUrl.startsWith("jdbc:postgresql:")) {
            problems.add(ConfigKey.THREADWORK_DB_URL + " must start with jdbc:h2: or jdbc:postgresql: (got \""
                    + dbUrl.replaceAll("password=[^;&]*", "password=****") + "\")");
        }
        int port = integer(ConfigKey.THREADWORK_PORT, 1, 65_535);
        Set<String> admins = Arrays.stream(value(ConfigKey.THREADWORK_ADMINS).split(","))
                .map(String::trim)
                .filter(id -> !id.isEmpty())
                .collect(Collectors.toCollection(LinkedHashSet::new));
        admins.stream()
                .filter(id -> !id.matches("[UW][A-Z0-9]{2,}"))
                .forEach(id -> problems.add(ConfigKey.THREADWORK_ADMINS + " holds \"" + id
                        + "\", which is not a Slack user id (U... or W...)"));
        int contextBudget = integer(ConfigKey.THREADWORK_CONTEXT_BUDGET_CHARS, 0, 200_000);
        BigDecimal priceIn = price(ConfigKey.THREADWORK_PRICE_INPUT_PER_MTOK);
        BigDecimal priceOut = price(ConfigKey.THREADWORK_PRICE_OUTPUT_PER_MTOK);
        int shutdownSeconds = integer(ConfigKey.THREADWORK_SHUTDOWN_SECONDS, 1, 600);
        String talkDefault = oneOf(ConfigKey.THREADWORK_DEFAULT_TALK_POLICY, "anyone", "allow-list");
        String dmPolicy = oneOf(ConfigKey.THREADWORK_DM_POLICY, "anyone", "admins", "off");
        String external = oneOf(ConfigKey.THREADWORK_ALLOW_EXTERNAL_USERS, "true", "false");
        Optional<BigDecimal> capUser = optionalAmount(ConfigKey.THREADWORK_DAILY_CAP_PER_USER_USD);
        Optional<BigDecimal> capWorkspace = optionalAmount(ConfigKey.THREADWORK_DAILY_CAP_PER_WORKSPACE_USD);
        Optional<Secret> adminToken = optional(ConfigKey.THREADWORK_ADMIN_TOKEN).map(Secret::new);
        adminToken.filter(token -> token.reveal().length() < 24).ifPresent(token -> problems.add(ConfigKey.THREADWORK_ADMIN_TOKEN
                + " is too short: use at least 24 random characters (e.g. openssl rand -hex 24), or unset it"));
        oneOf(ConfigKey.THREADWORK_LOG_FORMAT, "text", "json"); // read by the launcher's log set-up; checked here with the rest
        int maxFileMb = integer(ConfigKey.THREADWORK_MAX_FILE_MB, 1, 500);
        int maxMessageMb = integer(ConfigKey.THREADWORK_MAX_MESSAGE_FILES_MB, 1, 5_000);
        int maxOutputMb = integer(ConfigKey.THREADWORK_MAX_OUTPUT_FILE_MB, 1, 1_000);
        if (maxMessageMb < maxFileMb) {
            problems.add(ConfigKey.THREADWORK_MAX_MESSAGE_FILES_MB + " (" + maxMessageMb + ") is smaller than "
                    + ConfigKey.THREADWORK_MAX_FILE_MB + " (" + maxFileMb + "): a single file could never fit");
        }

        if (!problems.isEmpty()) {
            throw new InvalidConfigurationException(problems);
        }
        return new ThreadworkConfig(
                new ThreadworkConfig.Slack(botToken, signingSecret, appToken, slackApi),
                anthropic,
                new ThreadworkConfig.Database(dbUrl, value(ConfigKey.THREADWORK_DB_USER),
                        new Secret(value(ConfigKey.THREADWORK_DB_PASSWORD))),
                port,
                optional(ConfigKey.THREADWORK_INSTANCE_ID).orElseGet(ConfigLoader::hostName),
                Set.copyOf(admins),
                contextBudget,
                Duration.ofSeconds(shutdownSeconds),
                new ThreadworkConfig.Prices(priceIn, priceOut),
                new ThreadworkConfig.Access("allow-list".equals(talkDefault), dmPolicy, "true".equals(external), capUser, capWorkspace),
                adminToken,
                new ThreadworkConfig.Files(maxFileMb, maxMessageMb, maxOutputMb));
    }

    /** The value, lower-cased, if it is one of {@code allowed}; else a problem naming them. */
    private String oneOf(ConfigKey key, String... allowed) {
        String raw = value(key).toLowerCase(java.util.Locale.ROOT);
        if (!Arrays.asList(allowed).contains(raw)) {
            problems.add(key + " must be one of " + String.join(", ", allowed) + " (got \"" + value(key) + "\")");
            return allowed[0];
        }
        return raw;
    }

    /** An optional positive USD amount. */
    private Optional<BigDecimal> optionalAmount(ConfigKey key) {
        Optional<String> raw = optional(key);
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        try {
            BigDecimal amount = new BigDecimal(raw.get().replace("$", ""));
            if (amount.signum() <= 0) {
                throw new NumberFormatException();
            }
            return Optional.of(amount);
        } catch (NumberFormatException e) {
            problems.add(key + " must be a positive amount in USD such as 20 or 12.50, or unset (got \"" + raw.get() + "\")");
            return Optional.empty();
        }
    }

    /**
     * Only what talking to the Managed Agents API needs, for {@code setup}: the agent and
     * environment may not exist yet (empty when unset).
     */
    public ThreadworkConfig.Anthropic loadAnthropic() {
        problems.clear();
        ThreadworkConfig.Anthropic anthropic = anthropic(false);
        if (!problems.isEmpty()) {
            throw new InvalidConfigurationException(problems);
        }
        return anthropic;
    }

    private ThreadworkConfig.Anthropic anthropic(boolean idsRequired) {
        Secret apiKey = required(ConfigKey.ANTHROPIC_API_KEY).map(Secret::new).orElse(null);
        URI anthropicBase = url(ConfigKey.ANTHROPIC_BASE_URL, false);
        String agentId = idsRequired ? required(ConfigKey.THREADWORK_AGENT_ID).orElse(null)
                : optional(ConfigKey.THREADWORK_AGENT_ID).orElse("");
        String environmentId = idsRequired ? required(ConfigKey.THREADWORK_ENVIRONMENT_ID).orElse(null)
                : optional(ConfigKey.THREADWORK_ENVIRONMENT_ID).orElse("");
        int idleSeconds = integer(ConfigKey.THREADWORK_STREAM_IDLE_SECONDS, 5, 3_600);
        int creates = integer(ConfigKey.THREADWORK_CREATE_PER_MINUTE, 1, 100_000);
        int reads = integer(ConfigKey.THREADWORK_READ_PER_MINUTE, 1, 100_000);
        return new ThreadworkConfig.Anthropic(apiKey, anthropicBase, agentId, environmentId,
                Duration.ofSeconds(idleSeconds), creates, reads);
    }

    private static String hostName() {
        String fromEnv = System.getenv("HOSTNAME");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv;
        }
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "threadwork";
        }
    }

    private Optional<String> optional(ConfigKey key) {
        return source.apply(key.name()).map(String::trim).filter(v -> !v.isEmpty());
    }

    private Optional<String> required(ConfigKey key) {
        Optional<String> value = optional(key);
        if (value.isEmpty()) {
            problems.add(key + " is not set: set it to " + key.meaning());
        }
        return value;
    }

    private String value(ConfigKey key) {
        return optional(key).orElse(key.defaultValue());
    }

    private void requirePrefix(ConfigKey key, Secret secret, String prefix) {
        if (!secret.reveal().startsWith(prefix)) {
            problems.add(key + " does not look right: it must start with \"" + prefix + "\" ("
                    + key.meaning() + ")");
        }
    }

    private URI url(ConfigKey key, boolean trailingSlash) {
        String raw = value(key);
        try {
            URI uri = new URI(raw);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new URISyntaxException(raw, "not an http(s) URL");
            }
            if (trailingSlash && !raw.endsWith("/")) {
                uri = new URI(raw + "/");
            }
            return uri;
        } catch (URISyntaxException e) {
            problems.add(key + " must be an http(s) URL such as " + key.defaultValue() + " (got \"" + raw + "\")");
            return null;
        }
    }

    private int integer(ConfigKey key, int min, int max) {
        String raw = value(key);
        try {
            int parsed = Integer.parseInt(raw);
            if (parsed < min || parsed > max) {
                throw new NumberFormatException();
            }
            return parsed;
        } catch (NumberFormatException e) {
            problems.add(key + " must be a whole number from " + min + " to " + max + " (got \"" + raw + "\")");
            return min;
        }
    }

    private BigDecimal price(ConfigKey key) {
        String raw = value(key);
        try {
            BigDecimal parsed = new BigDecimal(raw);
            if (parsed.signum() < 0) {
                throw new NumberFormatException();
            }
            return parsed;
        } catch (NumberFormatException e) {
            problems.add(key + " must be a non-negative number such as " + key.defaultValue() + " (got \"" + raw + "\")");
            return BigDecimal.ZERO;
        }
    }
}
