package io.siamese.encoder.data;

import io.siamese.encoder.image.Preprocessing;
import java.util.Objects;

/**
 * A view of some images of another dataset, selected by index; classes, names and preprocessing
 * are the base dataset's, so labels stay comparable across subsets.
 */
public final class Subset implements LabelledImages {

    private final LabelledImages base;
    private final int[] indices;

    /**
     * Creates a view.
     *
     * @param base the dataset to view
     * @param indices base indices, in the order the subset presents them (copied; duplicates allowed)
     * @throws IndexOutOfBoundsException if an index is outside the base dataset
     */
    public Subset(LabelledImages base, int[] indices) {
        this.base = Objects.requireNonNull(base, "base");
        this.indices = indices.clone();
        for (int index : this.indices) {
            Objects.checkIndex(index, base.size());
        }
    }

    /**
     * The viewed dataset.
     *
     * @return the base dataset
     */
    public LabelledImages base() {
        return base;
    }

    /**
     * Maps a subset index to the base dataset's index.
     *
     * @param index a subset index
     * @return the base index
     */
    public int baseIndex(int index) {
        return indices[index];
    }

    @Override
    public int size() {
        return indices.length;
    }

    @Override
    public int label(int index) {
        return base.label(indices[index]);
    }

    @Override
    public int numClasses() {
        return base.numClasses();
    }

    @Override
    public String className(int label) {
        return base.className(label);
    }

    @Override
    public float[] tensor(int index) {
        return base.tensor(indices[index]);
    }

    @Override
    public Preprocessing preprocessing() {
        return base.preprocessing();
    }

    @Override
    public String description() {
        return indices.length + " of " + base.description();
    }
}
