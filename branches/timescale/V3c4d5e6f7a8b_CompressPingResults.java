import dev.strata.ops.JavaMigration;
import dev.strata.ops.Migration;
import dev.strata.ops.Ops;

@Migration(
        revision = "3c4d5e6f7a8b",
        downRevision = {"2b3c4d5e6f7a"},
        message = "compress ping_results after a week",
        createDate = "2026-11-21 10:20:00")
public class V3c4d5e6f7a8b_CompressPingResults implements JavaMigration {

    @Override
    public void upgrade(Ops op) {
        op.timescale()
                .enableCompression("ping_results", c -> c.segmentBy("device_id").orderBy("time DESC"))
                .addCompressionPolicy("ping_results", "7 days");
    }

    // No downgrade(): Strata undoes the two ops last first, in the safe order: remove the policy,
    // decompress every compressed chunk, then turn compression off.
}
