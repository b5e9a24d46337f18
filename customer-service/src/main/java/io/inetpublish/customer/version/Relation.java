package io.inetpublish.customer.version;

import io.inetpublish.common.version.VersionOrder;

/** How an installed version stands against the component's mainline version, by {@link VersionOrder}. */
public enum Relation {
    BEHIND, EQUAL, AHEAD, UNKNOWN;

    public static Relation of(String version, String mainline) {
        if (version == null || mainline == null) {
            return UNKNOWN;
        }
        int c = VersionOrder.INSTANCE.compare(version, mainline);
        return c < 0 ? BEHIND : c == 0 ? EQUAL : AHEAD;
    }

    /** The same decision in SQL over two stored sort-key columns (both {@code collate "C"}). */
    public static String sql(String sortKeyColumn, String mainlineSortKeyColumn) {
        return "case when " + sortKeyColumn + " is null or " + mainlineSortKeyColumn + " is null then 'UNKNOWN'"
                + " when " + sortKeyColumn + " < " + mainlineSortKeyColumn + " then 'BEHIND'"
                + " when " + sortKeyColumn + " = " + mainlineSortKeyColumn + " then 'EQUAL' else 'AHEAD' end";
    }
}
