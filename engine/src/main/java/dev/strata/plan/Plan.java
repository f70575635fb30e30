package dev.strata.plan;

import java.util.List;

/**
 * What a command will do, decided before anything runs.
 *
 * @param direction  upgrade or downgrade
 * @param startHeads heads before the first step
 * @param steps      in the order they run
 * @param endHeads   heads after the last step
 */
public record Plan(Direction direction, List<String> startHeads, List<Step> steps, List<String> endHeads) {

    public Plan {
        startHeads = List.copyOf(startHeads);
        steps = List.copyOf(steps);
        endHeads = List.copyOf(endHeads);
    }

    public boolean isEmpty() {
        return steps.isEmpty();
    }
}
