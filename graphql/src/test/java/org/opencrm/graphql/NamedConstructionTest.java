package org.opencrm.graphql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.opencrm.core.testing.PositionalParameters;

class NamedConstructionTest {

    @Test
    void noConstructorOrMethodOfGraphql_takesMoreThanEightPositionalParameters() {
        // GIVEN graphql's main classes, WHEN their constructors and methods are counted
        List<String> offenders = PositionalParameters.offenders(CrmGraphql.class);

        // THEN only a record's canonical constructor (called by its builder) may take more
        assertEquals(List.of(), offenders);
    }
}
