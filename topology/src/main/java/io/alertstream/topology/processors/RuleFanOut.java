package io.alertstream.topology.processors;

import io.alertstream.topology.InputLimits;
import io.alertstream.topology.deadletter.DeadLetterReasons;
import io.alertstream.topology.deadletter.DeadLetters;
import io.alertstream.topology.model.FanOut;
import io.alertstream.topology.model.ParsedEvent;
import io.alertstream.topology.model.ParseResult;
import io.alertstream.topology.rules.Aggregation;
import io.alertstream.topology.rules.AlertKey;
import io.alertstream.topology.rules.CompiledRule;
import io.alertstream.topology.rules.FieldPath;
import io.alertstream.topology.rules.RuleCatalog;
import io.alertstream.topology.rules.RuleIndex;
import io.alertstream.topology.support.AlertMetrics;
import io.alertstream.topology.support.RateLimitedLog;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Input: parsed events. Output: for every enabled rule whose filter the event matches, one
 * {@link FanOut.Match} keyed by alert key ({@code ruleId|groupKey}), so the repartition that follows
 * spreads rules and groups over all partitions. An aggregated field that is present but not a number
 * sends a copy of the event to the dead-letter topic (naming the rule) and the other rules go on; a
 * filter that fails on an event (a type clash) skips that event for that rule, counted and logged at
 * most every 10 s per rule. A group_by value longer than {@code alertstream.event.max.group.value.bytes}
 * sends a copy to the dead-letter topic the same way (reason {@code group-value-too-large}, naming the
 * rule): group values are copied into keys and into alert, counter, notification and digest records, so
 * one must never make those records too large to send. A match of an absence rule carries its event time as
 * its number (the rule aggregates {@code min} of it), so that a partial gathered from it tells its first event.
 *
 * <p>Only the candidates of the catalog's {@link RuleIndex} are evaluated: rules whose filter pins a
 * field to literals the event's value is not among are skipped without running the filter (the index
 * never skips a rule whose filter is true). Matches go out in rule id order, as when every rule was
 * evaluated. A skipped rule's filter does not run, so an error it would have raised is not counted:
 * {@code filter-errors} counts candidates only. The difference shows on events holding a JSON null,
 * which CEL fails to compare with a literal ({@code RuleIndexEquivalenceTest} pins this down).
 */
public final class RuleFanOut implements Processor<byte[], ParsedEvent, String, ParseResult> {
    private static final Logger LOG = LoggerFactory.getLogger(RuleFanOut.class);

    private final RuleCatalog catalog;
    private final InputLimits limits;
    private ProcessorContext<String, ParseResult> context;
    private AlertMetrics metrics;
    private Sensor filterErrors;
    private Sensor fieldErrors;
    private RateLimitedLog rateLimited;

    public RuleFanOut(RuleCatalog catalog, InputLimits limits) {
        this.catalog = catalog;
        this.limits = limits;
    }

    /** With the default {@link InputLimits}. */
    public RuleFanOut(RuleCatalog catalog) {
        this(catalog, InputLimits.defaults());
    }

    @Override
    public void init(ProcessorContext<String, ParseResult> context) {
        this.context = context;
        this.metrics = new AlertMetrics(context.metrics(), context.taskId(), "fan-out");
        this.filterErrors = metrics.total("filter-errors", "Events skipped for a rule because its filter failed on them");
        this.fieldErrors = metrics.total("field-type-errors",
                "Events whose aggregated field was not a number or whose group value was too large (sent to the dead-letter topic)");
        this.rateLimited = new RateLimitedLog(LOG, 10_000);
    }

    @Override
    public void process(Record<byte[], ParsedEvent> record) {
        ParsedEvent event = record.value();
        // The rules the event was parsed for: a newer rule may read a field the parser did not build.
        RuleIndex index = (event.rules() != null ? event.rules() : catalog.current()).index();
        for (int ordinal : index.candidates(event.fields())) {
            CompiledRule rule = index.rule(ordinal);
            CompiledRule.Match match = rule.matches(event.activation());
            if (match == CompiledRule.Match.NO) {
                continue;
            }
            if (match == CompiledRule.Match.ERROR) {
                filterErrors.record(1);
                rateLimited.warn(rule.id(), context.currentSystemTimeMs(), "Rule '{}': filter failed on the event at {} (a field of an "
                        + "unexpected type, such as null or a string compared with a number?); the event is skipped for this rule "
                        + "and counted in filter-errors-total. Guard the filter with has() or a type check", rule.id(),
                        context.recordMetadata().map(m -> m.topic() + "-" + m.partition() + "@" + m.offset()).orElse("?"));
                continue;
            }
            forwardMatch(record, rule, event);
        }
    }

    private void forwardMatch(Record<byte[], ParsedEvent> record, CompiledRule rule, ParsedEvent event) {
        Aggregation aggregation = rule.spec().aggregation();
        double number = Double.NaN;
        long hash = 0;
        if (rule.spec().isAbsence()) {
            // An absence rule aggregates event times (min), so a pre-aggregated partial tells its first event too.
            number = event.eventTime();
        } else if (aggregation.needsField()) {
            Object value = rule.field().get(event.fields());
            if (value == FieldPath.MISSING || value == null) {
                return; // nothing to aggregate: like a filter on a missing field, the event does not count
            }
            if (aggregation == Aggregation.DISTINCT_COUNT) {
                hash = hash64(value);
            } else if (value instanceof Number n) {
                number = n.doubleValue();
            } else {
                fieldErrors.record(1);
                String message = "rule '" + rule.id() + "' aggregates " + aggregation.label() + " of field '" + rule.field()
                        + "', which must be a number, got " + EventParser.typeName(value) + " '" + DeadLetters.quote(String.valueOf(value), 64) + "'";
                context.forward(DeadLetters.record(context, record, null, record.key(), event.raw(), DeadLetterReasons.WRONG_TYPE,
                        message, rule.id()));
                return;
            }
        }
        String groupKey = AlertKey.encode(rule.groupBy(), event.fields());
        String tooLarge = GroupValueLimit.firstTooLarge(rule.groupBy(), groupKey, event.fields(), limits.maxGroupValueBytes());
        if (tooLarge != null) {
            fieldErrors.record(1);
            String message = "rule '" + rule.id() + "' groups by field '" + tooLarge + "', whose value is longer than "
                    + InputLimits.MAX_GROUP_VALUE_BYTES + "=" + limits.maxGroupValueBytes() + " bytes";
            context.forward(DeadLetters.record(context, record, null, record.key(), event.raw(), DeadLetterReasons.GROUP_VALUE_TOO_LARGE,
                    message, rule.id()));
            return;
        }
        String alertKey = AlertKey.alertKey(rule.id(), groupKey);
        context.forward(new Record<>(alertKey, (ParseResult) new FanOut.Match(event.eventTime(), rule.stateFingerprint(), number, hash,
                threshold(rule, event)), event.eventTime()));
    }

    /**
     * The event's value of the rule's threshold field; NaN when the rule has none or the value is missing,
     * null or not a number. Unlike the aggregated field, a bad threshold is no reason to drop the event: it
     * still counts, it only brings no threshold to its windows.
     */
    private static double threshold(CompiledRule rule, ParsedEvent event) {
        if (rule.thresholdField() == null) {
            return Double.NaN;
        }
        return rule.thresholdField().get(event.fields()) instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    /** FNV-1a over the value's canonical text; numbers 1 and 1.0 count as one value. */
    static long hash64(Object value) {
        String text = value instanceof Number n ? Double.toString(n.doubleValue()) : String.valueOf(value);
        long h = 0xcbf29ce484222325L;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            h ^= b;
            h *= 0x100000001b3L;
        }
        return h;
    }

    @Override
    public void close() {
        if (metrics != null) {
            metrics.remove(filterErrors, fieldErrors);
        }
    }
}
