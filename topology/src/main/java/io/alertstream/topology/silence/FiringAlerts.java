package io.alertstream.topology.silence;

import io.alertstream.topology.routing.InhibitRule;
import io.alertstream.topology.routing.LabelMatcher;
import io.alertstream.topology.routing.RoutingCatalog;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The firing alerts of the whole application, with their match labels (see {@link MatchLabels}): the global
 * view the partitioned notification grouper needs to know whether an inhibit rule's source fires anywhere,
 * and whether an {@code until: resolved} silence still has firing alerts. Fed from the compacted
 * {@code notify-firing} topic ({@link FiringStoreUpdater}, on the global thread); read by stream threads.
 *
 * <p>Keeps, per inhibit rule of the routing in force and per value of its {@code equal} labels, the firing
 * sources, so "is this target inhibited" costs one lookup per inhibit rule, never a scan. The index is rebuilt
 * when the routing's inhibit rules change. Synchronized: updates are one alert at a time and lookups are short.
 */
public final class FiringAlerts {
    private final RoutingCatalog routing;
    private final Map<String, Map<String, String>> byKey = new HashMap<>();
    private List<InhibitRule> indexed = List.of();
    /** {@code inhibitorId} to the keys of the firing sources behind it. */
    private final Map<String, Set<String>> sources = new HashMap<>();

    public FiringAlerts(RoutingCatalog routing) {
        this.routing = routing;
    }

    /** The suppressor id of an inhibition: the rule's place in the file and the shared label values. */
    public static String inhibitorId(int rule, String equalValues) {
        return "inhibit:" + rule + ":" + equalValues;
    }

    public synchronized void put(String alertKey, Map<String, String> labels) {
        reindexIfChanged();
        unindex(alertKey);
        byKey.put(alertKey, Map.copyOf(labels));
        index(alertKey, labels);
    }

    public synchronized void remove(String alertKey) {
        reindexIfChanged();
        unindex(alertKey);
        byKey.remove(alertKey);
    }

    public synchronized int size() {
        return byKey.size();
    }

    public synchronized void forEach(BiConsumer<String, Map<String, String>> action) {
        byKey.forEach(action);
    }

    /** The inhibitions holding back this alert now: ids of {@link #inhibitorId} whose sources fire (other than itself). */
    public synchronized List<String> inhibiting(String alertKey, Map<String, String> labels) {
        reindexIfChanged();
        List<String> out = new ArrayList<>();
        List<InhibitRule> rules = indexed;
        for (int i = 0; i < rules.size(); i++) {
            InhibitRule r = rules.get(i);
            if (LabelMatcher.all(r.target(), labels)) {
                String id = inhibitorId(i, r.equalValues(labels));
                Set<String> from = sources.get(id);
                if (from != null && (from.size() > 1 || !from.contains(alertKey))) {
                    out.add(id);
                }
            }
        }
        return out;
    }

    /**
     * The firing alerts whose inhibit rules hold back this alert now (their keys, sorted; never itself): what a
     * person reading the alert wants to know, where {@link #inhibiting} names the rules for the grouper.
     */
    public synchronized List<String> inhibitors(String alertKey, Map<String, String> labels) {
        java.util.TreeSet<String> out = new java.util.TreeSet<>();
        for (String id : inhibiting(alertKey, labels)) {
            sources.getOrDefault(id, Set.of()).stream().filter(k -> !k.equals(alertKey)).forEach(out::add);
        }
        return List.copyOf(out);
    }

    /** Whether an inhibition (an id from {@link #inhibiting}) still has a firing source. */
    public synchronized boolean inhibits(String inhibitorId) {
        reindexIfChanged();
        Set<String> from = sources.get(inhibitorId);
        return from != null && !from.isEmpty();
    }

    private void reindexIfChanged() {
        List<InhibitRule> now = routing.current().inhibitRules();
        if (now == indexed) {
            return;
        }
        indexed = now;
        sources.clear();
        byKey.forEach(this::index);
    }

    private void index(String alertKey, Map<String, String> labels) {
        for (int i = 0; i < indexed.size(); i++) {
            InhibitRule r = indexed.get(i);
            if (LabelMatcher.all(r.source(), labels)) {
                sources.computeIfAbsent(inhibitorId(i, r.equalValues(labels)), k -> new HashSet<>()).add(alertKey);
            }
        }
    }

    private void unindex(String alertKey) {
        Map<String, String> before = byKey.get(alertKey);
        if (before == null) {
            return;
        }
        for (int i = 0; i < indexed.size(); i++) {
            InhibitRule r = indexed.get(i);
            if (LabelMatcher.all(r.source(), before)) {
                String id = inhibitorId(i, r.equalValues(before));
                Set<String> from = sources.get(id);
                if (from != null) {
                    from.remove(alertKey);
                    if (from.isEmpty()) {
                        sources.remove(id);
                    }
                }
            }
        }
    }
}
