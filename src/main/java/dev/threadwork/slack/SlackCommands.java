package dev.threadwork.slack;

import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.bolt.App;
import com.slack.api.bolt.context.builtin.SlashCommandContext;
import dev.threadwork.bridge.AgentCommand;
import dev.threadwork.bridge.CommandHandler;
import dev.threadwork.bridge.ControlReply;
import java.util.concurrent.ExecutorService;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code /agent}: answers that need only the database come with the ack; those that call the
 * agents API are acknowledged at once and answered through the command's response URL.
 */
public final class SlackCommands {

    private static final Logger LOG = Logger.getLogger(SlackCommands.class.getName());

    private final CommandHandler handler;
    private final ExecutorService work;
    private final java.util.Optional<dev.threadwork.bridge.SurfaceConfig> surfaces;

    public SlackCommands(CommandHandler handler, ExecutorService work) {
        this(handler, work, null);
    }

    /** @param surfaces the assistant pane's {@code /agent config} keys (database only: answered with the ack) */
    public SlackCommands(CommandHandler handler, ExecutorService work, dev.threadwork.bridge.SurfaceConfig surfaces) {
        this.handler = handler;
        this.work = work;
        this.surfaces = java.util.Optional.ofNullable(surfaces);
    }

    public void register(App app) {
        app.command("/agent", (request, ctx) -> {
            SlashCommandPayload payload = request.getPayload();
            AgentCommand command = AgentCommand.parse(payload.getText());
            String team = payload.getTeamId();
            if (surfaces.isPresent() && surfaces.get().handles(command)) {
                return ctx.ack(surfaces.get().set(team, payload.getChannelId(), payload.getUserId(),
                        (AgentCommand.SetConfig) command).text());
            }
            if (command instanceof AgentCommand.ShowConfig && surfaces.isPresent()) {
                return ctx.ack(handler.handle(team, payload.getChannelId(), payload.getUserId(), command).text()
                        + surfaces.get().describe(team, payload.getChannelId()));
            }
            if (command instanceof AgentCommand.Help || command instanceof AgentCommand.ListSessions
                    || command instanceof AgentCommand.ShowConfig) {
                ControlReply reply = handler.handle(team, payload.getChannelId(), payload.getUserId(), command);
                return ctx.ack(reply.text());
            }
            work.execute(() -> respond(ctx, handler.handle(team, payload.getChannelId(), payload.getUserId(), command)));
            return ctx.ack();
        });
    }

    private static void respond(SlashCommandContext ctx, ControlReply reply) {
        try {
            ctx.respond(reply.text());
        } catch (Exception e) {
            LOG.log(Level.WARNING, "Could not answer a /agent command: " + e.getClass().getSimpleName());
        }
    }
}
