package org.mentoring.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoSeedPopulationTest {

    @TempDir
    Path data;

    @Test
    void aLoadRunReadsTheSizeAndSeedTheSeedWrote() throws Exception {
        new DemoSeed.Population(100_000, 42).write(data);
        assertEquals(Optional.of(new DemoSeed.Population(100_000, 42)), DemoSeed.Population.read(data));
    }

    @Test
    void nothingIsReadWhereNothingWasSeeded() throws Exception {
        assertTrue(DemoSeed.Population.read(data).isEmpty());
    }
}
