package io.inetpublish.common.test;

import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.core.MethodParameter;
import org.springframework.web.method.HandlerMethod;

/**
 * The names the API description gives the project's own types. springdoc names a type's schema by its simple name
 * (or its {@code @Schema(name)}) and keeps ONE schema per name: two types of the same name (say a plan's
 * {@code EnvironmentRef} and a rollout's) silently become one, and the description — and the web app's types generated
 * from it — say the wrong fields for one of them. {@link #clashes} finds such pairs among the types the endpoints take
 * and answer, and the types inside those (fields, record components, type arguments), before a reader does.
 */
public final class SchemaNames {

    private static final String OWN = "io.inetpublish.";

    private SchemaNames() {
    }

    /** Each schema name given to more than one of the project's types, with those types; empty when none is. */
    public static Map<String, Set<String>> clashes(Iterable<HandlerMethod> endpoints) {
        Deque<Type> toVisit = new ArrayDeque<>();
        for (HandlerMethod endpoint : endpoints) {
            Method method = endpoint.getMethod();
            toVisit.add(method.getGenericReturnType());
            for (int i = 0; i < method.getParameterCount(); i++) {
                toVisit.add(new MethodParameter(method, i).getGenericParameterType());
            }
        }
        Map<String, Set<String>> byName = new TreeMap<>();
        Set<Class<?>> seen = new HashSet<>();
        while (!toVisit.isEmpty()) {
            Type type = toVisit.poll();
            switch (type) {
                case ParameterizedType p -> {
                    toVisit.add(p.getRawType());
                    toVisit.addAll(List.of(p.getActualTypeArguments()));
                }
                case GenericArrayType a -> toVisit.add(a.getGenericComponentType());
                case WildcardType w -> toVisit.addAll(List.of(w.getUpperBounds()));
                case Class<?> c when c.isArray() -> toVisit.add(c.getComponentType());
                case Class<?> c when own(c) && seen.add(c) -> {
                    if (!c.isEnum() && !c.isInterface()) {
                        byName.computeIfAbsent(name(c), n -> new TreeSet<>()).add(c.getName());
                    }
                    inside(c, toVisit);
                }
                default -> {
                }
            }
        }
        byName.values().removeIf(types -> types.size() < 2);
        return byName;
    }

    private static boolean own(Class<?> c) {
        return c.getName().startsWith(OWN) && !c.isAnnotation();
    }

    private static String name(Class<?> c) {
        Schema schema = c.getAnnotation(Schema.class);
        return schema != null && !schema.name().isEmpty() ? schema.name() : c.getSimpleName();
    }

    /** What a type's schema is made of: its record components, or its instance fields and their types. */
    private static void inside(Class<?> c, Deque<Type> toVisit) {
        if (c.isRecord()) {
            for (RecordComponent component : c.getRecordComponents()) {
                toVisit.add(component.getGenericType());
            }
            return;
        }
        for (Class<?> k = c; k != null && own(k); k = k.getSuperclass()) {
            for (Field field : k.getDeclaredFields()) {
                if (!Modifier.isStatic(field.getModifiers())) {
                    toVisit.add(field.getGenericType());
                }
            }
        }
    }
}
