-- The one effect journal: an intent is committed before every outside effect, its result after it.
-- Portable between H2 and PostgreSQL. Times are epoch milliseconds, UTC.
CREATE TABLE effect (
    effect_key  VARCHAR(255) NOT NULL PRIMARY KEY,
    kind        VARCHAR(32)  NOT NULL,
    team_id     VARCHAR(32),
    channel_id  VARCHAR(32),
    thread_ts   VARCHAR(32),
    session_id  VARCHAR(64),
    state       VARCHAR(16)  NOT NULL,
    result      TEXT,
    epoch       BIGINT       NOT NULL,
    attempts    INT          NOT NULL,
    created_at  BIGINT       NOT NULL,
    updated_at  BIGINT       NOT NULL
);
CREATE INDEX ix_effect_pending ON effect (state, updated_at);
CREATE INDEX ix_effect_session ON effect (session_id);
