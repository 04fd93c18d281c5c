package dev.threadwork.agents;

import java.time.Duration;

/** Waits; replaceable so tests of waiting code do not have to wait. */
@FunctionalInterface
interface Sleeper {

    Sleeper REAL = duration -> Thread.sleep(duration);

    void sleep(Duration duration) throws InterruptedException;
}
