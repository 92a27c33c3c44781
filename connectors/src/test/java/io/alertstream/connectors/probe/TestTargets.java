package io.alertstream.connectors.probe;

/** Target JSON for tests. */
final class TestTargets {
    private TestTargets() {
    }

    /** A target with the given id and URL; {@code extra} is more JSON fields (", ..." or empty). */
    static String json(String id, String url, String extra) {
        return "{\"id\":\"" + id + "\",\"owner\":\"u-1\",\"url\":\"" + url + "\",\"owners\":[\"u-1\",\"u-2\"]"
                + extra + "}";
    }

    static ProbeTarget target(String id, String url, String extra) {
        try {
            return TargetParser.parse(id, json(id, url, extra));
        } catch (TargetParser.InvalidTargetException e) {
            throw new AssertionError(e);
        }
    }
}
