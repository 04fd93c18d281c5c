/**
 * A protocol-faithful fake of the Slack Web API for tests and benchmarks.
 *
 * <pre>{@code
 * try (FakeSlack fake = new FakeSlack().start()) {
 *     SlackConfig config = new SlackConfig();
 *     config.setMethodsEndpointUrlPrefix(fake.apiUrl());          // or SLACK_API_URL for the app process
 *     MethodsClient client = Slack.getInstance(config).methods(fake.bot().token());
 *     fake.addUser("U1", "ada", "Ada Lovelace", false)
 *         .seedMessage("C1", "1700000000.000010", null, "U1", "@threadwork hi");
 *     // … drive the app …
 *     await().until(() -> fake.countInThread("C1", "1700000000.000010", "done") == 1);
 *     assertThat(fake.ledger().rateLimitedCount()).isZero();
 * }
 * }</pre>
 *
 * The fake answers like Slack: HTTP 200 with {@code ok:false} and an error code for method errors,
 * HTTP 429 with {@code Retry-After} for rate limits (injected with {@link dev.threadwork.fakes.slack.FakeSlack#rateLimitNext}
 * or enforced by tier with {@link dev.threadwork.fakes.slack.FakeSlack#enforceSlackTiers}), and always
 * validates Slack's message limits (40,000 characters of text, 50 blocks, 3,000 characters per section).
 * Message metadata posted with chat.postMessage comes back from conversations.replies only with
 * {@code include_all_metadata=true}. {@link dev.threadwork.fakes.slack.FakeSlack#responseUrl} hands out
 * response_url endpoints for slash command / interaction payloads; what the app POSTs there is in
 * {@link dev.threadwork.fakes.slack.FakeSlack#responses}.
 */
package dev.threadwork.fakes.slack;
