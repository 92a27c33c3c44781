package io.alertstream.topology.routing;

import io.alertstream.topology.sourcefile.YamlValues;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads the {@code receivers:} list of a routing file for {@link RoutingReader}: names, email addresses,
 * webhooks and digest intervals, each problem recorded at its {@code line:column}.
 */
final class ReceiversReader {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@+-]*");
    private static final Pattern ADDRESS = Pattern.compile("[^@\\s<>,;\"]+@[^@\\s<>,;\"]+");
    private static final Set<String> RECEIVER_KEYS = Set.of("name", "email", "webhooks", "digest_interval");
    private static final Set<String> EMAIL_KEYS = Set.of("to", "cc", "bcc");
    private static final Set<String> WEBHOOK_KEYS = Set.of("url", "format", "timeout");
    private static final Duration MAX_WEBHOOK_TIMEOUT = Duration.ofMinutes(5);
    private final YamlValues yaml;
    private final Map<String, Receiver> receivers;

    ReceiversReader(YamlValues yaml, Map<String, Receiver> receivers) {
        this.yaml = yaml;
        this.receivers = receivers;
    }

    /** Reads the receivers list into {@code receivers}. */
    void read(Node node) {
        Map<String, Node> receiverNodes = new LinkedHashMap<>();
        if (!(node instanceof SequenceNode seq)) {
            yaml.problem(node, "'receivers' must be a list of receivers, each with a 'name'");
            return;
        }
        for (Node item : seq.getValue()) {
            MappingNode map = yaml.mapping(item, "a receiver must be a mapping with 'name' and 'email' and/or 'webhooks'");
            if (map == null) {
                continue;
            }
            Map<String, NodeTuple> f = yaml.fields(map, RECEIVER_KEYS, "a receiver");
            String name = f.containsKey("name") ? name(f.get("name").getValueNode(), "receiver name") : null;
            if (!f.containsKey("name")) {
                yaml.problem(item, "receiver without 'name'");
            }
            Receiver.Email email = f.containsKey("email") ? email(f.get("email").getValueNode()) : null;
            List<Receiver.Webhook> webhooks = f.containsKey("webhooks") ? webhooks(f.get("webhooks").getValueNode()) : List.of();
            Duration digest = null;
            if (f.containsKey("digest_interval")) {
                digest = positive(f.get("digest_interval").getValueNode(), "digest_interval");
            }
            if (!f.containsKey("email") && !f.containsKey("webhooks")) {
                yaml.problem(item, "receiver '" + name + "' has neither 'email' nor 'webhooks': give it at least one");
            }
            if (name == null) {
                continue;
            }
            Node earlier = receiverNodes.putIfAbsent(name, f.get("name").getValueNode());
            if (earlier != null) {
                yaml.problem(f.get("name").getValueNode(), "duplicate receiver '" + name + "' (first defined at line "
                        + (earlier.getStartMark().getLine() + 1) + ")");
                continue;
            }
            receivers.put(name, new Receiver(name, email, webhooks, digest));
        }
    }

    private Receiver.Email email(Node node) {
        MappingNode map = yaml.mapping(node, "'email' must be a mapping with 'to', 'cc' and/or 'bcc' lists");
        if (map == null) {
            return null;
        }
        Map<String, NodeTuple> f = yaml.fields(map, EMAIL_KEYS, "'email'");
        List<String> to = addresses(f.get("to"), "to");
        List<String> cc = addresses(f.get("cc"), "cc");
        List<String> bcc = addresses(f.get("bcc"), "bcc");
        if (to.isEmpty() && cc.isEmpty() && bcc.isEmpty()) {
            yaml.problem(node, "'email' has no address: give 'to', 'cc' or 'bcc' at least one");
        }
        return new Receiver.Email(to, cc, bcc);
    }

    private List<String> addresses(NodeTuple t, String what) {
        if (t == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        Node node = t.getValueNode();
        List<Node> items = node instanceof SequenceNode seq ? seq.getValue() : List.of(node);
        for (Node item : items) {
            String address = yaml.scalar(item, "email." + what);
            if (address != null && !ADDRESS.matcher(address).matches()) {
                yaml.problem(item, "'" + address + "' in email." + what + " is not an email address (name@domain)");
            } else if (address != null) {
                out.add(address);
            }
        }
        return List.copyOf(out);
    }

    private List<Receiver.Webhook> webhooks(Node node) {
        if (!(node instanceof SequenceNode seq)) {
            yaml.problem(node, "'webhooks' must be a list of mappings with a 'url'");
            return List.of();
        }
        List<Receiver.Webhook> out = new ArrayList<>();
        for (Node item : seq.getValue()) {
            MappingNode map = yaml.mapping(item, "a webhook must be a mapping with a 'url'");
            if (map == null) {
                continue;
            }
            Map<String, NodeTuple> f = yaml.fields(map, WEBHOOK_KEYS, "a webhook");
            String url = f.containsKey("url") ? yaml.scalar(f.get("url").getValueNode(), "url") : null;
            if (!f.containsKey("url")) {
                yaml.problem(item, "webhook without 'url'");
            } else if (url != null) {
                checkUrl(f.get("url").getValueNode(), url);
            }
            String format = "json";
            if (f.containsKey("format")) {
                format = yaml.scalar(f.get("format").getValueNode(), "format");
                if (format != null && !format.equals("json") && !format.equals("slack")) {
                    yaml.problem(f.get("format").getValueNode(), "unknown webhook format '" + format + "' (json or slack)");
                }
            }
            Duration timeout = null;
            if (f.containsKey("timeout")) {
                timeout = positive(f.get("timeout").getValueNode(), "timeout");
                if (timeout != null && timeout.compareTo(MAX_WEBHOOK_TIMEOUT) > 0) {
                    yaml.problem(f.get("timeout").getValueNode(), "webhook timeout above " + MAX_WEBHOOK_TIMEOUT.toMinutes()
                            + "m would stall the webhook sink's batch");
                }
            }
            out.add(new Receiver.Webhook(url, format, timeout));
        }
        return List.copyOf(out);
    }

    private void checkUrl(Node node, String url) {
        try {
            URI uri = new URI(url);
            if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
                // The URL is not quoted: webhook URLs often carry a token, and problems of the routing topic are logged.
                yaml.problem(node, "webhook url must be an absolute http:// or https:// URL (got "
                        + (uri.getScheme() == null ? "no scheme" : "scheme '" + YamlValues.clip(uri.getScheme()) + "'")
                        + (uri.getHost() == null ? " and no host" : "") + ")");
            }
        } catch (URISyntaxException e) {
            yaml.problem(node, "webhook url is not a URL: " + e.getReason() + " at index " + e.getIndex());
        }
    }

    private Duration positive(Node node, String what) {
        Duration d = yaml.duration(node, what);
        if (d != null && d.isZero()) {
            yaml.problem(node, "'" + what + "' must be more than 0");
            return null;
        }
        return d;
    }

    private String name(Node node, String what) {
        String name = yaml.scalar(node, what);
        if (name != null && !NAME.matcher(name).matches()) {
            yaml.problem(node, "bad " + what + " '" + name + "' (letters, digits and . _ @ + -, starting with a letter or digit)");
            return null;
        }
        return name;
    }
}
