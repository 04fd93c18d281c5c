package dev.threadwork.agents;

import java.util.List;
import java.util.Optional;

/** One page of a list, with the token of the next page when there is one. */
public record Page<T>(List<T> data, Optional<String> nextPage) {
}
