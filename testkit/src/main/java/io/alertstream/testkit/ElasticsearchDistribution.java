package io.alertstream.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the Elasticsearch server distribution and unpacks it once into a shared cache.
 *
 * <p>Input: the {@code org.elasticsearch.distribution.integ-test-zip:elasticsearch:VERSION:zip} artifact,
 * which the Maven build downloads (testkit and its consumers declare it as a test dependency).
 * Lookup order: system property {@value #HOME_PROPERTY} / env {@code ALERTSTREAM_ELASTICSEARCH_HOME}
 * (an unpacked distribution); system property {@value #ZIP_PROPERTY} / env
 * {@code ALERTSTREAM_ELASTICSEARCH_ZIP}; the local Maven repository ({@code -Dmaven.repo.local},
 * {@code localRepository} in {@code ~/.m2/settings.xml}, else {@code ~/.m2/repository}).
 * Output: the unpacked home directory, with the zip's Unix permissions (the bin scripts stay
 * executable). Semantics: unpacking goes to a private directory that is renamed into place, so
 * concurrent JVMs never see half an installation.
 */
final class ElasticsearchDistribution {

    static final String ZIP_PROPERTY = "alertstream.elasticsearch.zip";
    static final String HOME_PROPERTY = "alertstream.elasticsearch.home";
    static final String CACHE_PROPERTY = "alertstream.cache.dir";
    static final String VERSION = loadVersion();

    private static final Logger LOG = LoggerFactory.getLogger(ElasticsearchDistribution.class);
    private static final String COMPLETE_MARKER = ".alertstream-complete";

    private ElasticsearchDistribution() {
    }

    static synchronized Path home() {
        String explicitHome = setting(HOME_PROPERTY, "ALERTSTREAM_ELASTICSEARCH_HOME");
        if (explicitHome != null) {
            return Path.of(explicitHome);
        }
        Path target = cacheRoot().resolve("elasticsearch-" + VERSION);
        if (!Files.exists(target.resolve(COMPLETE_MARKER))) {
            unpack(findZip(), target);
        }
        return target;
    }

    /** Where unpacked distributions live. Root's home is not traversable by {@code nobody}, hence /var/tmp. */
    static Path cacheRoot() {
        String explicit = setting(CACHE_PROPERTY, "ALERTSTREAM_CACHE_DIR");
        if (explicit != null) {
            return Path.of(explicit);
        }
        if (UnprivilegedUser.isRoot()) {
            Path varTmp = Path.of("/var/tmp");
            return (Files.isDirectory(varTmp) ? varTmp : Path.of(System.getProperty("java.io.tmpdir"))).resolve("alertstream-cache");
        }
        return Path.of(System.getProperty("user.home"), ".cache", "alertstream");
    }

    static Path findZip() {
        List<Path> candidates = new ArrayList<>();
        String explicit = setting(ZIP_PROPERTY, "ALERTSTREAM_ELASTICSEARCH_ZIP");
        if (explicit != null) {
            candidates.add(Path.of(explicit));
        }
        String relative = "org/elasticsearch/distribution/integ-test-zip/elasticsearch/" + VERSION + "/elasticsearch-" + VERSION + ".zip";
        localRepositories().forEach(repo -> candidates.add(repo.resolve(relative)));
        for (Path candidate : candidates) {
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("Elasticsearch " + VERSION + " distribution not found; looked at " + candidates
            + ". Let Maven download it: declare the test dependency org.elasticsearch.distribution.integ-test-zip:elasticsearch:"
            + VERSION + " with <type>zip</type> in your module (or run `mvn -pl testkit -am install`), or set -D"
            + ZIP_PROPERTY + " / ALERTSTREAM_ELASTICSEARCH_ZIP to the zip.");
    }

    private static List<Path> localRepositories() {
        List<Path> repos = new ArrayList<>();
        String fromProperty = System.getProperty("maven.repo.local");
        if (fromProperty != null && !fromProperty.isBlank()) {
            repos.add(Path.of(fromProperty));
        }
        Path m2 = Path.of(System.getProperty("user.home"), ".m2");
        Path settings = m2.resolve("settings.xml");
        if (Files.isRegularFile(settings)) {
            try {
                Matcher matcher = Pattern.compile("<localRepository>\\s*([^<]+?)\\s*</localRepository>")
                    .matcher(Files.readString(settings));
                if (matcher.find()) {
                    repos.add(Path.of(matcher.group(1).replace("${user.home}", System.getProperty("user.home"))));
                }
            } catch (IOException | RuntimeException e) {
                LOG.debug("Ignoring unreadable {}", settings, e);
            }
        }
        repos.add(m2.resolve("repository"));
        return repos;
    }

    private static void unpack(Path zip, Path target) {
        Path staging = target.resolveSibling(target.getFileName() + ".unpacking-" + UUID.randomUUID());
        LOG.info("Unpacking {} into {}", zip, target);
        try {
            Files.createDirectories(target.getParent());
            try (FileSystem zipFs = FileSystems.newFileSystem(URI.create("jar:" + zip.toUri()),
                Map.of("enablePosixFileAttributes", "true"))) {
                Path root = zipFs.getPath("/elasticsearch-" + VERSION);
                try (Stream<Path> entries = Files.walk(root)) {
                    for (Path entry : (Iterable<Path>) entries::iterator) {
                        copyEntry(entry, staging.resolve(root.relativize(entry).toString()));
                    }
                }
            }
            Files.createFile(staging.resolve(COMPLETE_MARKER));
            try {
                Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException raceLostOrLeftover) {
                if (!Files.exists(target.resolve(COMPLETE_MARKER))) {
                    // A half-unpacked directory from a killed run: replace it.
                    TempDirs.deleteQuietly(target);
                    Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot unpack " + zip + " into " + target, e);
        } finally {
            TempDirs.deleteQuietly(staging);
        }
    }

    private static void copyEntry(Path entry, Path destination) throws IOException {
        if (Files.isDirectory(entry)) {
            Files.createDirectories(destination);
            Files.setPosixFilePermissions(destination, PosixFilePermissions.fromString("rwxr-xr-x"));
            return;
        }
        try (InputStream in = Files.newInputStream(entry)) {
            Files.copy(in, destination);
        }
        Set<PosixFilePermission> permissions;
        try {
            permissions = Files.getPosixFilePermissions(entry);
        } catch (UnsupportedOperationException | IOException e) {
            permissions = Set.of();
        }
        if (permissions.isEmpty()) {
            permissions = PosixFilePermissions.fromString("rw-r--r--");
        }
        Files.setPosixFilePermissions(destination, permissions);
    }

    private static String setting(String property, String env) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            value = System.getenv(env);
        }
        return value == null || value.isBlank() ? null : value;
    }

    private static String loadVersion() {
        Properties props = new Properties();
        try (InputStream in = ElasticsearchDistribution.class.getResourceAsStream("testkit.properties")) {
            props.load(in);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("testkit.properties missing from the testkit jar", e);
        }
        return props.getProperty("elasticsearch.version");
    }
}
