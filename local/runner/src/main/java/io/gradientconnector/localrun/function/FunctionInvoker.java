package io.gradientconnector.localrun.function;

/** Invokes a function of the template by logical id with a JSON event, like {@code lambda:Invoke}. */
public interface FunctionInvoker {

    /** Blocks until the invocation ends; never throws for a failure of the function (see the result's status). */
    InvocationResult invoke(String logicalId, byte[] event);
}
