package dev.ecommerce.core.contract;

import dev.ecommerce.core.schema.Table;

/** The built-in contract of each thelook table. */
public final class Contracts {

    private Contracts() {}

    /** The record class that describes one row of the table. */
    public static Class<? extends Record> of(Table table) {
        return switch (table) {
            case DISTRIBUTION_CENTERS -> DistributionCenterRow.class;
            case PRODUCTS -> ProductRow.class;
            case USERS -> UserRow.class;
            case ORDERS -> OrderRow.class;
            case ORDER_ITEMS -> OrderItemRow.class;
            case INVENTORY_ITEMS -> InventoryItemRow.class;
            case EVENTS -> EventRow.class;
        };
    }
}
