package io.siamese.encoder.model;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes a TorchScript module archive (the zip {@code torch.jit.save} writes) for a module that
 * holds no tensors: its code, and a pickled object whose only attributes are {@code training}, an
 * empty {@code packed : List[Tensor]} and optionally attributes that start as {@code None}. The
 * weights are not in the archive; the graph receives them on its first call and keeps them,
 * prepared, in {@code packed} (and in those attributes where they are not tensors). So the archive is a few hundred
 * bytes of text and no Python is needed to make one.
 */
final class TorchScriptArchive {

    /** The archive format version the code is written for (no operator in it has an upgrader). */
    private static final String FORMAT_VERSION = "3\n";

    private TorchScriptArchive() {}

    /**
     * @param className the class the code defines (module {@code __torch__})
     * @param code the class's TorchScript source, as {@code code/__torch__.py} holds it
     * @param noneAttributes the class's {@code Optional} attributes, pickled as {@code None}
     * @return the archive's bytes
     */
    static byte[] write(String className, String code, List<String> noneAttributes) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            String root = "graph/";
            stored(zip, root + "version", FORMAT_VERSION.getBytes(StandardCharsets.US_ASCII));
            stored(zip, root + "code/__torch__.py", code.getBytes(StandardCharsets.UTF_8));
            stored(zip, root + "data.pkl", objectPickle(className, noneAttributes));
            stored(zip, root + "constants.pkl", new byte[] {(byte) 0x80, 2, ')', '.'});
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** PyTorch's reader maps entries in place, so they are stored, not deflated. */
    private static void stored(ZipOutputStream zip, String name, byte[] content) throws IOException {
        ZipEntry e = new ZipEntry(name);
        e.setMethod(ZipEntry.STORED);
        e.setSize(content.length);
        e.setCompressedSize(content.length);
        CRC32 crc = new CRC32();
        crc.update(content);
        e.setCrc(crc.getValue());
        zip.putNextEntry(e);
        zip.write(content);
        zip.closeEntry();
    }

    /**
     * Pickle protocol 2 for {@code __torch__.<className>} with state
     * {@code {"training": False, "packed": build_tensorlist([]), <each none attribute>: None}}, as
     * {@code torch.jit.save} writes it.
     */
    private static byte[] objectPickle(String className, List<String> noneAttributes) {
        ByteArrayOutputStream p = new ByteArrayOutputStream();
        p.write(0x80); // PROTO
        p.write(2);
        global(p, "__torch__", className);
        p.write(')'); // EMPTY_TUPLE
        p.write(0x81); // NEWOBJ
        p.write('}'); // EMPTY_DICT
        p.write('('); // MARK
        unicode(p, "training");
        p.write(0x89); // NEWFALSE
        unicode(p, "packed");
        global(p, "torch.jit._pickle", "build_tensorlist");
        p.write('('); // MARK
        p.write(']'); // EMPTY_LIST
        p.write('t'); // TUPLE
        p.write('R'); // REDUCE
        for (String attribute : noneAttributes) {
            unicode(p, attribute);
            p.write('N'); // NONE
        }
        p.write('u'); // SETITEMS
        p.write('b'); // BUILD
        p.write('.'); // STOP
        return p.toByteArray();
    }

    private static void global(ByteArrayOutputStream p, String module, String name) {
        p.write('c');
        p.writeBytes((module + "\n" + name + "\n").getBytes(StandardCharsets.US_ASCII));
    }

    private static void unicode(ByteArrayOutputStream p, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        p.write('X'); // BINUNICODE, 4-byte little-endian length
        p.write(b.length & 0xff);
        p.write((b.length >> 8) & 0xff);
        p.write((b.length >> 16) & 0xff);
        p.write((b.length >> 24) & 0xff);
        p.writeBytes(b);
    }
}
