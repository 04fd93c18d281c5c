-- What the renderer last saw of a session, so lists and status need no API call.
ALTER TABLE render_state ADD COLUMN last_status VARCHAR(32);
ALTER TABLE render_state ADD COLUMN cost_usd DECIMAL(14, 6);
ALTER TABLE render_state ADD COLUMN input_tokens BIGINT;
ALTER TABLE render_state ADD COLUMN output_tokens BIGINT;
-- Whether the session should be streamed after a restart (running or waiting for someone).
ALTER TABLE render_state ADD COLUMN live BOOLEAN;
