package io.siamese.encoder.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.siamese.encoder.image.Preprocessing;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetsTest {

    @TempDir
    Path root;

    private final Preprocessing p = new Preprocessing(2, 2, false);

    @Test
    void shouldOpenDirectorySpecAsFolderDatasetIgnoringSplit() throws IOException {
        FolderDatasetTest.writePng(root.resolve("a/1.png"), 1);
        FolderDatasetTest.writePng(root.resolve("b/1.png"), 2);
        LabelledImages train = Datasets.open(root.toString(), Split.TRAIN, p);
        LabelledImages test = Datasets.open(root.toString(), Split.TEST, p);
        assertEquals(2, train.size());
        assertEquals(train.description(), test.description());
    }

    @Test
    void shouldUseTheSplitsSubfolderWhenTrainAndTestHoldClassFolders() throws IOException {
        FolderDatasetTest.writePng(root.resolve("train/a/1.png"), 1);
        FolderDatasetTest.writePng(root.resolve("train/a/2.png"), 1);
        FolderDatasetTest.writePng(root.resolve("train/b/1.png"), 2);
        FolderDatasetTest.writePng(root.resolve("test/a/1.png"), 1);
        FolderDatasetTest.writePng(root.resolve("test/b/1.png"), 2);
        assertEquals(3, Datasets.open(root.toString(), Split.TRAIN, p).size());
        assertEquals(2, Datasets.open(root.toString(), Split.TEST, p).size());
    }

    @Test
    void shouldTreatTrainAndTestFoldersOfImagesAsOrdinaryClasses() throws IOException {
        FolderDatasetTest.writePng(root.resolve("train/1.png"), 1);
        FolderDatasetTest.writePng(root.resolve("test/1.png"), 2);
        LabelledImages dataset = Datasets.open(root.toString(), Split.TEST, p);
        assertEquals("test", dataset.className(0));
        assertEquals("train", dataset.className(1));
    }

    @Test
    void shouldRejectUnknownSpec() {
        assertThrows(DatasetNotFoundException.class,
                () -> Datasets.open(root.resolve("mnist-typo").toString(), Split.TRAIN, p));
        assertThrows(IllegalArgumentException.class, () -> Datasets.open(" ", Split.TRAIN, p));
    }
}
