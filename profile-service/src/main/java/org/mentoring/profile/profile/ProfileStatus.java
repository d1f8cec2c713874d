package org.mentoring.profile.profile;

/** Employment status as the directory shows it; {@code erased} is the tombstone left after erasure. */
public final class ProfileStatus {

    public static final String ACTIVE = "active";
    public static final String ON_LEAVE = "on_leave";
    public static final String TERMINATED = "terminated";
    public static final String ERASED = "erased";

    /** The statuses HR may set; erasure has its own operation. */
    public static final String SETTABLE = "active|on_leave|terminated";

    private ProfileStatus() {
    }
}
