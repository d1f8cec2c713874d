package org.mentoring.platform.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class LanguageTagsTest {

    @Test
    void tagsAsSystemsSendThemBecomeCanonical() {
        assertEquals("en", LanguageTags.canonical(" EN "));
        assertEquals("en-US", LanguageTags.canonical("en_us"));
        assertEquals("zh-Hant-TW", LanguageTags.canonical("ZH-hant-tw"));
        assertEquals("es-419", LanguageTags.canonical("es-419"));
        assertNull(LanguageTags.canonical("english"));
        assertNull(LanguageTags.canonical("en-GB-oxendict-x"));
        assertNull(LanguageTags.canonical(""));
    }

    @Test
    void aRangeTakesItselfAndLongerTagsOnlyAtASubtagBoundary() {
        assertTrue(LanguageTags.within("en", "en"));
        assertTrue(LanguageTags.within("en-GB", "en"));
        assertTrue(LanguageTags.within("zh-Hant-TW", "zh-Hant"));
        assertFalse(LanguageTags.within("en", "en-GB"));
        assertFalse(LanguageTags.within("eng", "en"));
        assertFalse(LanguageTags.within("zh-TW", "zh-Hant"));
        assertTrue(LanguageTags.anyWithin(List.of("de", "pt-BR"), "pt"));
        assertFalse(LanguageTags.anyWithin(List.of("de", "pt-BR"), "pt-PT"));
    }

    @Test
    void twoPeopleShareALanguageWhateverScriptOrRegionTheyGave() {
        assertEquals("sr", LanguageTags.language("sr-Latn-RS"));
        assertEquals("yue", LanguageTags.language("yue"));
        assertTrue(LanguageTags.shareLanguage(List.of("en-GB"), List.of("fr", "en-US")));
        assertTrue(LanguageTags.shareLanguage(List.of("sr-Cyrl"), List.of("sr-Latn-RS")));
        assertFalse(LanguageTags.shareLanguage(List.of("en-GB", "de"), List.of("eng", "fr-CA")));
        assertFalse(LanguageTags.shareLanguage(List.of(), List.of("en")));
    }

    @Test
    void aLanguageIsNamedInEnglishOrByItsCodeWhenUnknown() {
        assertEquals("English", LanguageTags.englishName("en"));
        assertEquals("Portuguese", LanguageTags.englishName("pt"));
        assertEquals("qqq", LanguageTags.englishName("qqq"));
    }
}
