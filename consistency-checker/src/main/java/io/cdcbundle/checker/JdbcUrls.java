package io.cdcbundle.checker;

import java.util.regex.Pattern;

/** JDBC URLs as they may appear in a message: without a password or user given in the URL itself. */
public final class JdbcUrls {

    private static final Pattern CREDENTIALS = Pattern.compile("(?i)((?:password|user)=)[^&;]*");
    private static final Pattern USER_INFO = Pattern.compile("//[^/@]*@");

    private JdbcUrls() {
    }

    public static String withoutSecrets(String url) {
        String noParams = CREDENTIALS.matcher(url).replaceAll("$1***");
        return USER_INFO.matcher(noParams).replaceAll("//***@");
    }
}
