package dev.threadwork.fakes.slack;

import java.util.List;

/** One emoji on a message, with the users who added it, in order. */
public record Reaction(String name, List<String> users) {

    public Reaction {
        users = List.copyOf(users);
    }
}
