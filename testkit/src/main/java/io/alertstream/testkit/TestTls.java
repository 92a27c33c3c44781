package io.alertstream.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throw-away certificate authority for tests: a self-signed server key pair for {@code 127.0.0.1} and
 * {@code localhost} in a PKCS12 key store, and a PKCS12 trust store holding only its certificate.
 *
 * <p>Made with the JDK's own {@code keytool}, so no crypto library is needed and nothing is downloaded.
 * The files live in the given directory; the password is random per instance.
 */
public final class TestTls {
    private final Path keyStore;
    private final Path trustStore;
    private final String password;

    private TestTls(Path keyStore, Path trustStore, String password) {
        this.keyStore = keyStore;
        this.trustStore = trustStore;
        this.password = password;
    }

    /** Creates {@code server.p12} and {@code trust.p12} in {@code dir}. */
    public static TestTls create(Path dir) {
        try {
            Files.createDirectories(dir);
            String password = "tls-" + Long.toHexString(Double.doubleToLongBits(Math.random()));
            Path keyStore = dir.resolve("server.p12");
            Path cert = dir.resolve("server.crt");
            Path trustStore = dir.resolve("trust.p12");
            keytool("-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                    "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost",
                    "-keystore", keyStore.toString(), "-storetype", "PKCS12", "-storepass", password, "-keypass", password);
            keytool("-exportcert", "-alias", "server", "-keystore", keyStore.toString(), "-storetype", "PKCS12",
                    "-storepass", password, "-rfc", "-file", cert.toString());
            keytool("-importcert", "-noprompt", "-alias", "server", "-file", cert.toString(),
                    "-keystore", trustStore.toString(), "-storetype", "PKCS12", "-storepass", password);
            return new TestTls(keyStore, trustStore, password);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot create test TLS files in " + dir, e);
        }
    }

    public Path keyStore() {
        return keyStore;
    }

    public Path trustStore() {
        return trustStore;
    }

    /** The password of both stores and of the key. */
    public String password() {
        return password;
    }

    private static void keytool(String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String output = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException("keytool " + args[0] + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while running keytool", e);
        }
    }
}
