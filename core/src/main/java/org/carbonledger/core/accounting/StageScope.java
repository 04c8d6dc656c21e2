package org.carbonledger.core.accounting;

import java.util.Comparator;
import java.util.Objects;

/**
 * A cell of the footprint breakdown, ordered by stage, then scope.
 *
 * @param stage the life-cycle stage
 * @param scope the GHG Protocol scope
 */
public record StageScope(Stage stage, Scope scope) implements Comparable<StageScope> {

    private static final Comparator<StageScope> ORDER =
            Comparator.comparing(StageScope::stage).thenComparing(StageScope::scope);

    /** Null-checks both parts. */
    public StageScope {
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(scope, "scope");
    }

    @Override
    public int compareTo(StageScope other) {
        return ORDER.compare(this, other);
    }
}
