package dev.strata.config;

import java.util.regex.Pattern;

/** Masks passwords wherever a URL or message may carry one. */
public final class Secrets {

    private static final Pattern USERINFO = Pattern.compile("(//[^/@:\\s]*:)[^@/\\s]*@");
    /** user:password@host anywhere, e.g. inside a driver's "unknown host" message. */
    private static final Pattern BARE_USERINFO = Pattern.compile("(?<![/\\w.-])([\\w.%-]+:)[^@/\\s:]+@(?=[\\w.\\[])");
    private static final Pattern PASSWORD_PARAM = Pattern.compile("(?i)(password=)[^&\\s]*");

    private Secrets() {}

    /** The URL with the password of its user-info part and any {@code password=} parameter masked. */
    public static String maskUrl(String url) {
        if (url == null) {
            return null;
        }
        String out = USERINFO.matcher(url).replaceAll("$1***@");
        out = BARE_USERINFO.matcher(out).replaceAll("$1***@");
        return PASSWORD_PARAM.matcher(out).replaceAll("$1***");
    }
}
