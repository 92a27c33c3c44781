package io.alertstream.topology.ops;

import io.alertstream.topology.deadletter.DeadLetterReasons;
import io.alertstream.topology.errors.ErrorCounts;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The Prometheus registry of one process: JVM metrics, Kafka Streams' client metrics ({@code kafka_stream_*},
 * {@code kafka_consumer_*}, ... through Micrometer's {@link KafkaStreamsMetrics}, looked at for new metrics
 * every {@value #KAFKA_REFRESH_SECONDS} s), alertstream's own metrics under stable {@code alertstream_*} names
 * ({@link AlertMetricsBridge}, exact at every scrape), and the records the Streams exception handlers skipped
 * ({@code alertstream_handler_skipped_total{reason}}). Every meter carries the tag {@code application}
 * (the {@code application.id}).
 */
public final class OpsMetrics implements AutoCloseable {
    static final int KAFKA_REFRESH_SECONDS = 10;
    /** The Prometheus text format's content type. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry;
    private final List<AlertMetricsBridge> bridges = new ArrayList<>();
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final ScheduledExecutorService scheduler;

    private OpsMetrics(String applicationId) {
        registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().commonTags("application", applicationId);
        // alertstream's own group is published by AlertMetricsBridge under stable names; not twice.
        registry.config().meterFilter(MeterFilter.denyNameStartsWith("kafka.alertstream."));
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "alertstream-metrics-refresh");
            t.setDaemon(true);
            return t;
        });
        bind(new JvmMemoryMetrics());
        bind(new JvmThreadMetrics());
        bind(new ClassLoaderMetrics());
        bind(new ProcessorMetrics());
        bind(new UptimeMetrics());
        JvmGcMetrics gc = new JvmGcMetrics();
        bind(gc);
        closeables.add(gc);
        for (String reason : List.of(DeadLetterReasons.PROCESSING_ERROR, DeadLetterReasons.DESERIALIZATION_ERROR,
                DeadLetterReasons.PRODUCTION_ERROR)) {
            FunctionCounter.builder("alertstream.handler.skipped", reason, ErrorCounts::get).tag("reason", reason)
                    .description("Records the Kafka Streams exception handlers skipped (and dead-lettered) in this JVM")
                    .register(registry);
        }
    }

    /** A registry with JVM metrics and the handlers' counts only; add what the process runs. */
    public static OpsMetrics create(String applicationId) {
        return new OpsMetrics(applicationId);
    }

    /** A registry for a process that runs these Streams applications (the topology of run, the API's). */
    public static OpsMetrics forStreams(String applicationId, KafkaStreams... apps) {
        OpsMetrics m = new OpsMetrics(applicationId);
        for (KafkaStreams streams : apps) {
            m.addStreams(streams);
        }
        return m;
    }

    /** Binds one more Kafka Streams instance: its client metrics and alertstream's own. */
    public OpsMetrics addStreams(KafkaStreams streams) {
        KafkaStreamsMetrics kafka = new KafkaStreamsMetrics(streams, List.of(), scheduler, Duration.ofSeconds(KAFKA_REFRESH_SECONDS));
        bind(kafka);
        closeables.add(kafka);
        return addAlertMetrics(streams::metrics);
    }

    /** Publishes alertstream's own metrics found in these Kafka metrics (a KafkaStreams', or TopologyTestDriver's). */
    public OpsMetrics addAlertMetrics(Supplier<Map<MetricName, ? extends Metric>> source) {
        AlertMetricsBridge own = new AlertMetricsBridge(source);
        bind(own);
        bridges.add(own);
        return this;
    }

    /**
     * The input not yet processed and committed by the application, as measured for readiness:
     * {@code alertstream_input_lag_records} (NaN before the first measurement).
     */
    public OpsMetrics addInputLag(java.util.function.LongSupplier lag) {
        io.micrometer.core.instrument.Gauge.builder("alertstream.input.lag.records", lag, l -> {
            long v = l.getAsLong();
            return v < 0 ? Double.NaN : v;
        }).description("Input records not yet processed and committed by the application (all input partitions, at the broker)")
                .strongReference(true) // a lambda nobody else holds: a weak reference would be collected, and the gauge read NaN
                .register(registry);
        return this;
    }

    public static String applicationId(java.util.Properties props) {
        return props.getProperty(StreamsConfig.APPLICATION_ID_CONFIG, "alertstream");
    }

    private void bind(MeterBinder binder) {
        binder.bindTo(registry);
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** The Prometheus text of every meter, alertstream's own brought up to date first. */
    public String scrape() {
        bridges.forEach(AlertMetricsBridge::refresh);
        return registry.scrape();
    }

    @Override
    public void close() {
        for (AutoCloseable c : closeables) {
            try {
                c.close();
            } catch (Exception e) {
                // closing meters only
            }
        }
        scheduler.shutdownNow();
        registry.close();
    }
}
