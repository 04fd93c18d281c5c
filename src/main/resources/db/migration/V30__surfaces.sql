-- Slack-native surfaces (issue 18): the assistant pane and the App Home.

-- An assistant pane thread and the channel its user has open beside it. told_channel_id is the
-- channel the agent was last told about, so a change reaches the agent once, with the next message.
CREATE TABLE assistant_thread (
    team_id            VARCHAR(32)  NOT NULL,
    channel_id         VARCHAR(32)  NOT NULL,
    thread_ts          VARCHAR(32)  NOT NULL,
    user_id            VARCHAR(32)  NOT NULL,
    context_channel_id VARCHAR(32),
    told_channel_id    VARCHAR(32),
    started_at         TIMESTAMP    NOT NULL,
    updated_at         TIMESTAMP    NOT NULL,
    CONSTRAINT pk_assistant_thread PRIMARY KEY (team_id, channel_id, thread_ts)
);

-- Suggested prompts and whether a channel's recent messages may go to the agent; channel_id '*'
-- holds the workspace's choice. Empty columns fall back (channel -> workspace -> built-in).
CREATE TABLE surface_settings (
    team_id        VARCHAR(32)  NOT NULL,
    channel_id     VARCHAR(32)  NOT NULL,
    prompts        TEXT,
    share_history  VARCHAR(8),
    updated_by     VARCHAR(32)  NOT NULL,
    updated_at     TIMESTAMP    NOT NULL,
    CONSTRAINT pk_surface_settings PRIMARY KEY (team_id, channel_id)
);

-- People who opened the Home tab: only their views are refreshed when a session changes.
CREATE TABLE home_viewer (
    team_id    VARCHAR(32)  NOT NULL,
    user_id    VARCHAR(32)  NOT NULL,
    opened_at  TIMESTAMP    NOT NULL,
    CONSTRAINT pk_home_viewer PRIMARY KEY (team_id, user_id)
);

-- Spend by day: each session's cost growth is booked once (counted_usd moves by compare-and-set),
-- on the UTC day it was seen, to the person who started the session and the session's channel.
CREATE TABLE session_spend (
    session_id   VARCHAR(64)    NOT NULL PRIMARY KEY,
    counted_usd  DECIMAL(14, 6) NOT NULL
);
CREATE TABLE spend_day (
    team_id     VARCHAR(32)    NOT NULL,
    user_id     VARCHAR(32)    NOT NULL,
    channel_id  VARCHAR(32)    NOT NULL,
    spend_date  DATE           NOT NULL,
    cost_usd    DECIMAL(14, 6) NOT NULL,
    CONSTRAINT pk_spend_day PRIMARY KEY (team_id, user_id, channel_id, spend_date)
);
CREATE INDEX ix_spend_day_team ON spend_day (team_id, spend_date);

-- Sessions that already cost something are booked on the day they were last active.
INSERT INTO session_spend (session_id, counted_usd)
    SELECT r.session_id, r.cost_usd FROM render_state r WHERE r.cost_usd IS NOT NULL;
INSERT INTO spend_day (team_id, user_id, channel_id, spend_date, cost_usd)
    SELECT b.team_id, b.started_by, b.channel_id, CAST(r.updated_at AS DATE), SUM(r.cost_usd)
    FROM render_state r JOIN thread_binding b ON b.session_id = r.session_id
    WHERE r.cost_usd IS NOT NULL
    GROUP BY b.team_id, b.started_by, b.channel_id, CAST(r.updated_at AS DATE);
CREATE INDEX ix_render_state_updated ON render_state (updated_at);
CREATE INDEX ix_thread_binding_updated ON thread_binding (updated_at);
