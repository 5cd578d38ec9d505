package io.siamese.trainer.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.siamese.encoder.data.ImageSizeSurvey;
import io.siamese.encoder.image.ImageEncoding;
import io.siamese.encoder.model.Architecture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArchitectureChoiceTest {

    @TempDir
    Path tmp;

    /** Two class folders of three {@code width x height} gray PNGs each. */
    private Path folder(String name, int width, int height) throws IOException {
        Path root = tmp.resolve(name);
        for (String c : new String[] {"a", "b"}) {
            Files.createDirectories(root.resolve(c));
            for (int i = 0; i < 3; i++) {
                Files.write(root.resolve(c).resolve(i + ".png"),
                        ImageEncoding.png(new float[width * height], width, height));
            }
        }
        return root;
    }

    @Test
    void shouldKeepTheDetailOfFaceSizedImagesWithTheSeedNetworkAt100() throws IOException {
        ImageSizeSurvey survey = ImageSizeSurvey.of(folder("faces", 92, 112).toString());
        assertEquals(6, survey.sampled());
        assertEquals(92, survey.shortSide());
        ArchitectureChoice choice = ArchitectureChoice.forImages(survey);
        assertEquals(Architecture.SEED, choice.architecture());
        assertEquals(100, choice.inputSize());
        assertTrue(choice.reason().contains("92x112"), choice.reason());
    }

    @Test
    void shouldChooseCompactAt32ForSmallImages() throws IOException {
        ArchitectureChoice folder = ArchitectureChoice.forImages(ImageSizeSurvey.of(folder("small", 28, 28).toString()));
        assertEquals(Architecture.COMPACT, folder.architecture());
        assertEquals(32, folder.inputSize());
        assertEquals(Architecture.COMPACT, ArchitectureChoice.forImages(ImageSizeSurvey.of("fashion-mnist")).architecture());
    }
}
