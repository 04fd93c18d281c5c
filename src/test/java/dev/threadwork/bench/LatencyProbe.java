package dev.threadwork.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Fires a batch of POSTs at once and times each from the client. Each request has its own
 * already-connected socket and is written as prepared bytes: on two shared cores the JDK
 * HttpClient's own overhead (one selector thread, connection setup) dominated the bare floor and
 * hid the server's share, so this measures only request-written to response-read.
 */
final class LatencyProbe {

    /** A prepared request: signing happens before the clock starts, as it does on Slack's side. */
    record Post(URI uri, Map<String, String> headers, String body) {

        byte[] bytes() {
            byte[] body = this.body.getBytes(StandardCharsets.UTF_8);
            StringBuilder head = new StringBuilder("POST ").append(uri.getRawPath()).append(" HTTP/1.1\r\nHost: ")
                    .append(uri.getHost()).append(':').append(uri.getPort()).append("\r\nContent-Length: ")
                    .append(body.length).append("\r\n");
            headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
            byte[] start = head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII);
            byte[] all = new byte[start.length + body.length];
            System.arraycopy(start, 0, all, 0, start.length);
            System.arraycopy(body, 0, all, start.length, body.length);
            return all;
        }
    }

    /** Latencies in ms of the answered requests, and how many answered something other than 200 (or failed). */
    record Batch(List<Double> millis, int failures) {
    }

    Batch fire(List<Post> posts) throws InterruptedException, IOException {
        ConcurrentLinkedQueue<Double> millis = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Integer> failures = new ConcurrentLinkedQueue<>();
        List<Socket> sockets = new ArrayList<>();
        CountDownLatch go = new CountDownLatch(1);
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Post post : posts) {
                Socket socket = new Socket(post.uri().getHost(), post.uri().getPort());
                socket.setTcpNoDelay(true);
                socket.setSoTimeout(30_000);
                sockets.add(socket);
                byte[] request = post.bytes();
                threads.submit(() -> {
                    go.await();
                    long start = System.nanoTime();
                    try {
                        socket.getOutputStream().write(request);
                        int status = readResponse(new BufferedInputStream(socket.getInputStream()));
                        millis.add((System.nanoTime() - start) / 1e6);
                        if (status != 200) {
                            failures.add(status);
                        }
                    } catch (IOException e) {
                        failures.add(-1);
                    }
                    return null;
                });
            }
            go.countDown();
        } finally {
            for (Socket socket : sockets) {
                socket.close();
            }
        }
        return new Batch(new ArrayList<>(millis), failures.size());
    }

    /** Reads one response (Content-Length or chunked body) and returns its status. */
    private static int readResponse(InputStream in) throws IOException {
        String statusLine = line(in);
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        long length = 0;
        boolean chunked = false;
        for (String header = line(in); !header.isEmpty(); header = line(in)) {
            String lower = header.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Long.parseLong(lower.substring(15).trim());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            }
        }
        if (chunked) {
            for (long size = Long.parseLong(line(in).trim(), 16); size > 0; size = Long.parseLong(line(in).trim(), 16)) {
                in.skipNBytes(size);
                line(in);
            }
            line(in);
        } else {
            in.skipNBytes(length);
        }
        return status;
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("connection closed mid-response");
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }
}
