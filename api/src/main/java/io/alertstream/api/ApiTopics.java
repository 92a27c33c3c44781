package io.alertstream.api;

import io.alertstream.topology.AlertTopologyConfig;

/**
 * Every topic the API reads or writes, in one place: its own compacted {@code users} and
 * {@code tokens}, and the engine's topics as the engine's configuration names them (so one
 * properties file serves {@code run} and {@code api}).
 *
 * @param users  accounts, keyed by user id (the API writes it)
 * @param tokens API tokens, keyed by token id (the API writes it)
 * @param events where ingested events go: the engine's first input topic
 * @param alerts the engine's alert transitions, keyed by alert key
 * @param rules  the engine's running rules, keyed by rule id
 * @param ruleProblems the rules directories' current validation problems, keyed by publisher ({@code host:path})
 * @param routing the routing file (compacted, key {@code routing}): who receives which alerts, for visibility
 * @param targets uptime targets (compacted, keyed by target id; the API writes it)
 * @param probes  the probe connector's check results, keyed by target id
 * @param acks    alert acknowledgements (compacted, keyed by alert key; the API writes it, the engine's escalation reads it)
 * @param silences the silences (compacted, keyed by id; the API writes it, the engine reads it)
 * @param firing  the engine's firing view (compacted, keyed by alert key): what until-resolved silences consult
 * @param notifications the engine's notifications (keyed by notification id): what was sent for which alert, to whom
 */
public record ApiTopics(String users, String tokens, String events, String alerts, String rules, String ruleProblems,
                        String routing, String targets, String probes, String acks, String silences, String firing,
                        String notifications) {

    /** With the engine's default notifications topic. */
    public ApiTopics(String users, String tokens, String events, String alerts, String rules, String ruleProblems,
                     String routing, String targets, String probes, String acks, String silences, String firing) {
        this(users, tokens, events, alerts, rules, ruleProblems, routing, targets, probes, acks, silences, firing,
                AlertTopologyConfig.defaults().notifications().notificationsTopic());
    }

    /** With the engine's default acks, silences and firing-view topics. */
    public ApiTopics(String users, String tokens, String events, String alerts, String rules, String ruleProblems,
                     String routing, String targets, String probes) {
        this(users, tokens, events, alerts, rules, ruleProblems, routing, targets, probes,
                AlertTopologyConfig.defaults().notifications().acksTopic(), AlertTopologyConfig.defaults().notifications().silencesTopic(),
                AlertTopologyConfig.defaults().notifications().firingTopic());
    }

    /** With the engine's default routing, targets and probes topics. */
    public ApiTopics(String users, String tokens, String events, String alerts, String rules, String ruleProblems) {
        this(users, tokens, events, alerts, rules, ruleProblems, AlertTopologyConfig.defaults().notifications().routingTopic(),
                AlertTopologyConfig.defaults().targetsTopic(), AlertTopologyConfig.defaults().probesTopic());
    }

    public static ApiTopics from(ApiConfig config) {
        AlertTopologyConfig engine = AlertTopologyConfig.from(config.all());
        return new ApiTopics(config.getString(ApiConfig.USERS_TOPIC_CONFIG), config.getString(ApiConfig.TOKENS_TOPIC_CONFIG),
                engine.inputTopics().get(0), engine.alertsTopic(), engine.rulesTopic(), engine.ruleProblemsTopic(),
                engine.notifications().routingTopic(), engine.targetsTopic(), engine.probesTopic(),
                engine.notifications().acksTopic(), engine.notifications().silencesTopic(), engine.notifications().firingTopic(),
                engine.notifications().notificationsTopic());
    }
}
