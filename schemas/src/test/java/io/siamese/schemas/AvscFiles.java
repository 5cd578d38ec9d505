package io.siamese.schemas;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/** Parses a directory of .avsc files whose records may refer to records of other files (LabelledPair). */
final class AvscFiles {

    private AvscFiles() {
    }

    /** @return each file's top-level schema by file name without ".avsc", parsed in dependency order */
    static Map<String, Schema> parse(Path dir) {
        List<Path> pending;
        try (Stream<Path> files = Files.list(dir)) {
            pending = new ArrayList<>(files.filter(f -> f.toString().endsWith(".avsc")).sorted().toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Schema> known = new HashMap<>();
        Map<String, Schema> result = new TreeMap<>();
        while (!pending.isEmpty()) {
            int before = pending.size();
            RuntimeException lastFailure = null;
            for (Path file : List.copyOf(pending)) {
                Schema.Parser parser = new Schema.Parser().addTypes(known.values());
                try {
                    result.put(file.getFileName().toString().replace(".avsc", ""), parser.parse(file.toFile()));
                    known.putAll(parser.getTypes());
                    pending.remove(file);
                } catch (SchemaParseException e) {
                    // Probably refers to a type of a file not parsed yet: retry after the others.
                    lastFailure = new IllegalStateException("cannot parse " + file + ": " + e.getMessage(), e);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            if (pending.size() == before) {
                throw lastFailure;
            }
        }
        return result;
    }
}
