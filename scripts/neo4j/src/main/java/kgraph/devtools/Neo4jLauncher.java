package kgraph.devtools;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.BoltConnectorInternalSettings;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.QueryExecutionException;
import org.neo4j.logging.log4j.Log4jLogProvider;

/**
 * Runs a real Neo4j Community DBMS (embedded, from Maven Central) with Bolt on
 * 127.0.0.1, so dev machines and CI get a Neo4j server without Docker or the
 * tarball. Usage: Neo4jLauncher [dataDir]  (or env NEO4J_DATA_DIR).
 * Env: NEO4J_BOLT_PORT (7687), NEO4J_PASSWORD (testpassword).
 *
 * Writes neo4j.pid and, once Bolt accepts the configured password, a "ready"
 * marker next to the data dir; scripts/neo4j.sh waits for that marker because
 * an open port alone may still answer "credentials expired" on a first start.
 */
public final class Neo4jLauncher {

    public static void main(String[] args) throws Exception {
        Path dataDir = Path.of(args.length > 0 ? args[0] : env("NEO4J_DATA_DIR", ".neo4j/data"))
                .toAbsolutePath().normalize();
        int port = Integer.parseInt(env("NEO4J_BOLT_PORT", "7687"));
        String password = env("NEO4J_PASSWORD", "testpassword");
        Path runDir = dataDir.getParent();
        Path pidFile = runDir.resolve("neo4j.pid");
        Path readyFile = runDir.resolve("ready");

        Files.createDirectories(dataDir);
        Files.deleteIfExists(readyFile); // a stale marker from a killed run must not fool the script
        writeAtomically(pidFile, Long.toString(ProcessHandle.current().pid()));

        DatabaseManagementService dbms;
        try {
            dbms = build(dataDir, port);
        } catch (Throwable t) { // e.g. port taken or store locked by another instance
            t.printStackTrace();
            System.out.println("Neo4jLauncher: could not start Neo4j: " + rootMessage(t));
            Files.deleteIfExists(pidFile);
            System.exit(1); // half-built DBMS threads would otherwise keep the JVM alive
            return;
        }

        // SIGTERM/SIGINT -> clean shutdown (checkpoint, release the store lock),
        // so the next start needs no recovery.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                Files.deleteIfExists(readyFile);
                System.out.println("Neo4jLauncher: shutting down");
                dbms.shutdown();
                Files.deleteIfExists(pidFile);
                System.out.println("Neo4jLauncher: stopped");
            } catch (Throwable t) {
                t.printStackTrace();
            }
        }, "neo4j-shutdown"));

        System.out.println("Neo4jLauncher: DBMS up " + ManagementFactory.getRuntimeMXBean().getUptime()
                + " ms after JVM start; setting password");
        try {
            setPassword(dbms, password);
        } catch (Throwable t) {
            t.printStackTrace();
            System.out.println("Neo4jLauncher: could not set the neo4j password: " + rootMessage(t));
            System.exit(1); // runs the hook: no half-started server left behind
        }

        writeAtomically(readyFile, "bolt://127.0.0.1:" + port + "\n");
        System.out.println("Neo4jLauncher: ready on bolt://127.0.0.1:" + port + " (data " + dataDir + ", "
                + ManagementFactory.getRuntimeMXBean().getUptime() + " ms after JVM start)");
        new CountDownLatch(1).await(); // block; the JVM leaves via the shutdown hook
    }

    private static DatabaseManagementService build(Path dataDir, int port) {
        return new DatabaseManagementServiceBuilder(dataDir)
                // Home == data dir keeps every byte (stores, tx logs, debug.log) under one ignored folder.
                .setConfig(GraphDatabaseSettings.data_directory, dataDir)
                .setConfig(GraphDatabaseSettings.logs_directory, dataDir.resolve("logs"))
                .setConfig(GraphDatabaseSettings.auth_enabled, true)
                // Default locks the user for 5 s after 3 bad logins; a test that checks a wrong
                // password is rejected would then make the next (correct) login flaky.
                .setConfig(GraphDatabaseSettings.auth_max_failed_attempts, 0)
                // On by default even embedded; there is no internet here, and no phoning home from CI.
                .setConfig(GraphDatabaseSettings.udc_enabled, false)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                .setConfig(BoltConnector.advertised_address, new SocketAddress("127.0.0.1", port))
                // Plain bolt:// on loopback: no certificates to manage for local tests.
                .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                // Embedded mode never starts Jetty, but say so explicitly in case a default changes.
                .setConfig(HttpConnector.enabled, false)
                .setConfig(HttpsConnector.enabled, false)
                // 2-core CI box shared with the test suite: small page cache, few bolt threads.
                .setConfig(GraphDatabaseSettings.pagecache_memory, 192L * 1024 * 1024)
                .setConfig(BoltConnector.thread_pool_max_size, 50)
                // Internal knobs: Bolt otherwise idles 2 x 5 s in shutdown after the stores are
                // already checkpointed, which only makes restarts in tests/CI slower.
                .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0)
                .setConfig(BoltConnectorInternalSettings.connection_shutdown_wait_time, Duration.ofSeconds(1))
                // Dev data is disposable: small, non-preallocated tx logs (default preallocates
                // 256 MB per database up front) and no days-long retention.
                .setConfig(GraphDatabaseSettings.preallocate_logical_logs, false)
                .setConfig(GraphDatabaseSettings.logical_log_rotation_threshold, 32L * 1024 * 1024)
                .setConfig(GraphDatabaseSettings.keep_logical_logs, "64M size")
                .setUserLogProvider(new Log4jLogProvider(System.out))
                .build();
    }

    /**
     * Forces the configured password with no "change required" flag. Runs on
     * every start (idempotent), so a fresh store (initial password 'neo4j',
     * change required) and an existing one both end up in the same state, and
     * changing NEO4J_PASSWORD between runs just works.
     */
    private static void setPassword(DatabaseManagementService dbms, String password) {
        var system = dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME);
        try {
            system.executeTransactionally(
                    "ALTER USER neo4j SET PASSWORD $pw CHANGE NOT REQUIRED", Map.of("pw", password));
        } catch (QueryExecutionException e) {
            // Neo4j refuses to "change" a password to the one already set: that is the restart case.
            if (e.getMessage() == null || !e.getMessage().contains("cannot be the same")) {
                throw e;
            }
            system.executeTransactionally("ALTER USER neo4j SET PASSWORD CHANGE NOT REQUIRED");
        }
    }

    private static void writeAtomically(Path file, String content) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, content);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static String rootMessage(Throwable t) {
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.toString();
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isEmpty() ? fallback : v;
    }
}
