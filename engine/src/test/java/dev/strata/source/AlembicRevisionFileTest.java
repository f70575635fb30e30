package dev.strata.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Alembic revision files' headers, read from their text as Alembic's templates (old and new) write them. */
class AlembicRevisionFileTest {

    private static final Path FILE = Path.of("versions/x.py");

    @Test
    void readsTheClassicTemplate() {
        AlembicRevisionFile r = AlembicRevisionFile.parse(FILE, """
                \"""add ping_results hypertable

                Revision ID: 3f2a9c1d7e4b
                Revises: 1a2b3c4d5e6f
                Create Date: 2026-02-19 10:00:00.123456

                \"""
                from alembic import op
                import sqlalchemy as sa

                # revision identifiers, used by Alembic.
                revision = '3f2a9c1d7e4b'
                down_revision = '1a2b3c4d5e6f'
                branch_labels = ('timescale',)
                depends_on = None


                def upgrade():
                    revision = 'not this one'
                """);
        assertThat(r.revision()).isEqualTo("3f2a9c1d7e4b");
        assertThat(r.downRevisions()).containsExactly("1a2b3c4d5e6f");
        assertThat(r.branchLabels()).containsExactly("timescale");
        assertThat(r.dependsOn()).isEmpty();
        assertThat(r.message()).isEqualTo("add ping_results hypertable");
        assertThat(r.createDate()).isEqualTo("2026-02-19 10:00:00");
    }

    @Test
    void readsTypedAssignmentsMergesAndMultiLineTuples() {
        AlembicRevisionFile r = AlembicRevisionFile.parse(FILE, """
                \"""merge heads,
                   and a long
                   message\"""
                from typing import Sequence, Union

                revision: str = "20260219_003"
                down_revision: Union[str, None] = (
                    "20260219_001",
                    "20260219_002",  # the report branch
                )
                branch_labels: Union[str, Sequence[str], None] = None
                depends_on: Union[str, Sequence[str], None] = ["c0ffee", 'beef']
                """);
        assertThat(r.revision()).isEqualTo("20260219_003");
        assertThat(r.downRevisions()).containsExactly("20260219_001", "20260219_002");
        assertThat(r.branchLabels()).isEmpty();
        assertThat(r.dependsOn()).containsExactly("c0ffee", "beef");
        assertThat(r.message()).isEqualTo("merge heads, and a long message");
        assertThat(r.createDate()).isNull();
    }

    @Test
    void aRootHasNoDownRevisionAndALabelMayBeAPlainString() {
        AlembicRevisionFile r = AlembicRevisionFile.parse(FILE, "revision = 'a1'\ndown_revision = None\nbranch_labels = 'postgres'\n");
        assertThat(r.downRevisions()).isEmpty();
        assertThat(r.branchLabels()).containsExactly("postgres");
        assertThat(r.message()).isEmpty();
    }

    @Test
    void aFileWithoutARevisionIsNamed() {
        assertThatThrownBy(() -> AlembicRevisionFile.parse(FILE, "import os\n"))
                .hasMessageContaining("x.py").hasMessageContaining("not an Alembic revision file");
        assertThatThrownBy(() -> AlembicRevisionFile.parse(FILE, "revision = make_id()\n"))
                .hasMessageContaining("x.py:1").hasMessageContaining("revision must be a string");
    }
}
