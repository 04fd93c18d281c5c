package dev.threadwork.web;

import dev.threadwork.config.ThreadworkConfig;
import java.nio.file.Path;

/** The one line a start prints about what is running: version, port, transport, database, agent, environment, instance. */
final class StartupSummary {

    private StartupSummary() {
    }

    static String line(ThreadworkConfig config, String version) {
        return "Threadwork " + version + " started: port " + config.port()
                + ", transport " + (config.slack().socketMode() ? "Socket Mode" : "HTTP (Events API at /slack/events)")
                + ", database " + database(config.database().url())
                + ", agent " + config.anthropic().agentId()
                + ", environment " + config.anthropic().environmentId()
                + ", instance " + config.instanceId();
    }

    /** H2's file path or PostgreSQL's host and database; never a user name or password from the URL. */
    static String database(String url) {
        if (url.startsWith("jdbc:postgresql:")) {
            String rest = url.substring("jdbc:postgresql:".length()).replaceFirst("^//", "");
            rest = rest.replaceFirst("[?;].*$", "").replaceFirst("^[^@/]*@", "");
            return "PostgreSQL " + rest;
        }
        String rest = url.substring("jdbc:h2:".length()).replaceFirst(";.*$", "");
        if (rest.startsWith("mem:")) {
            return "H2 in memory";
        }
        if (rest.startsWith("tcp:") || rest.startsWith("ssl:")) {
            return "H2 server " + rest.substring(4).replaceFirst("^//", "");
        }
        rest = rest.replaceFirst("^(file|async|nio|nioMapped|split):", "");
        return "H2 " + Path.of(rest).toAbsolutePath().normalize() + ".mv.db";
    }
}
