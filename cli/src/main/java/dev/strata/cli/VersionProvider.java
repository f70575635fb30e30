package dev.strata.cli;

import dev.strata.config.ToolVersion;
import picocli.CommandLine;

/** {@code migrate --version}. */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {"strata " + ToolVersion.get()};
    }
}
