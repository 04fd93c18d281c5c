package dev.threadwork.slack;

import dev.threadwork.bridge.SlackMessage;
import dev.threadwork.bridge.SlackFileSource;
import dev.threadwork.config.Secret;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Downloads files shared in Slack from {@code url_private_download} with the bot token (scope
 * {@code files:read}). Slack answers a request without a valid token with a redirect to its HTML
 * login page, not an error: redirects are not followed, and a redirect or an HTML answer for a file
 * that is not HTML is a failure, never the file.
 */
public final class SlackFileDownloads implements SlackFileSource {

    private final OkHttpClient http;
    private final Secret botToken;
    private final String apiHost;

    public SlackFileDownloads(Secret botToken, URI apiUrl) {
        this.botToken = botToken;
        this.apiHost = apiUrl.getHost() == null ? "slack.com" : apiUrl.getHost().toLowerCase(Locale.ROOT);
        this.http = new OkHttpClient.Builder()
                .followRedirects(false)
                .followSslRedirects(false)
                .connectTimeout(Duration.ofSeconds(15))
                .readTimeout(Duration.ofSeconds(60))
                .callTimeout(Duration.ofMinutes(10))
                .build();
    }

    @Override
    public byte[] download(SlackMessage.SharedFile file, long maxBytes) {
        String url = file.urlPrivateDownload().orElseThrow(() -> new DownloadFailed("no download URL", true, null));
        HttpUrl parsed = HttpUrl.parse(url);
        if (parsed == null) {
            throw new DownloadFailed("not a URL", true, null);
        }
        if (!trustedHost(parsed.host())) {
            // The bot token goes to Slack only.
            throw new DownloadFailed("the download URL is not on Slack (" + parsed.host() + ")", true, null);
        }
        Request request = new Request.Builder().url(parsed).header("Authorization", "Bearer " + botToken.reveal()).get().build();
        try (Response response = http.newCall(request).execute()) {
            if (response.isRedirect()) {
                throw new DownloadFailed("Slack redirected to its login page: is the bot token valid, with files:read?", true, null);
            }
            if (response.code() == 429 || response.code() >= 500) {
                throw new DownloadFailed("Slack answered " + response.code(), false, null);
            }
            if (!response.isSuccessful()) {
                throw new DownloadFailed("Slack answered " + response.code(), true, null);
            }
            String contentType = response.header("Content-Type", "");
            if (contentType.toLowerCase(Locale.ROOT).startsWith("text/html") && !"text/html".equals(file.mimetype())) {
                throw new DownloadFailed("Slack sent an HTML page instead of the file (a login page?)", true, null);
            }
            try (InputStream body = response.body().byteStream()) {
                byte[] bytes = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
                if (bytes.length > maxBytes) {
                    throw new DownloadFailed("the file is larger than Slack said", true, null);
                }
                return bytes;
            }
        } catch (IOException e) {
            throw new DownloadFailed("the download failed (" + e.getClass().getSimpleName() + ")", false, e);
        }
    }

    private boolean trustedHost(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.equals(apiHost) || h.equals("slack.com") || h.endsWith(".slack.com") || h.endsWith(".slack-edge.com");
    }
}
