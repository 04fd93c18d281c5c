package dev.threadwork.slack;

import static com.slack.api.model.block.Blocks.input;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.plainTextInput;
import static com.slack.api.model.view.Views.view;
import static com.slack.api.model.view.Views.viewClose;
import static com.slack.api.model.view.Views.viewSubmit;
import static com.slack.api.model.view.Views.viewTitle;

import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.bolt.App;
import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.view.View;
import com.slack.api.model.view.ViewState;
import dev.threadwork.bridge.Binding;
import dev.threadwork.bridge.BindingStore;
import dev.threadwork.bridge.ControlReply;
import dev.threadwork.bridge.Restarter;
import dev.threadwork.bridge.SessionControl;
import dev.threadwork.bridge.SessionGateway;
import dev.threadwork.bridge.ThreadKey;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Buttons on the status card (stop, end, approve, deny, raise budget, show output), the
 * "Stop agent" message shortcut and their modals. Each is acknowledged at once; the answer goes to
 * the person who clicked, through the action's response URL.
 */
public final class SlackActions {

    private static final Logger LOG = Logger.getLogger(SlackActions.class.getName());
    static final String DENY_MODAL = "deny_reason";
    static final String BUDGET_MODAL = "raise_budget";
    private static final int MODAL_SECTION_CHARS = 2_900;
    private static final int MODAL_MAX_SECTIONS = 95;

    private final SessionControl control;
    private final Restarter restarter;
    private final BindingStore bindings;
    private final SessionGateway gateway;
    private final ExecutorService work;

    public SlackActions(SessionControl control, Restarter restarter, BindingStore bindings, SessionGateway gateway,
                        ExecutorService work) {
        this.control = control;
        this.restarter = restarter;
        this.bindings = bindings;
        this.gateway = gateway;
        this.work = work;
    }

    public void register(App app) {
        app.blockAction("session_stop", (request, ctx) -> later(ctx, request.getPayload(),
                (team, user, value) -> control.stop(team, user, value.sessionId())));
        app.blockAction("session_end", (request, ctx) -> later(ctx, request.getPayload(),
                (team, user, value) -> control.end(team, user, value.sessionId())));
        app.blockAction("tool_approve", (request, ctx) -> later(ctx, request.getPayload(),
                (team, user, value) -> value.eventId()
                        .map(toolUse -> control.confirm(team, user, value.sessionId(), toolUse, true, Optional.empty()))
                        .orElseGet(() -> ControlReply.refused("That button is missing its tool call."))));
        app.blockAction("tool_deny", (request, ctx) -> {
            openModal(ctx, request.getPayload(), DENY_MODAL, "Deny tool call", "Deny",
                    List.of(input(i -> i.blockId("reason").optional(true).label(plainText("Reason for the agent (optional)"))
                            .element(plainTextInput(t -> t.actionId("reason").multiline(true))))));
            return ctx.ack();
        });
        app.blockAction("budget_raise", (request, ctx) -> {
            openModal(ctx, request.getPayload(), BUDGET_MODAL, "Raise budget", "Raise",
                    List.of(input(i -> i.blockId("amount").label(plainText("New budget for this session, in USD"))
                            .element(plainTextInput(t -> t.actionId("amount").placeholder(plainText("e.g. 20")))))));
            return ctx.ack();
        });
        app.blockAction(java.util.regex.Pattern.compile("^tool_output(_.*)?$"), (request, ctx) -> {
            showToolOutput(ctx, request.getPayload());
            return ctx.ack();
        });
        app.blockAction("session_restart", (request, ctx) -> later(ctx, request.getPayload(),
                (team, user, value) -> {
                    try {
                        return restarter.restart(Long.parseLong(value.sessionId()), user);
                    } catch (NumberFormatException e) {
                        return ControlReply.refused("That button is not valid any more.");
                    }
                }));
        app.viewSubmission(DENY_MODAL, (request, ctx) -> {
            View view = request.getPayload().getView();
            Optional<ButtonValue> value = ButtonValue.parse(view.getPrivateMetadata());
            String user = request.getPayload().getUser().getId();
            String team = request.getPayload().getTeam().getId();
            Optional<String> reason = textInput(view, "reason");
            value.flatMap(v -> v.eventId().map(toolUse -> Map.entry(v, toolUse))).ifPresent(target -> work.execute(() ->
                    control.confirm(team, user, target.getKey().sessionId(), target.getValue(), false, reason)));
            return ctx.ack();
        });
        app.viewSubmission(BUDGET_MODAL, (request, ctx) -> {
            View view = request.getPayload().getView();
            Optional<ButtonValue> value = ButtonValue.parse(view.getPrivateMetadata());
            String user = request.getPayload().getUser().getId();
            String team = request.getPayload().getTeam().getId();
            BigDecimal amount;
            try {
                amount = new BigDecimal(textInput(view, "amount").orElse("").replace("$", "").strip());
                if (amount.signum() <= 0) {
                    throw new NumberFormatException();
                }
            } catch (NumberFormatException e) {
                return ctx.ackWithErrors(Map.of("amount", "Enter an amount in USD, such as 20 or 12.50."));
            }
            BigDecimal budget = amount;
            value.ifPresent(v -> work.execute(() -> control.raiseBudget(team, user, v.sessionId(), budget)));
            return ctx.ack();
        });
        app.messageShortcut("stop_agent", (request, ctx) -> {
            var payload = request.getPayload();
            String threadTs = payload.getMessage().getThreadTs() != null ? payload.getMessage().getThreadTs()
                    : payload.getMessage().getTs();
            String team = payload.getTeam().getId();
            String user = payload.getUser().getId();
            ThreadKey thread = new ThreadKey(team, payload.getChannel().getId(), threadTs);
            work.execute(() -> {
                ControlReply reply = bindings.find(thread).flatMap(Binding::sessionId)
                        .map(sessionId -> control.stop(team, user, sessionId))
                        .orElse(ControlReply.refused("That message's thread has no agent session."));
                try {
                    ctx.respond(reply.text());
                } catch (Exception e) {
                    LOG.log(Level.WARNING, "Could not answer the Stop agent shortcut: " + e.getClass().getSimpleName());
                }
            });
            return ctx.ack();
        });
    }

    @FunctionalInterface
    private interface ButtonWork {
        ControlReply run(String teamId, String userId, ButtonValue value);
    }

    private com.slack.api.bolt.response.Response later(ActionContext ctx, BlockActionPayload payload, ButtonWork action) {
        Optional<ButtonValue> value = firstValue(payload);
        String team = payload.getTeam() != null ? payload.getTeam().getId() : ctx.getTeamId();
        String user = payload.getUser().getId();
        work.execute(() -> {
            ControlReply reply = value.map(v -> action.run(team, user, v))
                    .orElse(ControlReply.refused("That button is not valid any more."));
            try {
                ctx.respond(r -> r.responseType("ephemeral").replaceOriginal(false).text(reply.text()));
            } catch (Exception e) {
                LOG.log(Level.WARNING, "Could not answer a button: " + e.getClass().getSimpleName());
            }
        });
        return ctx.ack();
    }

    private static Optional<ButtonValue> firstValue(BlockActionPayload payload) {
        return payload.getActions() == null || payload.getActions().isEmpty() ? Optional.empty()
                : ButtonValue.parse(payload.getActions().getFirst().getValue());
    }

    private static void openModal(ActionContext ctx, BlockActionPayload payload, String callbackId, String title,
                                  String submit, List<LayoutBlock> blocks) {
        Optional<ButtonValue> value = firstValue(payload);
        if (value.isEmpty()) {
            return;
        }
        try {
            ctx.client().viewsOpen(r -> r.triggerId(ctx.getTriggerId()).view(view(v -> v.type("modal")
                    .callbackId(callbackId).privateMetadata(value.get().encode())
                    .title(viewTitle(t -> t.type("plain_text").text(title)))
                    .submit(viewSubmit(s -> s.type("plain_text").text(submit)))
                    .close(viewClose(c -> c.type("plain_text").text("Cancel")))
                    .blocks(blocks))));
        } catch (Exception e) {
            LOG.log(Level.WARNING, "Could not open the " + callbackId + " modal: " + e.getClass().getSimpleName());
        }
    }

    /** Opens a modal with the complete output of a tool call (the card shows only its first lines). */
    private void showToolOutput(ActionContext ctx, BlockActionPayload payload) {
        Optional<ButtonValue> value = firstValue(payload);
        if (value.isEmpty() || value.get().eventId().isEmpty()) {
            return;
        }
        String triggerId = ctx.getTriggerId();
        // views.open must happen within 3 s of the click: open a placeholder now, fill it in after.
        try {
            var opened = ctx.client().viewsOpen(r -> r.triggerId(triggerId).view(outputView(List.of("Loading…"))));
            if (!opened.isOk() || opened.getView() == null) {
                return;
            }
            String viewId = opened.getView().getId();
            work.execute(() -> {
                String output;
                try {
                    output = gateway.toolResultText(value.get().sessionId(), value.get().eventId().get())
                            .orElse("(This tool call has no output in the session's history.)");
                } catch (RuntimeException e) {
                    output = "(Could not load the output: " + e.getMessage() + ")";
                }
                List<String> chunks = chunk(output);
                try {
                    ctx.client().viewsUpdate(r -> r.viewId(viewId).view(outputView(chunks)));
                } catch (Exception e) {
                    LOG.log(Level.WARNING, "Could not show a tool's output: " + e.getClass().getSimpleName());
                }
            });
        } catch (Exception e) {
            LOG.log(Level.WARNING, "Could not open the tool output modal: " + e.getClass().getSimpleName());
        }
    }

    private static View outputView(List<String> chunks) {
        List<LayoutBlock> blocks = new ArrayList<>();
        chunks.forEach(chunk -> blocks.add(section(s -> s.text(markdownText("```" + chunk + "```")))));
        return view(v -> v.type("modal").title(viewTitle(t -> t.type("plain_text").text("Tool output")))
                .close(viewClose(c -> c.type("plain_text").text("Close"))).blocks(blocks));
    }

    static List<String> chunk(String output) {
        List<String> chunks = new ArrayList<>();
        String text = output.isEmpty() ? " " : output.replace("```", "ˋˋˋ");
        for (int start = 0; start < text.length() && chunks.size() < MODAL_MAX_SECTIONS; start += MODAL_SECTION_CHARS) {
            chunks.add(text.substring(start, Math.min(text.length(), start + MODAL_SECTION_CHARS)));
        }
        if (text.length() > MODAL_MAX_SECTIONS * MODAL_SECTION_CHARS) {
            chunks.set(chunks.size() - 1, "… (output too long for Slack; shortened)");
        }
        return chunks;
    }

    private static Optional<String> textInput(View view, String blockId) {
        ViewState state = view.getState();
        if (state == null || state.getValues() == null || !state.getValues().containsKey(blockId)) {
            return Optional.empty();
        }
        return state.getValues().get(blockId).values().stream().findFirst()
                .map(ViewState.Value::getValue).filter(s -> s != null && !s.isBlank());
    }
}
