package io.alertstream.testkit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a service, choosing new free ports and trying again when the start fails.
 *
 * <p>Input: whether the caller fixed the ports, and three steps: choose ports, start once, forget
 * the chosen ports. Output: returns after a successful start, else rethrows the last failure.
 * Semantics: a port from {@link FreePorts} can be taken by another process before the service binds
 * it (several test JVMs start services at once), so up to {@value #ATTEMPTS} attempts are made with
 * fresh ports. Ports the caller chose are never replaced: the failure is reported at once.
 */
final class PortRaceRetry {

    static final int ATTEMPTS = 3;
    private static final Logger LOG = LoggerFactory.getLogger(PortRaceRetry.class);

    private PortRaceRetry() {
    }

    static void start(String service, boolean portsChosenByCaller, Runnable choosePorts, Runnable startOnce, Runnable forgetPorts) {
        for (int attempt = 1; ; attempt++) {
            choosePorts.run();
            try {
                startOnce.run();
                return;
            } catch (RuntimeException e) {
                if (portsChosenByCaller || attempt >= ATTEMPTS) {
                    throw e;
                }
                LOG.warn("{} did not start (attempt {} of {}), retrying with new ports: {}", service, attempt, ATTEMPTS, e.getMessage());
                forgetPorts.run();
            }
        }
    }
}
