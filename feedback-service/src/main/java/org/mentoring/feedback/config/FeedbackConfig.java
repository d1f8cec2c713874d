package org.mentoring.feedback.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of feedback requests, answers, mentor quality and reports. */
@ConfigMapping(prefix = "mentoring.feedback")
public interface FeedbackConfig {

    /** How long a feedback request stays open. */
    @WithDefault("P14D")
    Duration requestExpiry();

    /** How long after submitting its author may still change an answer. */
    @WithDefault("PT24H")
    Duration editWindow();

    /** The smallest number of answers or people a report figure may be drawn from; smaller ones are suppressed. */
    @WithDefault("5")
    int minGroupSize();

    /** How often open requests past their expiry are closed (a scheduler period such as 5m). */
    @WithDefault("5m")
    String expiryCheckInterval();

    /** How often due programme check-ins are sent (a scheduler period such as 15m). */
    @WithDefault("15m")
    String checkInInterval();

    Quality quality();

    interface Quality {

        /** How many imaginary ratings at the prior mean damp a mentor's average (a Bayesian average). */
        @WithDefault("5")
        double priorWeight();

        /** The rating a mentor is assumed to have before any feedback. */
        @WithDefault("3.5")
        double priorMean();
    }
}
