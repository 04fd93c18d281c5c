package dev.threadwork.it;

/** The credentials the tests configure; a secrets check greps every log and message for them. */
public final class TestSecrets {

    public static final String BOT_TOKEN = "xoxb-test-7f3a9c2e41d8";
    public static final String SIGNING_SECRET = "8f14e45fceea167a5a36dedd4bea2543";
    public static final String API_KEY = "sk-ant-test-b7c1e0d2a9f84e6c";

    private TestSecrets() {
    }
}
