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

    public SlackCommands(CommandHandler handler, ExecutorService work) {
        this.handler = handler;
        this.work = work;
    }

    public void register(App app) {
        app.command("/agent", (request, ctx) -> {
            SlashCommandPayload payload = request.getPayload();
            AgentCommand command = AgentCommand.parse(payload.getText());
            String team = payload.getTeamId();
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
