package io.alertstream.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.fasterxml.jackson.databind.JsonNode;
import io.alertstream.testkit.EmbeddedKafka;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Accounts and API tokens against a real broker, as a client sees them. */
class AccountsIT {
    private static EmbeddedKafka kafka;
    private static Properties props;
    private static ApiApp app;
    private static ApiClient client;

    @BeforeAll
    static void start() throws Exception {
        kafka = EmbeddedKafka.start();
        props = ApiTestSupport.with(ApiTestSupport.props(kafka, "accounts"), Map.of("alertstream.api.admin.users", "root-admin"));
        app = ApiTestSupport.start(props);
        client = new ApiClient(app.url());
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    static ApiClient.Response signup(ApiClient c, String user, String password) {
        return c.post("/v1/signup", null, ApiClient.json(Map.of("user", user, "email", user + "@example.com", "password", password)));
    }

    static String login(ApiClient c, String user, String password) {
        ApiClient.Response r = c.post("/v1/login", null, ApiClient.json(Map.of("user", user, "password", password)));
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        return r.json().get("token").asText();
    }

    /** openapi.json and the server's routes (but the console's pages) are the same set, including the alert and uptime target routes. */
    @Test
    void shouldDocumentEveryRegisteredRouteAndRegisterEveryDocumentedOne() {
        // The web console's pages are HTML for browsers, not part of the JSON API's document.
        java.util.Set<String> registered = new java.util.TreeSet<>(app.server().routes().stream()
                .filter(r -> !io.alertstream.api.console.ConsoleRoutes.isConsole(r)).toList());
        java.util.Set<String> documented = OpenApiContract.load().operations();
        assertThat(documented).as("registered routes missing from openapi.json").containsAll(registered);
        java.util.Set<String> notRegistered = new java.util.TreeSet<>(documented);
        notRegistered.removeAll(registered);
        assertThat(notRegistered).as("documented but not registered").isEmpty();
        assertThat(registered).contains("POST /v1/signup", "POST /v1/login", "GET /v1/me", "POST /v1/tokens", "GET /v1/tokens",
                "DELETE /v1/tokens/{id}", "POST /v1/events", "GET /openapi.json", "GET /v1/alerts", "GET /v1/alerts/{key}",
                "GET /v1/alerts/history", "GET /v1/rules", "POST /v1/targets", "GET /v1/targets", "GET /v1/targets/{id}",
                "PUT /v1/targets/{id}", "DELETE /v1/targets/{id}", "GET /v1/targets/{id}/stats", "GET /v1/targets/{id}/alerts");
    }

    /** Prometheus reads the API's own Streams application and JVM without a login, on the API's address. */
    @Test
    void shouldServeMetricsWithoutLogin() {
        ApiClient.Response r = client.send("GET", "/metrics", null, null, null); // text, not JSON: no contract check
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        assertThat(r.contentType()).startsWith("text/plain");
        String applicationId = props.getProperty("alertstream.api.application.id");
        assertThat(r.body()).containsPattern("(?m)^kafka_stream_thread_process_rate\\{application=\"" + java.util.regex.Pattern.quote(applicationId) + "\"")
                .containsPattern("(?m)^jvm_memory_used_bytes\\{");
        assertThat(app.url()).as("served on the API's own (loopback) address").startsWith("http://127.0.0.1:");
    }

    @Test
    void shouldSignUpLogInAndCreateUseListAndRevokeApiTokens() {
        try (LogCapture logs = LogCapture.open()) {
            lifeCycle(logs);
        }
    }

    private void lifeCycle(LogCapture logs) {
        ApiClient.Response created = signup(client, "alice", "correct horse battery");
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        assertThat(created.json().get("user").asText()).isEqualTo("alice");
        assertThat(created.body()).doesNotContain("correct horse");

        String jwt = login(client, "alice", "correct horse battery");
        JsonNode me = client.get("/v1/me", jwt).json();
        assertThat(me.get("user").asText()).isEqualTo("alice");
        assertThat(me.get("email").asText()).isEqualTo("alice@example.com");
        assertThat(me.get("admin").asBoolean()).isFalse();

        ApiClient.Response token = client.post("/v1/tokens", jwt, "{\"name\":\"ci\"}");
        assertThat(token.status()).as("%s", token).isEqualTo(201);
        String apiToken = token.json().get("token").asText();
        String id = token.json().get("id").asText();
        assertThat(apiToken).startsWith("ast_" + id + "_");
        String secret = apiToken.substring(("ast_" + id + "_").length());
        assertThat(secret).hasSizeGreaterThanOrEqualTo(43);

        ApiClient.Response viaToken = client.get("/v1/me", apiToken);
        assertThat(viaToken.status()).as("%s", viaToken).isEqualTo(200);
        assertThat(viaToken.json().get("user").asText()).isEqualTo("alice");

        ApiClient.Response list = client.get("/v1/tokens", jwt);
        assertThat(list.json().get("tokens")).hasSize(1);
        assertThat(list.body()).doesNotContain(secret);

        ApiClient.Response revoked = client.send("DELETE", "/v1/tokens/" + id, "/v1/tokens/{id}", jwt, null);
        assertThat(revoked.status()).as("%s", revoked).isEqualTo(204);
        ApiClient.Response after = client.get("/v1/me", apiToken);
        assertThat(after.status()).as("%s", after).isEqualTo(401);
        assertThat(after.header("WWW-Authenticate")).contains("Bearer");
        assertThat(client.get("/v1/tokens", jwt).json().get("tokens").get(0).has("revokedAt")).isTrue();
        client.post("/v1/login", null, ApiClient.json(Map.of("user", "alice", "password", "wrong horse battery")));
        org.slf4j.LoggerFactory.getLogger(AccountsIT.class).warn("capture check");
        assertThat(logs.lines()).as("the capture works").contains("capture check");
        assertThat(logs.lines()).as("log lines").noneMatch(l -> l.contains("horse battery") || l.contains(jwt)
                || l.contains(secret));
    }

    @Test
    void shouldAnswer401ForMissingGarbageExpiredAndForeignSignedTokens() {
        assertThat(signup(client, "bob", "bobs password 1").status()).isEqualTo(201);
        Algorithm ours = Algorithm.HMAC256(ApiTestSupport.SECRET.getBytes(StandardCharsets.UTF_8));
        String expired = JWT.create().withIssuer("alertstream").withSubject("bob").withIssuedAt(Instant.now().minusSeconds(7200))
                .withExpiresAt(Instant.now().minusSeconds(60)).sign(ours);
        String foreign = JWT.create().withIssuer("alertstream").withSubject("bob").withExpiresAt(Instant.now().plusSeconds(600))
                .sign(Algorithm.HMAC256("another-secret-of-at-least-thirty-two-bytes"));
        String wrongIssuer = JWT.create().withIssuer("someone").withSubject("bob").withExpiresAt(Instant.now().plusSeconds(600)).sign(ours);
        for (String bad : new String[] {null, "garbage", expired, foreign, wrongIssuer, "ast_0123_abc", "ast_"}) {
            ApiClient.Response r = client.get("/v1/me", bad);
            assertThat(r.status()).as("token %s: %s", bad, r).isEqualTo(401);
            assertThat(r.contentType()).startsWith("application/problem+json");
            assertThat(r.header("WWW-Authenticate")).contains("Bearer");
        }
        ApiClient.Response basic = client.send("GET", "/v1/me", "/v1/me", null, null);
        assertThat(basic.status()).isEqualTo(401);
        // A valid token of ours, for comparison: the test can fail.
        String valid = JWT.create().withIssuer("alertstream").withSubject("bob").withExpiresAt(Instant.now().plusSeconds(600)).sign(ours);
        assertThat(client.get("/v1/me", valid).status()).isEqualTo(200);
    }

    @Test
    void shouldAnswerTheSame401ForAnUnknownUserAndAWrongPassword() {
        assertThat(signup(client, "carol", "carols password").status()).isEqualTo(201);
        ApiClient.Response wrongPassword = client.post("/v1/login", null, "{\"user\":\"carol\",\"password\":\"not her password\"}");
        ApiClient.Response unknown = client.post("/v1/login", null, "{\"user\":\"nobody-here\",\"password\":\"not her password\"}");
        assertThat(wrongPassword.status()).isEqualTo(401);
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(unknown.json().get("detail")).isEqualTo(wrongPassword.json().get("detail"));
    }

    @Test
    void shouldForbidRevokingAnotherUsersTokenAndNotFindAnUnknownOne() {
        assertThat(signup(client, "dave", "daves password").status()).isEqualTo(201);
        assertThat(signup(client, "erin", "erins password").status()).isEqualTo(201);
        String dave = login(client, "dave", "daves password");
        String erin = login(client, "erin", "erins password");
        String id = client.post("/v1/tokens", dave, "{\"name\":\"daves\"}").json().get("id").asText();
        ApiClient.Response forbidden = client.send("DELETE", "/v1/tokens/" + id, "/v1/tokens/{id}", erin, null);
        assertThat(forbidden.status()).as("%s", forbidden).isEqualTo(403);
        ApiClient.Response unknown = client.send("DELETE", "/v1/tokens/ffff", "/v1/tokens/{id}", erin, null);
        assertThat(unknown.status()).as("%s", unknown).isEqualTo(404);
        assertThat(client.get("/v1/tokens", erin).json().get("tokens")).isEmpty();
    }

    @Test
    void shouldRefuseADuplicateSignupAndBadFields() {
        assertThat(signup(client, "frank", "franks password").status()).isEqualTo(201);
        ApiClient.Response again = signup(client, "frank", "another password");
        assertThat(again.status()).as("%s", again).isEqualTo(409);
        assertThat(login(client, "frank", "franks password")).isNotEmpty();
        assertThat(signup(client, "Frank", "franks password").status()).isEqualTo(400);
        assertThat(signup(client, "x", "franks password").status()).isEqualTo(400);
        assertThat(signup(client, "grace", "short").status()).isEqualTo(400);
        assertThat(client.post("/v1/signup", null, "{\"user\":\"grace\",\"email\":\"not-an-address\",\"password\":\"long enough pw\"}")
                .status()).isEqualTo(400);
        assertThat(client.post("/v1/signup", null, "not json").status()).isEqualTo(400);
    }

    @Test
    void shouldShowConfiguredAdmins() {
        assertThat(signup(client, "root-admin", "admins password").status()).isEqualTo(201);
        assertThat(client.get("/v1/me", login(client, "root-admin", "admins password")).json().get("admin").asBoolean()).isTrue();
    }

    @Test
    void shouldLetExactlyOneOfConcurrentSignupsOfOneIdWinAcrossInstancesAndKeepItAfterARestart() throws Exception {
        List<String> winners = new ArrayList<>();
        try (ApiApp second = ApiTestSupport.start(props)) {
            ApiClient[] clients = {client, new ApiClient(second.url())};
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                for (int round = 0; round < 5; round++) {
                    String user = "racer-" + round;
                    CountDownLatch go = new CountDownLatch(1);
                    List<Future<ApiClient.Response>> answers = new ArrayList<>();
                    for (int i = 0; i < 2; i++) {
                        ApiClient c = clients[i];
                        String password = "password of instance " + i;
                        answers.add(pool.submit(() -> {
                            go.await();
                            return signup(c, user, password);
                        }));
                    }
                    go.countDown();
                    int created = 0;
                    for (int i = 0; i < 2; i++) {
                        ApiClient.Response r = answers.get(i).get();
                        assertThat(r.status()).as("round %d instance %d: %s", round, i, r).isIn(201, 409);
                        if (r.status() == 201) {
                            created++;
                            winners.add("password of instance " + i);
                        }
                    }
                    assertThat(created).as("round %d", round).isEqualTo(1);
                }
            } finally {
                pool.shutdownNow();
            }
        }
        // Restart of the instance (same state directory), then an instance with empty state (restores from the topic).
        app.close();
        app = ApiTestSupport.start(props);
        client = new ApiClient(app.url());
        Properties fresh = ApiTestSupport.with(props, Map.of("alertstream.api.application.id", ApiTestSupport.unique("accounts-fresh")));
        try (ApiApp empty = ApiTestSupport.start(fresh)) {
            ApiClient restored = new ApiClient(empty.url());
            for (int round = 0; round < 5; round++) {
                String user = "racer-" + round;
                String winner = winners.get(round);
                String loser = winner.endsWith("0") ? "password of instance 1" : "password of instance 0";
                for (ApiClient c : new ApiClient[] {client, restored}) {
                    assertThat(login(c, user, winner)).isNotEmpty();
                    assertThat(c.post("/v1/login", null, ApiClient.json(Map.of("user", user, "password", loser))).status()).isEqualTo(401);
                }
            }
        }
    }
}
