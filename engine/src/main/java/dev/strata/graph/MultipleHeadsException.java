package dev.strata.graph;

import java.util.List;
import java.util.stream.Collectors;

/** {@code head} (or {@code LABEL@head}) was asked for while several heads exist. */
public final class MultipleHeadsException extends GraphException {
    private final List<String> heads;
    private final String argument;
    private final List<String> headLabels;

    /**
     * @param heads      the heads found
     * @param argument   what the user wrote, e.g. {@code head}
     * @param headLabels for each head, a label that selects it (or null), used to suggest {@code LABEL@head}
     */
    public MultipleHeadsException(List<String> heads, String argument, List<String> headLabels) {
        super(message(heads, argument, headLabels));
        this.heads = List.copyOf(heads);
        this.argument = argument;
        this.headLabels = headLabels.stream().map(l -> l == null ? "" : l).collect(Collectors.toUnmodifiableList());
    }

    private static String message(List<String> heads, String argument, List<String> headLabels) {
        String suggestions = headLabels.stream()
                .filter(l -> l != null && !l.isEmpty())
                .distinct()
                .map(l -> l + "@head")
                .collect(Collectors.joining(", "));
        return "'" + argument + "' is ambiguous: there are " + heads.size() + " heads (" + String.join(", ", heads)
                + "); name one with "
                + (suggestions.isEmpty() ? "its revision id" : suggestions)
                + ", use '" + allOf(argument) + "' for all of them"
                // Heads that each carry a label of their own are separate branches (often separate
                // databases): merging them is rarely what is meant, so only suggest it otherwise.
                + (headLabels.stream().allMatch(l -> l != null && !l.isEmpty()) ? ""
                        : ", or join them with 'migrate merge " + allOf(argument) + "'");
    }

    /** {@code heads} for {@code head} and {@code @head}, {@code LABEL@heads} for {@code LABEL@head}. */
    private static String allOf(String argument) {
        return argument.endsWith("@head") && !argument.equals("@head") ? argument + "s" : "heads";
    }

    public List<String> heads() {
        return heads;
    }

    public String argument() {
        return argument;
    }

    public List<String> headLabels() {
        return headLabels;
    }
}
