package io.alertstream.api;

import io.alertstream.api.alerts.TestAuthenticator;
import io.alertstream.testkit.EmbeddedKafka;
import io.alertstream.testkit.Waits;
import java.nio.file.Path;
import java.time.Duration;

/**
 * One embedded broker and one API instance on the engine's default topic names, whose callers are who the test header
 * names ({@link TestAuthenticator}: {@link #ALICE}, {@link #BOB}, {@link #ROOT}), and a client that checks every answer
 * against openapi.json: the fixture of the ITs of one route family (silences, targets).
 */
public final class SingleApi implements AutoCloseable {
    public static final String ALICE = "test:alice:alice@example.com:false";
    public static final String BOB = "test:bob:bob@example.com:false";
    public static final String ROOT = "test:root:root@example.com:true";

    public final EmbeddedKafka kafka;
    public final ApiApp app;
    public final ApiClient client;

    private SingleApi(EmbeddedKafka kafka, ApiApp app) {
        this.kafka = kafka;
        this.app = app;
        this.client = new ApiClient(app.url());
    }

    /** Starts the broker and the instance ({@code applicationId}, its state under {@code stateDir}). */
    public static SingleApi start(String applicationId, Path stateDir) throws Exception {
        EmbeddedKafka kafka = EmbeddedKafka.start();
        try {
            return new SingleApi(kafka, ApiApp.start(ApiTestSupport.engineTopics(kafka, applicationId, stateDir), Duration.ofSeconds(60),
                    new TestAuthenticator()));
        } catch (Exception | Error e) {
            kafka.close();
            throw e;
        }
    }

    /** A request as {@code who}, its answer checked against the route {@code template} of openapi.json. */
    public ApiClient.Response send(String method, String path, String template, String who, String body) {
        return client.send(method, path, template, who, body);
    }

    @Override
    public void close() {
        Waits.closeAll(app, kafka);
    }
}
