package org.postroom.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.postroom.directory.TestDirectories.a;
import static org.postroom.directory.TestDirectories.pw;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postroom.config.AddressRules;
import org.postroom.message.MailAddress;

class ResolveTest {

    @TempDir
    Path folder;

    Directory dir;
    User alice;
    User bob;

    @BeforeEach
    void setUp() {
        dir = TestDirectories.open(folder, AddressRules.DEFAULT);
        dir.addDomain("example.com");
        dir.addDomain("branch.example");
        alice = dir.addUser(a("alice@example.com"), "Alice", pw("a-secret"), false, 0);
        bob = dir.addUser(a("bob@example.com"), "Bob", pw("b-secret"), false, 0);
    }

    private Resolution.Deliver deliver(String address) {
        Resolution r = dir.resolve(a(address));
        assertThat(r).isInstanceOf(Resolution.Deliver.class);
        return (Resolution.Deliver) r;
    }

    @Test
    void aUserResolvesToThemselves() {
        Resolution.Deliver d = deliver("alice@example.com");
        assertThat(d.users()).containsExactly(alice);
        assertThat(d.external()).isEmpty();
        assertThat(d.localSendersOnly()).isFalse();
    }

    @Test
    void domainsOutsideTheOfficeAreNotLocal() {
        assertThat(dir.resolve(a("alice@elsewhere.org"))).isInstanceOf(Resolution.NotLocal.class);
        assertThat(dir.resolve(a("alice@[127.0.0.1]"))).isInstanceOf(Resolution.NotLocal.class);
    }

    @Test
    void anUnknownLocalPartInALocalDomainIsUnknown() {
        assertThat(dir.resolve(a("carol@example.com"))).isInstanceOf(Resolution.Unknown.class);
    }

    @Test
    void domainAndLocalPartMatchInAnyCaseByDefault() {
        assertThat(deliver("ALICE@Example.COM").users()).containsExactly(alice);
    }

    @Test
    void caseSensitiveLocalPartsMatchOnlyAsWritten(@TempDir Path other) {
        Directory strict = TestDirectories.open(other, new AddressRules("+", true));
        strict.addDomain("example.com");
        User upper = strict.addUser(a("Alice@example.com"), "", pw("x"), false, 0);
        assertThat(strict.resolve(a("Alice@EXAMPLE.com"))).isEqualTo(new Resolution.Deliver(Set.of(upper), Set.of(), false));
        assertThat(strict.resolve(a("alice@example.com"))).isInstanceOf(Resolution.Unknown.class);
        assertThat(strict.resolve(a("Alice+tag@example.com"))).isInstanceOf(Resolution.Deliver.class);
    }

    @Test
    void aRecipientDelimiterTagIsCutOffWhenTheFullLocalPartIsUnknown() {
        assertThat(deliver("alice+news@example.com").users()).containsExactly(alice);
        assertThat(deliver("Alice+a+b@example.com").users()).containsExactly(alice);
        assertThat(dir.resolve(a("+news@example.com"))).isInstanceOf(Resolution.Unknown.class);
    }

    @Test
    void anEntryWhoseNameHoldsTheDelimiterIsMatchedExactlyFirst() {
        User tagged = dir.addUser(a("alice+lists@example.com"), "", pw("x"), false, 0);
        assertThat(deliver("alice+lists@example.com").users()).containsExactly(tagged);
        assertThat(deliver("alice+other@example.com").users()).containsExactly(alice);
    }

    @Test
    void delimitersAreConfigurable(@TempDir Path other) {
        Directory noTags = TestDirectories.open(other, new AddressRules("", false));
        noTags.addDomain("example.com");
        noTags.addUser(a("alice@example.com"), "", pw("x"), false, 0);
        assertThat(noTags.resolve(a("alice+news@example.com"))).isInstanceOf(Resolution.Unknown.class);

        Directory dashes = TestDirectories.open(other.resolve("b"), new AddressRules("+-", false));
        dashes.addDomain("example.com");
        User a = dashes.addUser(a("alice@example.com"), "", pw("x"), false, 0);
        assertThat(dashes.resolve(a("alice-news@example.com"))).isEqualTo(new Resolution.Deliver(Set.of(a), Set.of(), false));
    }

    @Test
    void theCatchAllTakesUnknownLocalPartsOfItsDomainOnly() {
        dir.setCatchAll("Example.com", Optional.of(a("bob@example.com")));
        assertThat(deliver("nobody@example.com").users()).containsExactly(bob);
        assertThat(deliver("alice@example.com").users()).containsExactly(alice);
        assertThat(dir.resolve(a("nobody@branch.example"))).isInstanceOf(Resolution.Unknown.class);

        dir.setCatchAll("example.com", Optional.empty());
        assertThat(dir.resolve(a("nobody@example.com"))).isInstanceOf(Resolution.Unknown.class);
    }

    @Test
    void aCatchAllToADisabledUserCatchesNothing() {
        dir.setCatchAll("example.com", Optional.of(a("bob@example.com")));
        dir.setEnabled(a("bob@example.com"), false);
        assertThat(dir.resolve(a("nobody@example.com"))).isInstanceOf(Resolution.Unknown.class);
    }

    @Test
    void aliasesAndGroupsExpandThroughEachOther() {
        dir.addGroup(a("team@example.com"), false);
        dir.addMembers(a("team@example.com"), List.of(a("alice@example.com"), a("bob@example.com")));
        dir.addAlias(a("inner@example.com"), List.of(a("team@example.com")));
        dir.addAlias(a("outer@branch.example"), List.of(a("inner@example.com")));

        Resolution.Deliver d = deliver("OUTER@branch.example");
        assertThat(d.users()).containsExactly(alice, bob);
        assertThat(d.external()).isEmpty();
    }

    @Test
    void cyclesEndAndEachUserIsDeliveredOnce() {
        dir.addAlias(a("ping@example.com"), List.of(a("alice@example.com")));
        dir.addAlias(a("pong@example.com"), List.of(a("ping@example.com"), a("bob@example.com")));
        dir.addAliasTargets(a("ping@example.com"), List.of(a("pong@example.com")));
        dir.addAlias(a("self@example.com"), List.of(a("self@example.com"), a("alice@example.com")));
        dir.addGroup(a("loop@example.com"), false);
        dir.addMembers(a("loop@example.com"), List.of(a("loop@example.com"), a("ping@example.com"), a("alice@example.com")));

        assertThat(deliver("ping@example.com").users()).containsExactly(alice, bob);
        assertThat(deliver("self@example.com").users()).containsExactly(alice);
        assertThat(deliver("loop@example.com").users()).containsExactly(alice, bob);
    }

    @Test
    void aUserReachedDirectlyAndThroughAGroupIsInTheSetOnce() {
        dir.addGroup(a("all@example.com"), false);
        dir.addAlias(a("a@example.com"), List.of(a("alice@example.com")));
        dir.addMembers(a("all@example.com"), List.of(a("alice@example.com"), a("a@example.com"), a("alice+x@example.com")));
        assertThat(deliver("all@example.com").users()).hasSize(1).containsExactly(alice);
    }

    @Test
    void aDisabledUserIsDisabledDirectlyAndSkippedInsideGroups() {
        dir.setEnabled(a("bob@example.com"), false);
        User disabledBob = dir.findUser(a("bob@example.com")).orElseThrow();
        assertThat(dir.resolve(a("Bob@example.com"))).isEqualTo(new Resolution.Disabled(disabledBob));
        assertThat(dir.resolve(a("bob+tag@example.com"))).isInstanceOf(Resolution.Disabled.class);

        dir.addGroup(a("team@example.com"), false);
        dir.addMembers(a("team@example.com"), List.of(a("alice@example.com"), a("bob@example.com")));
        assertThat(deliver("team@example.com").users()).containsExactly(alice);

        dir.addAlias(a("bob-only@example.com"), List.of(a("bob@example.com")));
        assertThat(dir.resolve(a("bob-only@example.com"))).isInstanceOf(Resolution.Unknown.class);
    }

    @Test
    void externalTargetsAreCollected() {
        dir.addAlias(a("forward@example.com"), List.of(a("alice@example.com"), a("Carol@Partner.org")));
        dir.addGroup(a("mixed@example.com"), false);
        dir.addMembers(a("mixed@example.com"), List.of(a("forward@example.com"), a("dave@partner.org"), a("Carol@partner.org")));

        Resolution.Deliver d = deliver("mixed@example.com");
        assertThat(d.users()).containsExactly(alice);
        assertThat(d.external()).containsExactly(new MailAddress("Carol", "partner.org"), new MailAddress("dave", "partner.org"));
    }

    @Test
    void aRestrictedGroupOnTheWayMakesTheWholeDeliveryLocalSendersOnly() {
        dir.addGroup(a("staff@example.com"), true);
        dir.addMember(a("staff@example.com"), a("alice@example.com"));
        dir.addGroup(a("open@example.com"), false);
        dir.addMembers(a("open@example.com"), List.of(a("bob@example.com")));
        dir.addAlias(a("everyone@example.com"), List.of(a("open@example.com"), a("staff@example.com")));

        assertThat(deliver("open@example.com").localSendersOnly()).isFalse();
        assertThat(deliver("staff@example.com").localSendersOnly()).isTrue();
        Resolution.Deliver d = deliver("everyone@example.com");
        assertThat(d.localSendersOnly()).isTrue();
        assertThat(d.users()).containsExactly(bob, alice);

        dir.setLocalSendersOnly(a("staff@example.com"), false);
        assertThat(deliver("everyone@example.com").localSendersOnly()).isFalse();
    }

    @Test
    void oldRelayTricksInTheLocalPartNameNobody() {
        dir.addDomain("other.example");
        dir.addUser(a("user@other.example"), "", pw("x"), false, 0);
        dir.addUser(a("user@example.com"), "", pw("x"), false, 0);
        for (String trick : List.of("user%other.example@example.com", "other.example!user@example.com",
                "\"user@other.example\"@example.com", "user%other.example+x@example.com")) {
            assertThat(dir.resolve(a(trick))).as(trick).isInstanceOf(Resolution.Unknown.class);
        }
    }

    @Test
    void aPercentDelimiterDoesNotBringThePercentHackBack(@TempDir Path other) {
        Directory percent = TestDirectories.open(other, new AddressRules("+%", false));
        percent.addDomain("example.com");
        percent.addUser(a("user@example.com"), "", pw("x"), false, 0);
        assertThat(percent.resolve(a("user%elsewhere.org@example.com"))).isInstanceOf(Resolution.Unknown.class);
        assertThat(percent.resolve(a("user+tag@example.com"))).isInstanceOf(Resolution.Deliver.class);
    }

    @Test
    void nestingDeeperThanTheLimitIsCutOff() {
        // chain0 -> chain1 -> ... -> chainN -> alice; chainN is N levels below chain0, alice N + 1.
        MailAddress next = a("alice@example.com");
        for (int i = Resolver.MAX_DEPTH + 1; i >= 0; i--) {
            MailAddress alias = a("chain" + i + "@example.com");
            dir.addAlias(alias, List.of(next));
            next = alias;
        }
        assertThat(deliver("chain2@example.com").users()).containsExactly(alice);
        assertThat(dir.resolve(a("chain1@example.com"))).isInstanceOf(Resolution.Unknown.class);
        assertThat(dir.resolve(a("chain0@example.com"))).isInstanceOf(Resolution.Unknown.class);
    }

    @Test
    void removingAUserRemovesTheReferencesToThem() {
        dir.addAlias(a("both@example.com"), List.of(a("alice@example.com"), a("bob@example.com")));
        dir.addGroup(a("team@example.com"), false);
        dir.addMembers(a("team@example.com"), List.of(a("bob@example.com")));
        dir.setCatchAll("example.com", Optional.of(a("BOB@example.com")));

        dir.removeUser(a("bob@example.com"));

        assertThat(dir.findAlias(a("both@example.com")).orElseThrow().targets()).containsExactly(a("alice@example.com"));
        assertThat(dir.findGroup(a("team@example.com")).orElseThrow().members()).isEmpty();
        assertThat(dir.findDomain("example.com").orElseThrow().catchAll()).isEmpty();
        // A new bob does not inherit the old one's aliases.
        dir.addUser(a("bob@example.com"), "", pw("x"), false, 0);
        assertThat(deliver("both@example.com").users()).containsExactly(alice);
        assertThat(dir.resolve(a("team@example.com"))).isInstanceOf(Resolution.Unknown.class);
    }
}
