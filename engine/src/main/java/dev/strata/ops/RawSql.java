package dev.strata.ops;

import java.util.List;

/** One statement of SQL the caller wrote; Strata cannot know its inverse unless the caller gives it. */
record RawSql(String sql, Inverse inverse) implements Op {

    static RawSql of(String sql) {
        return new RawSql(checked(sql), Inverse.none("execute(sql) has no inverse; give one as execute(sql, inverseSql) or write downgrade()"));
    }

    static RawSql of(String sql, String inverseSql) {
        return new RawSql(checked(sql), Inverse.of(new RawSql(checked(inverseSql), Inverse.none("undoes execute(sql)"))));
    }

    private static String checked(String sql) {
        if (sql == null || sql.isBlank()) {
            throw new IllegalArgumentException("execute needs a statement");
        }
        return sql.strip();
    }

    @Override
    public String describe() {
        return "execute";
    }

    @Override
    public List<String> statements() {
        return List.of(sql);
    }
}
