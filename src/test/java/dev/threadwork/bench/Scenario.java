package dev.threadwork.bench;

/** One benchmark: runs against loopback only and returns its figures (never asserts). */
public interface Scenario {

    String name();

    Result run(Options options) throws Exception;
}
