package org.postroom.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ConfigLoaderTest {
    private static final Path DATA = Path.of("/srv/postroom");
    private static final Path FILE = DATA.resolve("postroom.toml");

    private static PostroomConfig parse(String text) {
        return ConfigLoader.parse(DATA, FILE, text);
    }

    @Test
    void theGeneratedFileSaysExactlyTheDefaults() {
        PostroomConfig fromTemplate = parse(ConfigLoader.defaultFileText());
        PostroomConfig empty = parse("");
        assertThat(fromTemplate.smtp()).isEqualTo(empty.smtp());
        assertThat(fromTemplate.pop3()).isEqualTo(empty.pop3());
        assertThat(fromTemplate.auth()).isEqualTo(empty.auth());
        assertThat(fromTemplate.delivery()).isEqualTo(empty.delivery());
        assertThat(fromTemplate.addresses()).isEqualTo(empty.addresses());
        assertThat(fromTemplate.tls()).isEqualTo(empty.tls());
        assertThat(fromTemplate.server()).isEqualTo(empty.server());
        assertThat(fromTemplate.relay()).isEqualTo(empty.relay());
        assertThat(fromTemplate.queue()).isEqualTo(empty.queue());
        assertThat(fromTemplate.log()).isEqualTo(empty.log()).isEqualTo(LogSettings.DEFAULT);
    }

    /** The template's commented example account claims to show every key with its default: it must. */
    @Test
    void theTemplatesExampleAccountSaysExactlyTheCollectorsDefaults() {
        String example = ConfigLoader.defaultFileText().lines()
                .dropWhile(line -> !line.equals("# [[collect.account]]"))
                .takeWhile(line -> line.startsWith("#"))
                .map(line -> line.length() > 2 ? line.substring(2) : "")
                .collect(java.util.stream.Collectors.joining("\n"));
        String onlyWhatIsNeeded = "[[collect.account]]\nname = \"office\"\nhost = \"pop.provider.example\"\n"
                + "login = \"office@provider.example\"\ndeliver_to = \"alice@example.com\"\n";

        assertThat(parse(example).collect()).hasSize(1).isEqualTo(parse(onlyWhatIsNeeded).collect());
    }

    @Test
    void relayAndQueueDefaultsAndChecks() {
        PostroomConfig config = parse("");
        assertThat(config.relay().enabled()).isFalse();
        assertThat(config.relay().tls()).isEqualTo(RelaySettings.TlsMode.STARTTLS);
        assertThat(config.queue().lifetime()).isEqualTo(Duration.ofDays(5));
        assertThat(config.queue().delayNotice()).isEqualTo(Duration.ofHours(4));
        PostroomConfig relay = parse("[relay]\nsmarthosts = [\"smtp.example.net\", \"[2001:db8::1]:25\"]\nlogin = \"office\"\npassword = \"s3cret\"\n");
        assertThat(relay.relay().smarthosts()).containsExactly(new HostPort("smtp.example.net", 587), new HostPort("2001:db8::1", 25));
        assertThat(relay.relay().toString()).doesNotContain("s3cret");
        assertThat(parse("[relay]\ntls = \"implicit\"\nsmarthosts = [\"smtp.example.net\"]\n").relay().smarthosts().getFirst().port()).isEqualTo(465);
        assertThatThrownBy(() -> parse("[relay]\nsmarthosts = [\"smtp.example.net:99999\"]\n")).hasMessageContaining(":2: relay.smarthosts:");
        assertThatThrownBy(() -> parse("[relay]\ntls = \"none\"\nlogin = \"office\"\n")).hasMessageContaining(":3: relay.login: a login needs TLS");
        assertThatThrownBy(() -> parse("[relay]\ntrust = \"pinned\"\n")).hasMessageContaining("relay.ca_file: needed");
        assertThatThrownBy(() -> parse("[queue]\nfirst_retry = \"2h\"\n")).hasMessageContaining("queue.max_retry_interval");
        assertThatThrownBy(() -> parse("[queue]\nlifetime = \"0s\"\n")).hasMessageContaining(":2: queue.lifetime: must be longer than zero");
    }

    /** The seed's missing rule: {@code [addresses] unknown_local}, "reject" unless set, and a typo named by line and key. */
    @Test
    void unknownLocalIsRejectOrRelay() {
        assertThat(parse("").addresses().unknownLocal()).isEqualTo(AddressRules.UnknownLocal.REJECT);
        assertThat(parse("[addresses]\nunknown_local = \"relay\"\n").addresses().unknownLocal()).isEqualTo(AddressRules.UnknownLocal.RELAY);
        assertThatThrownBy(() -> parse("[addresses]\nunknown_local = \"forward\"\n"))
                .hasMessageContaining(":2: addresses.unknown_local: must be one of \"reject\", \"relay\"");
    }

    @Test
    void defaultsAreTheEmbeddedOnes() {
        PostroomConfig config = parse("");
        assertThat(config.smtp().port()).isEqualTo(2525);
        assertThat(config.smtp().submissionPort()).isEqualTo(2587);
        assertThat(config.smtp().submissionsPort()).isEqualTo(2465);
        assertThat(config.smtp().maxReceivedHeaders()).isEqualTo(50);
        assertThat(config.smtp().idleTimeout()).isEqualTo(Duration.ofMinutes(5));
        assertThat(config.smtp().rejectBareLineEnds()).isTrue();
        assertThat(config.delivery().quotaExceeded()).isEqualTo(DeliverySettings.QuotaMode.TEMPORARY);
        assertThat(config.pop3().port()).isEqualTo(2110);
        assertThat(config.pop3().tlsPort()).isEqualTo(2995);
        assertThat(config.pop3().idleTimeout()).isEqualTo(Duration.ofMinutes(10));
        assertThat(config.pop3().plaintextFromOffice()).isFalse();
        assertThat(config.pop3().inOffice(java.net.InetAddress.ofLiteral("127.0.0.1"))).isTrue();
        assertThat(config.pop3().inOffice(java.net.InetAddress.ofLiteral("192.168.1.10"))).isFalse();
    }

    @Test
    void productionPortsAreOneSettingEach() {
        PostroomConfig config = parse("[smtp]\nport = 25\nsubmission_port = 587\nsubmissions_port = 465\n");
        assertThat(config.smtp().port()).isEqualTo(25);
        assertThat(config.smtp().submissionPort()).isEqualTo(587);
        assertThat(config.smtp().submissionsPort()).isEqualTo(465);
        PostroomConfig pop3 = parse("[pop3]\nport = 110\ntls_port = 995\noffice_networks = [\"192.168.1.0/24\"]\n");
        assertThat(pop3.pop3().port()).isEqualTo(110);
        assertThat(pop3.pop3().tlsPort()).isEqualTo(995);
        assertThat(pop3.pop3().inOffice(java.net.InetAddress.ofLiteral("192.168.1.10"))).isTrue();
        assertThat(pop3.pop3().inOffice(java.net.InetAddress.ofLiteral("127.0.0.1"))).isFalse();
    }

    @Test
    void sizesAndDurationsTakeUnits() {
        PostroomConfig config = parse("[smtp]\nmax_message_size = \"10K\"\nidle_timeout = \"90s\"\n");
        assertThat(config.smtp().maxMessageSize()).isEqualTo(10 * 1024);
        assertThat(config.smtp().idleTimeout()).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void anUnknownKeyNamesFileLineAndKey() {
        assertThatThrownBy(() -> parse("[smtp]\nport = 25\nmax_mesage_size = \"1M\"\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("/srv/postroom/postroom.toml:3: smtp.max_mesage_size: unknown setting");
    }

    @Test
    void aWrongTypeNamesFileLineAndKey() {
        assertThatThrownBy(() -> parse("# comment\n[smtp]\nport = \"twenty-five\"\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("/srv/postroom/postroom.toml:3: smtp.port: must be a whole number");
    }

    @Test
    void outOfRangeAndBadChoicesAreRefused() {
        assertThatThrownBy(() -> parse("[smtp]\nport = 70000\n")).hasMessageContaining("smtp.port: must be between 0 and 65535");
        assertThatThrownBy(() -> parse("[delivery]\nquota_exceeded = \"sometimes\"\n"))
                .hasMessageContaining(":2: delivery.quota_exceeded: must be one of \"temporary\", \"permanent\"");
        assertThatThrownBy(() -> parse("[smtp]\ntrusted_networks = [\"10.0.0.0/33\"]\n")).hasMessageContaining("smtp.trusted_networks");
        assertThatThrownBy(() -> parse("[smtpd]\nport = 25\n")).hasMessageContaining(":1: smtpd: unknown setting or table");
        assertThatThrownBy(() -> parse("[pop3]\nport = 110\ntls_prot = 995\n")).hasMessageContaining(":3: pop3.tls_prot: unknown setting");
        assertThatThrownBy(() -> parse("[pop3]\noffice_networks = \"10.0.0.0/8\"\n")).hasMessageContaining(":2: pop3.office_networks: must be a list");
    }

    @Test
    void twoServicesOnOnePortNameBothKeys() {
        assertThatThrownBy(() -> parse("[smtp]\nport = 2110\n[pop3]\nport = 2110\n"))
                .hasMessage("/srv/postroom/postroom.toml:4: pop3.port: port 2110 is also smtp.port (line 2): two services cannot listen on one port");
        // One of the two left at its default: the error names the key written in the file, and the default.
        assertThatThrownBy(() -> parse("[pop3]\ntls_port = 2465\n"))
                .hasMessage("/srv/postroom/postroom.toml:2: pop3.tls_port: port 2465 is also smtp.submissions_port (its default): two services cannot listen on one port");
        assertThatThrownBy(() -> parse("[smtp]\nsubmission_port = 2525\n")).hasMessageContaining(":2: smtp.submission_port: port 2525 is also smtp.port");
        assertThat(parse("[smtp]\nport = 0\nsubmission_port = 0\n").smtp().port()).isZero(); // 0 picks a free port each
    }

    @Test
    void brokenTomlNamesTheLine() {
        assertThatThrownBy(() -> parse("[smtp]\nport = \n")).isInstanceOf(ConfigException.class).hasMessageStartingWith("/srv/postroom/postroom.toml:2: not valid TOML");
    }

    @Test
    void cidrMatching() {
        Cidr office = Cidr.parse("192.168.1.0/24");
        assertThat(office.contains(java.net.InetAddress.ofLiteral("192.168.1.77"))).isTrue();
        assertThat(office.contains(java.net.InetAddress.ofLiteral("192.168.2.1"))).isFalse();
        assertThat(office.contains(java.net.InetAddress.ofLiteral("::1"))).isFalse();
        assertThat(Cidr.parse("::1/128").contains(java.net.InetAddress.ofLiteral("::1"))).isTrue();
    }
}
