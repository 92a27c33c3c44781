package io.alertstream.connectors.common;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The connectors' version, from {@code alertstream-connectors.properties} filtered by Maven at build time. */
public final class ConnectorVersion {
    private static final String VERSION = load();

    private ConnectorVersion() {
    }

    public static String get() {
        return VERSION;
    }

    private static String load() {
        try (InputStream in = ConnectorVersion.class.getResourceAsStream("/alertstream-connectors.properties")) {
            Properties properties = new Properties();
            if (in != null) {
                properties.load(in);
            }
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
