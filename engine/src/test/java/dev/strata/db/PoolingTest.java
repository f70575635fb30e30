package dev.strata.db;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The first step of telling a pooler: the server's own address and port against the URL's. */
class PoolingTest {

    @Test
    void theServerAtTheUrlsOwnAddressAndPortIsDirect() {
        assertThat(Pooling.sameEndpoint("jdbc:postgresql://127.0.0.1:5432/app", "127.0.0.1", 5432)).isTrue();
        assertThat(Pooling.sameEndpoint("jdbc:postgresql://127.0.0.1/app?sslmode=disable", "127.0.0.1", 5432)).as("default port").isTrue();
        assertThat(Pooling.sameEndpoint("jdbc:postgresql://[::1]:5432/app", "::1", 5432)).isTrue();
    }

    @Test
    void anotherPortAddressOrSeveralHostsMayBeAPooler() {
        assertThat(Pooling.sameEndpoint("jdbc:postgresql://127.0.0.1:6432/app", "127.0.0.1", 5432)).as("PgBouncer's port").isFalse();
        assertThat(Pooling.sameEndpoint("jdbc:postgresql://127.0.0.2:5432/app", "127.0.0.1", 5432)).as("another host, same port").isFalse();
        assertThat(Pooling.sameEndpoint("jdbc:postgresql://127.0.0.1:5432,127.0.0.1:5433/app", "127.0.0.1", 5432)).isFalse();
        assertThat(Pooling.sameEndpoint("jdbc:postgresql://no-such-host.invalid:5432/app", "127.0.0.1", 5432)).isFalse();
    }
}
