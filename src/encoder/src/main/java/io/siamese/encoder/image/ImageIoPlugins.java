package io.siamese.encoder.image;

import com.twelvemonkeys.imageio.plugins.jpeg.JPEGImageReaderSpi;
import com.twelvemonkeys.imageio.plugins.pnm.PNMImageReaderSpi;
import com.twelvemonkeys.imageio.plugins.tiff.BigTIFFImageReaderSpi;
import com.twelvemonkeys.imageio.plugins.tiff.TIFFImageReaderSpi;
import com.twelvemonkeys.imageio.stream.ByteArrayImageInputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.ImageReader;
import javax.imageio.spi.IIORegistry;
import javax.imageio.spi.ImageReaderSpi;

/**
 * The TwelveMonkeys ImageIO readers the decoder relies on: netpbm, TIFF/BigTIFF, and the JPEG
 * reader that handles CMYK and YCCK.
 *
 * <p>They are registered explicitly rather than left to ImageIO's own discovery, which reads
 * {@code META-INF/services} through the context class loader of whichever thread first touches
 * ImageIO, once per JVM. On a plain classpath (CLI, trainer) that finds them; in Quarkus, whose
 * fast-jar loads application jars through its own class loader, and in its dev and test modes,
 * the first touch may come from a thread that cannot see them, and the formats would silently
 * be missing. Registering an instance of a provider class that is already registered replaces
 * it, so doing this in every runtime is harmless.
 */
final class ImageIoPlugins {

    private static final String VENDOR_PACKAGE = "com.twelvemonkeys.";

    private ImageIoPlugins() {
    }

    /**
     * Registers the readers with ImageIO's default registry; idempotent and thread-safe (the
     * registry synchronises). The JPEG reader orders itself before the JDK's, which it delegates
     * to, and the TIFF readers before the JDK's TIFF reader.
     */
    static synchronized void register() {
        IIORegistry registry = IIORegistry.getDefaultInstance();
        registry.registerServiceProvider(new PNMImageReaderSpi(), ImageReaderSpi.class);
        registry.registerServiceProvider(new TIFFImageReaderSpi(), ImageReaderSpi.class);
        registry.registerServiceProvider(new BigTIFFImageReaderSpi(), ImageReaderSpi.class);
        registry.registerServiceProvider(new JPEGImageReaderSpi(), ImageReaderSpi.class);
    }

    /**
     * A new reader for a format name from the first registered provider that is, or is not, one
     * of the plugins' (told apart by class name, because in Quarkus' dev and test modes the same
     * class may be loaded by more than one class loader). Providers are filtered before any
     * reader is made: the plugin's JPEG reader wraps a JDK one, and each costs a native decoder.
     *
     * @param formatName an ImageIO format name such as {@code "jpeg"}
     * @param plugin whether to look for a plugin reader or a JDK one
     * @return the reader, or {@code null} when no such provider is registered
     * @throws IOException when the provider cannot make a reader
     */
    static ImageReader reader(String formatName, boolean plugin) throws IOException {
        Iterator<ImageReaderSpi> providers = IIORegistry.getDefaultInstance().getServiceProviders(ImageReaderSpi.class,
                provider -> isPlugin(provider) == plugin && reads((ImageReaderSpi) provider, formatName), true);
        return providers.hasNext() ? providers.next().createReaderInstance() : null;
    }

    private static boolean isPlugin(Object provider) {
        return provider.getClass().getName().startsWith(VENDOR_PACKAGE);
    }

    private static boolean reads(ImageReaderSpi provider, String formatName) {
        for (String name : provider.getFormatNames()) {
            if (name.equalsIgnoreCase(formatName)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A reader for {@code format} over {@code bytes} in memory; the caller disposes of it.
     *
     * @throws ImageDecodeException ({@code UNSUPPORTED_FORMAT}) when this runtime has no such reader
     */
    static ImageReader open(byte[] bytes, ImageFormat format, boolean plugin) {
        ImageReader reader;
        try {
            reader = reader(format.imageIoName(), plugin);
        } catch (IOException e) {
            reader = null;
        }
        if (reader == null) {
            throw new ImageDecodeException(ImageDecodeException.Reason.UNSUPPORTED_FORMAT,
                    "no " + format + " decoder is available in this Java runtime");
        }
        // Read the array in place: ImageIO's MemoryCacheImageInputStream would copy it into its cache
        // and register every stream with a process-wide, synchronised Disposer (a sixth of a small
        // image's decode time). The stream needs no closing; the reader is disposed by the caller.
        reader.setInput(new ByteArrayImageInputStream(bytes), true, true);
        return reader;
    }
}
