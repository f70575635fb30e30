package dev.strata.source;

import dev.strata.graph.Revision;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Arrays;

// File reading for scripts: strict UTF-8 with the line of a bad byte, and header-only reads.
final class ScriptFiles {

    // Headers are a few hundred bytes; one read of this size usually takes the whole file.
    private static final int BUFFER = 8192;
    // A header line longer than this is not a header line; stop rather than read on.
    private static final int MAX_HEADER_LINE = 1 << 16;

    private static final ThreadLocal<byte[]> BUFFERS = ThreadLocal.withInitial(() -> new byte[BUFFER]);
    private static final ThreadLocal<CharsetDecoder> DECODERS = ThreadLocal.withInitial(ScriptFiles::strictDecoder);

    private ScriptFiles() {
    }

    private static CharsetDecoder strictDecoder() {
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    // The whole file as text, without a leading BOM.
    static String readText(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ScriptException(file, 0, describe(e, false), e);
        }
        CharsetDecoder decoder = strictDecoder();
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            int at = in.position();
            throw notUtf8(file, lineOfByte(bytes, at), bytes[at]);
        }
        decoder.flush(out);
        out.flip();
        if (out.hasRemaining() && out.get(0) == '\uFEFF') {
            out.position(1);
        }
        return out.toString();
    }

    // Reads lines off the start of a file into a Header until the upgrade marker, and no
    // further: loading a project reads only headers, so bodies cost nothing until a step runs.
    static Revision readHeader(Path file) {
        byte[] buf = BUFFERS.get();
        Header header = new Header(file);
        // A plain channel: no FileInputStream (its open costs an extra fstat) and no stream wrapper.
        try (SeekableByteChannel in = Files.newByteChannel(file)) {
            int len = Math.max(in.read(ByteBuffer.wrap(buf)), 0);
            // One read usually holds the header; only a line running off the buffer's end reads on,
            // and that read is also what finds the end of the file.
            boolean eof = len == 0;
            int pos = len >= 3 && buf[0] == (byte) 0xEF && buf[1] == (byte) 0xBB && buf[2] == (byte) 0xBF ? 3 : 0;
            int lineNo = 1;
            while (true) {
                int end = pos;
                boolean ascii = true;
                while (end < len && buf[end] != '\n' && buf[end] != '\r') {
                    ascii &= buf[end] >= 0;
                    end++;
                }
                // A line is complete at a break, except a \r at the buffer's end that may be half of \r\n.
                boolean complete = end < len && (buf[end] == '\n' || end + 1 < len || eof);
                if (!complete && !eof) {
                    if (end - pos >= MAX_HEADER_LINE) {
                        throw new ScriptException(file, lineNo, "header line longer than " + MAX_HEADER_LINE + " bytes");
                    }
                    int keep = len - pos;
                    if (keep == buf.length) {
                        buf = Arrays.copyOf(buf, buf.length * 2);
                    }
                    System.arraycopy(buf, pos, buf, 0, keep);
                    int read = in.read(ByteBuffer.wrap(buf, keep, buf.length - keep));
                    eof = read < 0;
                    len = keep + Math.max(read, 0);
                    pos = 0;
                    continue;
                }
                if (end == pos && end >= len) {
                    break; // nothing left
                }
                String line = ascii
                        ? new String(buf, pos, end - pos, StandardCharsets.ISO_8859_1)
                        : decodeLine(file, lineNo, buf, pos, end);
                if (header.accept(line, lineNo) || end >= len) {
                    break;
                }
                pos = buf[end] == '\r' && end + 1 < len && buf[end + 1] == '\n' ? end + 2 : end + 1;
                lineNo++;
            }
        } catch (IOException e) {
            throw new ScriptException(file, 0, describe(e, false), e);
        }
        return header.revision();
    }

    // Whether file is a regular file (following links), by the cheapest stat at hand.
    static boolean isRegularFile(Path file) {
        if (file.getFileSystem() == FileSystems.getDefault()) {
            return file.toFile().isFile();
        }
        return Files.isRegularFile(file);
    }

    private static String decodeLine(Path file, int lineNo, byte[] buf, int from, int to) {
        CharsetDecoder decoder = DECODERS.get();
        try {
            return decoder.decode(ByteBuffer.wrap(buf, from, to - from)).toString();
        } catch (CharacterCodingException e) {
            // Find the byte for the message; decoding again is fine on this rare path.
            ByteBuffer in = ByteBuffer.wrap(buf, from, to - from);
            decoder.reset().decode(in, CharBuffer.allocate(to - from), true);
            int at = Math.min(in.position(), to - 1);
            throw notUtf8(file, lineNo, buf[at]);
        } finally {
            decoder.reset();
        }
    }

    private static ScriptException notUtf8(Path file, int line, byte b) {
        return new ScriptException(file, line, String.format("not valid UTF-8 (byte 0x%02x); scripts must be UTF-8", b & 0xFF));
    }

    private static int lineOfByte(byte[] bytes, int at) {
        int line = 1;
        for (int i = 0; i < at; i++) {
            if (bytes[i] == '\n' || (bytes[i] == '\r' && (i + 1 >= bytes.length || bytes[i + 1] != '\n'))) {
                line++;
            }
        }
        return line;
    }

    // An I/O failure in words, without Java class names; the path is named by the exception's file.
    static String describe(IOException e, boolean folder) {
        if (e instanceof NoSuchFileException) {
            return folder ? "folder not found" : "file not found";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NotDirectoryException) {
            return "not a folder";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "already exists";
        }
        String reason = e instanceof FileSystemException fse ? fse.getReason() : e.getMessage();
        if (reason == null || reason.isBlank()) {
            return folder ? "cannot read folder" : "cannot read file";
        }
        String what = reason.strip();
        if (what.equals("Is a directory")) {
            return "is a folder, not a file";
        }
        return (folder ? "cannot read folder: " : "cannot read file: ") + Character.toLowerCase(what.charAt(0)) + what.substring(1);
    }
}
