package org.opencrm.core.consistency;

/** Which side changed a differing value last, by the source stamps. */
public enum Side {
    HERE,
    THERE,
    /** The export row has no stamp, or both stamps are the same instant. */
    UNKNOWN
}
