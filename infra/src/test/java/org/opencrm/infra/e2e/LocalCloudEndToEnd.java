package org.opencrm.infra.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.opencrm.infra.LocalCloud;
import org.opencrm.infra.LocalCloudOptions;
import org.opencrm.infra.TestSupport;

/**
 * An end-to-end test class with a local cloud of its own: `serve --in-memory` on a free port,
 * started once before the class's tests and stopped after them, and an API client for it.
 */
abstract class LocalCloudEndToEnd {

    static LocalCloud cloud;
    static ApiClient api;

    @BeforeAll
    static void startTheLocalCloud() throws Exception {
        cloud =
                LocalCloud.start(
                        LocalCloudOptions.forTests(
                                TestSupport.PROJECT_TEMPLATE.toAbsolutePath().normalize()));
        api = new ApiClient(cloud);
    }

    @AfterAll
    static void stopTheLocalCloud() throws Exception {
        cloud.close();
    }
}
