package dev.threadwork.store;

import java.sql.SQLException;

/** A database failure; carries the statement's first words, never its parameters. */
public final class StoreException extends RuntimeException {

    public StoreException(String sql, SQLException cause) {
        super("Database operation failed (" + summary(sql) + "): " + cause.getMessage(), cause);
    }

    private static String summary(String sql) {
        String flat = sql.strip().replaceAll("\\s+", " ");
        return flat.length() > 60 ? flat.substring(0, 60) + "…" : flat;
    }
}
