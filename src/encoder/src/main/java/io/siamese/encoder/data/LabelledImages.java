package io.siamese.encoder.data;

import io.siamese.encoder.image.Preprocessing;
import java.util.stream.IntStream;

/**
 * A finite, indexed collection of class-labelled images, each available as a preprocessed tensor.
 *
 * <p>Indices run from 0 to {@link #size()} - 1 and labels from 0 to {@link #numClasses()} - 1.
 * Implementations produce tensors on demand, so holding a dataset costs little memory even when
 * tensors are large.
 */
public interface LabelledImages {

    /**
     * The number of images.
     *
     * @return the image count
     */
    int size();

    /**
     * The class label of an image.
     *
     * @param index an image index, 0 &le; index &lt; {@link #size()}
     * @return a label, 0 &le; label &lt; {@link #numClasses()}
     */
    int label(int index);

    /**
     * The number of classes; some classes may have no images in a subset.
     *
     * @return the class count
     */
    int numClasses();

    /**
     * The human-readable name of a class.
     *
     * @param label a label, 0 &le; label &lt; {@link #numClasses()}
     * @return for example {@code "Ankle boot"}
     */
    String className(int label);

    /**
     * The preprocessed tensor of an image; a new array on every call.
     *
     * @param index an image index
     * @return {@code preprocessing().height() * preprocessing().width()} floats in [0, 1], row-major
     */
    float[] tensor(int index);

    /**
     * The preprocessing this dataset was opened with.
     *
     * @return the preprocessing applied by {@link #tensor(int)}
     */
    Preprocessing preprocessing();

    /**
     * A one-line description for logs and reports.
     *
     * @return for example {@code "fashion-mnist test (10000 images, 10 classes)"}
     */
    String description();

    /**
     * The indices of all images with a label, ascending. Scans the whole dataset; samplers that
     * need this repeatedly should build a {@link ClassIndex} once instead.
     *
     * @param label a label
     * @return the matching indices, possibly empty
     */
    default int[] indicesOfClass(int label) {
        return IntStream.range(0, size()).filter(i -> label(i) == label).toArray();
    }
}
