package io.alertstream.topology.runtime;

import io.alertstream.topology.AlertTopologyConfig;
import io.alertstream.topology.InputLimits;
import io.alertstream.topology.digest.DigestConfig;
import io.alertstream.topology.notify.NotifyConfig;
import io.alertstream.topology.ops.OpsHttpConfig;

/**
 * The configuration reference of the engine's {@code alertstream.*} keys ({@code run}, {@code dev}, the embedded
 * engine), generated from the ConfigDefs that parse them. The README embeds it between
 * {@code generated:engine-configuration} markers and {@code EngineConfigDocsTest} fails when the two differ;
 * {@code main} prints it.
 */
public final class EngineConfigDocs {
    private EngineConfigDocs() {
    }

    public static void main(String[] args) {
        System.out.print(markdown());
    }

    public static String markdown() {
        return ConfigTable.markdown(AlertTopologyConfig.CONFIG_DEF, InputLimits.CONFIG_DEF, TopicProvisioner.CONFIG_DEF,
                NotifyConfig.CONFIG_DEF, DigestConfig.CONFIG_DEF, OpsHttpConfig.CONFIG_DEF);
    }
}
