package dev.strata.diff;

import java.util.List;

/**
 * One detected difference and the steps that apply and undo it.
 *
 * @param detected the text printed after "Detected " as Alembic does, e.g. {@code added table 'public.orders'}
 * @param destructive whether the upgrade drops data or narrows a type
 * @param upgrade the steps that apply it, in order
 * @param downgrade the steps that undo it, in order
 */
public record Change(String detected, boolean destructive, List<Step> upgrade, List<Step> downgrade) {

    public Change {
        upgrade = List.copyOf(upgrade);
        downgrade = List.copyOf(downgrade);
    }
}
