package dev.threadwork.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.threadwork.config.ThreadworkConfig;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The connection pool and the schema. H2 (embedded, the default) and PostgreSQL share one set of
 * Flyway migrations.
 */
public final class Database implements AutoCloseable {

    private final HikariDataSource dataSource;
    private final HikariDataSource inbound;

    public Database(ThreadworkConfig.Database settings) {
        this.dataSource = pool(settings, "threadwork-db", settings.h2() ? 8 : 16);
        // Slack's deliveries are stored while Slack waits for the ack: their own connections, so
        // that session work (streams, rendering, delivery) holding the others never delays an ack.
        // As many as the main pool (8) with H2: Payara serves up to 200 requests at once.
        this.inbound = pool(settings, "threadwork-inbound", 8);
    }

    private static HikariDataSource pool(ThreadworkConfig.Database settings, String name, int size) {
        HikariConfig pool = new HikariConfig();
        pool.setJdbcUrl(durableUrl(settings.url()));
        // Named explicitly: DriverManager does not see drivers inside the web application's class loader.
        pool.setDriverClassName(settings.h2() ? "org.h2.Driver" : "org.postgresql.Driver");
        pool.setUsername(settings.user());
        pool.setPassword(settings.password().reveal());
        pool.setPoolName(name);
        pool.setMaximumPoolSize(size);
        pool.setInitializationFailTimeout(-1); // report failures from migrate(), with a clear message
        return new HikariDataSource(pool);
    }

    /** The pool for what runs while Slack waits for its ack (storing an inbound message). */
    public DataSource inboundDataSource() {
        return inbound;
    }

    /**
     * H2 delays writing committed transactions by default; the bot acknowledges Slack only after a
     * commit, so a commit must reach the file before the process can be killed.
     */
    static String durableUrl(String url) {
        if (!url.startsWith("jdbc:h2:") || url.startsWith("jdbc:h2:mem:") || url.startsWith("jdbc:h2:tcp:")
                || url.startsWith("jdbc:h2:ssl:")) {
            return url;
        }
        String durable = url;
        // H2's default file channel closes the whole database when a writing thread is interrupted
        // (ClosedByInterruptException); the async file system is not interruptible.
        if (durable.startsWith("jdbc:h2:file:")) {
            durable = "jdbc:h2:async:" + durable.substring("jdbc:h2:file:".length());
        } else if (!durable.startsWith("jdbc:h2:async:") && !durable.startsWith("jdbc:h2:nio")) {
            durable = "jdbc:h2:async:" + durable.substring("jdbc:h2:".length());
        }
        if (!durable.toUpperCase().contains("WRITE_DELAY")) {
            durable += ";WRITE_DELAY=0";
        }
        // H2's own shutdown hook would close the database while a graceful stop is still flushing; the pool closes it.
        if (!durable.toUpperCase().contains("DB_CLOSE_ON_EXIT")) {
            durable += ";DB_CLOSE_ON_EXIT=FALSE";
        }
        return durable;
    }

    /** Creates or evolves the schema; returns how many migrations ran. */
    public int migrate() {
        return Flyway.configure(Database.class.getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load()
                .migrate()
                .migrationsExecuted;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public Connection connection() throws SQLException {
        return dataSource.getConnection();
    }

    @Override
    public void close() {
        inbound.close();
        dataSource.close();
    }
}
