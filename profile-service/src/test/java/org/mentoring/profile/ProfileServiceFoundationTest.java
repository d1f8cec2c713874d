package org.mentoring.profile;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.mentoring.platform.testing.MentoringTestResource;
import org.mentoring.platform.testing.ServiceFoundationContract;

@QuarkusTest
@QuarkusTestResource(value = MentoringTestResource.class, initArgs = @ResourceArg(name = "service", value = "profile"))
class ProfileServiceFoundationTest extends ServiceFoundationContract {

    @Override
    protected String service() {
        return "profile";
    }
}
