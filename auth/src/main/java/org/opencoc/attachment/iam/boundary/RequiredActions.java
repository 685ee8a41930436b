package org.opencoc.attachment.iam.boundary;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.ext.Provider;

/**
 * Reads each resource method's {@link RequiresAction} once, when the application is built, and gives
 * the method a filter that puts the action into the request ({@link #PROPERTY}) for
 * {@link ActionAuthorizationFilter}. Reading it per request through an injected {@code ResourceInfo}
 * cost a context lookup of the injection framework on every call (seen in the JFR profile of a warm
 * 4 KiB GET). A method without the annotation gets no filter, so its requests carry no action and are
 * denied: nothing here can widen access.
 */
@Provider
public class RequiredActions implements DynamicFeature {

    /** The request property with the action the matched resource method names. */
    static final String PROPERTY = "org.opencoc.attachment.iam.requiredAction";

    @Override
    public void configure(ResourceInfo resource, FeatureContext context) {
        RequiresAction required = resource.getResourceMethod().getAnnotation(RequiresAction.class);
        if (required != null) {
            context.register(new Naming(required.value()), Priorities.AUTHORIZATION - 1);
        }
    }

    /** The action a request needs, or {@code null} when its method names none. */
    static String of(ContainerRequestContext request) {
        return request.getProperty(PROPERTY) instanceof String action ? action : null;
    }

    /** Names one method's action in its requests; its priority is the one {@link #configure} registers it with. */
    static final class Naming implements ContainerRequestFilter {

        private final String action;

        Naming(String action) {
            this.action = action;
        }

        @Override
        public void filter(ContainerRequestContext request) {
            request.setProperty(PROPERTY, action);
        }
    }
}
