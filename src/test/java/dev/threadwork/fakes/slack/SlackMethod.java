package dev.threadwork.fakes.slack;

/** Handles one Web API method after authentication and rate limiting. */
@FunctionalInterface
interface SlackMethod {

    SlackReply handle(SlackRequest request);
}
