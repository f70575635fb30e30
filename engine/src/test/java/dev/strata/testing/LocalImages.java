package dev.strata.testing;

/**
 * Whether the tests may start a container: a Docker engine answers and the image is already on it.
 * Nothing is ever pulled (no image registry is reachable on our machines, and a pull there would hang
 * the run): without the image, the tests use the local servers and say so on stderr. Testcontainers'
 * Ryuk side container needs its own image too, unless TESTCONTAINERS_RYUK_DISABLED=true. With
 * STRATA_TEST_REQUIRE_CONTAINERS=true (bin/test's container phase) there is no falling back: a missing
 * engine or image is an error that says so.
 */
final class LocalImages {

    private LocalImages() {}

    static boolean usable(String image) {
        boolean usable;
        Throwable why = null;
        try {
            usable = Check.usable(image);
        } catch (Throwable e) { // Testcontainers missing or the engine misbehaving: the local servers it is
            usable = false;
            why = e;
        }
        if (!usable && "true".equalsIgnoreCase(System.getenv("STRATA_TEST_REQUIRE_CONTAINERS"))) {
            // bin/test's container phase: falling back to a local server would test the wrong thing.
            throw new IllegalStateException("STRATA_TEST_REQUIRE_CONTAINERS=true, but no container of " + image
                    + " can start: no Docker engine answers or it lacks the image (run bin/containers up && bin/containers build)"
                    + (why == null ? "" : ": " + why), why);
        }
        return usable;
    }

    /** Kept apart so Testcontainers' classes load only when asked. */
    private static final class Check {
        static boolean usable(String image) {
            var docker = org.testcontainers.DockerClientFactory.instance();
            if (!docker.isDockerAvailable()) {
                return false;
            }
            String ryuk = org.testcontainers.utility.TestcontainersConfiguration.getInstance().getRyukImage();
            boolean ryukOff = "true".equalsIgnoreCase(System.getenv("TESTCONTAINERS_RYUK_DISABLED"));
            for (String needed : ryukOff ? new String[] {image} : new String[] {image, ryuk}) {
                if (!present(docker, needed)) {
                    System.err.println("tests: a Docker engine answers but has no image " + needed
                            + " (nothing is pulled); using the local server instead");
                    return false;
                }
            }
            return true;
        }

        private static boolean present(org.testcontainers.DockerClientFactory docker, String image) {
            try {
                docker.client().inspectImageCmd(image).exec();
                return true;
            } catch (com.github.dockerjava.api.exception.NotFoundException e) {
                return false;
            }
        }
    }
}
