package dev.threadwork.bench;

final class SessionsScenario implements Scenario {

    @Override
    public String name() {
        return "sessions";
    }

    @Override
    public Result run(Options options) {
        throw new UnsupportedOperationException("not yet");
    }
}
