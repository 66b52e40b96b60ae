/**
 * The administrator's console and REST API (issue 13): {@link org.postroom.web.console.Routes} registered by one
 * class per area ({@link org.postroom.web.console.Console#register}), answered by
 * {@link org.postroom.web.console.ConsoleDispatcher} (route, bounded body, caller by session cookie or API token,
 * {@link org.postroom.web.console.Access}, CSRF and Origin, errors as {@link org.postroom.web.console.ConsoleError}).
 * Routes call the services of {@code org.postroom.service}, as the CLI does; they hold no logic of their own.
 */
package org.postroom.web.console;
