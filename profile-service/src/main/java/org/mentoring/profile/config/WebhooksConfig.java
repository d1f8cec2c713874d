package org.mentoring.profile.config;

import java.time.Duration;
import java.util.List;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Outbound webhooks: who may be a target, how deliveries are sent and how long they are retried. */
@ConfigMapping(prefix = "mentoring.webhooks")
public interface WebhooksConfig {

    /** Whether subscription URLs may use plain http (the local stack); https only otherwise. */
    @WithDefault("false")
    boolean allowHttp();

    /**
     * Whether targets may resolve to loopback, link-local, private or metadata addresses (the local stack and the
     * delivery tests). Never in production: it opens the door to server-side request forgery.
     */
    @WithDefault("false")
    boolean allowPrivateTargets();

    /**
     * Pauses before each retry of a failed delivery, in order; when they are used up the subscription is disabled.
     * The default keeps trying for about 28 hours.
     */
    @WithDefault("5s,5m,30m,2h,5h,10h,10h")
    List<Duration> retrySchedule();

    /** Each pause varies randomly by up to this fraction either way, so failing receivers are not hit in waves. */
    @WithDefault("0.2")
    double retryJitter();

    /** Longest pause a receiver's Retry-After may impose. */
    @WithDefault("PT24H")
    Duration maxRetryAfter();

    /** How long the previous secret keeps signing after a rotation. */
    @WithDefault("PT24H")
    Duration secretRotationGrace();

    @WithDefault("5s")
    Duration connectTimeout();

    /** Longest wait for a receiver's response, after connecting. */
    @WithDefault("10s")
    Duration readTimeout();

    /** Bytes of a receiver's response body kept in the delivery log. */
    @WithDefault("256")
    int responsePrefixBytes();

    /** How long finished deliveries (delivered or failed) stay in the delivery log. */
    @WithDefault("P30D")
    Duration logRetention();

    Dispatcher dispatcher();

    interface Dispatcher {
        /** Whether this replica sends deliveries (replicas share the work through row locks). */
        @WithDefault("true")
        boolean enabled();

        /** Deliveries this replica sends at once (to different subscriptions). */
        @WithDefault("4")
        int workers();

        /** Pause of an idle worker before it looks for due deliveries again. */
        @WithDefault("1s")
        Duration pollInterval();
    }
}
