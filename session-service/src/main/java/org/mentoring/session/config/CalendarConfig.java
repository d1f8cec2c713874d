package org.mentoring.session.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where calendar feeds are served from, so a feed URL can be handed out whole. */
@ConfigMapping(prefix = "mentoring.calendar")
public interface CalendarConfig {

    /** The public base URL of the API (the ingress), without a trailing slash. */
    @WithDefault("http://127.0.0.1:8083")
    String publicBaseUrl();
}
