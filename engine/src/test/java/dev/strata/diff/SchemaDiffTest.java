package dev.strata.diff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.schema.Catalog;
import dev.strata.schema.Column;
import dev.strata.schema.Constraint;
import dev.strata.schema.Dependency;
import dev.strata.schema.Index;
import dev.strata.schema.QualifiedName;
import dev.strata.schema.Table;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchemaDiffTest {

    static QualifiedName q(String name) {
        return QualifiedName.of("public", name);
    }

    static Column col(String name, String type) {
        return new Column(name, type, false, null, null, null, null, null);
    }

    static Column notNull(String name, String type) {
        return new Column(name, type, true, null, null, null, null, null);
    }

    static Table table(String name, List<Column> columns, Constraint... constraints) {
        return new Table(q(name), columns, List.of(constraints), null, null, null, false, null);
    }

    static Catalog catalog(List<Table> tables, List<Index> indexes, List<Dependency> dependencies) {
        return new Catalog(List.of("public"), List.of(), tables, indexes, List.of(), List.of(), List.of(), List.of(),
                List.of(), List.of(), List.of(), dependencies);
    }

    static Catalog catalog(Table... tables) {
        return catalog(List.of(tables), List.of(), List.of());
    }

    static Constraint pk(String table, String column, boolean defaultName, String name) {
        return new Constraint(name, Constraint.Kind.PRIMARY_KEY, "PRIMARY KEY (" + column + ")", List.of(column), null,
                false, false, defaultName, null);
    }

    static Constraint fk(String name, String column, String references) {
        return new Constraint(name, Constraint.Kind.FOREIGN_KEY, "FOREIGN KEY (" + column + ") REFERENCES public." + references
                + "(id) ON DELETE CASCADE", List.of(column), q(references), false, false, true, null);
    }

    static List<String> downgradeSql(Diff diff) {
        return MigrationText.downgrade(diff).stream().filter(s -> s.op() != null).flatMap(s -> s.op().statements().stream()).toList();
    }

    @Test
    void equalCatalogsGiveNoChange() {
        Catalog c = catalog(table("t", List.of(col("id", "bigint")), pk("t", "id", true, "t_pkey")));
        Diff diff = SchemaDiff.compare(c, c, Renames.none());
        assertThat(diff.isEmpty()).isTrue();
        assertThat(diff.warnings()).isEmpty();
    }

    @Test
    void newTablesComeBeforeTheirForeignKeysAndDropsGoInReverse() {
        Table users = table("users", List.of(notNull("id", "bigint")), pk("users", "id", true, "users_pkey"));
        Table orders = table("orders", List.of(notNull("id", "bigint"), col("user_id", "bigint")),
                pk("orders", "id", true, "orders_pkey"), fk("orders_user_id_fkey", "user_id", "users"));
        Diff diff = SchemaDiff.compare(catalog(), catalog(orders, users), Renames.none());
        assertThat(diff.changes()).extracting(Change::detected).containsExactly(
                "added table 'public.orders'", "added table 'public.users'", "added foreign key 'orders_user_id_fkey' on 'public.orders'");
        assertThat(MigrationText.statements(diff)).containsExactly(
                "CREATE TABLE public.orders (id bigint NOT NULL, user_id bigint, CONSTRAINT orders_pkey PRIMARY KEY (id))",
                "CREATE TABLE public.users (id bigint NOT NULL, CONSTRAINT users_pkey PRIMARY KEY (id))",
                "ALTER TABLE public.orders ADD CONSTRAINT orders_user_id_fkey FOREIGN KEY (user_id) REFERENCES public.users(id) ON DELETE CASCADE");
        assertThat(downgradeSql(diff)).containsExactly(
                "ALTER TABLE public.orders DROP CONSTRAINT orders_user_id_fkey", "DROP TABLE public.users", "DROP TABLE public.orders");

        Diff back = SchemaDiff.compare(catalog(orders, users), catalog(), Renames.none());
        assertThat(MigrationText.statements(back)).containsExactly("DROP TABLE public.orders", "DROP TABLE public.users");
        assertThat(back.changes()).allMatch(Change::destructive);
        assertThat(downgradeSql(back)).containsExactly(
                "CREATE TABLE public.users (id bigint NOT NULL, CONSTRAINT users_pkey PRIMARY KEY (id))",
                "CREATE TABLE public.orders (id bigint NOT NULL, user_id bigint, CONSTRAINT orders_pkey PRIMARY KEY (id), "
                        + "CONSTRAINT orders_user_id_fkey FOREIGN KEY (user_id) REFERENCES public.users(id) ON DELETE CASCADE)");
        MigrationText.Script script = MigrationText.sql(back);
        assertThat(script.transactional()).isTrue();
        assertThat(script.upgrade()).isEqualTo("-- destructive: drops table 'public.orders' and its rows\nDROP TABLE public.orders;\n"
                + "-- destructive: drops table 'public.users' and its rows\nDROP TABLE public.users;\n");
        assertThat(script.downgrade()).startsWith("-- irreversible: the rows of 'public.users' are not restored; the table comes back empty\n"
                + "CREATE TABLE public.users");
        assertThat(MigrationText.java(back).upgrade()).isEqualTo("// destructive: drops table 'public.orders' and its rows\n"
                + "op.dropTable(\"public.orders\");\n// destructive: drops table 'public.users' and its rows\nop.dropTable(\"public.users\");\n");
    }

    @Test
    void columnTypeChangeCastsAndRestoresTheDefault() {
        Column before = new Column("n", "integer", false, "0", null, null, null, null);
        Column after = new Column("n", "bigint", false, "0", null, null, null, null);
        Diff diff = SchemaDiff.compare(catalog(table("t", List.of(before))), catalog(table("t", List.of(after))), Renames.none());
        assertThat(diff.changes()).extracting(Change::detected).containsExactly("type change on 'public.t.n' from integer to bigint");
        assertThat(diff.changes().get(0).destructive()).isFalse();
        assertThat(MigrationText.statements(diff)).containsExactly(
                "ALTER TABLE public.t ALTER COLUMN n DROP DEFAULT", "ALTER TABLE public.t ALTER n TYPE bigint USING n::bigint",
                "ALTER TABLE public.t ALTER COLUMN n SET DEFAULT 0");
        assertThat(downgradeSql(diff)).containsExactly(
                "ALTER TABLE public.t ALTER COLUMN n DROP DEFAULT", "ALTER TABLE public.t ALTER n TYPE integer USING n::integer",
                "ALTER TABLE public.t ALTER COLUMN n SET DEFAULT 0");
        assertThat(MigrationText.java(diff).upgrade()).contains(
                "op.alterColumn(\"public.t\", \"n\", c -> c.type(\"bigint\").using(\"n::bigint\"));");

        Diff narrow = SchemaDiff.compare(catalog(table("t", List.of(after))), catalog(table("t", List.of(col("n", "smallint")))),
                Renames.none());
        assertThat(narrow.changes().get(0).destructive()).isTrue();
        assertThat(MigrationText.sql(narrow).upgrade()).contains("-- destructive: bigint to smallint may not hold every value of 'public.t.n'");
    }

    @Test
    void setNotNullAndNewNotNullColumnsWarn() {
        Diff diff = SchemaDiff.compare(catalog(table("t", List.of(col("a", "text")))),
                catalog(table("t", List.of(notNull("a", "text"), notNull("b", "integer")))), Renames.none());
        assertThat(MigrationText.statements(diff)).containsExactly(
                "ALTER TABLE public.t ALTER a SET NOT NULL", "ALTER TABLE public.t ADD COLUMN b integer NOT NULL");
        assertThat(diff.warnings()).hasSize(2);
        assertThat(MigrationText.sql(diff).upgrade()).contains("-- TODO: backfill NULLs in 'public.t.a' first");
        assertThat(downgradeSql(diff)).containsExactly("ALTER TABLE public.t DROP b", "ALTER TABLE public.t ALTER a DROP NOT NULL");
    }

    @Test
    void suspectedRenamesWarnAndHintsRename() {
        Catalog from = catalog(table("t", List.of(col("old", "text"))));
        Catalog to = catalog(table("t", List.of(col("new", "text"))));
        Diff guess = SchemaDiff.compare(from, to, Renames.none());
        assertThat(guess.warnings()).singleElement().asString().contains("--rename public.t.old=new");
        Diff hinted = SchemaDiff.compare(from, to, Renames.none().with("public.t.old=new"));
        assertThat(MigrationText.statements(hinted)).containsExactly("ALTER TABLE public.t RENAME COLUMN old TO new");
        assertThat(hinted.warnings()).isEmpty();

        Catalog tables = catalog(table("a", List.of(col("x", "int"))));
        Catalog renamed = catalog(table("b", List.of(col("x", "int"))));
        assertThat(SchemaDiff.compare(tables, renamed, Renames.none()).warnings()).singleElement().asString()
                .contains("--rename public.a=b");
        Diff table = SchemaDiff.compare(tables, renamed, Renames.none().with("public.a=b"));
        assertThat(MigrationText.statements(table)).containsExactly("ALTER TABLE public.a RENAME TO b");
        assertThat(downgradeSql(table)).containsExactly("ALTER TABLE public.b RENAME TO a");
        assertThatThrownBy(() -> Renames.none().with("nonsense")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("schema.table=new_table");
    }

    @Test
    void defaultNamesAloneAreNoChangeAndChangedIndexesAreRebuilt() {
        Catalog from = catalog(List.of(table("t", List.of(col("a", "int")), pk("t", "a", true, "t_pkey"))),
                List.of(new Index(q("t_a_idx"), q("t"), "CREATE INDEX {name} ON public.t USING btree (a)", false, true, null)),
                List.of());
        Catalog to = catalog(List.of(table("t", List.of(col("a", "int")), pk("t", "a", true, "t_pkey1"))),
                List.of(new Index(q("t_a_idx1"), q("t"), "CREATE INDEX {name} ON public.t USING btree (a)", false, true, null)),
                List.of());
        assertThat(SchemaDiff.compare(from, to, Renames.none()).isEmpty()).isTrue();

        Catalog changed = catalog(List.of(table("t", List.of(col("a", "int")), pk("t", "a", true, "t_pkey"))),
                List.of(new Index(q("t_a_idx"), q("t"), "CREATE INDEX {name} ON public.t USING btree (a) WHERE (a > 0)", false, true, null)),
                List.of());
        Diff diff = SchemaDiff.compare(from, changed, Renames.none());
        assertThat(MigrationText.statements(diff)).containsExactly("DROP INDEX public.t_a_idx",
                "CREATE INDEX t_a_idx ON public.t USING btree (a) WHERE (a > 0)");
        assertThat(downgradeSql(diff)).containsExactly("DROP INDEX public.t_a_idx", "CREATE INDEX t_a_idx ON public.t USING btree (a)");
    }

    @Test
    void sameInputSameOutput() {
        Table a = table("a", List.of(col("x", "int")));
        Table b = table("b", List.of(col("y", "int")));
        Diff one = SchemaDiff.compare(catalog(), catalog(a, b), Renames.none());
        Diff two = SchemaDiff.compare(catalog(), catalog(a, b), Renames.none());
        assertThat(MigrationText.sql(one)).isEqualTo(MigrationText.sql(two));
    }
}
