package io.siamese.encoder.image;

import java.awt.image.DataBuffer;
import java.awt.image.SampleModel;
import java.io.IOException;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;

/**
 * The heap one image's decode and conversion to a tensor allocate, estimated from its header
 * before a single pixel is decoded; what {@link ImageDecoder} reserves from a {@link DecodeBudget}.
 *
 * <p>The terms, each an upper bound of what was measured (bytes allocated by the decoding thread,
 * which bounds the peak it holds; DecodeCostTest checks the estimate against every format):
 * <ul>
 *   <li>the encoded bytes twice: the in-memory stream's copy, and a TIFF or BMP reader's buffers;
 *   <li>two source rows at {@code r} bytes a pixel ({@code r} = the raw type's bytes per pixel, at
 *       least 4): a PNG reader inflates every source row, subsampled or not, into its current and
 *       previous row;
 *   <li>per decoded pixel, {@code 2r} for the raster (readers fill one and may copy it once) plus
 *       {@value #CONVERSION_BYTES_PER_PIXEL} for {@link GrayConversion} and {@link Preprocessing}
 *       (three int bands and an int gray plane, then a double plane; measured 24.3 for RGB);
 *   <li>{@value #READER_BYTES} bytes of reader state.
 * </ul>
 * Native memory (libjpeg's and zlib's buffers) is outside the heap and not counted.
 */
final class DecodeCost {

    /** Heap the gray conversion and resize take per decoded pixel, with a margin over the measured 24.3. */
    static final int CONVERSION_BYTES_PER_PIXEL = 28;

    /** Least raster bytes per pixel assumed: readers without a raw type produce packed ints. */
    static final int MIN_RASTER_BYTES_PER_PIXEL = 4;

    /** Fixed reader state (chunk buffers, tables, metadata), with a margin. */
    static final long READER_BYTES = 256 * 1024;

    private DecodeCost() {
    }

    /**
     * The estimate for one decode.
     *
     * @param encodedLength the encoded image's length
     * @param sourceWidth the width the header declares
     * @param decodedPixels the pixels the decode will produce (after subsampling)
     * @param rasterBytesPerPixel the raw type's bytes per pixel, 0 when unknown
     * @return the bytes to reserve
     */
    static long bytes(long encodedLength, long sourceWidth, long decodedPixels, long rasterBytesPerPixel) {
        long r = Math.max(MIN_RASTER_BYTES_PER_PIXEL, rasterBytesPerPixel);
        return READER_BYTES + 2 * encodedLength + 2 * r * sourceWidth
                + decodedPixels * (2 * r + CONVERSION_BYTES_PER_PIXEL);
    }

    /** Bytes per pixel of the reader's raw type; 0 when it has none (the reader picks one itself). */
    static long rasterBytesPerPixel(ImageReader reader) throws IOException {
        ImageTypeSpecifier type = reader.getRawImageType(0);
        if (type == null) {
            return 0;
        }
        SampleModel sample = type.getSampleModel(1, 1);
        return (long) sample.getNumDataElements() * DataBuffer.getDataTypeSize(sample.getDataType()) / 8;
    }
}
