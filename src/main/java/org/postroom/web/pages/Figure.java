package org.postroom.web.pages;

/** One figure of the dashboard: a label, its value, a tone ({@code ok}, {@code bad}, {@code warn} or empty), a note. */
public record Figure(String label, String value, String tone, String note) {}
