package org.slf4j.impl;

import io.gradientconnector.lambda.Slf4jJsonLogger;
import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;
import org.slf4j.spi.LoggerFactoryBinder;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The SLF4J 1.7 binding (the AWS SDK's slf4j-api version; 1.7 finds its binding by this class name): every logger
 * writes JSON lines through {@link io.gradientconnector.lambda.JsonLogging}.
 */
public final class StaticLoggerBinder implements LoggerFactoryBinder {
    private static final StaticLoggerBinder SINGLETON = new StaticLoggerBinder();

    /** Read by SLF4J to check compatibility; mutable by its contract. */
    public static String REQUESTED_API_VERSION = "1.6.99";

    private final ILoggerFactory factory = new Factory();

    private StaticLoggerBinder() {
    }

    public static StaticLoggerBinder getSingleton() {
        return SINGLETON;
    }

    @Override
    public ILoggerFactory getLoggerFactory() {
        return factory;
    }

    @Override
    public String getLoggerFactoryClassStr() {
        return Factory.class.getName();
    }

    private static final class Factory implements ILoggerFactory {
        private final ConcurrentMap<String, Logger> loggers = new ConcurrentHashMap<>();

        @Override
        public Logger getLogger(String name) {
            return loggers.computeIfAbsent(name, Slf4jJsonLogger::new);
        }
    }
}
