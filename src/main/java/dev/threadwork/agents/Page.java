package dev.threadwork.agents;

import java.util.List;
import java.util.Optional;

/** One page of a list endpoint; pass {@code nextPage} back to get the following one. */
public record Page<T>(List<T> data, Optional<String> nextPage) {
    public Page {
        data = List.copyOf(data);
    }
}
