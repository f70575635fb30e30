package dev.strata.plan;

import java.util.ArrayList;
import java.util.List;

/**
 * What a command will do, decided before anything runs.
 *
 * @param direction  upgrade or downgrade
 * @param startHeads heads before the first step
 * @param steps      in the order they run
 * @param endHeads   heads after the last step
 * @param warnings   what the user should know about how the target was read (Alembic's warnings)
 */
public record Plan(Direction direction, List<String> startHeads, List<Step> steps, List<String> endHeads, List<String> warnings) {

    public Plan {
        startHeads = List.copyOf(startHeads);
        steps = List.copyOf(steps);
        endHeads = List.copyOf(endHeads);
        warnings = List.copyOf(warnings);
    }

    public Plan(Direction direction, List<String> startHeads, List<Step> steps, List<String> endHeads) {
        this(direction, startHeads, steps, endHeads, List.of());
    }

    /** This plan with one more warning. */
    public Plan withWarning(String warning) {
        List<String> all = new ArrayList<>(warnings);
        all.add(warning);
        return new Plan(direction, startHeads, steps, endHeads, all);
    }

    public boolean isEmpty() {
        return steps.isEmpty();
    }
}
