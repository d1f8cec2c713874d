package org.mentoring.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LocalStackOptionsTest {

    @Test
    void loadTakesItsOwnOptions() {
        LocalStack.Options options = new LocalStack.Options(new String[] {"--minutes", "1", "--peak-seconds", "15"})
                .allowOnly("load", LocalStack.LOAD_OPTIONS);
        assertEquals("1", options.value("--minutes"));
    }

    @Test
    void aMisspeltOptionOrHelpStopsLoadBeforeItStarts() {
        LocalStack.UsageException misspelt = assertThrows(LocalStack.UsageException.class,
                () -> new LocalStack.Options(new String[] {"--minute", "1"}).allowOnly("load", LocalStack.LOAD_OPTIONS));
        assertTrue(misspelt.getMessage().startsWith("load: not an option of this command: --minute ("),
                misspelt.getMessage());
        assertTrue(misspelt.getMessage().contains("--minutes"), "names what it takes: " + misspelt.getMessage());
        LocalStack.UsageException help = assertThrows(LocalStack.UsageException.class,
                () -> new LocalStack.Options(new String[] {"--minutes", "1", "--help"})
                        .allowOnly("load", LocalStack.LOAD_OPTIONS));
        assertTrue(help.getMessage().contains("--help"), help.getMessage());
    }
}
