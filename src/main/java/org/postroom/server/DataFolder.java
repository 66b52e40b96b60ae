package org.postroom.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.postroom.config.ConfigLoader;
import org.postroom.directory.Database;
import org.postroom.directory.Directory;
import org.postroom.directory.PasswordHasher;
import org.postroom.directory.Postmaster;
import org.postroom.files.OwnerOnly;
import org.postroom.message.MailAddress;

/**
 * The layout of the data folder (DESIGN.md) and what a first start puts in it: the commented configuration,
 * the database with the local domain and a {@code postmaster} account. The TLS pair is made by the server.
 */
public record DataFolder(Path root) {

    public Path mail() {
        return root.resolve("mail");
    }

    /** The outbound queue (one message file and one envelope file per message). */
    public Path queue() {
        return root.resolve("queue");
    }

    /** Removed users' mailboxes, moved out of reach by {@code postroom user remove} (store.RemovedMailboxes). */
    public Path removed() {
        return root.resolve("removed");
    }

    public Path tmp() {
        return root.resolve("tmp");
    }

    public Path logs() {
        return root.resolve("logs");
    }

    public Path database() {
        return root.resolve(Database.FILE_NAME);
    }

    public boolean isInitialized() {
        return Files.exists(database());
    }

    /** The postmaster account made on first start, with the password to show the administrator once. */
    public record FirstAccount(MailAddress address, String password) {}

    /**
     * Makes a new data folder ready: folders, {@code postroom.toml} (unless present), the database, the local
     * domain and the postmaster. Returns the postmaster's credentials, or empty when the folder was ready.
     */
    public Optional<FirstAccount> initialize(String domain, org.postroom.config.AddressRules rules) throws IOException {
        OwnerOnly.createDirectories(root);
        for (Path dir : new Path[] {mail(), tmp(), logs()}) OwnerOnly.createDirectories(dir);
        Path config = root.resolve(ConfigLoader.FILE_NAME); // 0600: it will hold the providers' passwords
        if (!Files.exists(config)) OwnerOnly.writeNewFile(config, ConfigLoader.defaultFileText().getBytes(StandardCharsets.UTF_8));
        if (isInitialized()) return Optional.empty();
        try (Database db = Database.open(database())) {
            Directory directory = new Directory(db, rules);
            directory.addDomain(domain);
            MailAddress postmaster = Postmaster.of(domain);
            String password = PasswordHasher.generatePassword();
            directory.addUser(postmaster, "Postmaster", password.toCharArray(), false, 0);
            return Optional.of(new FirstAccount(postmaster, password));
        }
    }

    /** Removes the spilled temporary files of messages that were being received when Postroom last stopped. */
    public void clearTmp() throws IOException {
        OwnerOnly.createDirectories(tmp());
        try (DirectoryStream<Path> files = Files.newDirectoryStream(tmp())) {
            for (Path file : files) Files.deleteIfExists(file);
        }
    }
}
