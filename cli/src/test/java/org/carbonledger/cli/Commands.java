package org.carbonledger.cli;

import java.lang.reflect.Constructor;

import org.carbonledger.cli.common.CliContext;
import picocli.CommandLine;

/** Builds one command as carbonctl does (its context, its mixins) and parses its arguments, so a test can run it. */
public final class Commands {
    private Commands() {
    }

    public static <T> T parsed(Class<T> type, CliContext ctx, String... args) {
        CommandLine.IFactory factory = new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> cls) throws Exception {
                try {
                    Constructor<K> c = cls.getDeclaredConstructor(CliContext.class);
                    c.setAccessible(true);
                    return c.newInstance(ctx);
                } catch (NoSuchMethodException e) {
                    return CommandLine.defaultFactory().create(cls);
                }
            }
        };
        try {
            T command = factory.create(type);
            new CommandLine(command, factory).parseArgs(args);
            return command;
        } catch (Exception e) {
            throw new IllegalStateException("cannot build " + type.getSimpleName(), e);
        }
    }
}
