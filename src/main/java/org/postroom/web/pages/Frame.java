package org.postroom.web.pages;

import java.util.ArrayList;
import java.util.List;

/**
 * What the layout of every page needs: the title, which navigation entry is current, who is signed in (empty on the
 * login page), the session's CSRF token for the hidden {@code _csrf} field of every form, and the flash message
 * of the Post/Redirect/Get that led here or the error of a refused form.
 *
 * @param title the page's heading and {@code <title>}
 * @param active the href of the current navigation entry ({@code /users}), or empty
 * @param user the signed-in address, or empty when nobody is
 * @param admin whether the signed-in user has the admin role (then every page is in the navigation)
 * @param csrf the session's CSRF token
 * @param flash what the last action did, or null
 * @param error why the form was refused, or null
 */
public record Frame(String title, String active, String user, boolean admin, String csrf, String flash, String error) {
    /** One entry of the navigation. */
    public record NavItem(String href, String label, boolean current) {}

    private static final String[][] ADMIN_NAV = {
        {"/", "Dashboard"}, {"/users", "Users"}, {"/aliases", "Aliases"}, {"/groups", "Groups"}, {"/domains", "Domains"},
        {"/queue", "Queue"}, {"/collector", "Collector"}, {"/trace", "Trace"}, {"/settings", "Settings"},
    };

    public boolean signedIn() {
        return !user.isEmpty();
    }

    /** The pages this user may open: an administrator all of them, anyone else their own account. */
    public List<NavItem> nav() {
        List<NavItem> items = new ArrayList<>();
        if (admin) {
            for (String[] entry : ADMIN_NAV) items.add(new NavItem(entry[0], entry[1], entry[0].equals(active)));
        }
        items.add(new NavItem("/account", "My account", "/account".equals(active)));
        return items;
    }

    public Frame withError(String message) {
        return new Frame(title, active, user, admin, csrf, flash, message);
    }
}
