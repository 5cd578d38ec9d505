package io.siamese.encoder.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.spi.IIORegistry;
import javax.imageio.spi.ImageReaderSpi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ImageIoPluginsTest {

    /**
     * Leaves the registry as a runtime whose ImageIO scan could not see the plugin jars would
     * have it, as can happen under Quarkus' class loaders.
     */
    private static void deregisterPlugins() {
        IIORegistry registry = IIORegistry.getDefaultInstance();
        List<ImageReaderSpi> plugins = new ArrayList<>();
        registry.getServiceProviders(ImageReaderSpi.class, false).forEachRemaining(spi -> {
            if (spi.getClass().getName().startsWith("com.twelvemonkeys.")) {
                plugins.add(spi);
            }
        });
        plugins.forEach(spi -> registry.deregisterServiceProvider(spi, ImageReaderSpi.class));
    }

    private static List<String> readerClasses(String formatName) {
        List<String> names = new ArrayList<>();
        for (Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(formatName); readers.hasNext(); ) {
            ImageReader reader = readers.next();
            names.add(reader.getClass().getName());
            reader.dispose();
        }
        return names;
    }

    @AfterEach
    void restore() {
        ImageIoPlugins.register();
    }

    @Test
    void shouldRegisterThePluginsInARegistryThatLacksThem() throws IOException {
        deregisterPlugins();
        assertNull(ImageIoPlugins.reader("pnm", true));
        assertNull(ImageIoPlugins.reader("tiff", true));

        ImageIoPlugins.register();

        assertNotNull(ImageIoPlugins.reader("pnm", true));
        assertNotNull(ImageIoPlugins.reader("tiff", true));
        assertNotNull(ImageIoPlugins.reader("jpeg", true));
        ImageDecoder decoder = new ImageDecoder(ImageLimits.DEFAULT);
        assertEquals(3, decoder.decode(TestImages.encode(TestImages.gray(3, 2, (x, y) -> x), "tiff")).getWidth());
        assertEquals(32, decoder.decode(CmykJpegs.patches(CmykJpegs.YCCK, new CmykJpegs.Ink(0, 0, 0, 0),
                new CmykJpegs.Ink(0, 0, 0, 255))).getWidth());
        assertEquals(3, decoder.decode(TestImages.pgm(3, 2, (x, y) -> x)).getWidth());
    }

    @Test
    void shouldOrderThePluginReadersBeforeTheJdkOnesAndBeIdempotent() {
        ImageIoPlugins.register();
        ImageIoPlugins.register();

        List<String> jpeg = readerClasses("jpeg");
        assertEquals(List.of("com.twelvemonkeys.imageio.plugins.jpeg.JPEGImageReader",
                "com.sun.imageio.plugins.jpeg.JPEGImageReader"), jpeg);
        List<String> tiff = readerClasses("tiff");
        assertEquals("com.twelvemonkeys.imageio.plugins.tiff.TIFFImageReader", tiff.get(0), tiff.toString());
        assertEquals(1, readerClasses("pnm").size());
    }

    @Test
    void shouldMakeOnlyTheReaderAskedFor() throws IOException {
        ImageReader plugin = ImageIoPlugins.reader("jpeg", true);
        ImageReader jdk = ImageIoPlugins.reader("JPEG", false);
        assertEquals("com.twelvemonkeys.imageio.plugins.jpeg.JPEGImageReader", plugin.getClass().getName());
        assertEquals("com.sun.imageio.plugins.jpeg.JPEGImageReader", jdk.getClass().getName());
        assertNull(ImageIoPlugins.reader("png", true), "no PNG plugin is on the classpath");
        plugin.dispose();
        jdk.dispose();
    }
}
