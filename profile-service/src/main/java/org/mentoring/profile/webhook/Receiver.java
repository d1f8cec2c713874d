package org.mentoring.profile.webhook;

import java.io.ByteArrayOutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One HTTP POST to a subscriber's URL: redirects are never followed, connecting and answering are bounded in
 * time, and only a short prefix of the response body is kept.
 */
public final class Receiver {

    /** What came of one attempt: a status code, or an error when no response arrived in time. */
    public record Response(Integer statusCode, String error, String bodyPrefix, long latencyMs,
                           Optional<String> retryAfter) {
    }

    private final HttpClient client;
    private final Duration readTimeout;
    private final int prefixBytes;

    public Receiver(Duration connectTimeout, Duration readTimeout, int prefixBytes) {
        this.client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(connectTimeout)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        this.readTimeout = readTimeout;
        this.prefixBytes = prefixBytes;
    }

    public Response post(String url, Map<String, String> headers, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(readTimeout)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        long started = System.nanoTime();
        CompletableFuture<HttpResponse<byte[]>> future =
                client.sendAsync(request.build(), info -> new PrefixSubscriber(prefixBytes));
        try {
            // The request timeout bounds the wait for the status line; this bounds the whole exchange.
            HttpResponse<byte[]> response = future.get(readTimeout.toMillis() * 2 + 1000, TimeUnit.MILLISECONDS);
            return new Response(response.statusCode(), null,
                    new String(response.body(), StandardCharsets.UTF_8), elapsed(started),
                    response.headers().firstValue("retry-after"));
        } catch (TimeoutException e) {
            future.cancel(true);
            return failure("timeout: no complete response in time", started);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof HttpConnectTimeoutException) {
                return failure("timeout: could not connect in time", started);
            }
            if (cause instanceof HttpTimeoutException) {
                return failure("timeout: no response in time", started);
            }
            if (cause instanceof ConnectException) {
                return failure("connection refused", started);
            }
            String message = cause.getMessage() == null ? "" : ": " + cause.getMessage();
            return failure("connection error (" + cause.getClass().getSimpleName() + message + ")", started);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(true);
            return failure("interrupted", started);
        }
    }

    private static Response failure(String error, long started) {
        return new Response(null, error.length() > 500 ? error.substring(0, 500) : error, null, elapsed(started),
                Optional.empty());
    }

    private static long elapsed(long started) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    }

    /** Keeps the first bytes of a body and discards the rest as it streams by. */
    private static final class PrefixSubscriber implements HttpResponse.BodySubscriber<byte[]> {
        private final int limit;
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();

        PrefixSubscriber(int limit) {
            this.limit = limit;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            for (ByteBuffer buffer : items) {
                int room = limit - kept.size();
                if (room > 0) {
                    byte[] chunk = new byte[Math.min(room, buffer.remaining())];
                    buffer.get(chunk);
                    kept.write(chunk, 0, chunk.length);
                }
            }
        }

        @Override
        public void onError(Throwable throwable) {
            result.completeExceptionally(throwable);
        }

        @Override
        public void onComplete() {
            result.complete(kept.toByteArray());
        }
    }
}
