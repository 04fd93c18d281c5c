-- Fingerprints of signed slash commands and interactions already handled, so that a replayed
-- request (same body, same signature, inside Slack's five-minute window) does nothing.
CREATE TABLE slack_request_seen (
    fingerprint  VARCHAR(64)  NOT NULL PRIMARY KEY,
    seen_at      TIMESTAMP    NOT NULL
);
CREATE INDEX ix_slack_request_seen_at ON slack_request_seen (seen_at);
