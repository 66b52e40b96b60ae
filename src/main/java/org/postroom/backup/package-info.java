/**
 * {@code postroom backup} and {@code postroom restore}: a consistent copy of a data folder taken while the server
 * runs, and putting one back onto a stopped server or into a new folder.
 *
 * <p>What is copied and how ({@link BackupRules}): each SQLite database through SQLite's online backup
 * ({@link SqliteSnapshot}), first, so that the collector's ledger is never newer than the mail it describes; then the
 * files, Maildir messages followed by their unique names across renames ({@link MaildirMessages}); then sweeps
 * until nothing changes. The copy is staged beside the destination and appears under its final name in one rename,
 * with a {@link Manifest} (sizes, SHA-256, versions, time) and a {@code SHA256SUMS} file.
 *
 * <p>SECURITY: an archive to restore is untrusted input until its manifest and checksums are verified: entry names
 * are checked to stay inside the target ({@link ArchivePaths}), and nothing reaches the data folder before every
 * file has been checked against the manifest. Symbolic links are recreated as recorded ({@link RestoredLinks}) and a
 * link's content is written to its target when nothing is there: a backup can thus write one new file outside the
 * data folder, where a link of its own says (never over an existing one); restore only backups you made.
 */
package org.postroom.backup;
