package org.postroom.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PasswordHasherTest {

    private final PasswordHasher hasher = new PasswordHasher();

    @Test
    void aHashVerifiesItsOwnPasswordOnly() {
        String phc = hasher.hash("correct horse".toCharArray());
        assertThat(hasher.verify("correct horse".toCharArray(), phc)).isTrue();
        assertThat(hasher.verify("correct horsE".toCharArray(), phc)).isFalse();
        assertThat(hasher.verify(new char[0], phc)).isFalse();
    }

    @Test
    void hashesAreWrittenInThePhcFormatWithTheDefaultCost() {
        String phc = hasher.hash("pässword".toCharArray());
        // 16-byte salt = 22 base64 characters, 32-byte hash = 43, both without padding.
        assertThat(phc).matches("\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
        assertThat(hasher.verify("pässword".toCharArray(), phc)).isTrue();
    }

    @Test
    void everyHashHasItsOwnSalt() {
        Set<String> hashes = new HashSet<>();
        for (int i = 0; i < 3; i++) hashes.add(TestDirectories.FAST.hash("same".toCharArray()));
        assertThat(hashes).hasSize(3);
    }

    @Test
    void verificationReadsTheCostFromTheStoredString() {
        String cheap = TestDirectories.FAST.hash("pw".toCharArray());
        assertThat(cheap).startsWith("$argon2id$v=19$m=8,t=1,p=1$");
        assertThat(hasher.verify("pw".toCharArray(), cheap)).isTrue();
    }

    @Test
    void verifiesTheReferenceImplementationsTestVector() {
        // libargon2's own test vector (src/test.c): what Dovecot's and argon2-cffi's hashes look like.
        String reference = "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc";
        assertThat(hasher.verify("password".toCharArray(), reference)).isTrue();
        assertThat(hasher.verify("Password".toCharArray(), reference)).isFalse();
    }

    @Test
    void malformedOrForeignHashesNeverMatch() {
        String good = TestDirectories.FAST.hash("pw".toCharArray());
        for (String bad : new String[] {"", "pw", "$argon2i$v=19$m=8,t=1,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
                good.replace("v=19", "v=16"), good.replace("m=8,", "m=99999999,"), good + "=", good.replace("$argon2id", "{ARGON2ID}")}) {
            assertThat(hasher.verify("pw".toCharArray(), bad)).as(bad).isFalse();
        }
    }

    @Test
    void theUnmatchableHashIsWellFormedAndMatchesNothing() {
        String dummy = TestDirectories.FAST.unmatchableHash();
        assertThat(dummy).startsWith("$argon2id$v=19$m=8,t=1,p=1$");
        assertThat(TestDirectories.FAST.verify("".toCharArray(), dummy)).isFalse();
        assertThat(TestDirectories.FAST.verify("password".toCharArray(), dummy)).isFalse();
    }

    @Test
    void generatedPasswordsAreLongAndUnambiguous() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            String p = PasswordHasher.generatePassword();
            assertThat(p).hasSize(16).matches("[A-HJ-NP-Za-km-z2-9]+");
            seen.add(p);
        }
        assertThat(seen).hasSize(50);
    }

    @Test
    void costParametersAreBounded() {
        assertThatThrownBy(() -> new PasswordHasher.Params(4, 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PasswordHasher.Params(8, 0, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void libargon2AndBouncyCastleComputeTheSameHash() {
        assertSameHashAsBouncyCastle("libargon2 (Debian: libargon2-1)", NativeArgon2::libargon2);
    }

    @Test
    void libsodiumAndBouncyCastleComputeTheSameHash() {
        assertSameHashAsBouncyCastle("libsodium (Debian: libsodium23)", NativeArgon2::libsodium);
    }

    private interface Argon2Library {
        java.util.Optional<byte[]> argon2id(byte[] password, byte[] salt, int iterations, int memoryKiB, int parallelism, int length);
    }

    /** Every parameter set the library takes (libsodium: one lane only) gives BouncyCastle's hash; at least one is taken. */
    private static void assertSameHashAsBouncyCastle(String name, Argon2Library library) {
        String[] passwords = {"", "secret", "pässwörd ✉ 密码", "x".repeat(300)};
        PasswordHasher.Params[] costs = {new PasswordHasher.Params(64, 1, 1), new PasswordHasher.Params(256, 3, 2), new PasswordHasher.Params(8, 2, 1)};
        byte[] salt = "sixteen byte slt".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        int compared = 0;
        for (String password : passwords) {
            for (PasswordHasher.Params p : costs) {
                byte[] utf8 = password.getBytes(java.nio.charset.StandardCharsets.UTF_8);
                java.util.Optional<byte[]> hash = library.argon2id(utf8, salt, p.iterations(), p.memoryKiB(), p.parallelism(), 32);
                if (hash.isEmpty()) continue;
                assertThat(hash.get()).as("%s with %s", password, p).isEqualTo(PasswordHasher.bouncyCastleArgon2(password.toCharArray(), salt, p, 32));
                compared++;
            }
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(compared > 0, name + " is not installed here");
        assertThat(compared).isGreaterThanOrEqualTo(8);
    }

    @Test
    void aHashMadeWithEitherImplementationVerifies() {
        PasswordHasher hasher = new PasswordHasher(new PasswordHasher.Params(64, 2, 1));
        byte[] salt = new byte[16];
        byte[] javaHash = PasswordHasher.bouncyCastleArgon2("open sesame".toCharArray(), salt, new PasswordHasher.Params(64, 2, 1), 32);
        String stored = "$argon2id$v=19$m=64,t=2,p=1$" + java.util.Base64.getEncoder().withoutPadding().encodeToString(salt) + "$"
                + java.util.Base64.getEncoder().withoutPadding().encodeToString(javaHash);
        assertThat(hasher.verify("open sesame".toCharArray(), stored)).isTrue();
        assertThat(hasher.verify("open sesame!".toCharArray(), stored)).isFalse();
    }
}
