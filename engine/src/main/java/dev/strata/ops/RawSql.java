package dev.strata.ops;

import java.util.List;

/** One statement of SQL the caller wrote; Strata cannot know its inverse. */
record RawSql(String sql, Inverse inverse) implements Op {

    static RawSql of(String sql) {
        return new RawSql(sql.strip(), Inverse.none("execute(sql) has no inverse; write downgrade() for it"));
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
