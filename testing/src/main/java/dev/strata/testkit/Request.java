package dev.strata.testkit;

import dev.strata.api.TargetSelection;
import dev.strata.config.Config;
import dev.strata.config.ConfigLoader;
import dev.strata.config.TargetConfig;
import dev.strata.error.StrataException;
import dev.strata.expr.RevisionExpr;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What a test class asked for, resolved: the loaded config, the target, the revision, and where the
 * database comes from (a URL given, or the image of a container to start). Two test classes asking
 * the same get the same database (see {@link #key()}).
 *
 * @param url   the URL given for the target, or null when a container is to be started
 * @param image the container's image, when no URL is given
 */
record Request(Config config, TargetConfig target, String revision, Reset reset, Settings.Found url, String image) {

    /** Reads the annotation's config (relative to the working directory) and picks the target. */
    static Request of(StrataDatabase a, Settings settings) {
        Path file = Path.of(a.config()).toAbsolutePath().normalize();
        if (!Files.isRegularFile(file)) {
            throw new StrataTestException("strata-testing: @StrataDatabase(config = \"" + a.config() + "\"): no file " + file
                    + " (the path is relative to the working directory, " + Path.of("").toAbsolutePath() + ")");
        }
        try {
            Config config = new ConfigLoader(System.getenv()).load(file);
            TargetConfig target = TargetSelection.require(config, a.target().isBlank() ? null : a.target(),
                    List.of(RevisionExpr.parse(a.revision())));
            Settings.Found url = settings.url(target.name());
            String image = url == null ? settings.image(target.dialect(), a.image()) : null;
            return new Request(config, target, a.revision(), a.reset(), url, image);
        } catch (StrataException e) {
            throw new StrataTestException("strata-testing: @StrataDatabase on " + file + ": " + e.getMessage(), e);
        }
    }

    /** Identifies the database: the same config, target, revision and source give the same one. */
    String key() {
        return config.file() + "\n" + target.name() + "\n" + revision + "\n" + (url != null ? "url " + url.value() : "image " + image);
    }
}
