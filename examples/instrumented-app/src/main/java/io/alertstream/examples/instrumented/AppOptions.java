package io.alertstream.examples.instrumented;

import java.nio.file.Path;
import java.util.List;

/**
 * The example's command line: where to listen and where events go.
 *
 * <pre>
 * --port N                          HTTP port on 127.0.0.1 (default 8080; 0 picks a free one)
 * --kafka BOOTSTRAP [--topic T]     events to Kafka topic T (default events)
 * --http URL --token TOKEN          events to the alertstream HTTP API
 * --embedded BOOTSTRAP [--rules D]  events to Kafka, and the engine in this JVM with rules directory D
 *                                   (default examples/instrumented-app/rules)
 * --state-dir D                     embedded only: the engine's state directory (default: a free slot under .alertstream/state)
 * </pre>
 */
record AppOptions(int port, Mode mode, String target, String topic, String token, Path rules, Path stateDir) {

    enum Mode { KAFKA, HTTP, EMBEDDED }

    static final String USAGE = "usage: instrumented-app [--port N] (--kafka BOOTSTRAP [--topic T] | --http URL --token TOKEN "
            + "| --embedded BOOTSTRAP [--rules DIR] [--state-dir DIR])";

    static AppOptions parse(List<String> args) {
        int port = 8080;
        Mode mode = null;
        String target = null;
        String topic = "events";
        String token = null;
        Path rules = Path.of("examples", "instrumented-app", "rules");
        Path stateDir = null;
        for (int i = 0; i < args.size(); i++) {
            String flag = args.get(i);
            String value = i + 1 < args.size() ? args.get(i + 1) : null;
            if (value == null) {
                throw new IllegalArgumentException(flag + " needs a value; " + USAGE);
            }
            i++;
            switch (flag) {
                case "--port" -> port = Integer.parseInt(value);
                case "--kafka" -> { mode = set(mode, Mode.KAFKA); target = value; }
                case "--http" -> { mode = set(mode, Mode.HTTP); target = value; }
                case "--embedded" -> { mode = set(mode, Mode.EMBEDDED); target = value; }
                case "--topic" -> topic = value;
                case "--token" -> token = value;
                case "--rules" -> rules = Path.of(value);
                case "--state-dir" -> stateDir = Path.of(value);
                default -> throw new IllegalArgumentException("unknown option " + flag + "; " + USAGE);
            }
        }
        if (mode == null) {
            throw new IllegalArgumentException(USAGE);
        }
        if (mode == Mode.HTTP && token == null) {
            throw new IllegalArgumentException("--http needs --token; " + USAGE);
        }
        return new AppOptions(port, mode, target, topic, token, rules, stateDir);
    }

    private static Mode set(Mode current, Mode wanted) {
        if (current != null) {
            throw new IllegalArgumentException("choose one of --kafka, --http, --embedded; " + USAGE);
        }
        return wanted;
    }
}
