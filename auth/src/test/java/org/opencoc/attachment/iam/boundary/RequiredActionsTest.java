package org.opencoc.attachment.iam.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;

import org.junit.jupiter.api.Test;

class RequiredActionsTest {

    static class Resource {
        @RequiresAction(RequiresAction.DOWNLOAD_FILE)
        public void download() {
        }

        public void unannotated() {
        }
    }

    /** The filters {@link RequiredActions} registers for {@code method} of {@link Resource}. */
    private static List<Object> registeredFor(String method) throws NoSuchMethodException {
        Method resourceMethod = Resource.class.getMethod(method);
        ResourceInfo info = proxy(ResourceInfo.class, (name, args) -> name.equals("getResourceMethod") ? resourceMethod : null);
        List<Object> registered = new ArrayList<>();
        FeatureContext context = proxy(FeatureContext.class, (name, args) -> {
            registered.add(args[0]);
            return null;
        });
        new RequiredActions().configure(info, context);
        return registered;
    }

    /** A request whose properties live in a map. */
    private static ContainerRequestContext request(Map<String, Object> properties) {
        return proxy(ContainerRequestContext.class, (name, args) -> switch (name) {
            case "getProperty" -> properties.get((String) args[0]);
            case "setProperty" -> properties.put((String) args[0], args[1]);
            default -> null;
        });
    }

    @Test
    void annotatedMethodsRequestsNameItsAction() throws Exception {
        List<Object> registered = registeredFor("download");
        ContainerRequestContext request = request(new HashMap<>());

        ((ContainerRequestFilter) registered.get(0)).filter(request);

        assertThat(RequiredActions.of(request)).isEqualTo(RequiresAction.DOWNLOAD_FILE);
    }

    @Test
    void methodWithoutTheAnnotationGetsNoFilterSoItsRequestsNameNoAction() throws Exception {
        assertThat(registeredFor("unannotated")).isEmpty();
        assertThat(RequiredActions.of(request(new HashMap<>()))).isNull();
    }

    @Test
    void propertyThatIsNotAStringNamesNoAction() {
        Map<String, Object> properties = new HashMap<>();
        properties.put(RequiredActions.PROPERTY, new StringBuilder(RequiresAction.DOWNLOAD_FILE));

        assertThat(RequiredActions.of(request(properties))).isNull();
    }

    private interface Answer {
        Object answer(String method, Object[] args);
    }

    private static <T> T proxy(Class<T> type, Answer answer) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (self, method, args) -> method.getDeclaringClass() == Object.class ? null : answer.answer(method.getName(), args)));
    }
}
