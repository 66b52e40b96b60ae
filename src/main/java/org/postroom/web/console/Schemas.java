package org.postroom.web.console;

/** JSON Schemas (2020-12, as OpenAPI 3.1 takes them) of the API's bodies, for {@link Route#doc}. */
public final class Schemas {
    private Schemas() {}

    public static final String USER = """
            {"type":"object","properties":{"id":{"type":"integer"},"address":{"type":"string"},"name":{"type":"string"},
             "enabled":{"type":"boolean"},"internalOnly":{"type":"boolean"},"quotaBytes":{"type":"integer","description":"0: unlimited"},
             "pop3Allowed":{"type":"boolean"},"pop3OfficeOnly":{"type":"boolean"},"imapAllowed":{"type":"boolean"},
             "imapOfficeOnly":{"type":"boolean"},"admin":{"type":"boolean"},"usedBytes":{"type":"integer","description":"octets in the mailbox now; -1 unknown"}}}""";
    public static final String USERS = "{\"type\":\"array\",\"items\":" + USER + "}";
    public static final String USER_DETAIL = """
            {"allOf":[%s,{"type":"object","properties":{"groups":{"type":"array","items":{"type":"string"}},
             "aliases":{"type":"array","items":{"type":"string"}}}}]}""".formatted(USER);
    public static final String NEW_USER = """
            {"type":"object","required":["address","password"],"properties":{"address":{"type":"string"},"name":{"type":"string"},
             "password":{"type":"string"},"internalOnly":{"type":"boolean"},"quotaBytes":{"type":"integer"},"admin":{"type":"boolean"}}}""";
    public static final String USER_CHANGES = """
            {"type":"object","properties":{"name":{"type":"string"},"enabled":{"type":"boolean"},"internalOnly":{"type":"boolean"},
             "quotaBytes":{"type":"integer"},"pop3Allowed":{"type":"boolean"},"pop3OfficeOnly":{"type":"boolean"},
             "imapAllowed":{"type":"boolean"},"imapOfficeOnly":{"type":"boolean"},"admin":{"type":"boolean"}}}""";
    public static final String PASSWORD = """
            {"type":"object","required":["password"],"properties":{"password":{"type":"string"}}}""";
    public static final String OWN_PASSWORD = """
            {"type":"object","required":["currentPassword","password"],"properties":{"currentPassword":{"type":"string"},"password":{"type":"string"}}}""";
    public static final String USER_REMOVED = """
            {"type":"object","properties":{"removed":{"type":"string"},"kind":{"type":"string"},
             "mailbox":{"type":"string","enum":["moved","kept","none"]},"path":{"type":["string","null"]}}}""";
    public static final String REMOVED = """
            {"type":"object","properties":{"removed":{"type":"string"},"kind":{"type":"string"}}}""";
    public static final String ADDRESSES = "{\"type\":\"array\",\"items\":{\"type\":\"string\"}}";
    public static final String ALIAS = """
            {"type":"object","properties":{"address":{"type":"string"},"targets":%s}}""".formatted(ADDRESSES);
    public static final String ALIASES = "{\"type\":\"array\",\"items\":" + ALIAS + "}";
    public static final String NEW_ALIAS = """
            {"type":"object","required":["address","targets"],"properties":{"address":{"type":"string"},"targets":%s}}""".formatted(ADDRESSES);
    public static final String ALIAS_CHANGES = """
            {"type":"object","properties":{"add":%s,"remove":%s}}""".formatted(ADDRESSES, ADDRESSES);
    public static final String GROUP = """
            {"type":"object","properties":{"address":{"type":"string"},"localSendersOnly":{"type":"boolean"},"members":%s}}""".formatted(ADDRESSES);
    public static final String GROUPS = "{\"type\":\"array\",\"items\":" + GROUP + "}";
    public static final String NEW_GROUP = """
            {"type":"object","required":["address"],"properties":{"address":{"type":"string"},"localSendersOnly":{"type":"boolean"},
             "members":%s}}""".formatted(ADDRESSES);
    public static final String GROUP_CHANGES = """
            {"type":"object","properties":{"localSendersOnly":{"type":"boolean","description":"list policy: only senders of the local domains"}}}""";
    public static final String MEMBERS = """
            {"type":"object","required":["members"],"properties":{"members":%s}}""".formatted(ADDRESSES);
    public static final String DOMAIN = """
            {"type":"object","properties":{"name":{"type":"string"},"catchAll":{"type":["string","null"]}}}""";
    public static final String DOMAINS = "{\"type\":\"array\",\"items\":" + DOMAIN + "}";
    public static final String NEW_DOMAIN = """
            {"type":"object","required":["name"],"properties":{"name":{"type":"string"}}}""";
    public static final String CATCH_ALL = """
            {"type":"object","properties":{"target":{"type":["string","null"],"description":"null clears the catch-all"}}}""";
    public static final String TOKEN = """
            {"type":"object","properties":{"id":{"type":"integer"},"user":{"type":"string"},"name":{"type":"string"},
             "created":{"type":"string","format":"date-time"},"lastUsed":{"type":["string","null"],"format":"date-time"}}}""";
    public static final String TOKENS = "{\"type\":\"array\",\"items\":" + TOKEN + "}";
    public static final String NEW_TOKEN = """
            {"type":"object","properties":{"user":{"type":"string","description":"default: the caller"},"name":{"type":"string"}}}""";
    public static final String CREATED_TOKEN = """
            {"type":"object","properties":{"id":{"type":"integer"},"user":{"type":"string"},"name":{"type":"string"},
             "created":{"type":"string"},"token":{"type":"string","description":"shown only in this answer"}}}""";
    public static final String ERROR = """
            {"type":"object","properties":{"error":{"type":"object","properties":{"code":{"type":"string"},"message":{"type":"string"}}}}}""";
}
