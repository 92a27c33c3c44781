package io.alertstream.topology.digest;

/**
 * What the digest remembers of one alarm of one user.
 *
 * @param status     the status with the latest ChangedAt seen
 * @param changedAt  that latest ChangedAt (reported as LatestChangedAt)
 * @param since      the ChangedAt at which the alarm entered {@code status} (unchanged by later messages
 *                   repeating the same status), so a change away and back is visible
 * @param sentStatus the status the last digest reported for this alarm, or null if none did
 * @param sentFor    the ChangedAt that digest reported, or null
 */
record AlarmState(AlarmStatus status, ChangedAt changedAt, ChangedAt since, AlarmStatus sentStatus, ChangedAt sentFor) {

    static AlarmState first(StatusChange change) {
        return new AlarmState(change.status(), change.changedAt(), change.changedAt(), null, null);
    }

    /** This alarm after a newer change (the caller checked it is newer). */
    AlarmState next(StatusChange change) {
        ChangedAt newSince = change.status() == status ? since : change.changedAt();
        return new AlarmState(change.status(), change.changedAt(), newSince, sentStatus, sentFor);
    }

    /**
     * Whether the next digest lists this alarm: it is active and no digest reported its current status
     * since the alarm entered it. So a WARNING already reported stays quiet while it stays WARNING (even
     * with newer ChangedAt), but is reported again after WARNING→CRITICAL, or after leaving WARNING and
     * coming back (CLEARED→WARNING, or CRITICAL→WARNING), since {@code since} then moved past {@code sentFor}.
     */
    boolean pending() {
        boolean reported = status == sentStatus && sentFor != null && sentFor.compareTo(since) >= 0;
        return status.active() && !reported;
    }

    AlarmState reported() {
        return new AlarmState(status, changedAt, since, status, changedAt);
    }
}
