using InfoDisclosure.Workflow.Access;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;

namespace InfoDisclosure.Functions;

/// <summary>The Functions app's counterpart of the local host's header middleware: the same <see cref="SecurityHeaders"/> on every HTTP response.</summary>
internal sealed class SecurityHeadersMiddleware : IFunctionsWorkerMiddleware
{
    public Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        if (context.GetHttpContext() is { } http) SecurityHeaders.Register(http);
        return next(context);
    }
}
