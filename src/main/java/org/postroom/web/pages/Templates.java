package org.postroom.web.pages;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import java.util.Map;

/**
 * The console's JTE templates ({@code src/main/jte/}), compiled to classes by jte-maven-plugin at build time: no
 * compiler at run time, and a template that does not compile fails the build. HTML content type, so every
 * {@code ${...}} is escaped for where it stands (text, attribute, URL).
 */
final class Templates {
    /** The package jte-maven-plugin writes the templates' classes into (pom.xml). */
    private static final String PACKAGE = "org.postroom.web.pages.templates";
    private static final TemplateEngine ENGINE = TemplateEngine.createPrecompiled(null, ContentType.Html, Templates.class.getClassLoader(), PACKAGE);

    private Templates() {}

    /** The template {@code name} (e.g. {@code users.jte}) with its parameters, as HTML. */
    static String render(String name, Map<String, Object> params) {
        StringOutput out = new StringOutput(8192);
        ENGINE.render(name, params, out);
        return out.toString();
    }
}
