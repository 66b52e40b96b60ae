package org.postroom.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.postroom.directory.TestDirectories.a;
import static org.postroom.directory.TestDirectories.pw;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postroom.config.AddressRules;

class DirectoryTest {

    @TempDir
    Path folder;

    Directory dir;

    @BeforeEach
    void setUp() {
        dir = TestDirectories.open(folder, AddressRules.DEFAULT);
        dir.addDomain("Example.com");
    }

    private static void assertRefused(ThrowingCallable call, DirectoryException.Kind kind, String messagePart) {
        assertThatThrownBy(call).isInstanceOfSatisfying(DirectoryException.class, e -> {
            assertThat(e.kind()).isEqualTo(kind);
            assertThat(e.getMessage()).contains(messagePart);
        });
    }

    @Test
    void domainsAreStoredInLowerCaseAndMatchedInAnyCase() {
        assertThat(dir.domains()).containsExactly(new Domain("example.com", Optional.empty()));
        assertThat(dir.isLocalDomain("EXAMPLE.COM")).isTrue();
        assertThat(dir.isLocalDomain("example.org")).isFalse();
        assertThat(dir.isLocalDomain("example.com.")).isFalse();
    }

    @Test
    void anAddressLiteralIsNeverLocal() {
        assertRefused(() -> dir.addDomain("[127.0.0.1]"), DirectoryException.Kind.INVALID, "not a domain");
        assertThat(dir.isLocalDomain("[127.0.0.1]")).isFalse();
    }

    @Test
    void domainsAreCheckedOnTheWayIn() {
        assertRefused(() -> dir.addDomain("example.com"), DirectoryException.Kind.CONFLICT, "exists");
        assertRefused(() -> dir.addDomain("bad domain"), DirectoryException.Kind.INVALID, "bad domain");
        assertRefused(() -> dir.removeDomain("example.org"), DirectoryException.Kind.NOT_FOUND, "example.org");
    }

    @Test
    void aDomainInUseCannotBeRemoved() {
        dir.addGroup(a("team@example.com"), false);
        assertRefused(() -> dir.removeDomain("example.com"), DirectoryException.Kind.CONFLICT, "still has 1");
        dir.removeGroup(a("team@example.com"));
        dir.removeDomain("EXAMPLE.com");
        assertThat(dir.domains()).isEmpty();
    }

    @Test
    void usersNeedALocalDomainAndAFreeAddress() {
        User alice = dir.addUser(a("Alice@example.com"), " Alice Smith ", pw("pw"), true, 1024);
        assertThat(alice.address()).isEqualTo(a("Alice@example.com"));
        assertThat(alice.displayName()).isEqualTo("Alice Smith");
        assertThat(alice.enabled()).isTrue();
        assertThat(alice.internalOnly()).isTrue();
        assertThat(alice.quotaBytes()).isEqualTo(1024);
        assertThat(alice.pop3Allowed()).isTrue();
        assertThat(dir.users()).containsExactly(alice);

        assertRefused(() -> dir.addUser(a("alice@example.com"), "", pw("pw"), false, 0), DirectoryException.Kind.CONFLICT, "already a user");
        assertRefused(() -> dir.addUser(a("bob@example.org"), "", pw("pw"), false, 0), DirectoryException.Kind.NOT_FOUND, "not a local domain");
        assertRefused(() -> dir.addUser(a("bob@[10.0.0.1]"), "", pw("pw"), false, 0), DirectoryException.Kind.NOT_FOUND, "not a local domain");
        assertRefused(() -> dir.addUser(a("bob@example.com"), "", pw(""), false, 0), DirectoryException.Kind.INVALID, "password");
        assertRefused(() -> dir.addUser(a("bob@example.com"), "", pw("pw"), false, -1), DirectoryException.Kind.INVALID, "quota");
        assertRefused(() -> dir.addUser(a("bob@example.com"), "Bob\r\nBcc: x", pw("pw"), false, 0), DirectoryException.Kind.INVALID, "control");
        assertRefused(() -> dir.addUser(a("bob%x@example.com"), "", pw("pw"), false, 0), DirectoryException.Kind.INVALID, "%");
    }

    @Test
    void anAddressHasOneRoleOnly() {
        dir.addUser(a("alice@example.com"), "", pw("pw"), false, 0);
        dir.addAlias(a("sales@example.com"), List.of(a("alice@example.com")));
        dir.addGroup(a("team@example.com"), false);

        assertRefused(() -> dir.addAlias(a("ALICE@example.com"), List.of(a("x@example.org"))), DirectoryException.Kind.CONFLICT, "already a user");
        assertRefused(() -> dir.addGroup(a("sales@example.com"), false), DirectoryException.Kind.CONFLICT, "already an alias");
        assertRefused(() -> dir.addUser(a("team@example.com"), "", pw("pw"), false, 0), DirectoryException.Kind.CONFLICT, "already a group");
        assertRefused(() -> dir.removeUser(a("sales@example.com")), DirectoryException.Kind.NOT_FOUND, "is an alias, not a user");
        assertRefused(() -> dir.addMember(a("sales@example.com"), a("alice@example.com")), DirectoryException.Kind.NOT_FOUND, "is an alias, not a group");
    }

    @Test
    void userSettingsChange() {
        dir.addUser(a("alice@example.com"), "", pw("pw"), false, 0);
        dir.setDisplayName(a("alice@example.com"), "Alice");
        dir.setEnabled(a("ALICE@example.com"), false);
        dir.setInternalOnly(a("alice@example.com"), true);
        dir.setQuota(a("alice@example.com"), 5_000_000);
        dir.setPop3Allowed(a("alice@example.com"), false);
        dir.setPop3OfficeOnly(a("alice@example.com"), true);

        User alice = dir.findUser(a("alice@example.com")).orElseThrow();
        assertThat(alice).isEqualTo(new User(alice.id(), a("alice@example.com"), "Alice", false, true, 5_000_000, false, true));
        assertRefused(() -> dir.setEnabled(a("nobody@example.com"), true), DirectoryException.Kind.NOT_FOUND, "no user nobody@example.com");
    }

    @Test
    void aLoginIsTheFullAddressOrAnUnambiguousLocalPart() {
        dir.addDomain("branch.example");
        User alice = dir.addUser(a("alice@example.com"), "", pw("pw"), false, 0);
        dir.addUser(a("bob@example.com"), "", pw("pw"), false, 0);
        dir.addUser(a("bob@branch.example"), "", pw("pw"), false, 0);
        dir.addAlias(a("sales@example.com"), List.of(a("alice@example.com")));

        assertThat(dir.findUserByLogin("alice@EXAMPLE.com")).contains(alice);
        assertThat(dir.findUserByLogin("Alice")).contains(alice);
        assertThat(dir.findUserByLogin("bob")).isEmpty();
        assertThat(dir.findUserByLogin("bob@branch.example")).isPresent();
        assertThat(dir.findUserByLogin("sales")).isEmpty();
        assertThat(dir.findUserByLogin("sales@example.com")).isEmpty();
        assertThat(dir.findUserByLogin("alice@example.com@x")).isEmpty();
        assertThat(dir.findUserByLogin("")).isEmpty();
    }

    @Test
    void authenticationNeedsTheRightPasswordAndAnEnabledUser() {
        User alice = dir.addUser(a("alice@example.com"), "", pw("s3cret"), false, 0);
        assertThat(dir.authenticate("alice@example.com", pw("s3cret"))).contains(alice);
        assertThat(dir.authenticate("alice", pw("s3cret"))).contains(alice);
        assertThat(dir.authenticate("alice@example.com", pw("S3cret"))).isEmpty();

        dir.setPassword(a("alice@example.com"), pw("new"));
        assertThat(dir.authenticate("alice", pw("s3cret"))).isEmpty();
        assertThat(dir.authenticate("alice", pw("new"))).isPresent();

        dir.setEnabled(a("alice@example.com"), false);
        assertThat(dir.authenticate("alice", pw("new"))).isEmpty();
    }

    @Test
    void anUnknownLoginFailsLikeAWrongPassword() {
        assertThat(dir.authenticate("nobody@example.com", pw("anything"))).isEmpty();
        assertThat(dir.authenticate("nobody", pw(""))).isEmpty();
        assertThat(dir.authenticate("not an address@", pw("x"))).isEmpty();
    }

    @Test
    void aliasTargetsInOurDomainsMustExist() {
        dir.addUser(a("alice@example.com"), "", pw("pw"), false, 0);
        assertRefused(() -> dir.addAlias(a("sales@example.com"), List.of(a("alice@example.com"), a("typo@example.com"))),
                DirectoryException.Kind.NOT_FOUND, "typo@example.com");
        assertThat(dir.aliases()).isEmpty(); // refused as a whole
        assertRefused(() -> dir.addAlias(a("sales@example.com"), List.of()), DirectoryException.Kind.INVALID, "at least one");
        assertRefused(() -> dir.setCatchAll("example.com", Optional.of(a("typo@example.com"))), DirectoryException.Kind.NOT_FOUND, "typo");
    }

    @Test
    void aliasTargetsAreAddedOnceAndKeptInOrder() {
        dir.addUser(a("alice@example.com"), "", pw("pw"), false, 0);
        dir.addAlias(a("sales@example.com"), List.of(a("x@partner.org"), a("alice@example.com")));
        Alias sales = dir.addAliasTargets(a("sales@example.com"), List.of(a("ALICE@example.com"), a("y@partner.org")));
        assertThat(sales.targets()).containsExactly(a("x@partner.org"), a("alice@example.com"), a("y@partner.org"));
        assertThat(dir.aliases()).containsExactly(sales);

        assertThat(dir.removeAliasTargets(a("sales@example.com"), List.of(a("x@partner.org"))).targets())
                .containsExactly(a("alice@example.com"), a("y@partner.org"));
        assertRefused(() -> dir.removeAliasTargets(a("sales@example.com"), List.of(a("x@partner.org"))), DirectoryException.Kind.NOT_FOUND, "not a target");
        assertRefused(() -> dir.removeAliasTargets(a("sales@example.com"), List.of(a("alice@example.com"), a("y@partner.org"))),
                DirectoryException.Kind.CONFLICT, "no targets left");
        dir.removeAlias(a("sales@example.com"));
        assertThat(dir.aliases()).isEmpty();
    }

    @Test
    void groupsKeepTheirMembers() {
        dir.addUser(a("alice@example.com"), "", pw("pw"), false, 0);
        dir.addUser(a("bob@example.com"), "", pw("pw"), false, 0);
        Group empty = dir.addGroup(a("team@example.com"), true);
        assertThat(empty).isEqualTo(new Group(a("team@example.com"), List.of(), true));

        dir.addMember(a("team@example.com"), a("bob@example.com"));
        dir.addMembers(a("Team@example.com"), List.of(a("alice@example.com"), a("bob@example.com")));
        Group team = dir.findGroup(a("team@example.com")).orElseThrow();
        assertThat(team.members()).containsExactly(a("bob@example.com"), a("alice@example.com"));
        assertThat(dir.groups()).containsExactly(team);

        assertThat(dir.removeMember(a("team@example.com"), a("BOB@example.com")).members()).containsExactly(a("alice@example.com"));
        assertRefused(() -> dir.removeMember(a("team@example.com"), a("bob@example.com")), DirectoryException.Kind.NOT_FOUND, "not a member");
        assertRefused(() -> dir.addMember(a("team@example.com"), a("carol@example.com")), DirectoryException.Kind.NOT_FOUND, "carol");
        assertRefused(() -> dir.addMember(a("nope@example.com"), a("alice@example.com")), DirectoryException.Kind.NOT_FOUND, "no group");

        dir.removeGroup(a("team@example.com"));
        assertThat(dir.findGroup(a("team@example.com"))).isEmpty();
    }

    @Test
    void theDirectorySurvivesReopening() {
        dir.addUser(a("alice@example.com"), "Alice", pw("pw"), false, 0);
        Directory again = TestDirectories.open(folder, AddressRules.DEFAULT);
        assertThat(again.findUser(a("alice@example.com"))).isPresent();
        assertThat(again.authenticate("alice", pw("pw"))).isPresent();
    }
}
