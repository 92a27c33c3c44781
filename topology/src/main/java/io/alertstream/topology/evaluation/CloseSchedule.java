package io.alertstream.topology.evaluation;

/** When windows close: what the {@link GroupJudge} asks of the {@link CloseIndex}, so it can be tested alone. */
interface CloseSchedule {
    /** The window starting at {@code windowStart} of {@code alertKey} is due at {@code closeTime}. */
    void add(long closeTime, long windowStart, String alertKey);

    void remove(long closeTime, long windowStart, String alertKey);
}
