package io.alertstream.api.console;

/** The console's paths: everything under {@value #PREFIX}, beside the JSON API's {@code /v1/...}; {@code /} leads to the Alerts view. */
public final class ConsoleRoutes {
    public static final String PREFIX = "/console";
    public static final String LOGIN = PREFIX + "/login";
    public static final String LOGOUT = PREFIX + "/logout";
    public static final String ALERTS = PREFIX + "/alerts";
    /** The live part of the Alerts view, polled by htmx with If-None-Match. */
    public static final String ALERTS_LIVE = PREFIX + "/alerts/live";
    /** One alert: {@code ?key=<alert key>} (a query parameter: keys hold quotes, bars and slashes). */
    public static final String ALERT = PREFIX + "/alert";
    public static final String ACK = PREFIX + "/alert/ack";
    public static final String SILENCES = PREFIX + "/silences";
    public static final String SILENCE_NEW = PREFIX + "/silences/new";
    public static final String SILENCE_EXPIRE = PREFIX + "/silences/expire";
    public static final String RULES = PREFIX + "/rules";
    public static final String TARGETS = PREFIX + "/targets";
    public static final String TARGET_REMOVE = PREFIX + "/targets/remove";
    /** One target's form: {@code GET ?id=} shows it, {@code POST} saves it. */
    public static final String TARGET_EDIT = PREFIX + "/targets/edit";
    /** The live part of the Targets view (uptime bars), polled like the alerts. */
    public static final String TARGETS_LIVE = PREFIX + "/targets/live";
    public static final String ASSETS = PREFIX + "/assets";

    private ConsoleRoutes() {
    }

    /** Whether a route ({@code METHOD path}) is the console's (HTML for browsers, not part of the OpenAPI document). */
    public static boolean isConsole(String route) {
        String path = route.substring(route.indexOf(' ') + 1);
        return path.equals("/") || path.equals(PREFIX) || path.startsWith(PREFIX + "/");
    }

    /** A path to return to after logging in: one of the console's own, never another site ({@code //host} or a scheme). */
    static String safeNext(String next) {
        if (next == null || !next.startsWith(PREFIX + "/") || next.startsWith("//") || next.contains("\\") || next.startsWith(LOGIN)) {
            return ALERTS;
        }
        return next;
    }
}
