package dev.strata.source;

import dev.strata.graph.Revision;
import java.nio.file.Path;

// A whole script cut at its marker lines: the header's revision, and the text and first file line
// of the upgrade and downgrade parts. Markers are found by line, as dbmate does, so a marker line
// is a marker even inside a dollar quote.
record Sections(Revision revision, String upgrade, int upgradeLine, String downgrade, int downgradeLine) {

    static Sections of(Path file, String text) {
        Header header = new Header(file);
        int n = text.length();
        int pos = 0;
        int lineNo = 1;
        boolean inHeader = true;
        int upStart = -1;
        int upLine = 0;
        int upEnd = n;
        int downStart = n;
        int downLine = 0;
        int upgradeMarkerLine = 0;
        int downgradeMarkerLine = 0;
        while (pos < n) {
            int end = pos;
            while (end < n && text.charAt(end) != '\n' && text.charAt(end) != '\r') {
                end++;
            }
            int next = end < n && text.charAt(end) == '\r' && end + 1 < n && text.charAt(end + 1) == '\n' ? end + 2 : end + 1;
            String line = text.substring(pos, end);
            if (inHeader) {
                if (header.accept(line, lineNo)) {
                    inHeader = false;
                    upgradeMarkerLine = lineNo;
                    upStart = Math.min(next, n);
                    upLine = lineNo + 1;
                }
            } else {
                switch (Header.marker(line)) {
                    case UPGRADE -> throw new ScriptException(file, lineNo, "second '" + Header.UPGRADE_MARKER
                            + "' (the first is on line " + upgradeMarkerLine + ")");
                    case DOWNGRADE -> {
                        if (downgradeMarkerLine != 0) {
                            throw new ScriptException(file, lineNo, "second '" + Header.DOWNGRADE_MARKER
                                    + "' (the first is on line " + downgradeMarkerLine + ")");
                        }
                        downgradeMarkerLine = lineNo;
                        upEnd = pos;
                        downStart = Math.min(next, n);
                        downLine = lineNo + 1;
                    }
                    case OTHER -> throw Header.unknownMarker(file, lineNo, line.strip());
                    case NONE -> {
                    }
                }
            }
            pos = next;
            lineNo++;
        }
        // Throws for a missing marker or a bad header, exactly as loading does.
        Revision revision = header.revision();
        if (downgradeMarkerLine == 0) {
            downLine = lineNo;
        }
        return new Sections(revision, text.substring(upStart, upEnd), upLine, text.substring(downStart, n), downLine);
    }
}
