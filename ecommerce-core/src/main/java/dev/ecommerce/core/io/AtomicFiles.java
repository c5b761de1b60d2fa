package dev.ecommerce.core.io;

import dev.ecommerce.core.ConfigurationException;
import dev.ecommerce.core.InfrastructureException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Files that appear whole or not at all, and paths that cannot leave their base folder. */
public final class AtomicFiles {

    /** What a finished file is: where, how big, its SHA-256. */
    public record Written(Path path, long bytes, String sha256) {}

    /** Writes the content of a file at a temporary path. */
    @FunctionalInterface
    public interface Writer {
        void writeTo(Path temporary) throws IOException;
    }

    private AtomicFiles() {}

    /**
     * Resolves {@code name} under {@code base} and rejects it when the result is not inside {@code base}.
     *
     * @throws ConfigurationException naming the offending path
     */
    public static Path resolveInside(Path base, String name) {
        Path root = base.toAbsolutePath().normalize();
        Path resolved = root.resolve(name).normalize();
        if (!resolved.startsWith(root) || resolved.equals(root)) {
            throw new ConfigurationException(
                    "The output path " + name + " escapes its folder " + root + ": use a plain file name.");
        }
        return resolved;
    }

    /**
     * Writes {@code target} through a temporary file in the same folder, then moves it into place
     * atomically. On any failure the temporary file is deleted and an existing {@code target} is untouched.
     */
    public static Written write(Path target, String runId, Writer writer) {
        Path folder = target.getParent();
        Path temporary = folder.resolve("." + target.getFileName() + "." + runId + ".tmp");
        try {
            Files.createDirectories(folder);
            Files.deleteIfExists(temporary);
            writer.writeTo(temporary);
            if (!Files.isRegularFile(temporary)) {
                throw new IOException("nothing was written to " + temporary);
            }
            String sha256 = sha256(temporary);
            long bytes = Files.size(temporary);
            move(temporary, target);
            return new Written(target, bytes, sha256);
        } catch (IOException e) {
            throw new InfrastructureException("Cannot write " + target + ": " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException ignored) {
                // best effort: a stray temporary file never replaces a good one
            }
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** The SHA-256 of bytes, lower-case hex. */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The SHA-256 of a text's UTF-8 bytes, lower-case hex. */
    public static String sha256(String text) {
        return sha256(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** The SHA-256 of a file, lower-case hex. */
    public static String sha256(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
