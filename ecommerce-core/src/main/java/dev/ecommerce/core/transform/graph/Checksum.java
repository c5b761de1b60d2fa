package dev.ecommerce.core.transform.graph;

import dev.ecommerce.core.InfrastructureException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A node's checksum as dbt writes it in {@code manifest.json} ({@code {"name": "sha256", "checksum": ...}}):
 * the SHA-256 of the file's text, stripped of surrounding whitespace; a seed over 1 MiB by its path, a
 * generic test by none.
 */
public record Checksum(String name, String checksum) {

    /** dbt's checksum of a node without a file of its own (generic tests): never equal to another. */
    public static final Checksum NONE = new Checksum("none", "");

    /** dbt's {@code MAXIMUM_SEED_SIZE}: a larger seed is checked by path, not contents. */
    static final long MAXIMUM_SEED_SIZE = 1024 * 1024;

    /** The checksum of a file's text ({@code FileHash.from_contents} of the stripped contents). */
    public static Checksum ofContents(String text) {
        try {
            byte[] digest =
                    MessageDigest.getInstance("SHA-256").digest(text.strip().getBytes(StandardCharsets.UTF_8));
            return new Checksum("sha256", HexFormat.of().formatHex(digest));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }

    /** A seed's checksum: of its contents, or of its project-relative {@code file} when it is over 1 MiB. */
    public static Checksum ofSeed(Path path, String file) {
        try {
            if (Files.size(path) > MAXIMUM_SEED_SIZE) {
                return new Checksum("path", file);
            }
            return ofContents(Files.readString(path));
        } catch (IOException e) {
            throw new InfrastructureException("Cannot read " + path, e);
        }
    }

    /** dbt's {@code FileHash.__eq__}: a checksum named none equals nothing. */
    public boolean same(Checksum other) {
        return other != null && !name.equals("none") && name.equals(other.name) && checksum.equals(other.checksum);
    }
}
