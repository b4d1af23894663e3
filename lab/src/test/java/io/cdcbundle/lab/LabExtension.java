package io.cdcbundle.lab;

import io.cdcbundle.lab.db.LocalProcesses;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests the one {@link Lab} of this test run: started by the first test that asks for it, stopped when the
 * whole run ends, so the databases, broker and worker start once per run, not per test class.
 */
public final class LabExtension implements ParameterResolver {

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Lab.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(SharedLab.class, k -> SharedLab.start(), SharedLab.class).lab;
    }

    private record SharedLab(Lab lab) implements ExtensionContext.Store.CloseableResource {
        static SharedLab start() {
            try {
                // A random REST port: a lab the user left running on 8083 must not break the tests.
                return new SharedLab(Lab.start(LocalProcesses.freePort()));
            } catch (Exception e) {
                throw new IllegalStateException("The lab did not start: " + e.getMessage(), e);
            }
        }

        @Override
        public void close() throws Exception {
            lab.close();
        }
    }
}
