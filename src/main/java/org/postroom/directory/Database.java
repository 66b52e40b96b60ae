package org.postroom.directory;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Semaphore;
import org.postroom.files.OwnerOnly;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteOpenMode;

/**
 * The embedded SQLite database, {@code postroom.db} in the data folder: the directory, and later the collector's
 * memory.
 *
 * <p>It is shared by the running server (many virtual threads) and by the administrator's CLI, a separate process
 * working at the same time. SQLite's WAL journal lets readers go on while one writer writes; every write is a
 * {@code BEGIN IMMEDIATE} transaction, which takes the write lock up front so that two writers wait for each other
 * (up to the busy timeout) instead of one failing when it upgrades a read to a write.
 *
 * <p>Connections are pooled, a few per process, because opening one costs more than the point query the router
 * asks for every recipient. A pooled connection is used by one thread at a time; other threads wait for one
 * (virtual threads park on the semaphore). A statement runs in native code, which holds its carrier thread for the
 * statement's duration: microseconds for the directory's point queries.
 */
public final class Database implements AutoCloseable {

    /** The database's file name inside the data folder. */
    public static final String FILE_NAME = "postroom.db";
    /** How long a statement waits for another connection's lock before failing, in milliseconds. */
    static final int BUSY_TIMEOUT_MILLIS = 5_000;
    private static final int POOL_SIZE = 4;

    /** Work done on one connection inside a transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private final Path file;
    private final SQLiteConfig config;
    private final BlockingQueue<Connection> idle = new ArrayBlockingQueue<>(POOL_SIZE);
    private final Semaphore permits = new Semaphore(POOL_SIZE, true);
    private volatile boolean closed;

    private Database(Path file, SQLiteConfig config) {
        this.file = file;
        this.config = config;
    }

    /**
     * Opens the database, creating the file and its schema if there is none yet. This is for the server, which owns
     * the data folder; the CLI uses {@link #openExisting}.
     */
    public static Database open(Path dbFile) {
        try {
            Path parent = dbFile.toAbsolutePath().getParent();
            if (parent != null) OwnerOnly.createDirectories(parent);
            // 0600 before SQLite opens it: the hashes are secrets, and SQLite gives its -wal, -shm and -journal files
            // the database file's mode. An empty file is a new database to SQLite.
            if (!Files.exists(dbFile)) OwnerOnly.writeNewFile(dbFile, new byte[0]);
        } catch (FileAlreadyExistsException e) {
            // made meanwhile by another opener: SQLite takes it as it is
        } catch (IOException e) {
            throw new DatabaseException("cannot create the folder for " + dbFile + ": " + e.getMessage());
        }
        return start(dbFile, connectionConfig(true));
    }

    /** Where the database lives in a data folder. */
    public static Path fileIn(Path dataFolder) {
        return dataFolder.resolve(FILE_NAME);
    }

    /**
     * Opens a database that must already exist, and never creates one: a mistyped {@code --data} must not leave an
     * empty directory behind that the server would then never read.
     */
    public static Database openExisting(Path dbFile) {
        if (!Files.isRegularFile(dbFile)) throw new DatabaseException("no database at " + dbFile);
        return start(dbFile, connectionConfig(false));
    }

    private static Database start(Path dbFile, SQLiteConfig config) {
        Database db = new Database(dbFile.toAbsolutePath(), config);
        try {
            db.write(Schema::migrate);
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
        return db;
    }

    private static SQLiteConfig connectionConfig(boolean create) {
        SQLiteConfig config = new SQLiteConfig();
        if (!create) config.resetOpenMode(SQLiteOpenMode.CREATE);
        config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
        config.enforceForeignKeys(true);
        // WAL is remembered in the file; asking again on every connection is a cheap no-op once it is set.
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        return config;
    }

    public Path file() {
        return file;
    }

    /** Runs {@code work} in a read transaction: it sees one consistent snapshot however many queries it makes. */
    public <T> T read(Work<T> work) {
        return inTransaction("BEGIN", work);
    }

    /** Runs {@code work} in a write transaction, committed if it returns and rolled back if it throws. */
    public <T> T write(Work<T> work) {
        return inTransaction("BEGIN IMMEDIATE", work);
    }

    private <T> T inTransaction(String begin, Work<T> work) {
        Connection connection = borrow();
        boolean reusable = false;
        try {
            // Transactions are begun and ended by statement, with the driver left in auto-commit mode: the JDBC way
            // (setAutoCommit(false)) makes the driver open the next transaction as soon as one commits.
            execute(connection, begin);
            try {
                T result = work.run(connection);
                execute(connection, "COMMIT");
                reusable = true;
                return result;
            } catch (SQLException | RuntimeException | Error e) {
                reusable = rollback(connection, e);
                throw e;
            }
        } catch (SQLException e) {
            throw new DatabaseException("database " + file + " failed", e);
        } finally {
            giveBack(connection, reusable);
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** Rolls back after a failure; false when that failed too and the connection must not be reused. */
    private static boolean rollback(Connection connection, Throwable cause) {
        try {
            execute(connection, "ROLLBACK");
            return true;
        } catch (SQLException e) {
            cause.addSuppressed(e); // SQLite may have rolled back already (SQLITE_FULL, SQLITE_BUSY on COMMIT...)
            return false;
        }
    }

    private Connection borrow() {
        if (closed) throw new DatabaseException("database " + file + " is closed");
        permits.acquireUninterruptibly();
        try {
            Connection pooled = idle.poll();
            return pooled != null ? pooled : config.createConnection("jdbc:sqlite:" + file);
        } catch (SQLException e) {
            permits.release();
            throw new DatabaseException("cannot open database " + file, e);
        } catch (RuntimeException e) {
            permits.release();
            throw e;
        }
    }

    /** A connection whose transaction could not be ended is closed rather than pooled. */
    private void giveBack(Connection connection, boolean reusable) {
        try {
            if (!reusable || closed || !idle.offer(connection)) closeQuietly(connection);
        } finally {
            permits.release();
        }
        if (closed) drain();
    }

    @Override
    public void close() {
        closed = true;
        drain();
    }

    private void drain() {
        for (Connection c; (c = idle.poll()) != null; ) closeQuietly(c);
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // nothing left to do for a connection we are throwing away
        }
    }
}
