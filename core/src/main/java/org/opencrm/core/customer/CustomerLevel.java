package org.opencrm.core.customer;

/** The sales grade of a customer: A is the most valuable. Changing it is sensitive. */
public enum CustomerLevel {
    A,
    B,
    C,
    D
}
