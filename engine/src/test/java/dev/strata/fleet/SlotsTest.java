package dev.strata.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The per-server limit: --parallel, or the configured limit when it is smaller. */
class SlotsTest {

    @Test
    void theSmallerLimitWins() {
        assertThat(new Slots(8, 0).limit()).isEqualTo(8);
        assertThat(new Slots(8, 3).limit()).isEqualTo(3);
        assertThat(new Slots(2, 3).limit()).isEqualTo(2);
    }

    @Test
    void eachServerCountsApart() {
        Slots slots = new Slots(2, 0);
        slots.take("h1:5432");
        slots.take("h1:5432");
        assertThat(slots.free("h1:5432")).isFalse();
        assertThat(slots.free("h2:5432")).isTrue();
        slots.take("h2:5432");
        slots.release("h1:5432");
        assertThat(slots.free("h1:5432")).isTrue();
        assertThat(slots.peak()).isEqualTo(2);
        slots.take("h1:5432");
        assertThatThrownBy(() -> slots.take("h1:5432")).isInstanceOf(IllegalStateException.class);
    }
}
