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
import dev.threadwork.bridge.SessionAccess;
import dev.threadwork.bridge.SessionGateway;
import dev.threadwork.bridge.ThreadKey;
import dev.threadwork.render.ToolLabels;
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

    static final String REVIEW_MODAL = "tool_review";

    private final SessionControl control;
    private final Restarter restarter;
    private final BindingStore bindings;
    private final SessionGateway gateway;
    private final SessionAccess access;
    private final ExecutorService work;

    public SlackActions(SessionControl control, Restarter restarter, BindingStore bindings, SessionGateway gateway,
                        SessionAccess access, ExecutorService work) {
        this.control = control;
        this.restarter = restarter;
        this.bindings = bindings;
        this.gateway = gateway;
        this.access = access;
        this.work = work;
    }

    public void register(App app) {
        app.blockAction("session_stop", (request, ctx) -> later(ctx, request.getPayload(),
                (team, user, value, place) -> control.stop(team, user, value.sessionId()), true));
        app.blockAction("session_end", (request, ctx) -> later(ctx, request.getPayload(),
                (team, user, value, place) -> control.end(team, user, value.sessionId()), true));
        app.blockAction("tool_approve", (request, ctx) -> later(ctx, request.getPayload(),
                (team, user, value, place) -> value.eventId()
                        .map(toolUse -> control.confirm(team, user, value.sessionId(), toolUse, true, Optional.empty()))
                        .orElseGet(() -> ControlReply.refused("That button is missing its tool call.")), true));
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
            showToolText(ctx, request.getPayload(), "Tool output", null,
                    value -> gateway.toolResultText(value.sessionId(), value.eventId().get())
                            .orElse("(This tool call has no output in the session's history.)"));
            return ctx.ack();
        });
        app.blockAction(REVIEW_MODAL, (request, ctx) -> {
            showToolText(ctx, request.getPayload(), "Review tool call", "Approve",
                    value -> gateway.toolInputJson(value.sessionId(), value.eventId().get()).map(ToolLabels::pretty)
                            .orElse("(This tool call is not in the session's history.)"));
            return ctx.ack();
        });
        app.blockAction("session_restart", (request, ctx) -> later(ctx, request.getPayload(),
                (team, user, value, place) -> {
                    try {
                        return restarter.restart(Long.parseLong(value.sessionId()), user, place);
                    } catch (NumberFormatException e) {
                        return ControlReply.refused("That button is not valid any more.");
                    }
                }, false));
        app.viewSubmission(DENY_MODAL, (request, ctx) -> {
            View view = request.getPayload().getView();
            String user = request.getPayload().getUser().getId();
            Optional<String> reason = textInput(view, "reason");
            ModalTarget.parse(view.getPrivateMetadata()).filter(t -> t.value().eventId().isPresent())
                    .ifPresent(target -> work.execute(() -> inPlace(target, () -> control.confirm(target.place().teamId(), user,
                            target.value().sessionId(), target.value().eventId().get(), false, reason))));
            return ctx.ack();
        });
        app.viewSubmission(REVIEW_MODAL, (request, ctx) -> {
            String user = request.getPayload().getUser().getId();
            ModalTarget.parse(request.getPayload().getView().getPrivateMetadata()).filter(t -> t.value().eventId().isPresent())
                    .ifPresent(target -> work.execute(() -> inPlace(target, () -> control.confirm(target.place().teamId(), user,
                            target.value().sessionId(), target.value().eventId().get(), true, Optional.empty()))));
            return ctx.ack();
        });
        app.viewSubmission(BUDGET_MODAL, (request, ctx) -> {
            View view = request.getPayload().getView();
            Optional<ModalTarget> target = ModalTarget.parse(view.getPrivateMetadata());
            String user = request.getPayload().getUser().getId();
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
            target.ifPresent(t -> work.execute(() -> inPlace(t,
                    () -> control.raiseBudget(t.place().teamId(), user, t.value().sessionId(), budget))));
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
        ControlReply run(String teamId, String userId, ButtonValue value, SessionAccess.Place place);
    }

    /**
     * Where a button was clicked: the payload's channel and the thread of the message carrying
     * the button (Slack names it in {@code container.thread_ts}; a top-level message is its own thread).
     */
    static SessionAccess.Place place(BlockActionPayload payload, String team) {
        var container = payload.getContainer();
        String channel = payload.getChannel() != null ? payload.getChannel().getId()
                : container != null ? container.getChannelId() : null;
        String thread = container != null && container.getThreadTs() != null ? container.getThreadTs()
                : payload.getMessage() != null && payload.getMessage().getThreadTs() != null ? payload.getMessage().getThreadTs()
                : container != null ? container.getMessageTs() : null;
        return new SessionAccess.Place(team, channel == null ? "" : channel, Optional.ofNullable(thread).or(() -> Optional.of("")));
    }

    /**
     * @param sessionValue the value is a session id, which must belong to the place; otherwise the
     *                     work checks the place itself
     */
    private com.slack.api.bolt.response.Response later(ActionContext ctx, BlockActionPayload payload, ButtonWork action,
                                                       boolean sessionValue) {
        Optional<ButtonValue> value = firstValue(payload);
        String team = payload.getTeam() != null ? payload.getTeam().getId() : ctx.getTeamId();
        String user = payload.getUser().getId();
        SessionAccess.Place place = place(payload, team);
        work.execute(() -> {
            ControlReply reply = value.map(v -> !sessionValue ? action.run(team, user, v, place)
                            : switch (access.forControl(v.sessionId(), place, user, actionId(payload))) {
                                case SessionAccess.Lookup.Found found -> action.run(team, user, v, place);
                                case SessionAccess.Lookup.Refused refused -> ControlReply.refused(refused.reason());
                            })
                    .orElse(ControlReply.refused("That button is not valid any more."));
            respond(ctx, reply.text());
        });
        return ctx.ack();
    }

    private static void respond(ActionContext ctx, String text) {
        try {
            ctx.respond(r -> r.responseType("ephemeral").replaceOriginal(false).text(text));
        } catch (Exception e) {
            LOG.log(Level.WARNING, "Could not answer a button: " + e.getClass().getSimpleName());
        }
    }

    /** Runs a modal's work only if its session still belongs where the modal was opened from. */
    private void inPlace(ModalTarget target, java.util.function.Supplier<ControlReply> work) {
        if (access.resolve(target.value().sessionId(), target.place()).isPresent()) {
            work.get();
        } else {
            LOG.info("Ignored a modal submission for a session outside the place it was opened from");
        }
    }

    private static String actionId(BlockActionPayload payload) {
        return payload.getActions() == null || payload.getActions().isEmpty() ? "button"
                : payload.getActions().getFirst().getActionId();
    }

    private static Optional<ButtonValue> firstValue(BlockActionPayload payload) {
        return payload.getActions() == null || payload.getActions().isEmpty() ? Optional.empty()
                : ButtonValue.parse(payload.getActions().getFirst().getValue());
    }

    /**
     * What a modal acts on, kept in its {@code private_metadata} (set by us, returned by Slack in
     * the signed submission): the button's value and where the button was clicked.
     */
    record ModalTarget(ButtonValue value, SessionAccess.Place place) {

        String encode() {
            return String.join("\n", value.encode(), place.teamId(), place.channelId(), place.threadTs().orElse(""));
        }

        static Optional<ModalTarget> parse(String metadata) {
            String[] parts = metadata == null ? new String[0] : metadata.split("\n", -1);
            if (parts.length != 4) {
                return Optional.empty();
            }
            return ButtonValue.parse(parts[0]).map(v -> new ModalTarget(v,
                    new SessionAccess.Place(parts[1], parts[2], parts[3].isEmpty() ? Optional.empty() : Optional.of(parts[3]))));
        }
    }

    private void openModal(ActionContext ctx, BlockActionPayload payload, String callbackId, String title,
                           String submit, List<LayoutBlock> blocks) {
        Optional<ButtonValue> value = firstValue(payload);
        if (value.isEmpty()) {
            return;
        }
        String team = payload.getTeam() != null ? payload.getTeam().getId() : ctx.getTeamId();
        SessionAccess.Place place = place(payload, team);
        if (access.forControl(value.get().sessionId(), place, payload.getUser().getId(), callbackId)
                instanceof SessionAccess.Lookup.Refused refused) {
            work.execute(() -> respond(ctx, refused.reason()));
            return;
        }
        ModalTarget target = new ModalTarget(value.get(), place);
        try {
            ctx.client().viewsOpen(r -> r.triggerId(ctx.getTriggerId()).view(view(v -> v.type("modal")
                    .callbackId(callbackId).privateMetadata(target.encode())
                    .title(viewTitle(t -> t.type("plain_text").text(title)))
                    .submit(viewSubmit(s -> s.type("plain_text").text(submit)))
                    .close(viewClose(c -> c.type("plain_text").text("Cancel")))
                    .blocks(blocks))));
        } catch (Exception e) {
            LOG.log(Level.WARNING, "Could not open the " + callbackId + " modal: " + e.getClass().getSimpleName());
        }
    }

    /**
     * Opens a modal with the complete text of a tool call (its output, or its input for a review
     * before approval), for people allowed to talk to sessions in the channel it was clicked in.
     * With {@code submit}, the modal is the approval: submitting it approves the call.
     */
    private void showToolText(ActionContext ctx, BlockActionPayload payload, String title, String submit,
                              java.util.function.Function<ButtonValue, String> text) {
        Optional<ButtonValue> value = firstValue(payload);
        if (value.isEmpty() || value.get().eventId().isEmpty()) {
            return;
        }
        String team = payload.getTeam() != null ? payload.getTeam().getId() : ctx.getTeamId();
        SessionAccess.Place place = place(payload, team);
        if (access.forViewing(value.get().sessionId(), place, payload.getUser().getId())
                instanceof SessionAccess.Lookup.Refused refused) {
            work.execute(() -> respond(ctx, refused.reason()));
            return;
        }
        String triggerId = ctx.getTriggerId();
        String metadata = new ModalTarget(value.get(), place).encode();
        // views.open must happen within 3 s of the click: open a placeholder now, fill it in after.
        try {
            var opened = ctx.client().viewsOpen(r -> r.triggerId(triggerId).view(textView(title, null, metadata, List.of("Loading…"))));
            if (!opened.isOk() || opened.getView() == null) {
                return;
            }
            String viewId = opened.getView().getId();
            work.execute(() -> {
                String shown;
                try {
                    shown = text.apply(value.get());
                } catch (RuntimeException e) {
                    shown = "(Could not load it: " + e.getMessage() + ")";
                }
                List<String> fitted = chunk(shown);
                // Too long for a modal: say so; a review that cannot show everything offers no Approve.
                List<String> chunks = fitted.isEmpty() ? List.of("(" + shown.length() + " characters: too long to show in Slack."
                        + (submit == null ? "" : " It cannot be approved from Slack, since nobody can read all of it here; deny it instead.")
                        + ")") : fitted;
                String submitOrNone = fitted.isEmpty() ? null : submit;
                try {
                    ctx.client().viewsUpdate(r -> r.viewId(viewId).view(textView(title, submitOrNone, metadata, chunks)));
                } catch (Exception e) {
                    LOG.log(Level.WARNING, "Could not show a tool's text: " + e.getClass().getSimpleName());
                }
            });
        } catch (Exception e) {
            LOG.log(Level.WARNING, "Could not open the tool text modal: " + e.getClass().getSimpleName());
        }
    }

    private static View textView(String title, String submit, String metadata, List<String> chunks) {
        List<LayoutBlock> blocks = new ArrayList<>();
        // Tool text is hostile like all agent output: escaped, so it shows as written and pings nobody.
        chunks.forEach(chunk -> blocks.add(section(s -> s.text(markdownText("```" + chunk + "```")))));
        return view(v -> {
            v.type("modal").title(viewTitle(t -> t.type("plain_text").text(title)))
                    .close(viewClose(c -> c.type("plain_text").text(submit == null ? "Close" : "Cancel"))).blocks(blocks);
            if (submit != null) {
                v.callbackId(REVIEW_MODAL).privateMetadata(metadata).submit(viewSubmit(s -> s.type("plain_text").text(submit)));
            }
            return v;
        });
    }

    /**
     * The text escaped (tool text is hostile like all agent output: it shows as written and pings
     * nobody) and cut into sections Slack accepts, never inside an escape. Empty when it does not fit
     * in one modal.
     */
    static List<String> chunk(String output) {
        String text = (output.isEmpty() ? " " : output.replace("```", "ˋˋˋ"))
                .replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
        List<String> chunks = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            if (chunks.size() == MODAL_MAX_SECTIONS) {
                return List.of();
            }
            int end = Math.min(text.length(), start + MODAL_SECTION_CHARS);
            int amp = text.lastIndexOf('&', end - 1);
            if (end < text.length() && amp >= start && amp > end - 5 && text.indexOf(';', amp) >= end) {
                end = amp; // do not cut "&amp;" in two
            }
            chunks.add(text.substring(start, end));
            start = end;
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
