package dev.threadwork.render;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.divider;
import static com.slack.api.model.block.Blocks.header;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.confirmationDialog;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.element.BlockElement;
import com.slack.api.model.view.View;
import dev.threadwork.bridge.AuditLog;
import dev.threadwork.bridge.HomeData;
import dev.threadwork.bridge.HomeSnapshots;
import dev.threadwork.bridge.ThreadKey;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The App Home tab of one person as Block Kit: their sessions with Stop / End where they may use
 * them, their spend, and for admins the workspace. Times use Slack's date tokens (shown in each
 * reader's time zone), so an unchanged state renders to an unchanged view and is not re-published.
 */
public final class HomeView {

    public static final String STOP = "home_stop";
    public static final String END = "home_end";
    public static final String REFRESH = "home_refresh";
    public static final String OPEN = "home_open";
    static final int MAX_BLOCKS = 100;
    private static final int SECTION_CHARS = 2_900;
    private static final DateTimeFormatter FALLBACK = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);
    private static final Map<String, String> STATUS_EMOJI = Map.of("working", ":hourglass_flowing_sand:",
            "needs approval", ":raised_hand:", "retrying", ":arrows_counterclockwise:", "done", ":white_check_mark:",
            "stopped", ":octagonal_sign:", "stopped: budget reached", ":money_with_wings:", "failed", ":x:",
            "terminated", ":x:", "ended", ":white_circle:", "starting", ":seedling:");

    private final Function<ThreadKey, Optional<String>> links;

    /** @param links a thread's permalink, when Slack gave one */
    public HomeView(Function<ThreadKey, Optional<String>> links) {
        this.links = links;
    }

    public View build(HomeSnapshots.Snapshot snapshot, Optional<String> notice) {
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(header(h -> h.text(plainText("Your agent sessions"))));
        notice.ifPresent(text -> blocks.add(section(s -> s.text(markdownText(clip(text))))));
        HomeData.Spend spend = snapshot.spend();
        blocks.add(section(s -> s.text(markdownText("*Your spend* — today: *" + usd(spend.today()) + "* · this month: *"
                + usd(spend.month()) + "*")).accessory(button(b -> b.actionId(REFRESH).text(plainText("Refresh")).value("home")))));
        blocks.add(context(c -> c.elements(List.of(markdownText("Days and months in UTC. Start a session by mentioning me, "
                + "sending me a message, opening the assistant pane or with `/agent new <task>`.")))));
        if (snapshot.sessions().isEmpty()) {
            blocks.add(section(s -> s.text(markdownText("_You have no agent sessions yet._"))));
        }
        for (HomeSnapshots.Row row : snapshot.sessions()) {
            blocks.addAll(sessionBlocks(row));
        }
        snapshot.workspace().ifPresent(workspace -> blocks.addAll(workspaceBlocks(workspace)));
        List<LayoutBlock> bounded = blocks.size() <= MAX_BLOCKS ? blocks : new ArrayList<>(blocks.subList(0, MAX_BLOCKS));
        return View.builder().type("home").callbackId("threadwork_home").blocks(bounded).build();
    }

    private List<LayoutBlock> sessionBlocks(HomeSnapshots.Row row) {
        ThreadKey thread = row.binding().thread();
        Optional<String> link = links.apply(thread);
        String text = "*" + escape(row.binding().title()) + "*\n" + STATUS_EMOJI.getOrDefault(row.status(), ":small_blue_diamond:")
                + " " + escape(row.status()) + " · " + where(thread.channelId()) + " · last activity " + date(row.lastActivity())
                + "\n" + row.summary().map(s -> String.format(java.util.Locale.ROOT, "%,d", s.inputTokens() + s.outputTokens()) + " tokens · "
                        + usd(s.costUsd())).orElse("no usage yet");
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(section(s -> {
            s.text(markdownText(clip(text)));
            link.ifPresent(url -> s.accessory(button(b -> b.actionId(OPEN).text(plainText("Open thread")).url(url)
                    .value(row.binding().sessionId().orElse("")))));
            return s;
        }));
        if (row.mayControl()) {
            String sessionId = row.binding().sessionId().orElseThrow();
            List<BlockElement> controls = List.of(
                    button(b -> b.actionId(STOP).text(plainText("Stop")).value(sessionId)),
                    button(b -> b.actionId(END).text(plainText("End")).style("danger").value(sessionId)
                            .confirm(confirmationDialog(d -> d.title(plainText("End this session?"))
                                    .text(plainText("The session is archived; replies in its thread will no longer reach it."))
                                    .confirm(plainText("End session")).deny(plainText("Cancel"))))));
            blocks.add(actions(a -> a.blockId("home_controls_" + sessionId).elements(controls)));
        }
        return blocks;
    }

    private List<LayoutBlock> workspaceBlocks(HomeSnapshots.Workspace workspace) {
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(divider());
        blocks.add(header(h -> h.text(plainText("Workspace (admins)"))));
        StringBuilder live = new StringBuilder("*Live sessions* (" + workspace.live().size() + ")");
        if (workspace.live().isEmpty()) {
            live.append("\n_none_");
        }
        for (HomeSnapshots.Row row : workspace.live()) {
            String title = escape(row.binding().title());
            live.append("\n• ").append(links.apply(row.binding().thread()).map(url -> "<" + url + "|" + title + ">").orElse(title))
                    .append(" — ").append(escape(row.status())).append(", <@").append(row.binding().startedBy()).append(">, ")
                    .append(where(row.binding().thread().channelId()))
                    .append(row.summary().map(s -> ", " + usd(s.costUsd())).orElse(""));
        }
        blocks.add(section(s -> s.text(markdownText(clip(live.toString())))));
        StringBuilder spend = new StringBuilder("*Spend this month by channel*");
        if (workspace.spendByChannel().isEmpty()) {
            spend.append("\n_nothing yet_");
        }
        // Direct messages and pane threads are one line: each person's DM with the bot is its own channel.
        Map<String, BigDecimal> byPlace = new java.util.LinkedHashMap<>();
        workspace.spendByChannel().forEach(c -> byPlace.merge(where(c.channelId()), c.month(), BigDecimal::add));
        byPlace.forEach((place, amount) -> spend.append("\n• ").append(place).append(": ").append(usd(amount)));
        blocks.add(section(s -> s.text(markdownText(clip(spend.toString())))));
        StringBuilder audit = new StringBuilder("*Latest audit entries*");
        if (workspace.audit().isEmpty()) {
            audit.append("\n_none_");
        }
        for (AuditLog.Entry entry : workspace.audit()) {
            audit.append("\n• ").append(date(entry.at())).append(" <@").append(entry.userId()).append("> ")
                    .append(escape(entry.action())).append(entry.sessionId().map(id -> " `" + id + "`").orElse(""))
                    .append(" — ").append(entry.outcome().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '))
                    .append(entry.detail().isBlank() ? "" : " (" + escape(ToolLabels.oneLine(entry.detail(), 80)) + ")");
        }
        blocks.add(section(s -> s.text(markdownText(clip(audit.toString())))));
        HomeSnapshots.Health health = workspace.health();
        blocks.add(section(s -> s.text(markdownText("*Health*: " + (health.problems().isEmpty() ? ":large_green_circle: ready"
                : ":red_circle: " + escape(String.join("; ", health.problems())))
                + "\nOutbox backlog: *" + health.outboxBacklog() + "* · Slack queue: *" + health.slackBacklog()
                + "* · open session streams: *" + health.openStreams() + "*"))));
        return blocks;
    }

    private static String where(String channelId) {
        return channelId.startsWith("D") ? "direct messages" : "<#" + channelId + ">";
    }

    static String date(Instant at) {
        return "<!date^" + at.getEpochSecond() + "^{date_short_pretty} {time}|" + FALLBACK.format(at) + ">";
    }

    static String usd(BigDecimal amount) {
        BigDecimal value = amount == null ? BigDecimal.ZERO : amount;
        boolean subCent = value.signum() > 0 && value.compareTo(new BigDecimal("0.01")) < 0;
        return "$" + value.setScale(subCent ? 4 : 2, RoundingMode.HALF_UP).toPlainString();
    }

    /** Titles and audit details are people's words: no markup, no mentions, no links of theirs. */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String clip(String text) {
        return text.length() <= SECTION_CHARS ? text : text.substring(0, SECTION_CHARS - 1) + "…";
    }
}
