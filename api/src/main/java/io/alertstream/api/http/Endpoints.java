package io.alertstream.api.http;

import io.javalin.config.JavalinConfig;

/**
 * One group of the API's routes (accounts, ingest, alerts, ...). Javalin 7 takes routes in its
 * configuration, before the server starts; each group adds its own there.
 */
public interface Endpoints {
    void addTo(JavalinConfig config);
}
