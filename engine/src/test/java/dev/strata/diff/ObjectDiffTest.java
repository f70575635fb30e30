package dev.strata.diff;

import static dev.strata.diff.SchemaDiffTest.col;
import static dev.strata.diff.SchemaDiffTest.downgradeSql;
import static dev.strata.diff.SchemaDiffTest.q;
import static dev.strata.diff.SchemaDiffTest.table;
import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.schema.Catalog;
import dev.strata.schema.Dependency;
import dev.strata.schema.EnumType;
import dev.strata.schema.Function;
import dev.strata.schema.Table;
import dev.strata.schema.View;
import java.util.List;
import org.junit.jupiter.api.Test;

class ObjectDiffTest {

    static Catalog with(List<Table> tables, List<EnumType> enums, List<View> views, List<Function> functions, List<Dependency> deps) {
        return new Catalog(List.of("public"), List.of(), tables, List.of(), List.of(), enums, views, functions, List.of(),
                List.of(), List.of(), deps);
    }

    @Test
    void aViewOnARetypedColumnIsDroppedBeforeAndRecreatedAfter() {
        Dependency dep = new Dependency(Dependency.ObjectRef.of(Dependency.Kind.VIEW, q("v")),
                new Dependency.ObjectRef(Dependency.Kind.COLUMN, q("t"), "n"));
        View v = new View(q("v"), false, "SELECT t.n FROM t", List.of("n"), null);
        Catalog from = with(List.of(table("t", List.of(col("n", "integer")))), List.of(), List.of(v), List.of(), List.of(dep));
        Catalog to = with(List.of(table("t", List.of(col("n", "bigint")))), List.of(), List.of(v), List.of(), List.of(dep));
        Diff diff = SchemaDiff.compare(from, to, Renames.none());
        assertThat(MigrationText.statements(diff)).containsExactly("DROP VIEW public.v",
                "ALTER TABLE public.t ALTER n TYPE bigint USING n::bigint", "CREATE VIEW public.v AS SELECT t.n FROM t");
        assertThat(downgradeSql(diff)).containsExactly("DROP VIEW public.v",
                "ALTER TABLE public.t ALTER n TYPE integer USING n::integer", "CREATE VIEW public.v AS SELECT t.n FROM t");
    }

    @Test
    void enumLabelsAreAddedInPlaceAndTheDowngradeRebuildsTheType() {
        EnumType before = new EnumType(q("mood"), List.of("sad", "happy"), null);
        EnumType after = new EnumType(q("mood"), List.of("sad", "ok", "happy", "ecstatic"), null);
        Table diary = table("diary", List.of(new dev.strata.schema.Column("feeling", "public.mood", true, "'happy'::public.mood",
                null, null, null, null)));
        Diff diff = SchemaDiff.compare(with(List.of(diary), List.of(before), List.of(), List.of(), List.of()),
                with(List.of(diary), List.of(after), List.of(), List.of(), List.of()), Renames.none());
        assertThat(MigrationText.statements(diff)).containsExactly("ALTER TYPE public.mood ADD VALUE 'ok' BEFORE 'happy'",
                "ALTER TYPE public.mood ADD VALUE 'ecstatic' AFTER 'happy'");
        assertThat(downgradeSql(diff)).containsExactly("ALTER TYPE public.mood RENAME TO mood__strata_old",
                "CREATE TYPE public.mood AS ENUM ('sad', 'happy')",
                "ALTER TABLE public.diary ALTER COLUMN feeling DROP DEFAULT",
                "ALTER TABLE public.diary ALTER COLUMN feeling TYPE public.mood USING feeling::text::public.mood",
                "ALTER TABLE public.diary ALTER COLUMN feeling SET DEFAULT 'happy'::public.mood",
                "DROP TYPE public.mood__strata_old");
        assertThat(MigrationText.sql(diff).downgrade()).contains("-- PostgreSQL cannot drop a label");
    }

    @Test
    void aRemovedEnumLabelRebuildsTheTypeAndSaysItIsDestructive() {
        EnumType before = new EnumType(q("mood"), List.of("sad", "meh", "happy"), null);
        EnumType after = new EnumType(q("mood"), List.of("sad", "happy"), null);
        Table diary = table("diary", List.of(new dev.strata.schema.Column("feeling", "public.mood[]", false, null,
                null, null, null, null)));
        Diff removed = SchemaDiff.compare(with(List.of(diary), List.of(before), List.of(), List.of(), List.of()),
                with(List.of(diary), List.of(after), List.of(), List.of(), List.of()), Renames.none());
        assertThat(MigrationText.statements(removed)).containsExactly("ALTER TYPE public.mood RENAME TO mood__strata_old",
                "CREATE TYPE public.mood AS ENUM ('sad', 'happy')",
                "ALTER TABLE public.diary ALTER COLUMN feeling TYPE public.mood[] USING feeling::text[]::public.mood[]",
                "DROP TYPE public.mood__strata_old");
        assertThat(removed.changes()).singleElement().satisfies(c -> assertThat(c.destructive()).isTrue());
        assertThat(removed.warnings()).singleElement().asString().contains("loses or reorders labels").contains("[meh]");
        assertThat(downgradeSql(removed)).contains("CREATE TYPE public.mood AS ENUM ('sad', 'meh', 'happy')");
    }

    @Test
    void functionsAreReplacedOrRecreatedWhenTheirResultChanges() {
        Function v1 = new Function(q("f"), "x integer", "CREATE OR REPLACE FUNCTION public.f(x integer) RETURNS integer AS 'select 1' LANGUAGE sql",
                "integer", false, null);
        Function v2 = new Function(q("f"), "x integer", "CREATE OR REPLACE FUNCTION public.f(x integer) RETURNS integer AS 'select 2' LANGUAGE sql",
                "integer", false, null);
        Function v3 = new Function(q("f"), "x integer", "CREATE OR REPLACE FUNCTION public.f(x integer) RETURNS bigint AS 'select 2' LANGUAGE sql",
                "bigint", false, null);
        Diff replaced = SchemaDiff.compare(with(List.of(), List.of(), List.of(), List.of(v1), List.of()),
                with(List.of(), List.of(), List.of(), List.of(v2), List.of()), Renames.none());
        assertThat(MigrationText.statements(replaced)).containsExactly(v2.definition());
        assertThat(downgradeSql(replaced)).containsExactly(v1.definition());
        Diff recreated = SchemaDiff.compare(with(List.of(), List.of(), List.of(), List.of(v1), List.of()),
                with(List.of(), List.of(), List.of(), List.of(v3), List.of()), Renames.none());
        assertThat(MigrationText.statements(recreated)).containsExactly("DROP FUNCTION public.f(x integer)", v3.definition());
    }

    @Test
    void sequencesAreCreatedBeforeTablesAndOwnedAfter() {
        dev.strata.schema.Sequence seq = new dev.strata.schema.Sequence(q("t_id_seq"), "bigint", 1, 1, 1, Long.MAX_VALUE, 1, false,
                q("t"), "id", null);
        Table t = table("t", List.of(new dev.strata.schema.Column("id", "bigint", true, "nextval('t_id_seq'::regclass)", null, null, null, null)));
        Catalog to = new Catalog(List.of("public"), List.of(), List.of(t), List.of(), List.of(seq), List.of(), List.of(), List.of(),
                List.of(), List.of(), List.of(), List.of());
        Diff diff = SchemaDiff.compare(with(List.of(), List.of(), List.of(), List.of(), List.of()), to, Renames.none());
        assertThat(MigrationText.statements(diff)).containsExactly(
                "CREATE SEQUENCE public.t_id_seq AS bigint INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1 NO CYCLE",
                "CREATE TABLE public.t (id bigint DEFAULT nextval('t_id_seq'::regclass) NOT NULL)",
                "ALTER SEQUENCE public.t_id_seq OWNED BY public.t.id");
        assertThat(downgradeSql(diff)).as("the owned sequence may have gone with its table").containsExactly("DROP TABLE public.t", "DROP SEQUENCE IF EXISTS public.t_id_seq");
    }
}
