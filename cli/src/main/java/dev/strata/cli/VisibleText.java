package dev.strata.cli;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.Writer;

/**
 * Shows control characters instead of sending them to the terminal. Script text (an id, a message, a
 * label) reaches errors and listings; raw, an escape sequence in it could recolour, hide or rewrite what
 * the terminal shows. Every control character but line feed and tab, and the bidirectional overrides
 * that reorder text, is written as {@code \\uXXXX}: visible, and the same escape JSON uses, so JSON
 * output stays valid.
 */
final class VisibleText extends FilterWriter {

    VisibleText(Writer out) {
        super(out);
    }

    static boolean hidden(int c) {
        return (c < 0x20 && c != '\n' && c != '\t') || (c >= 0x7f && c <= 0x9f)
                || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
    }

    /** {@code text} with every hidden character escaped. */
    static String of(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (hidden(c)) {
                if (out == null) {
                    out = new StringBuilder(text.length() + 16).append(text, 0, i);
                }
                out.append(String.format("\\u%04x", (int) c));
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? text : out.toString();
    }

    @Override
    public void write(int c) throws IOException {
        if (hidden(c)) {
            out.write(String.format("\\u%04x", c));
        } else {
            out.write(c);
        }
    }

    @Override
    public void write(char[] buffer, int offset, int length) throws IOException {
        out.write(of(new String(buffer, offset, length)));
    }

    @Override
    public void write(String text, int offset, int length) throws IOException {
        out.write(of(text.substring(offset, offset + length)));
    }
}
