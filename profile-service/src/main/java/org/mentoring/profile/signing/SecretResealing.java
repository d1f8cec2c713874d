package org.mentoring.profile.signing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * At startup, opens every stored signing secret, and seals again those not sealed under the current key: secrets
 * stored before sealing existed, and those sealed under a key that has since been rotated out of first place. A secret
 * that does not open (sealed under a key the service no longer holds, or under another key given the same id) stops
 * the startup with the key's id, rather than failing deliveries later.
 */
@ApplicationScoped
public class SecretResealing {

    private static final Logger LOG = Logger.getLogger(SecretResealing.class);
    /** The tables holding signing secrets, each with {@code id}, {@code secret} and {@code previous_secret}. */
    static final List<String> TABLES = List.of("hris_integration", "webhook_subscription");

    @Inject
    SecretKeyring keyring;

    @Inject
    DataSource dataSource;

    void onStart(@Observes StartupEvent event) {
        int resealed = resealAll();
        if (resealed > 0) {
            LOG.infof("%d stored signing secret(s) sealed under key '%s'", resealed, keyring.sealed().currentKeyId());
        }
    }

    /** A row as stored, with its secrets opened once. */
    private record Row(String id, String secret, String previous, String plainSecret, String plainPrevious) {
    }

    /**
     * Opens every stored secret and seals again what is not sealed under the current key; returns how many rows
     * changed. The tables hold one row per integration and per subscription: a few, not thousands.
     */
    @Transactional
    public int resealAll() {
        SealedSecrets sealed = keyring.sealed();
        int changed = 0;
        try (Connection c = dataSource.getConnection()) {
            for (String table : TABLES) {
                List<Row> stale = new ArrayList<>();
                // In id order, so that replicas starting together take their row locks in the same order.
                try (PreparedStatement select = c.prepareStatement(
                        "SELECT id::text, secret, previous_secret FROM " + table + " ORDER BY id");
                     ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        String secret = rs.getString(2);
                        String previous = rs.getString(3);
                        Row row = new Row(rs.getString(1), secret, previous, sealed.open(secret),
                                previous == null ? null : sealed.open(previous));
                        if (!sealed.isSealedUnderCurrentKey(secret)
                                || (previous != null && !sealed.isSealedUnderCurrentKey(previous))) {
                            stale.add(row);
                        }
                    }
                }
                // Only if unchanged meanwhile: a rotation on another replica, or another replica resealing, wins.
                try (PreparedStatement update = c.prepareStatement("UPDATE " + table + " SET secret = ?, "
                        + "previous_secret = ? WHERE id = ?::uuid AND secret = ? "
                        + "AND previous_secret IS NOT DISTINCT FROM ?")) {
                    for (Row row : stale) {
                        update.setString(1, reseal(sealed, row.secret(), row.plainSecret()));
                        if (row.previous() == null) {
                            update.setNull(2, Types.VARCHAR);
                            update.setNull(5, Types.VARCHAR);
                        } else {
                            update.setString(2, reseal(sealed, row.previous(), row.plainPrevious()));
                            update.setString(5, row.previous());
                        }
                        update.setString(3, row.id());
                        update.setString(4, row.secret());
                        changed += update.executeUpdate();
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the stored signing secrets could not be sealed", e);
        }
        return changed;
    }

    private static String reseal(SealedSecrets sealed, String stored, String plain) {
        return sealed.isSealedUnderCurrentKey(stored) ? stored : sealed.seal(plain);
    }
}
