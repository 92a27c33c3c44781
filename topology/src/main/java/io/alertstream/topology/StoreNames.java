package io.alertstream.topology;


/**
 * Every state store name, in one place, with what each store maps (its builder, with formats and kind, is in
 * {@link StateStores}). Names are part of the changelog topic names ({@code <application.id>-<store>-changelog}):
 * changing one loses that store's state.
 */
public final class StoreNames {
    /** Upstream: input partition ({@code topic-partition}) to its newest event time and when data last arrived ({@code SourceClock}). */
    public static final String SOURCE_CLOCK = "source-clock";
    /** Upstream: (alert key, fingerprint, slot) to the partial aggregate not yet sent to the evaluating task. */
    public static final String PRE_AGGREGATES = "pre-aggregates";
    /** Global: the rules topic, rule id to rule JSON. */
    public static final String RULES = "rules-store";
    /** Alert key to {@code AlertState}: open windows and alert state. */
    public static final String ALERT_STATE = "alert-state";
    /** (close time, alert key, window start) to nothing: which windows close next, in event-time order. */
    public static final String CLOSE_INDEX = "window-close-index";
    /** Alert key of an absence rule to {@code AbsenceState}: the group's unjudged event times and alert state. */
    public static final String ABSENCE_STATE = "absence-state";
    /** (due watermark, alert key) to nothing: which absence groups a watermark may make fire, in event-time order. */
    public static final String ABSENCE_DUE_INDEX = "absence-due-index";
    /** Upstream task to its latest watermark. */
    public static final String WATERMARKS = "watermarks";
    /** (alert key, window start) whose counter changed since the last publication. */
    public static final String PENDING_COUNTERS = "pending-counters";
    /** Rule id to the rule JSON last used by this task, so deleted rules can resolve their alerts. */
    public static final String RULE_REGISTRY = "rule-registry";

    /** Global: the routing topic, one key to the routing file's YAML. */
    public static final String ROUTING = "routing-store";
    /** Receiver and group key to {@code NotificationGroup}: the alerts of a notification group and what was told. */
    public static final String NOTIFY_GROUPS = "notify-groups";
    /** (due time, group) to nothing: which notification groups are due next, in wall-clock order. */
    public static final String NOTIFY_DUE = "notify-due-index";
    /** Target (receiver and group) and alert key to {@code AlertLifecycle}: flapping and escalation state of an alert on a route. */
    public static final String NOTIFY_LIFECYCLE = "notify-lifecycle";
    /** (due time, lifecycle key) to nothing: when an alert's flapping settles or its next escalation is due. */
    public static final String NOTIFY_LIFECYCLE_DUE = "notify-lifecycle-due-index";
    /** Global: the acks topic, alert key to its latest acknowledgement (JSON {@code Ack}). */
    public static final String NOTIFY_ACKS = "notify-acks";
    /** Global: the silences topic, silence id to its JSON ({@code silence.SilenceCatalog}). */
    public static final String SILENCES = "silences-store";
    /** Global: the firing alerts of the application, alert key to its match labels ({@code silence.FiringAlerts}). */
    public static final String NOTIFY_FIRING = "notify-firing-store";
    /** (suppressor id, group id) to nothing: the groups holding alerts a silence or an inhibition holds back. */
    public static final String NOTIFY_SUPPRESSED = "notify-suppressed-index";
    /** Silence id to the notices already sent for it ({@code started}, {@code ended}). */
    public static final String SILENCE_NOTICES = "notify-silence-notices";

    /** UserID to {@code UserAlarms}: each alarm's latest status and what the last digest reported. Persistent, logged. */
    public static final String DIGEST_USER_ALARMS = "digest-user-alarms";
    /** (CLEARED ChangedAt, UserID, AlarmID) to nothing: which CLEARED alarms expire next. Persistent, logged. */
    public static final String DIGEST_CLEARED_INDEX = "digest-cleared-index";
    /** UserID to the last schedule slot (epoch millis / digest interval) its scheduled digest was sent for. Persistent, logged. */
    public static final String DIGEST_SCHEDULE = "digest-schedule";

    private StoreNames() {
    }
}
