-- Files shared with inbound Slack messages (issue 16), recorded before the message itself under its
-- outbox dedupe key. Portable between H2 and PostgreSQL.
CREATE TABLE inbound_file (
    dedupe_key    VARCHAR(200)  NOT NULL,
    position      INT           NOT NULL,
    slack_file_id VARCHAR(64)   NOT NULL,
    name          VARCHAR(1000) NOT NULL,
    mime_type     VARCHAR(255)  NOT NULL,
    size_bytes    BIGINT        NOT NULL,
    download_url  VARCHAR(2000),
    PRIMARY KEY (dedupe_key, position)
);
