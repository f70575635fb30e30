import dev.strata.ops.JavaMigration;
import dev.strata.ops.Migration;
import dev.strata.ops.Ops;
import dev.strata.ops.ReferentialAction;

@Migration(
        revision = "b2e1d4c3f5a6",
        downRevision = {"a1f0c3d2e4b5"},
        message = "create devices",
        createDate = "2026-11-21 09:10:00")
public class Vb2e1d4c3f5a6_CreateDevices implements JavaMigration {

    @Override
    public void upgrade(Ops op) {
        op.createTable("devices", t -> t
                .column("id", "bigint", c -> c.identity().primaryKey())
                .column("owner_id", "bigint", c -> c.notNull())
                .column("hostname", "text", c -> c.notNull())
                .column("name", "text")
                .column("last_seen", "timestamptz")
                .foreignKey("devices_owner_id_fkey", fk -> fk
                        .columns("owner_id")
                        .references("users", "id")
                        .onDelete(ReferentialAction.CASCADE)));
    }

    // No downgrade(): the inverse of createTable is dropTable.
}
