package io.alertstream.connectors.probe;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Refuses to probe hosts that resolve to private, loopback, link-local (cloud metadata at 169.254.169.254),
 * wildcard, multicast or unique-local IPv6 addresses, unless {@code probe.allow.private.networks=true}.
 *
 * <p>Targets are user input: without this a target could make the Connect worker scan its own network or
 * read the cloud metadata service. Every resolved address must be public, so a name with one public and one
 * private address is refused. Limitation: the HTTP client resolves the name again when it connects, so a DNS
 * server that answers differently the second time (DNS rebinding) is not stopped by this check.
 */
class AddressPolicy { // not final: tests refuse chosen names
    private final boolean allowPrivate;

    AddressPolicy(boolean allowPrivate) {
        this.allowPrivate = allowPrivate;
    }

    /**
     * Resolves {@code host} (blocking) and checks every address.
     *
     * @return true when the host may be probed
     * @throws UnknownHostException when the name does not resolve (a "dns" result)
     */
    boolean allowed(String host) throws UnknownHostException {
        InetAddress[] addresses = InetAddress.getAllByName(host);
        if (allowPrivate) {
            return true;
        }
        for (InetAddress address : addresses) {
            if (isPrivate(address)) {
                return false;
            }
        }
        return true;
    }

    static boolean isPrivate(InetAddress address) {
        if (address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
                || address.isAnyLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] raw = address.getAddress();
        if (address instanceof Inet6Address) {
            return (raw[0] & 0xfe) == 0xfc; // fc00::/7 unique local
        }
        int first = raw[0] & 0xff;
        int second = raw[1] & 0xff;
        return first == 0 // "this network"
                || (first == 100 && second >= 64 && second <= 127) // 100.64/10 carrier-grade NAT
                || (first == 198 && (second == 18 || second == 19)); // 198.18/15 benchmarking
    }
}
