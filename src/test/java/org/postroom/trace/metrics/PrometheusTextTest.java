package org.postroom.trace.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The text format 0.0.4's escapes and number forms, and the naming rules Postroom holds itself to. */
class PrometheusTextTest {
    @Test
    void escapesLabelValuesAndHelpAsTheFormatSays() {
        String text = new PrometheusText()
                .family("postroom_x_total", PrometheusText.Type.COUNTER, "back\\slash and\nnew line")
                .sample(3, "account", "a \"quoted\" \\ name\nwith a line")
                .toString();
        assertThat(text).isEqualTo("""
                # HELP postroom_x_total back\\\\slash and\\nnew line
                # TYPE postroom_x_total counter
                postroom_x_total{account="a \\"quoted\\" \\\\ name\\nwith a line"} 3
                """);
    }

    @Test
    void writesWholeNumbersPlainAndOthersAsTheFormatReadsThem() {
        assertThat(PrometheusText.number(0)).isEqualTo("0");
        assertThat(PrometheusText.number(123456789012L)).isEqualTo("123456789012");
        assertThat(PrometheusText.number(1.5)).isEqualTo("1.5");
        assertThat(PrometheusText.number(Double.NaN)).isEqualTo("NaN");
        assertThat(PrometheusText.number(Double.POSITIVE_INFINITY)).isEqualTo("+Inf");
    }

    @Test
    void refusesACounterWithoutTotalAndNamesThatAreNotNames() {
        PrometheusText out = new PrometheusText();
        assertThatThrownBy(() -> out.family("postroom_messages", PrometheusText.Type.COUNTER, "x")).hasMessageContaining("_total");
        assertThatThrownBy(() -> out.family("postroom-messages_total", PrometheusText.Type.COUNTER, "x")).hasMessageContaining("not a metric");
        out.family("postroom_g", PrometheusText.Type.GAUGE, "x");
        assertThatThrownBy(() -> out.sample(1, "bad label", "v")).hasMessageContaining("not a metric or label name");
    }
}
