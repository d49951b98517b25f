package org.opencrm.core.testing;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import io.soabase.recordbuilder.core.RecordBuilderGenerated;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.RecordComponent;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Finds constructors and methods of a module's main classes that take more than {@link #MAX}
 * parameters by position. A record's canonical constructor is exempt: its builder is the one place
 * calling it, by name. So are the builders RecordBuilder generates: their private all-components
 * constructor is how {@code builder(record)} copies a record, and no code of ours calls it.
 */
public final class PositionalParameters {

    /** The house rule's "about eight". */
    public static final int MAX = 8;

    private PositionalParameters() {}

    /**
     * Every offender among the classes compiled next to {@code anchor} (its module's main classes),
     * as {@code Class#member(n)}.
     */
    public static List<String> offenders(Class<?> anchor) {
        List<String> found = new ArrayList<>();
        Set<String> generated = generatedBuilders(classesRoot(anchor));
        for (Class<?> type : classesBeside(anchor)) {
            if (generated.contains(type.getName())) {
                continue;
            }
            Stream.concat(
                            Arrays.stream(type.getDeclaredConstructors()),
                            Arrays.stream(type.getDeclaredMethods()))
                    .filter(member -> !member.isSynthetic())
                    .filter(member -> member.getParameterCount() > MAX)
                    .filter(member -> !isCanonicalRecordConstructor(type, member))
                    .map(member -> type.getName() + "#" + member.getName())
                    .forEach(found::add);
        }
        return found;
    }

    private static boolean isCanonicalRecordConstructor(Class<?> type, Executable member) {
        if (!type.isRecord() || !(member instanceof Constructor<?>)) {
            return false;
        }
        Class<?>[] components =
                Arrays.stream(type.getRecordComponents())
                        .map(RecordComponent::getType)
                        .toArray(Class<?>[]::new);
        return Arrays.equals(components, member.getParameterTypes());
    }

    /**
     * The classes marked {@code @RecordBuilderGenerated}. That marker is class-retained, which
     * reflection cannot see (nor the source-retained {@code @Generated} beside it); ArchUnit reads
     * the class files themselves.
     */
    private static Set<String> generatedBuilders(Path root) {
        JavaClasses compiled = new ClassFileImporter().importPath(root);
        return compiled.stream()
                .filter(type -> type.isAnnotatedWith(RecordBuilderGenerated.class))
                .map(JavaClass::getName)
                .collect(Collectors.toUnmodifiableSet());
    }

    private static List<Class<?>> classesBeside(Class<?> anchor) {
        Path root = classesRoot(anchor);
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(file -> file.toString().endsWith(".class"))
                    .<Class<?>>map(file -> load(root, file, anchor.getClassLoader()))
                    .toList();
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }

    private static Path classesRoot(Class<?> anchor) {
        try {
            return Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static Class<?> load(Path root, Path file, ClassLoader loader) {
        String relative = root.relativize(file).toString();
        String name =
                relative.substring(0, relative.length() - ".class".length())
                        .replace(file.getFileSystem().getSeparator(), ".");
        try {
            return Class.forName(name, false, loader);
        } catch (ClassNotFoundException vanished) {
            throw new IllegalStateException(vanished);
        }
    }
}
