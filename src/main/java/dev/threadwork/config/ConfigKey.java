package dev.threadwork.config;

/**
 * Every setting Threadwork reads, with its default and how to fix it when it is wrong. The names
 * are the environment variable names; the same names work in the properties file.
 */
public enum ConfigKey {
    SLACK_BOT_TOKEN(null, true,
            "the bot token (xoxb-...) from your Slack app's \"OAuth & Permissions\" page"),
    SLACK_SIGNING_SECRET(null, true,
            "the signing secret from your Slack app's \"Basic Information\" page (required unless SLACK_APP_TOKEN selects Socket Mode)"),
    SLACK_APP_TOKEN(null, true,
            "an app-level token (xapp-...) with connections:write; when set, Socket Mode is used"),
    SLACK_API_URL("https://slack.com/api/", false, "the Slack Web API base URL"),
    ANTHROPIC_API_KEY(null, true, "an Anthropic API key with access to Managed Agents"),
    ANTHROPIC_BASE_URL("https://api.anthropic.com", false, "the Anthropic API base URL"),
    THREADWORK_AGENT_ID(null, false, "the id (agent_...) of the agent new sessions use"),
    THREADWORK_ENVIRONMENT_ID(null, false, "the id (env_...) of the environment new sessions run in"),
    THREADWORK_DB_URL("jdbc:h2:file:./data/threadwork", false, "a JDBC URL (jdbc:h2:... or jdbc:postgresql:...)"),
    THREADWORK_DB_USER("", false, "the database user"),
    THREADWORK_DB_PASSWORD("", true, "the database password"),
    THREADWORK_PORT("8080", false, "the HTTP port, 1-65535"),
    THREADWORK_INSTANCE_ID("", false, "this instance's name in session leases (default: the host name); keep it stable across restarts"),
    THREADWORK_ADMINS("", false, "comma-separated Slack user ids (U...) allowed to change channel settings"),
    THREADWORK_CONTEXT_BUDGET_CHARS("8000", false,
            "how many characters of earlier thread messages a new session receives as context"),
    THREADWORK_STREAM_IDLE_SECONDS("120", false,
            "seconds of silence after which an agent event stream is treated as dead and reconnected"),
    THREADWORK_CREATE_PER_MINUTE("60", false, "Managed Agents create operations allowed per minute"),
    THREADWORK_READ_PER_MINUTE("600", false, "Managed Agents read operations allowed per minute"),
    THREADWORK_PRICE_INPUT_PER_MTOK("3.00", false, "USD per million input tokens, for cost estimates"),
    THREADWORK_PRICE_OUTPUT_PER_MTOK("15.00", false, "USD per million output tokens, for cost estimates"),
    THREADWORK_SHUTDOWN_SECONDS("20", false, "how long a graceful stop may take to flush queued work"),
    THREADWORK_DEFAULT_TALK_POLICY("anyone", false,
            "who may talk to sessions in channels whose admins set no policy: anyone or allow-list"),
    THREADWORK_DM_POLICY("anyone", false, "who may start sessions in direct messages and the assistant pane: anyone, admins or off"),
    THREADWORK_ALLOW_EXTERNAL_USERS("false", false,
            "true to let Slack Connect users from other workspaces talk to sessions (subject to the channel's policy)"),
    THREADWORK_DAILY_CAP_PER_USER_USD("", false,
            "optional: USD a person's sessions may cost today (UTC) before they can start no more"),
    THREADWORK_DAILY_CAP_PER_WORKSPACE_USD("", false,
            "optional: USD the workspace's sessions may cost today (UTC) before no more start"),
    THREADWORK_ADMIN_TOKEN(null, true,
            "optional: a random token of at least 24 characters that opens GET /admin/health (Authorization: Bearer ...)"),
    THREADWORK_LOG_FORMAT("text", false, "text (one readable line per entry) or json (one JSON object per line)"),
    THREADWORK_MAX_FILE_MB("25", false,
            "the largest file (MB, 1-500) shared in Slack that is passed to the agent; larger ones get a message instead"),
    THREADWORK_MAX_MESSAGE_FILES_MB("100", false,
            "the most (MB, 1-5000) the files of one Slack message may add up to; at least THREADWORK_MAX_FILE_MB"),
    THREADWORK_MAX_OUTPUT_FILE_MB("100", false,
            "the largest file (MB, 1-1000) the agent wrote that is posted in the thread; larger ones get a message instead");

    private final String defaultValue;
    private final boolean secret;
    private final String meaning;

    ConfigKey(String defaultValue, boolean secret, String meaning) {
        this.defaultValue = defaultValue;
        this.secret = secret;
        this.meaning = meaning;
    }

    /** {@code null} when the key has no default. */
    public String defaultValue() {
        return defaultValue;
    }

    public boolean secret() {
        return secret;
    }

    public String meaning() {
        return meaning;
    }
}
