package dev.threadwork.bench;

import java.util.List;

/** One benchmark: runs against loopback only and returns its figures (never asserts). */
public interface Scenario {

    String name();

    /** Usually one result; a scenario with steps returns one per step (each its own JSON file). */
    List<Result> run(Options options) throws Exception;
}
