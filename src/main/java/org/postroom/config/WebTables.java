package org.postroom.config;

/** Reads {@code [web]}: where metrics and health are served. */
final class WebTables {
    private WebTables() {}

    static WebSettings web(ConfigReader r) {
        ConfigReader.Table t = r.table("web", "port", "bind", "tls", "disk_reserve");
        return new WebSettings(
                t.port("port", 8025),
                t.ipAddress("bind", "127.0.0.1"),
                t.choice("tls", WebSettings.TlsMode.class, WebSettings.TlsMode.AUTO),
                t.size("disk_reserve", 100L << 20, 0));
    }
}
