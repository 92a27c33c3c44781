package io.alertstream.topology.cli;

import io.alertstream.topology.AlertTopologyConfig;
import io.alertstream.topology.runtime.AppConfig;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import picocli.CommandLine.Option;

/**
 * The connection options of the small client commands ({@code produce}, {@code tail}): the same
 * {@code --config} file and {@code ALERTSTREAM_KAFKA_*} environment as {@code run}, so TLS and SASL
 * settings written once serve every command.
 */
final class ClientOptions {
    @Option(names = "--bootstrap-servers", required = true, description = "Kafka bootstrap servers, HOST:PORT[,...]")
    String bootstrap;

    @Option(names = "--config", description = "Properties file with Kafka client settings (TLS, SASL) and alertstream.topic.* names")
    Path config;

    /** Everything configured: file, environment, then the flags. */
    Properties all() throws Exception {
        Properties flags = new Properties();
        flags.put("bootstrap.servers", bootstrap);
        return AppConfig.load(config, System.getenv(), flags);
    }

    AlertTopologyConfig topics() throws Exception {
        return AlertTopologyConfig.from(all());
    }

    /** Only the keys a client knows (the file may also hold Streams and alertstream.* keys, which clients would warn about). */
    Properties client(Set<String> known) throws Exception {
        Properties all = all();
        Properties p = new Properties();
        all.stringPropertyNames().stream().filter(known::contains).forEach(k -> p.put(k, all.getProperty(k)));
        return p;
    }
}
