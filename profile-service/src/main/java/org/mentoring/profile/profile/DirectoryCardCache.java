package org.mentoring.profile.profile;

import java.util.Iterator;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.configuration.MemorySize;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The directory cards this replica has served, as the JSON it sent, so that reading someone else's card again costs
 * no query. A card is dropped when its profile row changes: the database announces every change on the channel
 * {@code profile_changed} at commit ({@link ProfileChangeListener}), whichever replica or statement made it. While
 * this replica is not listening (starting, or its listening connection lost), nothing is served from memory.
 * <p>
 * A card read from the database is only kept if no change to its profile was announced since the read began: each
 * read takes a ticket from the generation of its stripe, each announcement advances that generation, so a card read
 * before a change can never outlive it. Only cards are kept; the full profile, which only the person themself, HR
 * and the HRIS integration see, is always read from the database, so people and HR always read their own writes.
 */
@ApplicationScoped
public class DirectoryCardCache {

    private static final int STRIPES = 1024;

    /** The card as sent, with what decides whether a caller is its owner (who gets the full profile instead). */
    public record Card(byte[] json, String externalId, String email) {

        /** Roughly the heap it takes, with its key and map entry. */
        long weight() {
            return json.length + (externalId == null ? 0 : externalId.length()) + (email == null ? 0 : email.length())
                    + 200;
        }
    }

    /** Heap the kept cards may take, roughly (0 turns keeping cards off). */
    @ConfigProperty(name = "mentoring.profiles.card-cache.max-bytes", defaultValue = "96M")
    MemorySize maxBytes;

    @Inject
    MeterRegistry metrics;

    private final AtomicLongArray generations = new AtomicLongArray(STRIPES);
    private volatile boolean live;
    private final ConcurrentHashMap<UUID, Card> cards = new ConcurrentHashMap<>();
    private final AtomicLong bytes = new AtomicLong();
    private Counter hits;
    private Counter misses;

    @PostConstruct
    void init() {
        hits = metrics.counter("mentoring.profile.card.cache", "result", "hit");
        misses = metrics.counter("mentoring.profile.card.cache", "result", "miss");
        Gauge.builder("mentoring.profile.card.cache.size", this, c -> c.cards.size()).register(metrics);
        Gauge.builder("mentoring.profile.card.cache.bytes", this, c -> c.bytes.get())
                .description("Heap taken by the kept cards, roughly").register(metrics);
        Gauge.builder("mentoring.profile.card.cache.live", this, c -> c.live ? 1 : 0)
                .description("1 while this replica hears profile changes and serves cards from memory").register(metrics);
    }

    public boolean enabled() {
        return maxBytes.asLongValue() > 0;
    }

    /** The kept card, or null (never while changes are not being heard). */
    public Card get(UUID id) {
        Card card = live ? cards.get(id) : null;
        (card == null ? misses : hits).increment();
        return card;
    }

    /** Taken before reading a profile from the database, and handed back to {@link #keep}. */
    public long ticket(UUID id) {
        return generations.get(stripe(id));
    }

    /** Keeps a card read under this ticket, unless a change to the profile was announced since the ticket. */
    public void keep(UUID id, long ticket, Card card) {
        if (!live || card.weight() > maxBytes.asLongValue() || ticket != generations.get(stripe(id))) {
            return;
        }
        Card old = cards.put(id, card);
        if (bytes.addAndGet(card.weight() - (old == null ? 0 : old.weight())) > maxBytes.asLongValue()) {
            makeRoom(id);
        }
        // a change announced between the check and the put: drop what was just put (the announcer may have
        // removed the key before the put landed)
        if (ticket != generations.get(stripe(id))) {
            drop(id);
        }
    }

    /** A change of these profiles was announced. */
    public void changed(UUID id) {
        generations.incrementAndGet(stripe(id));
        drop(id);
    }

    /** Many profiles changed, or changes may have been missed: forget everything. */
    public void changedAll() {
        for (int i = 0; i < STRIPES; i++) {
            generations.incrementAndGet(i);
        }
        cards.keySet().forEach(this::drop);
    }

    /** Whether changes are being heard; turning it either way forgets everything kept. */
    void live(boolean hearing) {
        if (!hearing) {
            live = false;
        }
        changedAll();
        if (hearing) {
            live = true;
        }
    }

    public boolean live() {
        return live;
    }

    public long size() {
        return cards.mappingCount();
    }

    public long bytes() {
        return bytes.get();
    }

    private void drop(UUID id) {
        Card old = cards.remove(id);
        if (old != null) {
            bytes.addAndGet(-old.weight());
        }
    }

    /**
     * Over the bound: arbitrary other cards make room. Reads never reorder anything (no recency list), so a read
     * writes no shared memory; the cost is that the cards dropped are not the least recently read.
     */
    private void makeRoom(UUID kept) {
        Iterator<UUID> keys = cards.keySet().iterator();
        while (bytes.get() > maxBytes.asLongValue() && keys.hasNext()) {
            UUID key = keys.next();
            if (!key.equals(kept)) {
                drop(key);
            }
        }
    }

    private static int stripe(UUID id) {
        return (int) ((id.getLeastSignificantBits() ^ id.getMostSignificantBits()) & (STRIPES - 1));
    }
}
