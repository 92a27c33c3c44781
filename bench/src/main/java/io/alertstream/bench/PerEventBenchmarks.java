package io.alertstream.bench;

import io.alertstream.topology.AlertTopologyConfig;
import io.alertstream.topology.model.AlertState;
import io.alertstream.topology.model.FanOut;
import io.alertstream.topology.model.FanOutSerde;
import io.alertstream.topology.model.ParsedEvent;
import io.alertstream.topology.model.ParseResult;
import io.alertstream.topology.model.WindowAggregate;
import io.alertstream.topology.processors.EventParser;
import io.alertstream.topology.processors.RuleFanOut;
import io.alertstream.topology.rules.Aggregation;
import io.alertstream.topology.rules.AlertKey;
import io.alertstream.topology.rules.CompiledRule;
import io.alertstream.topology.rules.RuleCatalog;
import io.alertstream.topology.rules.RuleSetLoader;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * JMH micro-benchmarks of the work alertstream does per event, on the bench workload's events:
 * JSON parse (the real {@link EventParser} on a mock context), CEL filter evaluation, group key
 * extraction, aggregate updates (count, p95 sketch), the fan-out and group-state serdes, and the whole
 * fan-out step over 10 rules, and the fan-out step over 1, 100 and 10,000 rules with equality filters
 * ({@code event.service == "svc-i"}, one of them matching). Average time per operation in nanoseconds; each result is consumed by
 * JMH (returned), so the JIT cannot drop the work.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PerEventBenchmarks {
    private byte[] raw;
    private ParsedEvent event;
    private CompiledRule rule;
    private FanOut.Match match;
    private final FanOutSerde fanOutSerde = new FanOutSerde();
    private byte[] matchBytes;
    private AlertState state;
    private byte[] stateBytes;
    private WindowAggregate countWindow;
    private WindowAggregate sketchWindow;
    private double nextValue;
    private EventParser parser;
    private EventParser selectiveParser;
    private MockProcessorContext<byte[], ParseResult> parserContext;
    private RuleFanOut fanOut;
    private MockProcessorContext<String, ParseResult> fanOutContext;

    @Setup(Level.Trial)
    public void setUp() {
        BenchWorkload workload = new BenchWorkload(1000, System.currentTimeMillis(), 0, 1);
        raw = workload.event(17, 1);
        parserContext = new MockProcessorContext<>();
        parserContext.setCurrentSystemTimeMs(System.currentTimeMillis()); // the parser reads it (future-event bound)
        parser = new EventParser(AlertTopologyConfig.defaults());
        parser.init(parserContext);
        parser.process(new Record<>(null, raw, 0L));
        event = (ParsedEvent) parserContext.forwarded().get(0).record().value();

        RuleSetLoader.RuleSet rules = RuleSetLoader.loadSources(Map.of("bench.yaml", BenchWorkload.rules(10)));
        RuleCatalog catalog = new RuleCatalog();
        rules.rules().forEach(catalog::put);
        // As the topology parses: only the fields the 10 rules read (kind, key, latency_ms) are built.
        selectiveParser = new EventParser(AlertTopologyConfig.defaults(), catalog);
        selectiveParser.init(parserContext);
        rule = rules.rules().get(0);
        fanOutContext = new MockProcessorContext<>();
        fanOut = new RuleFanOut(catalog);
        fanOut.init(fanOutContext);

        match = new FanOut.Match(event.eventTime(), rule.stateFingerprint(), 123.4, 0);
        matchBytes = fanOutSerde.serialize("t", match);
        state = new AlertState();
        WindowAggregate w = state.openWindow(event.eventTime() / 86_400_000 * 86_400_000);
        for (int i = 0; i < 200; i++) {
            w.add(Aggregation.P95, new FanOut.Match(event.eventTime(), 1, i * 2.5, 0));
        }
        stateBytes = state.toBytes();
        countWindow = new WindowAggregate(0);
        sketchWindow = new WindowAggregate(0);
    }

    /** Every field of the event built (a parser without a rule catalog). */
    @Benchmark
    public Object jsonParseEvent() {
        parserContext.resetForwards();
        parser.process(new Record<>(null, raw, 0L));
        return parserContext.forwarded();
    }

    /** The topology's parse: every token read, only the fields the rules read built. */
    @Benchmark
    public Object jsonParseEventSelective() {
        parserContext.resetForwards();
        selectiveParser.process(new Record<>(null, raw, 0L));
        return parserContext.forwarded();
    }

    @Benchmark
    public CompiledRule.Match celFilter() {
        return rule.matches(event.activation());
    }

    @Benchmark
    public String groupKey() {
        return AlertKey.alertKey(rule.id(), AlertKey.encode(rule.groupBy(), event.fields()));
    }

    @Benchmark
    public long aggregateCount() {
        countWindow.add(Aggregation.COUNT, match);
        return countWindow.count();
    }

    @Benchmark
    public long aggregateP95() {
        nextValue = nextValue > 5000 ? 0 : nextValue + 1.37;
        sketchWindow.add(Aggregation.P95, new FanOut.Match(0, 1, nextValue, 0));
        return sketchWindow.count();
    }

    @Benchmark
    public byte[] fanOutSerialize() {
        return fanOutSerde.serialize("t", match);
    }

    @Benchmark
    public FanOut fanOutDeserialize() {
        return fanOutSerde.deserialize("t", matchBytes);
    }

    @Benchmark
    public byte[] groupStateSerialize() {
        return state.toBytes();
    }

    @Benchmark
    public AlertState groupStateDeserialize() {
        return AlertState.fromBytes(stateBytes);
    }

    /** The whole fan-out step for one event: 10 filters, one match, its key and record. */
    @Benchmark
    public Object fanOutTenRules() {
        fanOutContext.resetForwards();
        fanOut.process(new Record<>(null, event, event.eventTime()));
        return fanOutContext.forwarded();
    }

    /**
     * R rules {@code event.service == "svc-i"} (count aggregate, grouped by host) and an event whose
     * service matches rule R/2: one match per event, so the time is the fan-out decision over R rules.
     */
    @State(Scope.Thread)
    public static class EqualityRules {
        @Param({"1", "100", "10000"})
        int rules;
        RuleFanOut fanOut;
        MockProcessorContext<String, ParseResult> context;
        ParsedEvent event;

        @Setup(Level.Trial)
        public void setUp() {
            StringBuilder yaml = new StringBuilder("rules:\n");
            for (int i = 0; i < rules; i++) {
                yaml.append("  - id: eq-").append(i).append('\n')
                        .append("    filter: event.service == \"svc-").append(i).append("\"\n")
                        .append("    group_by: [host]\n")
                        .append("    window: {size: 1h}\n")
                        .append("    aggregate: count\n")
                        .append("    triggers: {warning: {above: 1000000000}}\n");
            }
            RuleCatalog catalog = new RuleCatalog();
            RuleSetLoader.loadSources(Map.of("eq.yaml", yaml.toString())).rules().forEach(catalog::put);
            Map<String, Object> fields = Map.of("timestamp", 1_700_000_000_000L, "service", "svc-" + rules / 2,
                    "host", "h-7", "status", 500L, "latency_ms", 12.5, "route", "/api/orders");
            event = new ParsedEvent(fields, 1_700_000_000_000L, new byte[0]);
            context = new MockProcessorContext<>();
            context.setCurrentSystemTimeMs(System.currentTimeMillis());
            fanOut = new RuleFanOut(catalog);
            fanOut.init(context);
        }
    }

    /** The whole fan-out step for one event over R equality rules, one of which matches. */
    @Benchmark
    public Object fanOutEqualityRules(EqualityRules state) {
        state.context.resetForwards();
        state.fanOut.process(new Record<>(null, state.event, state.event.eventTime()));
        return state.context.forwarded();
    }
}
