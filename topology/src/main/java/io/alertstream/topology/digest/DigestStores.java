package io.alertstream.topology.digest;

/**
 * The digest sub-topology's state stores and internal topic names. Store names are part of the
 * changelog topic names ({@code <application.id>-<store>-changelog}) and the repartition name part of
 * {@code <application.id>-<name>-repartition}: changing one loses that state.
 */
public final class DigestStores {
    /** UserID to {@link UserAlarms}: each alarm's latest status and what the last digest reported. Persistent, logged. */
    public static final String USER_ALARMS = "digest-user-alarms";
    /** (CLEARED ChangedAt, UserID, AlarmID) to nothing: which CLEARED alarms expire next. Persistent, logged. */
    public static final String CLEARED_INDEX = "digest-cleared-index";
    /** UserID to the last schedule slot (epoch millis / digest interval) its scheduled digest was sent for. Persistent, logged. */
    public static final String SCHEDULE = "digest-schedule";
    /** Repartition of both inputs by UserID, so each user's alarms and requests meet in one task. */
    public static final String BY_USER_REPARTITION = "digest-by-user";

    private DigestStores() {
    }
}
