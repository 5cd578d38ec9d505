package io.siamese.service.live;

import io.siamese.encoder.data.ClassIndex;
import io.siamese.encoder.data.FashionMnist;
import io.siamese.encoder.data.LabelledImages;
import io.siamese.encoder.data.Split;
import io.siamese.encoder.data.SyntheticShapes;
import io.siamese.encoder.image.ImageEncoding;
import io.siamese.encoder.image.Preprocessing;
import java.util.SplittableRandom;

/**
 * Labelled image pairs drawn the seed's way (a random image, a fair coin, then one of the same
 * class or of another): Fashion-MNIST test images when Debian's {@code dataset-fashion-mnist} is
 * installed, which the shipped model knows, else generated stripes.
 */
final class LivePictures {

    private static final int SIDE = 28;

    private final LabelledImages images;
    private final ClassIndex classes;
    private final SplittableRandom random = new SplittableRandom(2024);

    LivePictures() {
        Preprocessing asIs = new Preprocessing(SIDE, SIDE, false);
        this.images = FashionMnist.isInstalled() ? FashionMnist.open(Split.TEST, asIs)
                : new SyntheticShapes(8, 800, 5, asIs);
        this.classes = ClassIndex.of(images);
    }

    /** A pair: PNG bytes of both images and the label (0 same class, 1 different). */
    record Drawn(byte[] left, byte[] right, int label) {}

    Drawn next() {
        int first = random.nextInt(images.size());
        int c = images.label(first);
        boolean same = random.nextBoolean();
        int second = same ? classes.randomOfClassExcept(c, first, random) : classes.randomNotOfClass(c, random);
        return new Drawn(png(first), png(second), same ? 0 : 1);
    }

    private byte[] png(int index) {
        return ImageEncoding.png(images.tensor(index), SIDE, SIDE);
    }
}
